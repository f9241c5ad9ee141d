// One cycle per strongly connected component of a small directed graph: the
// wait-for graph (threads) and the lock-order graph (objects) both report a
// group of nodes that wait on each other by one short cycle through it,
// rather than every cycle (a group can have exponentially many).
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <vector>

namespace locklab::detail {

/// `edges` are indices into the caller's edge list; from(i) and to(i) give
/// the ends of edge i. Returns, for each component with a cycle, the edge
/// indices of the shortest cycle through its lowest node, in order, ordered
/// by that node.
inline std::vector<std::vector<std::size_t>> one_cycle_per_component(
    std::size_t edge_count, const std::function<std::uint32_t(std::size_t)>& from,
    const std::function<std::uint32_t(std::size_t)>& to) {
  std::map<std::uint32_t, std::vector<std::size_t>> adj;
  for (std::size_t i = 0; i < edge_count; ++i)
    if (from(i) != to(i)) adj[from(i)].push_back(i);

  // Tarjan's algorithm.
  std::map<std::uint32_t, int> index, low;
  std::set<std::uint32_t> on_stack;
  std::vector<std::uint32_t> stack;
  std::vector<std::vector<std::uint32_t>> comps;
  int next = 0;
  std::function<void(std::uint32_t)> visit = [&](std::uint32_t v) {
    index[v] = low[v] = next++;
    stack.push_back(v);
    on_stack.insert(v);
    for (const std::size_t e : adj[v]) {
      const std::uint32_t w = to(e);
      if (!index.count(w)) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack.count(w)) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] != index[v]) return;
    std::vector<std::uint32_t> comp;
    std::uint32_t w = 0;
    do {
      w = stack.back();
      stack.pop_back();
      on_stack.erase(w);
      comp.push_back(w);
    } while (w != v);
    if (comp.size() > 1) comps.push_back(std::move(comp));
  };
  std::vector<std::uint32_t> nodes;
  for (const auto& [v, out] : adj) nodes.push_back(v);
  for (const std::uint32_t v : nodes)
    if (!index.count(v)) visit(v);

  std::vector<std::vector<std::size_t>> cycles;
  for (auto& comp : comps) {
    const std::set<std::uint32_t> members(comp.begin(), comp.end());
    const std::uint32_t start = *members.begin();
    // Breadth-first from `start` back to it, inside the component.
    std::map<std::uint32_t, std::size_t> came_by;
    std::deque<std::uint32_t> queue{start};
    std::size_t closing = edge_count;
    while (!queue.empty() && closing == edge_count) {
      const std::uint32_t v = queue.front();
      queue.pop_front();
      for (const std::size_t e : adj[v]) {
        const std::uint32_t w = to(e);
        if (!members.count(w)) continue;
        if (w == start) { closing = e; break; }
        if (came_by.count(w)) continue;
        came_by[w] = e;
        queue.push_back(w);
      }
    }
    if (closing == edge_count) continue;
    std::vector<std::size_t> cycle;
    for (std::size_t e = closing;; e = came_by[from(e)]) {
      cycle.push_back(e);
      if (from(e) == start) break;
    }
    std::reverse(cycle.begin(), cycle.end());
    cycles.push_back(std::move(cycle));
  }
  std::sort(cycles.begin(), cycles.end(), [&](const auto& a, const auto& b) { return from(a[0]) < from(b[0]); });
  return cycles;
}

}  // namespace locklab::detail
