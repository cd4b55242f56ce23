#include "path.h"

namespace weft::harness {

std::string Path::token() const {
  std::string t = release_points ? "p" : "";
  for (std::size_t i = 0; i < taken.size(); ++i) {
    if (i > 0) t += '.';
    t += std::to_string(taken[i]);
  }
  if (taken.empty()) t += '-';
  return t;
}

std::optional<Path> Path::parse(const std::string& text) {
  Path p;
  std::string token = text;
  if (!token.empty() && token.front() == 'p') {
    p.release_points = true;
    token.erase(0, 1);
  }
  if (token == "-") return p;
  if (token.empty() || token.back() == '.') return std::nullopt;
  std::size_t start = 0;
  while (start <= token.size()) {
    std::size_t end = token.find('.', start);
    if (end == std::string::npos) end = token.size();
    const std::string part = token.substr(start, end - start);
    if (part.empty() || part.size() > 9 || part.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    p.taken.push_back(std::stoul(part));
    start = end + 1;
  }
  return p;
}

}  // namespace weft::harness
