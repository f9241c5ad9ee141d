#include "locklab/analysis/lock_order.h"

#include <set>

#include "graph_cycles.h"

namespace locklab {
namespace {

std::string lock_verb(LockMode mode) { return mode == LockMode::kShared ? "read-locked " : "locked "; }

// Picks a thread for each edge so that as many edges as possible have
// different threads; returns false when every edge could only be the one
// same thread.
bool assign_threads(const std::vector<LockOrderEdge>& edges, std::vector<std::uint16_t>& out) {
  out.clear();
  std::set<std::uint16_t> used;
  for (const LockOrderEdge& e : edges) {
    std::uint16_t pick = e.threads.empty() ? 0 : e.threads.front();
    for (const std::uint16_t t : e.threads)
      if (!used.count(t)) { pick = t; break; }
    used.insert(pick);
    out.push_back(pick);
  }
  return used.size() >= 2;
}

}  // namespace

std::vector<LockOrderCycle> lock_order_cycles(const Trace& trace) {
  const auto& edges = trace.lock_order;
  std::vector<LockOrderCycle> out;
  const auto cycles = detail::one_cycle_per_component(
      edges.size(), [&](std::size_t i) { return edges[i].held; }, [&](std::size_t i) { return edges[i].taken; });
  for (const auto& indices : cycles) {
    LockOrderCycle c;
    for (const std::size_t i : indices) c.edges.push_back(edges[i]);
    if (!assign_threads(c.edges, c.threads)) continue;
    c.words = "potential deadlock (lock-order inversion): ";
    for (std::size_t i = 0; i < c.edges.size(); ++i) {
      const LockOrderEdge& e = c.edges[i];
      if (i) c.words += "; ";
      c.words += "T" + std::to_string(c.threads[i]) + " " + lock_verb(e.taken_mode) + trace.object_text(e.taken) +
                 " at " + trace.site_text(e.taken_site) + " while holding " + trace.object_text(e.held) +
                 " (taken at " + trace.site_text(e.held_site) + ")";
    }
    c.words += ". Each order alone is fine; together, if each thread holds its first lock at the same moment, "
               "they wait for each other forever. Take the locks in one global order.";
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace locklab
