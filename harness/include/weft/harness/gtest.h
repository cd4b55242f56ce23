// GoogleTest glue: a test states its program and what exploring it must find.
//
//   TEST(Counter, MutexMakesItSafe) {
//     EXPECT_TRUE(weft::harness::proves_clean([] { ... }));
//   }
//   TEST(Counter, LostUpdate) {
//     EXPECT_TRUE(weft::harness::finds(weft::harness::Verdict::assertion, [] { ... }));
//   }
//
// On failure the gtest message is the harness's whole report: verdict, trace, replay token. With
// WEFT_HTML_DIR set, a failing test's finding is also written as <dir>/<Suite.Test>.html (one lane
// per task; Report::to_html) and the message says where.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>

#include "weft/harness/explore.h"

namespace weft::harness {

namespace detail {
// The options, named after the running test (for WEFT_REPLAY=Suite.Test:token) unless named.
inline Options for_this_test(Options o) {
  if (o.name.empty()) {
    if (const auto* t = ::testing::UnitTest::GetInstance()->current_test_info()) {
      o.name = std::string(t->test_suite_name()) + "." + t->name();
    }
  }
  return o;
}

// The report for a failure message, and its HTML page written when WEFT_HTML_DIR asks for it.
inline std::string failure_text(const Report& r) {
  std::string text = r.to_string();
  const char* dir = std::getenv("WEFT_HTML_DIR");
  if (dir == nullptr || *dir == '\0' || r.steps.empty()) return text;
  const std::string path =
      std::string(dir) + "/" + (r.program.empty() ? std::string("finding") : r.program) + ".html";
  std::ofstream out(path);
  out << r.to_html();
  out.close();
  text += out ? "trace as HTML: " + path + "\n" : "could not write the HTML trace to " + path + "\n";
  return text;
}
}  // namespace detail

// No finding within the budget (the search need not have covered every schedule).
inline ::testing::AssertionResult explores_clean(const std::function<void()>& program,
                                                 const Options& options = {}) {
  const Report r = explore(program, detail::for_this_test(options));
  if (r.verdict == Verdict::ok) return ::testing::AssertionSuccess() << r.to_string();
  return ::testing::AssertionFailure() << "expected no finding, got:\n" << detail::failure_text(r);
}

// No finding on any schedule: the search was exhaustive.
inline ::testing::AssertionResult proves_clean(const std::function<void()>& program,
                                               const Options& options = {}) {
  const Report r = explore(program, detail::for_this_test(options));
  if (r.verdict != Verdict::ok) {
    return ::testing::AssertionFailure() << "expected no finding, got:\n" << detail::failure_text(r);
  }
  if (!r.exhaustive) {
    return ::testing::AssertionFailure()
           << "no finding, but the search was not exhaustive:\n" << r.to_string();
  }
  return ::testing::AssertionSuccess() << r.to_string();
}

// Exploring finds `expected` (and not some other finding first).
inline ::testing::AssertionResult finds(Verdict expected, const std::function<void()>& program,
                                        const Options& options = {}) {
  const Report r = explore(program, detail::for_this_test(options));
  if (r.verdict == expected) return ::testing::AssertionSuccess() << r.to_string();
  return ::testing::AssertionFailure() << "expected a " << to_string(expected)
                                       << " finding, got:\n" << detail::failure_text(r);
}

}  // namespace weft::harness
