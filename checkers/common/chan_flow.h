// Channel state along every path of a function: a forward dataflow over Clang's CFG that follows
// weft channel handles (chan, send_only, recv_only) held in local variables and parameters
// through make_chan, default construction (nil), assignment, close, and the operations on them.
// The channel checks (channel-double-close, send-after-close, nil-channel-op) read its events.
//
// A handle is followed only while this function alone can change it: one captured by reference
// by a lambda, passed by non-const reference or pointer, or reached through anything but a local
// or parameter is not followed. A lambda's handles captured by copy start in the state they had
// where the lambda was made (its creator's flow), unless the lambda is mutable. A handle copied
// from a channel field that nothing in the translation unit ever makes (no initializer in the
// class or its constructors, never assigned, never aggregate-initialized, of a class defined in
// the main file) is nil. A closed channel stays closed, so "closed" facts do not depend
// on other tasks. As with locks, a check reports what holds on every path reaching a point.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace weft::vet {

enum ChanBit : std::uint8_t { kNil = 1, kOpen = 2, kClosed = 4 };
using ChanMask = std::uint8_t;
constexpr ChanMask kAnyChan = kNil | kOpen | kClosed;

struct ChanEvent {
  enum class Kind {
    close,
    send,        // send, try_send, or a select's send case
    receive,     // recv, try_recv, a range, a select's receive case
    select_all,  // a select without default whose every case is on a followed handle
    exit,        // a path leaves the function (return, throw, the closing brace)
  };
  Kind kind;
  clang::SourceLocation at;
  std::string name;          // the handle, for people
  const clang::VarDecl* var = nullptr;
  bool blocking = true;      // false: try_send / try_recv / a select case
  ChanMask before = kAnyChan;
  std::vector<ChanMask> cases;  // select_all: each case's state
  clang::SourceLocation closed_at;  // where this path closed it (the first close seen)
  std::vector<const clang::VarDecl*> closed;  // exit: handles some path reaching it closed
};

struct ChanFlow {
  std::vector<ChanEvent> events;
  // For each lambda made in the function (by its class): the state of every handle it captures
  // by copy, where it is made. A lambda's own flow starts from these.
  std::map<const clang::CXXRecordDecl*, std::map<const clang::VarDecl*, ChanMask>> captured;
};

const ChanFlow& chan_flow(clang::ASTContext& context, const clang::FunctionDecl& function);

// Whether a type is a weft channel handle (chan, send_only, recv_only), or a reference to one.
bool is_chan_type(clang::QualType t);

inline bool always_chan(ChanMask mask, ChanMask states) {
  return mask != 0 && (mask & ~states) == 0;
}

}  // namespace weft::vet
