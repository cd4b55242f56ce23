// weft::panic — Go's run-time panic as a C++ exception.
//
// Misusing a primitive the way Go forbids (sending on a closed channel, closing a closed or
// nil channel, ...) throws weft::panic with the message Go's runtime prints, so a program that
// ported from Go fails the same way and a test can match on the text.
//
// A panic that escapes a task is fatal for the whole program, as in Go: the production runtime
// prints it with the task's origin and exits with status 2. The model checker reports it as a
// finding with the interleaving that led to it.
#pragma once

#include <stdexcept>
#include <string>

namespace weft {

class panic : public std::runtime_error {
 public:
  explicit panic(const std::string& message) : std::runtime_error(message) {}
  explicit panic(const char* message) : std::runtime_error(message) {}
};

// The messages, spelled as Go spells them.
namespace panic_message {
inline constexpr const char* send_on_closed = "send on closed channel";
inline constexpr const char* close_of_closed = "close of closed channel";
inline constexpr const char* close_of_nil = "close of nil channel";
inline constexpr const char* makechan_size = "makechan: size out of range";
}  // namespace panic_message

}  // namespace weft
