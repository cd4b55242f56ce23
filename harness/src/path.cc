#include "path.h"

namespace weft::harness {

std::string Path::token() const {
  std::string t;
  for (std::size_t k : taken) {
    if (!t.empty()) t += '.';
    t += std::to_string(k);
  }
  return t.empty() ? "-" : t;
}

std::optional<Path> Path::parse(const std::string& token) {
  Path p;
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
