// The context tree. Each cancelable context has a CancelState; a value context shares its
// parent's. A CancelState registers with its nearest cancelable ancestor, which cancels it
// along with itself.
//
// Invariants (fields guarded by CancelState::lock):
//   - err goes from none to canceled or deadline_exceeded once, and done is closed right after.
//   - A state is in its parent's `children` only while both are uncanceled.
//   - Locks are taken parent before child, never the other way; cancel() runs the children's
//     cancel() and the callbacks with no lock held.
#include "weft/context.h"

#include <functional>
#include <unordered_map>
#include <vector>

#include "weft/rt/internal_lock.h"

namespace weft {

namespace detail {

struct CancelState : std::enable_shared_from_this<CancelState> {
  chan<empty> done = make_chan<empty>();
  rt::InternalLock lock;
  context_error err WEFT_GUARDED_BY(lock) = context_error::none;
  std::weak_ptr<CancelState> parent WEFT_GUARDED_BY(lock);
  std::unordered_map<CancelState*, std::shared_ptr<CancelState>> children WEFT_GUARDED_BY(lock);
  std::vector<std::function<void()>> on_cancel WEFT_GUARDED_BY(lock);
  std::optional<rt::TimerId> timer WEFT_GUARDED_BY(lock);
  std::shared_ptr<void> keep_alive;  // set once at creation (with_stop_token's stop_callback)

  context_error error() {
    rt::InternalLockGuard guard(lock);
    return err;
  }

  // Registers `child` to be canceled with this state (or cancels it now if this one is).
  void adopt(const std::shared_ptr<CancelState>& child) {
    context_error already;
    {
      rt::InternalLockGuard guard(lock);
      already = err;
      if (already == context_error::none) {
        children.emplace(child.get(), child);
        rt::InternalLockGuard child_guard(child->lock);
        child->parent = weak_from_this();
      }
    }
    if (already != context_error::none) child->cancel(already, false);
  }

  // Runs `f` once this state is canceled (now, if it already is).
  void when_canceled(std::function<void()> f) {
    {
      rt::InternalLockGuard guard(lock);
      if (err == context_error::none) {
        on_cancel.push_back(std::move(f));
        return;
      }
    }
    f();
  }

  void cancel(context_error why, bool detach_from_parent) {
    std::unordered_map<CancelState*, std::shared_ptr<CancelState>> to_cancel;
    std::vector<std::function<void()>> callbacks;
    std::optional<rt::TimerId> pending_timer;
    std::shared_ptr<CancelState> parent_state;
    {
      rt::InternalLockGuard guard(lock);
      if (err != context_error::none) return;
      err = why;
      to_cancel.swap(children);
      callbacks.swap(on_cancel);
      pending_timer.swap(timer);
      parent_state = parent.lock();
    }
    if (pending_timer) rt::stop_timer(*pending_timer);
    done.close();
    for (auto& [raw, child] : to_cancel) child->cancel(why, false);
    for (auto& f : callbacks) f();
    if (detach_from_parent && parent_state != nullptr) {
      rt::InternalLockGuard guard(parent_state->lock);
      parent_state->children.erase(this);
    }
  }
};

struct ContextNode {
  std::shared_ptr<const ContextNode> parent;
  std::shared_ptr<CancelState> cancel;  // nearest cancelable (own or inherited); null: never
  std::optional<time_point> deadline;   // own or inherited
  const void* key = nullptr;            // with_value's key, or null
  std::shared_ptr<const void> value;
};

}  // namespace detail

const char* to_string(context_error e) noexcept {
  switch (e) {
    case context_error::none: return "";
    case context_error::canceled: return "context canceled";
    case context_error::deadline_exceeded: return "context deadline exceeded";
  }
  return "";
}

namespace {
const std::shared_ptr<const detail::ContextNode>& root() {
  static const auto* node = new std::shared_ptr<const detail::ContextNode>(
      std::make_shared<detail::ContextNode>());
  return *node;
}
}  // namespace

context background() { return context(root()); }
context todo() { return context(root()); }

recv_only<empty> context::done() const {
  return node_->cancel != nullptr ? recv_only<empty>(node_->cancel->done) : recv_only<empty>();
}

context_error context::err() const {
  return node_->cancel != nullptr ? node_->cancel->error() : context_error::none;
}

std::optional<time_point> context::deadline() const { return node_->deadline; }

const void* context::find_value(const void* key) const {
  for (const detail::ContextNode* n = node_.get(); n != nullptr; n = n->parent.get()) {
    if (n->key == key) return n->value.get();
  }
  return nullptr;
}

void cancel_func::operator()() const {
  if (state_ != nullptr) state_->cancel(context_error::canceled, true);
}

context context_factory::make_value(const context& parent, const void* key,
                                    std::shared_ptr<const void> v) {
  auto node = std::make_shared<detail::ContextNode>();
  node->parent = parent.node_;
  node->cancel = parent.node_->cancel;
  node->deadline = parent.node_->deadline;
  node->key = key;
  node->value = std::move(v);
  return context(std::move(node));
}

std::pair<context, cancel_func> context_factory::make_cancel(const context& parent,
                                                             std::optional<time_point> deadline) {
  auto state = std::make_shared<detail::CancelState>();
  auto node = std::make_shared<detail::ContextNode>();
  node->parent = parent.node_;
  node->cancel = state;
  node->deadline = deadline ? deadline : parent.node_->deadline;
  if (parent.node_->cancel != nullptr) parent.node_->cancel->adopt(state);
  if (deadline) {
    if (*deadline <= rt::now()) {
      state->cancel(context_error::deadline_exceeded, true);
    } else {
      rt::InternalLockGuard guard(state->lock);
      if (state->err == context_error::none) {
        state->timer = rt::start_timer(
            *deadline, rt::make_work([weak = std::weak_ptr<detail::CancelState>(state)] {
              if (auto s = weak.lock()) s->cancel(context_error::deadline_exceeded, true);
            }));
      }
    }
  }
  return {context(std::move(node)), cancel_func(std::move(state))};
}

std::pair<context, cancel_func> with_cancel(const context& parent) {
  return context_factory::make_cancel(parent, std::nullopt);
}

std::pair<context, cancel_func> with_deadline(const context& parent, time_point deadline) {
  if (auto inherited = parent.deadline(); inherited && *inherited <= deadline) {
    return with_cancel(parent);  // the parent's sooner deadline already applies
  }
  return context_factory::make_cancel(parent, deadline);
}

std::pair<context, cancel_func> with_timeout(const context& parent, duration timeout) {
  return with_deadline(parent, rt::now() + timeout);
}

std::stop_token to_stop_token(const context& ctx) {
  const auto& state = context_factory::node(ctx)->cancel;
  if (state == nullptr) return std::stop_token();  // never canceled: stop is not possible
  auto source = std::make_shared<std::stop_source>();
  state->when_canceled([source] { source->request_stop(); });
  return source->get_token();
}

namespace {
struct CancelOnStop {
  std::weak_ptr<detail::CancelState> state;
  void operator()() const {
    if (auto s = state.lock()) s->cancel(context_error::canceled, true);
  }
};
}  // namespace

std::pair<context, cancel_func> with_stop_token(const context& parent, std::stop_token token) {
  auto result = with_cancel(parent);
  const auto& state = context_factory::node(result.first)->cancel;
  // Lives as long as the state; if stop was already requested it cancels right here.
  state->keep_alive =
      std::make_shared<std::stop_callback<CancelOnStop>>(std::move(token), CancelOnStop{state});
  return result;
}

}  // namespace weft
