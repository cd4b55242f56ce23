// weft-nil-channel-op: a blocking send, receive or range on a channel handle that is still nil
// (default-constructed, never made) on every path reaching it, and a select without default
// whose every case is such a handle. Both block for ever.
#include "checkers/common/chan_flow.h"
#include "checkers/common/function_check.h"

namespace weft::vet {
namespace {

using namespace clang;

class NilChannelOp : public FunctionCheck {
 public:
  using FunctionCheck::FunctionCheck;

 protected:
  void on_function(const ast_matchers::MatchFinder::MatchResult& r,
                   const FunctionDecl& function) override {
    for (const ChanEvent& e : chan_flow(*r.Context, function).events) {
      if (e.kind == ChanEvent::Kind::select_all) {
        bool all_nil = true;
        for (ChanMask m : e.cases) all_nil &= always_chan(m, kNil);
        if (!all_nil) continue;
        report(*r.SourceManager, e.at,
                         "every case of this select is a nil channel and it has no default "
                         "case; a nil channel is never ready, so the select blocks for ever "
                         "(make the channels with make_chan, or add a case that can fire)");
        continue;
      }
      if ((e.kind != ChanEvent::Kind::send && e.kind != ChanEvent::Kind::receive) || !e.blocking ||
          !always_chan(e.before, kNil)) {
        continue;
      }
      const std::string op = e.kind == ChanEvent::Kind::send ? "a send on" : "a receive from";
      report(*r.SourceManager, e.at,
                       op + " '" + e.name + "', which is still a nil channel here "
                       "(default-constructed, never made); it blocks for ever (make it with "
                       "weft::make_chan first)",
                       {{e.var->getLocation(), "'" + e.name + "' is declared here without a channel"}});
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_nil_channel_op(TuContext& tu) {
  return std::make_unique<NilChannelOp>(tu);
}
}  // namespace weft::vet
