// Trace: what one execution did, step by step — recorded compactly as it happens (a few
// words per step, no text), and turned into lines only when a report needs them.
//
// Objects are numbered in the order the trace first names them ("lock #3"), or called by the
// name weft::name gave them ("lock accounts"); describe() and number() name them the same way,
// so a finding's message and its trace agree. legend() says where each was made.
#pragma once

#include <cstdint>
#include <functional>
#include <source_location>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "weft/harness/explore.h"
#include "weft/rt/runtime.h"

namespace weft::harness {

class Trace {
 public:
  static constexpr int kNoTask = -1;  // a line not said by a task ("a timer fires")

  void clear();
  void op(int task, const rt::Op& op) { add(task, What::op, op); }
  void blocks(int task, const rt::Op& op) { add(task, What::blocks, op); }
  void text(int task, std::string what);

  // "send #1 at file.cc:12": the operation, its objects numbered as the trace numbers them.
  std::string describe(const rt::Op& op);
  std::string number(rt::ObjectId id);  // " #3", or " accounts" for an object weft::name named
  // Where id was made (not kept if that is inside the standard library's headers).
  void made(rt::ObjectId id, std::source_location where);
  void named(rt::ObjectId id, std::string_view name);
  // "#3: a channel made at file.cc:12", for each object named so far whose making was seen.
  std::vector<std::string> legend() const;

  std::vector<TraceStep> render(const std::function<std::string(int)>& task_name);
  static std::string line(const TraceStep& step);  // "task 1: send #1 at file.cc:12"

 private:
  enum class What : std::uint8_t { op, blocks, text };
  struct Step {
    int task;
    What what;
    rt::OpKind kind;
    std::uint32_t first_object;  // in objects_
    std::uint32_t object_count;
    bool many;                   // the op named its objects as a list (a select)
    std::source_location where;
    std::string text;
  };
  void add(int task, What what, const rt::Op& op);
  void number_up_to_now();
  std::string describe(const Step& step);

  std::vector<Step> steps_;
  std::vector<rt::ObjectId> objects_;
  std::unordered_map<rt::ObjectId, int> numbers_;
  std::vector<rt::ObjectId> numbered_objects_;  // by number - 1
  std::unordered_map<rt::ObjectId, std::source_location> made_at_;
  std::unordered_map<rt::ObjectId, std::string> names_;
  std::size_t numbered_ = 0;  // steps_[0, numbered_) have their objects numbered
};

}  // namespace weft::harness
