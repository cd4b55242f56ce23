// Path: the choices one execution made, and the replay token that spells them.
//
// Every choice with two or more options (which candidate makes the next event, which ready
// case a select takes) is one number, the option taken. Choices with one option are not
// written down. Token: the numbers dot-separated ("0.1.0.2"), "-" for none, after a "p" if
// every unlock was a scheduling point (Options::release_points). The same program and the same
// token give the same execution.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace weft::harness {

struct Path {
  std::vector<std::size_t> taken;
  bool release_points = false;  // recorded with Options::release_points on

  std::string token() const;
  static std::optional<Path> parse(const std::string& token);
};

}  // namespace weft::harness
