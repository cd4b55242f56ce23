// weft-send-after-close: a path on which a send (send, try_send, or a select's send case)
// follows a close of the same channel — "send on closed channel".
#include "checkers/common/chan_flow.h"
#include "checkers/common/function_check.h"

namespace weft::vet {
namespace {

using namespace clang;

class SendAfterClose : public FunctionCheck {
 public:
  using FunctionCheck::FunctionCheck;

 protected:
  void on_function(const ast_matchers::MatchFinder::MatchResult& r,
                   const FunctionDecl& function) override {
    for (const ChanEvent& e : chan_flow(*r.Context, function).events) {
      if (e.kind != ChanEvent::Kind::send || !always_chan(e.before, kClosed)) continue;
      std::vector<std::pair<SourceLocation, std::string>> notes;
      if (e.closed_at.isValid()) notes.emplace_back(e.closed_at, "'" + e.name + "' is closed here");
      report(*r.SourceManager, e.at,
                       "a send on '" + e.name + "' after this path closed it; a send on a "
                       "closed channel panics, even a try_send or a select's send case (close "
                       "after the last send)",
                       notes);
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_send_after_close(TuContext& tu) {
  return std::make_unique<SendAfterClose>(tu);
}
}  // namespace weft::vet
