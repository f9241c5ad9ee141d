// Catalogued bugs read from a Go dump's stacks (go_dump_patterns.h).
#include <algorithm>
#include <cctype>
#include <string>

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

std::string ids_text(const std::vector<std::uint64_t>& ids) {
  std::string out;
  for (const std::uint64_t id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
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

// A writer that waits in RWMutex.Lock with a method of `type` on `value`
// in its stack; nullptr when none.
const Blocked* writer_on(const std::vector<Blocked>& all, const std::string& type, const std::string& value) {
  for (const Blocked& b : all)
    if (b.w.kind == GoWaitKind::rwmutex_lock && find_method(*b.g, type, value) >= 0) return &b;
  return nullptr;
}

void recursive_rlock(const std::vector<Blocked>& all, std::vector<GoFinding>& out) {
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
    const Blocked* writer = value.empty() ? nullptr : writer_on(all, type, value);
    const Blocked* any_writer = writer;
    for (const Blocked& o : all)
      if (!any_writer && o.w.kind == GoWaitKind::rwmutex_lock && o.g != b.g) any_writer = &o;
    if (!any_writer) continue;
    const GoFrame& held = b.g->frames[static_cast<std::size_t>(outer)];
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
      const Blocked* writer = writer_on(all, type, value);
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

bool has_arg(const GoGoroutine& g, const std::string& value) {
  for (const GoFrame& f : g.frames) {
    if (is_runtime_frame(f)) continue;
    for (std::string a : f.args) {
      if (!a.empty() && a.back() == '?') a.pop_back();
      if (a == value) return true;
    }
  }
  return false;
}

void lock_order(const std::vector<Blocked>& all, std::vector<GoFinding>& out) {
  const auto is_lock = [](GoWaitKind k) { return k == GoWaitKind::mutex_lock || k == GoWaitKind::rwmutex_lock; };
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Blocked& a = all[i];
    if (!is_lock(a.w.kind) || a.w.object.empty()) continue;
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      const Blocked& b = all[j];
      if (!is_lock(b.w.kind) || b.w.object.empty() || b.w.object == a.w.object) continue;
      if (!has_arg(*a.g, b.w.object) || !has_arg(*b.g, a.w.object)) continue;
      GoFinding f;
      f.bug = "lock-order-inversion";
      f.likely = true;
      f.goroutines = {a.g->id, b.g->id};
      const auto where = [](const Blocked& x) {
        return x.w.caller >= 0 ? x.g->frames[static_cast<std::size_t>(x.w.caller)].func + " (" +
                                     x.g->frames[static_cast<std::size_t>(x.w.caller)].where() + ")"
                               : std::string("?");
      };
      f.text = fmt::format(
          "goroutine {} waits for the lock at {} in {} with {} among its arguments; goroutine {} waits for the lock "
          "at {} in {} with {} among its arguments: each likely holds the lock the other waits for (taken in "
          "opposite orders)",
          a.g->id, a.w.object, where(a), b.w.object, b.g->id, b.w.object, where(b), a.w.object);
      out.push_back(std::move(f));
    }
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
