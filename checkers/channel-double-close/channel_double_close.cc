// weft-channel-double-close: a path that closes a channel it already closed ("close of closed
// channel"), and a close by a function that only receives from the channel it was given (the
// sender owns the close).
#include <map>

#include "checkers/common/chan_flow.h"
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
        reporter_.report("weft-channel-double-close", *r.SourceManager, e.at,
                         "'" + e.name + "' is closed again on a path that already closed it; a "
                         "close of a closed channel panics (close once, in the owner; a Once "
                         "if several paths may close)",
                         notes);
      } else if (isa<ParmVarDecl>(e.var) && receives[e.var] > 0 && sends[e.var] == 0) {
        reporter_.report("weft-channel-double-close", *r.SourceManager, e.at,
                         "'" + e.name + "' is a channel this function was given and only "
                         "receives from, yet it closes it; its owner (the sender) closes it too, "
                         "or sends after this close — a panic either way (let the owner close; "
                         "take a recv_only view so that a close does not compile)");
      }
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_channel_double_close(Reporter& r) {
  return std::make_unique<ChannelDoubleClose>(r);
}
}  // namespace weft::vet
