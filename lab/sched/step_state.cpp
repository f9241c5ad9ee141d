#include "step_state.h"

#include <algorithm>
#include <map>

#include "locklab/core/site.h"

namespace locklab::sched::detail {
namespace {

std::string thread_label(std::uint16_t id, const std::string& name) {
  return "T" + std::to_string(id) + " (" + name + ")";
}

std::string object_in(const Trace& run, std::uint32_t id) {
  if (id == 0) return "";
  const ObjectInfo* o = run.object(id);
  return o ? o->name : "#" + std::to_string(id);
}

// What a blocked thread waits for, in words; `holders` names who holds the
// object (locks only).
std::string wait_words(WaitKind kind, LockMode mode, const std::string& object, const std::string& holders) {
  std::string w;
  switch (kind) {
    case WaitKind::kLock: w = (mode == LockMode::kShared ? "read-lock " : "lock ") + object; break;
    case WaitKind::kSelfDeadlock: w = "lock " + object + ", which it holds itself (self-deadlock)"; break;
    case WaitKind::kCond: w = "a signal on " + object; break;
    case WaitKind::kChanSend: w = "a receiver on " + object; break;
    case WaitKind::kChanRecv: w = "a value on " + object; break;
    case WaitKind::kSelect: w = "a ready case of a select"; break;
    case WaitKind::kWaitGroup: w = object + " to reach zero"; break;
    case WaitKind::kSemaphore: w = "room in " + object; break;
    case WaitKind::kPoolSubmit: w = "room in " + object; break;
    case WaitKind::kOnce: w = object + " to finish"; break;
    case WaitKind::kJoin: w = "the other threads to end (join)"; break;
    case WaitKind::kSleep: w = "its sleep to end"; break;
  }
  if (!holders.empty()) w += ", held by " + holders;
  return w;
}

}  // namespace

std::string step_text(const Step& step, const Trace& run) {
  if (step.op == SchedOp::kStart) return "starts";
  std::string t = (step.resumed ? "resumes " : "") + std::string(to_string(step.op));
  if (step.object) t += " " + object_in(run, step.object);
  return t;
}

std::vector<StepThread> threads_at_cut(const std::vector<ProbedThread>& cut, const Trace& run) {
  std::vector<StepThread> out;
  for (const ProbedThread& p : cut) {
    StepThread t;
    t.id = p.id;
    t.name = p.name;
    for (const ProbedThread::Held& h : p.held) {
      const SiteInfo where = Site::describe(h.lock.site);
      t.held.push_back({h.lock.object, h.object, h.lock.mode, site_text(where),
                        where.function.empty() ? "" : short_function(where.function),
                        where.line ? short_site(where) : ""});
    }
    if (p.runnable && p.next) {
      t.status = StepThread::Status::kRunnable;
      t.next = *p.next;
      t.next_text = step_text(t.next, run);
      t.next_site = Site::describe(t.next.site);
    } else if (p.state == ThreadState::kDone) {
      t.status = StepThread::Status::kDone;
    } else {
      t.status = StepThread::Status::kBlocked;
      if (p.wait) {
        std::string holders;
        if (p.wait->kind == WaitKind::kLock && p.wait->object) {
          for (const ProbedThread& o : cut)
            for (const ProbedThread::Held& h : o.held)
              if (o.id != p.id && h.lock.object == p.wait->object)
                holders += (holders.empty() ? "" : " and ") + thread_label(o.id, o.name);
        }
        t.waits_for = wait_words(p.wait->kind, p.wait->mode, p.wait_object, holders);
        t.wait_site = Site::describe(p.wait->site);
      } else {
        // io, compute or a sleep: it goes on once virtual time moves, which
        // happens when no thread can take a step.
        t.waits_for = "virtual time to pass (" + std::string(to_string(p.state)) +
                      "; it runs again when no thread can take a step)";
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<StepThread> threads_at_end(const Trace& run) {
  std::map<std::uint16_t, const ThreadSnapshot*> dump;
  for (const ThreadSnapshot& s : run.verdict.threads) dump[s.id] = &s;
  std::vector<StepThread> out;
  for (const TraceThread& tt : run.threads) {
    if (!tt.lab_thread) continue;
    StepThread t;
    t.id = tt.id;
    t.name = tt.name;
    t.status = StepThread::Status::kDone;
    if (auto it = dump.find(tt.id); it != dump.end() && it->second->state != ThreadState::kDone) {
      const ThreadSnapshot& s = *it->second;
      t.status = StepThread::Status::kBlocked;
      t.held = s.held;
      std::string holders;
      if (s.waiting && s.wait_kind == WaitKind::kLock) {
        for (const ThreadSnapshot& o : run.verdict.threads)
          if (o.id != s.id && o.holds(s.wait_object))
            holders += (holders.empty() ? "" : " and ") + thread_label(o.id, o.name);
      }
      t.waits_for = s.waiting ? wait_words(s.wait_kind, s.wait_mode, s.wait_object_name, holders)
                              : std::string(to_string(s.state));
      if (s.waiting) {
        // The dump keeps the site as text; split "file:line (function)" back.
        t.wait_site.file = s.wait_where.substr(0, s.wait_where.rfind(':'));
        if (const auto colon = s.wait_where.rfind(':'); colon != std::string::npos)
          t.wait_site.line = static_cast<std::uint32_t>(std::stoul(s.wait_where.substr(colon + 1)));
        t.wait_site.function = s.wait_function;
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

Trace cut_trace(const Trace& run, const std::vector<ProbedThread>& cut, std::size_t steps) {
  std::map<std::uint16_t, std::uint32_t> keep;  // events to keep, by thread
  std::map<std::uint16_t, bool> done;
  for (const ProbedThread& p : cut) {
    keep[p.id] = p.events;
    done[p.id] = p.state == ThreadState::kDone;
  }
  Trace t;
  t.info = run.info;
  t.objects = run.objects;
  t.sites = run.sites;
  t.op_names = run.op_names;
  t.gauge_names = run.gauge_names;
  std::map<std::uint16_t, std::uint32_t> seen;
  std::uint64_t cut_ns = 0;
  for (const Event& e : run.events) {
    auto it = keep.find(e.thread);
    if (it == keep.end() || seen[e.thread] >= it->second) continue;
    ++seen[e.thread];
    t.events.push_back(e);
    cut_ns = std::max(cut_ns, e.time);
  }
  for (const TraceThread& tt : run.threads) {
    if (!keep.contains(tt.id)) continue;
    TraceThread c = tt;
    c.events = seen[tt.id];
    c.dropped = 0;
    c.items = 0;
    c.start_ns = std::min(c.start_ns, cut_ns);
    if (!done[tt.id]) c.end_ns = cut_ns;
    c.end_ns = std::min(c.end_ns, cut_ns);
    c.covered_until_ns = c.end_ns;
    t.threads.push_back(std::move(c));
  }
  t.duration_ns = cut_ns;
  t.verdict.kind = VerdictKind::kCompleted;
  t.verdict.summary = "stepping: " + std::to_string(steps) + (steps == 1 ? " step" : " steps") + " so far";
  t.verdict.at_ns = cut_ns;
  return t;
}

GoalStatus judge_goal(const BugInfo& bug, const Challenge* challenge, std::size_t steps, bool ended,
                      const Trace& now, const Trace& outcome, std::size_t outcome_steps) {
  GoalStatus g;
  if (!challenge) {
    g.text = "free play (no goal)";
    return g;
  }
  g.active = true;
  const std::uint32_t limit = challenge->step_limit;
  if (challenge->kind == GoalKind::kDeadlock) {
    const VerdictKind k = now.verdict.kind;
    g.reached = ended && (k == VerdictKind::kDeadlock || k == VerdictKind::kSelfDeadlock);
    if (g.reached) g.explanation = now.verdict.summary + "\n" + now.verdict.detail;
  } else if (bug.oracle) {
    const OracleVerdict v = bug.oracle(outcome);
    g.reached = v.symptom;
    if (g.reached) {
      g.explanation = ended ? v.explanation
                            : "Finished from here with no more preemptions (" + std::to_string(outcome_steps) +
                                  " more steps, what `locklab replay` does with this schedule), the run shows it: " +
                                  v.explanation;
    }
  }
  const std::string used = std::to_string(steps) + (steps == 1 ? " step" : " steps");
  if (g.reached) {
    g.within_limit = steps <= limit;
    g.text = g.within_limit ? "reached in " + used + ": within the limit of " + std::to_string(limit)
                            : "reached in " + used + ", over the limit of " + std::to_string(limit) +
                                  ": find a shorter way (undo, or fork earlier)";
  } else if (ended) {
    g.text = "not reached: the run is over (" + now.verdict.summary + "); undo and try another order";
  } else if (steps >= limit) {
    g.text = "not yet, and all " + std::to_string(limit) + " steps are used: undo and try another order";
  } else {
    g.text = "not yet: " + std::to_string(steps) + " of " + std::to_string(limit) + " steps used";
  }
  return g;
}

}  // namespace locklab::sched::detail
