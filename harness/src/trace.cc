#include "trace.h"

#include <string_view>

namespace weft::harness {

void Trace::clear() {
  steps_.clear();
  objects_.clear();
  numbers_.clear();
  numbered_objects_.clear();
  made_at_.clear();
  names_.clear();
  numbered_ = 0;
}

void Trace::made(rt::ObjectId id, std::source_location where) {
  names_.erase(id);  // a new object at the address of one gone
  // Made through the standard library (std::make_shared, a container's emplace): the place
  // would be a line of its headers, which says nothing to the reader.
  const std::string_view file = where.file_name();
  if (file.find("/include/c++/") != std::string_view::npos) {
    made_at_.erase(id);
    return;
  }
  made_at_[id] = where;
}

void Trace::named(rt::ObjectId id, std::string_view name) { names_[id] = std::string(name); }

std::vector<std::string> Trace::legend() const {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < numbered_objects_.size(); ++i) {
    const rt::ObjectId id = numbered_objects_[i];
    auto where = made_at_.find(id);
    if (where == made_at_.end()) continue;
    auto name = names_.find(id);
    lines.push_back((name != names_.end() ? name->second : "#" + std::to_string(i + 1)) +
                    ": made at " + where->second.file_name() + ":" +
                    std::to_string(where->second.line()));
  }
  return lines;
}

void Trace::add(int task, What what, const rt::Op& op) {
  Step s{task, what, op.kind, static_cast<std::uint32_t>(objects_.size()), 0, !op.objects.empty(),
         op.where, {}};
  if (op.objects.empty()) {
    objects_.push_back(op.object);
    s.object_count = 1;
  } else {
    objects_.insert(objects_.end(), op.objects.begin(), op.objects.end());
    s.object_count = static_cast<std::uint32_t>(op.objects.size());
  }
  steps_.push_back(std::move(s));
}

void Trace::text(int task, std::string what) {
  steps_.push_back(Step{task, What::text, rt::OpKind::spawn, 0, 0, false, {}, std::move(what)});
}

void Trace::number_up_to_now() {
  for (; numbered_ < steps_.size(); ++numbered_) {
    const Step& s = steps_[numbered_];
    for (std::uint32_t i = 0; i < s.object_count; ++i) {
      const rt::ObjectId id = objects_[s.first_object + i];
      if (id != 0 && numbers_.emplace(id, static_cast<int>(numbers_.size()) + 1).second) {
        numbered_objects_.push_back(id);
      }
    }
  }
}

std::string Trace::number(rt::ObjectId id) {
  number_up_to_now();
  auto [it, added] = numbers_.emplace(id, static_cast<int>(numbers_.size()) + 1);
  if (added) numbered_objects_.push_back(id);
  if (auto name = names_.find(id); name != names_.end()) return " " + name->second;
  return " #" + std::to_string(it->second);
}

namespace {
bool on_a_channel(rt::OpKind k) {
  return k == rt::OpKind::chan_send || k == rt::OpKind::chan_recv || k == rt::OpKind::chan_close;
}
std::string at(std::source_location where) {
  return std::string(" at ") + where.file_name() + ":" + std::to_string(where.line());
}
}  // namespace

std::string Trace::describe(const rt::Op& op) {
  std::string s = rt::to_string(op.kind);
  if (!op.objects.empty()) {
    for (rt::ObjectId id : op.objects) s += id != 0 ? number(id) : std::string(" nil");
  } else if (op.object != 0) {
    s += number(op.object);
  } else if (on_a_channel(op.kind)) {
    s += " nil";
  }
  return s + at(op.where);
}

std::string Trace::describe(const Step& step) {
  std::string s = rt::to_string(step.kind);
  for (std::uint32_t i = 0; i < step.object_count; ++i) {
    const rt::ObjectId id = objects_[step.first_object + i];
    if (id != 0) {
      s += number(id);
    } else if (step.many || on_a_channel(step.kind)) {
      s += " nil";
    }
  }
  return s + at(step.where);
}

std::vector<TraceStep> Trace::render(const std::function<std::string(int)>& task_name) {
  std::vector<TraceStep> out;
  out.reserve(steps_.size());
  for (const Step& s : steps_) {
    TraceStep step;
    if (s.task != kNoTask) step.lane = task_name(s.task);
    switch (s.what) {
      case What::op: step.what = describe(s); break;
      case What::blocks:
        step.what = "blocks in " + describe(s);
        step.blocks = true;
        break;
      case What::text: step.what = s.text; break;
    }
    out.push_back(std::move(step));
  }
  return out;
}

std::string Trace::line(const TraceStep& step) {
  return step.lane.empty() ? step.what : step.lane + ": " + step.what;
}

}  // namespace weft::harness
