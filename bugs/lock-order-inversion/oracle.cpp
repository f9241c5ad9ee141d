// lock-order-inversion: how a run is judged. Reads the verdict (its thread
// dump, through the wait-for graph), the lock-order graph and the
// operation counts.
#include <string>
#include <vector>

#include "locklab/analysis/lock_order.h"
#include "locklab/run/oracle_support.h"
#include "locklab/analysis/wait_graph.h"
#include "workload.h"

namespace locklab::bugs::lock_order_inversion {
namespace {

bool is_account_lock(const Trace& run, std::uint32_t object) {
  const std::string name = run.object_text(object);
  return name.starts_with("Account-") && name.ends_with(".mu");
}

// A lock taken with try_lock never waits, so a cycle through such an
// acquisition cannot deadlock (ThreadSanitizer's deadlock detector skips
// them for the same reason). std::lock, under std::scoped_lock, takes its
// second lock that way.
bool taken_by_try_lock(const Trace& run, const LockOrderEdge& e) {
  return site_in_function(run, e.taken_site, "try_lock");
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  // 1. The run itself deadlocked: a cycle of waits between account locks.
  const WaitCycle* deadlock = nullptr;
  std::vector<WaitCycle> wait_cycles;
  if (run.verdict.kind == VerdictKind::kDeadlock) wait_cycles = find_wait_cycles(run.verdict.threads);
  for (const WaitCycle& c : wait_cycles) {
    bool accounts = !c.edges.empty();
    for (const WaitEdge& e : c.edges) accounts = accounts && is_account_lock(run, e.object);
    if (accounts && !deadlock) deadlock = &c;
  }

  // 2. Lucky or not: both orders of some pair of account locks were taken
  //    by blocking acquisitions, in different threads.
  const LockOrderCycle* order = nullptr;
  unsigned blocking_cycles = 0, try_cycles = 0;
  const std::vector<LockOrderCycle> cycles = lock_order_cycles(run);
  for (const LockOrderCycle& c : cycles) {
    bool accounts = true, tried = false;
    for (const LockOrderEdge& e : c.edges) {
      accounts = accounts && is_account_lock(run, e.held) && is_account_lock(run, e.taken);
      tried = tried || taken_by_try_lock(run, e);
    }
    if (!accounts) continue;
    if (tried) {
      ++try_cycles;
      continue;
    }
    ++blocking_cycles;
    if (!order) order = &c;
  }

  OracleVerdict v;
  v.symptom = deadlock != nullptr || blocking_cycles > 0;
  std::string words = std::string("verdict ") + std::string(to_string(run.verdict.kind));
  if (is_failure(run.verdict.kind))
    words += text_format(" at %.1f ms", static_cast<double>(run.verdict.at_ns) / 1e6);
  words += deadlock ? ": " + deadlock->words : std::string(": no cycle of waits between account locks");
  words += text_format("; lock-order graph: %zu edge(s), %u cycle(s) of blocking acquisitions between account locks",
                       run.lock_order.size(), blocking_cycles);
  if (order) words += " (first: " + order->words + ")";
  if (try_cycles > 0)
    words += text_format("; %u cycle(s) not counted: they pass through a try_lock, which never waits", try_cycles);
  words += text_format("; %llu transfers finished", static_cast<unsigned long long>(op_latency(run, "Transfer").count));
  v.explanation = words;
  return v;
}

}  // namespace locklab::bugs::lock_order_inversion
