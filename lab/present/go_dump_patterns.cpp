// Catalogued bugs read from a Go dump's stacks (go_dump_patterns.h).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "locklab/present/go_dump_patterns.h"
#include "locklab/present/go_dump_waits.h"

namespace locklab::present {
namespace {

struct Blocked {
  const GoGoroutine* g;
  GoWait w;
};

std::string call_text(const GoFrame& f) { return f.func + "(" + f.receiver_value() + ")"; }

// The frame of a method of `type` on receiver `value` in g's stack, from
// frame `from` outwards; -1 when none.
int find_method(const GoGoroutine& g, const std::string& type, const std::string& value, std::size_t from = 0) {
  for (std::size_t i = from; i < g.frames.size(); ++i)
    if (g.frames[i].receiver_type() == type && g.frames[i].receiver_value() == value) return static_cast<int>(i);
  return -1;
}

// "18, 19", the first dozen only: the finding's goroutines list them all.
std::string ids_text(const std::vector<std::uint64_t>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < 12; ++i) out += (i ? ", " : "") + std::to_string(ids[i]);
  if (ids.size() > 12) out += fmt::format(", ... ({} more)", ids.size() - 12);
  return out;
}

bool submit_like(const std::string& func) {
  std::string f = func;
  std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto dot = f.rfind('.');
  const std::string name = dot == std::string::npos ? f : f.substr(dot + 1);
  return name.find("submit") != std::string::npos || name.find("enqueue") != std::string::npos ||
         name.find("send") != std::string::npos || name.find("push") != std::string::npos;
}

// A writer (of `writers`, the goroutines in RWMutex.Lock) with a method of
// `type` on `value` in its stack; nullptr when none.
const Blocked* writer_on(const std::vector<const Blocked*>& writers, const std::string& type,
                         const std::string& value) {
  for (const Blocked* b : writers)
    if (find_method(*b->g, type, value) >= 0) return b;
  return nullptr;
}

std::vector<const Blocked*> writers_of(const std::vector<Blocked>& all) {
  std::vector<const Blocked*> out;
  for (const Blocked& b : all)
    if (b.w.kind == GoWaitKind::rwmutex_lock) out.push_back(&b);
  return out;
}

void recursive_rlock(const std::vector<Blocked>& all, std::vector<GoFinding>& out) {
  const std::vector<const Blocked*> writers = writers_of(all);
  if (writers.empty()) return;
  // One finding per receiver and outer method: a thousand readers stuck the
  // same way are one bug.
  std::map<std::string, std::size_t> seen;
  std::map<std::size_t, std::vector<std::uint64_t>> more;
  for (const Blocked& b : all) {
    if (b.w.kind != GoWaitKind::rwmutex_rlock || b.w.caller < 0) continue;
    const GoFrame& inner = b.g->frames[static_cast<std::size_t>(b.w.caller)];
    const std::string type = inner.receiver_type(), value = inner.receiver_value();
    if (type.empty()) continue;
    const std::size_t below = static_cast<std::size_t>(b.w.caller) + 1;
    int outer = value.empty() ? -1 : find_method(*b.g, type, value, below);
    // An inlined frame prints no arguments ("(...)"): the same type, with a
    // receiver either side does not show, is a likely match.
    bool unseen = false;
    if (outer < 0) {
      for (std::size_t i = below; i < b.g->frames.size() && outer < 0; ++i) {
        const GoFrame& fr = b.g->frames[i];
        if (fr.receiver_type() == type && (value.empty() || fr.receiver_value().empty())) outer = static_cast<int>(i);
      }
      unseen = outer >= 0;
    }
    if (outer < 0) continue;
    const GoFrame& held = b.g->frames[static_cast<std::size_t>(outer)];
    const std::string key = type + "@" + value + "@" + held.func + "@" + inner.func;
    if (const auto it = seen.find(key); it != seen.end()) {
      more[it->second].push_back(b.g->id);
      continue;
    }
    const Blocked* writer = value.empty() ? nullptr : writer_on(writers, type, value);
    const Blocked* any_writer = writer ? writer : writers.front();
    seen[key] = out.size();
    GoFinding f;
    f.bug = "recursive-rlock";
    f.likely = writer == nullptr || unseen;
    f.goroutines = {b.g->id, any_writer->g->id};
    std::string writer_text;
    if (writer) {
      const GoFrame& wf = writer->g->frames[static_cast<std::size_t>(find_method(*writer->g, type, value))];
      writer_text = fmt::format("goroutine {} waits in RWMutex.Lock from {} on the same receiver", writer->g->id,
                                call_text(wf));
    } else {
      writer_text = fmt::format("goroutine {} waits in RWMutex.Lock (its stack does not show which receiver)",
                                any_writer->g->id);
    }
    f.text = fmt::format(
        "goroutine {} waits in RWMutex.RLock in {} ({}), called from {} ({}) on {}, which took the "
        "read lock first; {}: the second RLock queues behind the writer, and the writer waits for the first",
        b.g->id, call_text(inner), inner.where(), call_text(held), held.where(),
        unseen ? "a receiver of the same type (an inlined frame prints no arguments: likely the same)"
               : "the same receiver",
        writer_text);
    out.push_back(std::move(f));
  }
  for (auto& [index, ids] : more) {
    GoFinding& f = out[index];
    f.text += fmt::format("; {} more goroutine{} wait{} the same way: {}", ids.size(), ids.size() == 1 ? "" : "s",
                          ids.size() == 1 ? "s" : "", ids_text(ids));
    f.goroutines.insert(f.goroutines.end() - 1, ids.begin(), ids.end());
  }
}

// When the writer runs inside a method of the type the senders submit to
// (a pool's own worker), say so: the pool cannot take their jobs until the
// writer gets its lock.
std::string pool_note(const std::string& submit_type, const GoGoroutine& writer) {
  if (submit_type.empty()) return {};
  for (const GoFrame& f : writer.frames)
    if (f.receiver_type() == submit_type)
      return fmt::format("; the writer runs inside {}, so the {} takes no job until it gets the lock", f.func,
                         submit_type);
  return {};
}

void rlock_across_submit(const std::vector<Blocked>& all, std::vector<GoFinding>& out) {
  const std::vector<const Blocked*> writers = writers_of(all);
  if (writers.empty()) return;
  // Senders grouped by the receiver whose read lock they hold.
  struct Case {
    std::string type, value;
    std::vector<std::uint64_t> senders;
    std::string submit, submit_type, holder, holder_where;
    const Blocked* writer = nullptr;
  };
  std::vector<Case> cases;
  for (const Blocked& b : all) {
    if ((b.w.kind != GoWaitKind::chan_send && b.w.kind != GoWaitKind::select) || b.w.caller < 0) continue;
    // From the send's own frame outwards: the first method whose receiver a
    // writer also waits on.
    for (std::size_t i = static_cast<std::size_t>(b.w.caller); i < b.g->frames.size(); ++i) {
      const GoFrame& fr = b.g->frames[i];
      const std::string type = fr.receiver_type(), value = fr.receiver_value();
      if (type.empty() || value.empty()) continue;
      const Blocked* writer = writer_on(writers, type, value);
      if (!writer || writer->g == b.g) continue;
      auto it = std::find_if(cases.begin(), cases.end(),
                             [&](const Case& c) { return c.type == type && c.value == value; });
      if (it == cases.end()) {
        const GoFrame& send = b.g->frames[static_cast<std::size_t>(b.w.caller)];
        cases.push_back({type, value, {}, send.func, send.receiver_type(), call_text(fr), fr.where(), writer});
        it = cases.end() - 1;
      }
      it->senders.push_back(b.g->id);
      break;
    }
  }
  for (const Case& c : cases) {
    GoFinding f;
    f.bug = "rlock-held-across-blocking-submit";
    f.likely = true;
    f.goroutines = c.senders;
    f.goroutines.push_back(c.writer->g->id);
    const GoFrame& wf = c.writer->g->frames[static_cast<std::size_t>(find_method(*c.writer->g, c.type, c.value))];
    f.text = fmt::format(
        "goroutine{} {} block{} {} in {} called from {} ({}); goroutine {} waits in RWMutex.Lock from {} on the same "
        "receiver: the sender{} likely hold its read lock across the blocking {}{}",
        c.senders.size() == 1 ? "" : "s", ids_text(c.senders), c.senders.size() == 1 ? "s" : "",
        submit_like(c.submit) ? "submitting" : "sending", c.submit, c.holder, c.holder_where, c.writer->g->id,
        call_text(wf), c.senders.size() == 1 ? "" : "s", submit_like(c.submit) ? "submit" : "send",
pool_note(c.submit_type, *c.writer->g));
    out.push_back(std::move(f));
  }
}

// The argument values of g's own frames (outside runtime and sync), the
// '?' of uncertain ones dropped.
std::set<std::string> arg_values(const GoGoroutine& g) {
  std::set<std::string> out;
  for (const GoFrame& f : g.frames) {
    if (is_runtime_frame(f)) continue;
    for (std::string a : f.args) {
      if (!a.empty() && a.back() == '?') a.pop_back();
      if (a.starts_with("0x") && a != "0x0") out.insert(a);
    }
  }
  return out;
}

// An edge X -> Y: a goroutine waits for lock X with Y among its arguments
// (so it likely holds Y). Two goroutines on X -> Y and Y -> X are an
// inversion. Linear in the arguments, so a dump of thousands of goroutines
// waiting on one lock stays quick.
void lock_order(const std::vector<Blocked>& all, std::vector<GoFinding>& out) {
  const auto is_lock = [](GoWaitKind k) { return k == GoWaitKind::mutex_lock || k == GoWaitKind::rwmutex_lock; };
  std::set<std::string> waited;
  for (const Blocked& b : all)
    if (is_lock(b.w.kind) && !b.w.object.empty()) waited.insert(b.w.object);
  std::map<std::pair<std::string, std::string>, const Blocked*> edges;  // (waits for, holds) -> first goroutine
  for (const Blocked& b : all) {
    if (!is_lock(b.w.kind) || b.w.object.empty()) continue;
    for (const std::string& v : arg_values(*b.g))
      if (v != b.w.object && waited.count(v)) edges.try_emplace({b.w.object, v}, &b);
  }
  const auto where = [](const Blocked& x) {
    return x.w.caller >= 0 ? x.g->frames[static_cast<std::size_t>(x.w.caller)].func + " (" +
                                 x.g->frames[static_cast<std::size_t>(x.w.caller)].where() + ")"
                           : std::string("?");
  };
  for (const auto& [edge, a] : edges) {
    if (edge.first > edge.second) continue;  // each pair once
    const auto back = edges.find({edge.second, edge.first});
    if (back == edges.end()) continue;
    const Blocked* b = back->second;
    GoFinding f;
    f.bug = "lock-order-inversion";
    f.likely = true;
    f.goroutines = {a->g->id, b->g->id};
    f.text = fmt::format(
        "goroutine {} waits for the lock at {} in {} with {} among its arguments; goroutine {} waits for the lock "
        "at {} in {} with {} among its arguments: each likely holds the lock the other waits for (taken in "
        "opposite orders)",
        a->g->id, edge.first, where(*a), edge.second, b->g->id, edge.second, where(*b), edge.first);
    out.push_back(std::move(f));
  }
}

}  // namespace

std::vector<GoFinding> find_go_patterns(const GoDump& d) {
  std::vector<Blocked> all;
  for (const GoGoroutine& g : d.goroutines) all.push_back({&g, go_wait_of(g)});
  std::vector<GoFinding> out;
  recursive_rlock(all, out);
  rlock_across_submit(all, out);
  lock_order(all, out);
  return out;
}

}  // namespace locklab::present
