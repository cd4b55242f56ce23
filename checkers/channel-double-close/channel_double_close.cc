// weft-channel-double-close: a path that closes a channel it already closed ("close of closed
// channel"), a close by a function that only receives from the channel it was given (the
// sender owns the close), and a method that closes its object's channel on every call called
// twice on one object (close_per_call.h).
#include <map>

#include "checkers/common/chan_flow.h"
#include "close_per_call.h"
#include "checkers/common/function_check.h"

namespace weft::vet {
namespace {

using namespace clang;

class ChannelDoubleClose : public FunctionCheck {
 public:
  using FunctionCheck::FunctionCheck;

 protected:
  void on_function(const ast_matchers::MatchFinder::MatchResult& r,
                   const FunctionDecl& function) override {
    const ChanFlow& flow = chan_flow(*r.Context, function);
    std::map<const VarDecl*, int> sends, receives;
    for (const ChanEvent& e : flow.events) {
      if (e.kind == ChanEvent::Kind::send) ++sends[e.var];
      if (e.kind == ChanEvent::Kind::receive) ++receives[e.var];
    }
    for (const ChanEvent& e : flow.events) {
      if (e.kind != ChanEvent::Kind::close) continue;
      if (always_chan(e.before, kClosed)) {
        std::vector<std::pair<SourceLocation, std::string>> notes;
        if (e.closed_at.isValid()) notes.emplace_back(e.closed_at, "'" + e.name + "' is closed here first");
        report(*r.SourceManager, e.at,
                         "'" + e.name + "' is closed again on a path that already closed it; a "
                         "close of a closed channel panics (close once, in the owner; a Once "
                         "if several paths may close)",
                         notes);
      } else if (isa<ParmVarDecl>(e.var) && receives[e.var] > 0 && sends[e.var] == 0) {
        report(*r.SourceManager, e.at,
                         "'" + e.name + "' is a channel this function was given and only "
                         "receives from, yet it closes it; its owner (the sender) closes it too, "
                         "or sends after this close — a panic either way (let the owner close; "
                         "take a recv_only view so that a close does not compile)");
      }
    }
    const auto* method = dyn_cast<CXXMethodDecl>(&function);
    if (method != nullptr && method->getParent()->isLambda()) return;  // with its creator
    for (const CloseTwice& t : close_per_call_twice(function)) {
      report(*r.SourceManager, t.close,
                       "'" + t.method + "' closes '" + t.channel + "' on every call, and '" +
                           t.object + "." + t.method + "()' runs twice (both calls are "
                           "unconditional, here or in a task sharing '" + t.object + "'); the "
                           "second close of a closed channel panics (close through a Once, or "
                           "let one owner stop it)",
                       {{t.first, "'" + t.object + "." + t.method + "()' is called here"},
                        {t.second, "and here"}});
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_channel_double_close(TuContext& tu) {
  return std::make_unique<ChannelDoubleClose>(tu);
}
}  // namespace weft::vet
