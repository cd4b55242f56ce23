// Progress: a line on stderr while a long run analyses its files, so a CI log shows that
// weft-vet is working and how far it got. On a terminal one line rewritten four times a second
// after the first second; elsewhere a new line every five seconds. Off with --quiet. Thread-safe.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <mutex>

#include <llvm/Support/raw_ostream.h>

namespace weft::vet {

class Progress {
 public:
  Progress(bool on, std::size_t files)
      : on_(on), terminal_(::isatty(STDERR_FILENO) == 1), files_(files) {}
  ~Progress() {
    if (shown_ && terminal_) llvm::errs() << "\r\033[K";
  }
  // One more file analysed; `findings` so far.
  void file_done(std::size_t findings) {
    if (!on_) return;
    std::lock_guard<std::mutex> hold(mu_);
    ++done_;
    const auto now = Clock::now();
    const auto first = terminal_ ? std::chrono::seconds(1) : std::chrono::seconds(5);
    const auto every = terminal_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
    if (now - start_ < first || now - last_ < every || done_ == files_) return;
    last_ = now;
    shown_ = true;
    const double s = std::chrono::duration<double>(now - start_).count();
    llvm::errs() << (terminal_ ? "\r" : "") << "weft-vet: " << done_ << "/" << files_
                 << " files analysed, " << findings << " findings so far, "
                 << static_cast<long>(s) << " s" << (terminal_ ? "\033[K" : "\n");
    llvm::errs().flush();
  }

 private:
  using Clock = std::chrono::steady_clock;
  const bool on_;
  const bool terminal_;
  const std::size_t files_;
  std::mutex mu_;
  std::size_t done_ = 0;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
};

}  // namespace weft::vet
