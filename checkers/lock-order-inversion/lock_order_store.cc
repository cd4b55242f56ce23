// lock-order-inversion's summaries as JSON, for weft-vet --summaries DIR: written after a TU is
// analysed, read back in a later run that does not analyse that TU. Field by field, so a file
// from another version of the format is refused (with the field it lacks), never misread.
#include <llvm/Support/JSON.h>

#include "lock_order.h"

namespace weft::vet::lock_order {

namespace json = llvm::json;

namespace {

json::Array strings(const std::vector<std::string>& v) { return json::Array(v); }

json::Value place(const Place& p) {
  return json::Object{{"file", p.file}, {"line", p.line}, {"column", p.column},
                      {"text", p.line_text}};
}

json::Value term(const Term& t) {
  return json::Object{{"root", static_cast<int>(t.root)},
                      {"param", t.param},
                      {"variable", t.variable},
                      {"variable_name", t.variable_name},
                      {"object_root", t.object_root},
                      {"members", strings(t.members)},
                      {"member_names", strings(t.member_names)},
                      {"indirect", t.indirect},
                      {"last_member_pointer", t.last_member_pointer},
                      {"spelling", t.spelling}};
}

json::Array held(const std::vector<Held>& hs) {
  json::Array a;
  for (const Held& h : hs) a.push_back(json::Object{{"lock", term(h.lock)}, {"at", place(h.at)}});
  return a;
}

// Reading: each function fails with the path of the first field that does not fit.
class Reader {
 public:
  explicit Reader(std::string* error) : error_(error) {}
  bool ok() const { return error_->empty(); }

  const json::Object* object(const json::Value* v, const char* what) {
    const json::Object* o = v != nullptr ? v->getAsObject() : nullptr;
    if (o == nullptr) fail(what);
    return o;
  }
  const json::Array* array(const json::Object& o, const char* key) {
    const json::Array* a = o.getArray(key);
    if (a == nullptr) fail(key);
    return a;
  }
  std::string string(const json::Object& o, const char* key) {
    auto s = o.getString(key);
    if (!s) fail(key);
    return s ? s->str() : "";
  }
  unsigned number(const json::Object& o, const char* key) {
    auto n = o.getInteger(key);
    if (!n || *n < 0) fail(key);
    return n ? static_cast<unsigned>(*n) : 0;
  }
  bool boolean(const json::Object& o, const char* key) {
    auto b = o.getBoolean(key);
    if (!b) fail(key);
    return b.value_or(false);
  }
  std::vector<std::string> strings(const json::Object& o, const char* key) {
    std::vector<std::string> out;
    if (const json::Array* a = array(o, key)) {
      for (const json::Value& v : *a) {
        auto s = v.getAsString();
        if (!s) return fail(key), out;
        out.push_back(s->str());
      }
    }
    return out;
  }
  Place place(const json::Value* v) {
    Place p;
    if (const json::Object* o = object(v, "place")) {
      p.file = string(*o, "file");
      p.line = number(*o, "line");
      p.column = number(*o, "column");
      p.line_text = string(*o, "text");
    }
    return p;
  }
  Term term(const json::Value* v) {
    Term t;
    if (const json::Object* o = object(v, "term")) {
      const unsigned root = number(*o, "root");
      if (root > static_cast<unsigned>(Term::Root::unknown)) fail("root");
      t.root = static_cast<Term::Root>(root);
      t.param = number(*o, "param");
      t.variable = string(*o, "variable");
      t.variable_name = string(*o, "variable_name");
      t.object_root = boolean(*o, "object_root");
      t.members = strings(*o, "members");
      t.member_names = strings(*o, "member_names");
      t.indirect = boolean(*o, "indirect");
      t.last_member_pointer = boolean(*o, "last_member_pointer");
      t.spelling = string(*o, "spelling");
    }
    return t;
  }
  std::vector<Held> held(const json::Object& o, const char* key) {
    std::vector<Held> out;
    if (const json::Array* a = array(o, key)) {
      for (const json::Value& v : *a) {
        const json::Object* h = object(&v, key);
        if (h == nullptr) break;
        out.push_back(Held{term(h->get("lock")), place(h->get("at"))});
      }
    }
    return out;
  }

 private:
  void fail(const char* what) {
    if (error_->empty()) *error_ = std::string("'") + what + "' is missing or of the wrong type";
  }
  std::string* error_;
};

}  // namespace

json::Value Summary::to_json() const {
  json::Array fs;
  for (const Function& f : functions) {
    json::Array acquisitions;
    for (const Acquisition& a : f.acquisitions) {
      acquisitions.push_back(json::Object{{"lock", term(a.lock)},
                                          {"at", place(a.at)},
                                          {"suppressed", a.suppressed},
                                          {"held", held(a.held)}});
    }
    json::Array calls;
    for (const Call& c : f.calls) {
      json::Array args;
      for (const Term& t : c.args) args.push_back(term(t));
      calls.push_back(json::Object{{"callee", c.callee},
                                   {"callee_name", c.callee_name},
                                   {"at", place(c.at)},
                                   {"has_object", c.has_object},
                                   {"object", term(c.object)},
                                   {"args", std::move(args)},
                                   {"held", held(c.held)},
                                   {"suppressed", c.suppressed},
                                   {"dispatched", c.dispatched}});
    }
    fs.push_back(json::Object{{"usr", f.usr},
                              {"overrides", strings(f.overrides)},
                              {"acquisitions", std::move(acquisitions)},
                              {"calls", std::move(calls)}});
  }
  return json::Object{{"functions", std::move(fs)}};
}

std::unique_ptr<Summary> summary_from_json(const json::Value& value, std::string* error) {
  error->clear();
  Reader r(error);
  auto summary = std::make_unique<Summary>();
  const json::Object* top = r.object(&value, "summary");
  const json::Array* fs = top != nullptr ? r.array(*top, "functions") : nullptr;
  for (std::size_t i = 0; fs != nullptr && i < fs->size() && r.ok(); ++i) {
    const json::Object* fo = r.object(&(*fs)[i], "functions");
    if (fo == nullptr) break;
    Function f;
    f.usr = r.string(*fo, "usr");
    f.overrides = r.strings(*fo, "overrides");
    if (const json::Array* as = r.array(*fo, "acquisitions")) {
      for (const json::Value& av : *as) {
        const json::Object* ao = r.object(&av, "acquisitions");
        if (ao == nullptr) break;
        Acquisition a;
        a.lock = r.term(ao->get("lock"));
        a.at = r.place(ao->get("at"));
        a.suppressed = r.boolean(*ao, "suppressed");
        a.held = r.held(*ao, "held");
        f.acquisitions.push_back(std::move(a));
      }
    }
    if (const json::Array* cs = r.array(*fo, "calls")) {
      for (const json::Value& cv : *cs) {
        const json::Object* co = r.object(&cv, "calls");
        if (co == nullptr) break;
        Call c;
        c.callee = r.string(*co, "callee");
        c.callee_name = r.string(*co, "callee_name");
        c.at = r.place(co->get("at"));
        c.has_object = r.boolean(*co, "has_object");
        c.object = r.term(co->get("object"));
        if (const json::Array* args = r.array(*co, "args")) {
          for (const json::Value& t : *args) c.args.push_back(r.term(&t));
        }
        c.held = r.held(*co, "held");
        c.suppressed = r.boolean(*co, "suppressed");
        c.dispatched = r.boolean(*co, "dispatched");
        f.calls.push_back(std::move(c));
      }
    }
    summary->functions.push_back(std::move(f));
  }
  if (!r.ok()) return nullptr;
  return summary;
}

}  // namespace weft::vet::lock_order
