#include "deadlock_watch.h"

#include <algorithm>

namespace locklab::detail {

std::optional<WaitCycle> DeadlockWatch::look(const std::vector<ThreadSnapshot>& threads) {
  std::optional<WaitCycle> confirmed;
  std::vector<std::pair<std::uint16_t, std::uint64_t>> seen;
  for (WaitCycle& c : find_wait_cycles(threads)) {
    std::vector<std::pair<std::uint16_t, std::uint64_t>> members;
    bool settled = true;
    for (const WaitEdge& e : c.edges) {
      const auto t = std::find_if(threads.begin(), threads.end(), [&](const ThreadSnapshot& s) { return s.id == e.from; });
      if (t == threads.end() || t->wake_pending) settled = false;
      else members.push_back({t->id, t->wait_stamp});
    }
    if (!settled) continue;
    std::sort(members.begin(), members.end());
    const bool seen_before = std::all_of(members.begin(), members.end(), [&](const auto& m) {
      return std::binary_search(suspect_.begin(), suspect_.end(), m);
    });
    if (seen_before && !confirmed) confirmed = std::move(c);
    seen.insert(seen.end(), members.begin(), members.end());
  }
  std::sort(seen.begin(), seen.end());
  suspect_ = std::move(seen);
  return confirmed;
}

std::optional<StuckGroup> DeadlockWatch::look_stuck(const std::vector<ThreadSnapshot>& threads,
                                                    std::uint64_t now_ns, std::uint64_t settle_ns) {
  auto group = find_stuck_group(threads);
  std::vector<std::pair<std::uint16_t, std::uint64_t>> members;
  if (group && group->has_lock_edge) {
    for (const std::uint16_t id : group->threads) {
      const auto t = std::find_if(threads.begin(), threads.end(), [&](const ThreadSnapshot& s) { return s.id == id; });
      if (t != threads.end()) members.push_back({id, t->wait_stamp});
    }
    std::sort(members.begin(), members.end());
  }
  if (members.empty()) {
    stuck_.clear();
    return std::nullopt;
  }
  if (members != stuck_) {
    stuck_ = std::move(members);
    stuck_since_ns_ = now_ns;
    return std::nullopt;
  }
  if (now_ns - stuck_since_ns_ < settle_ns) return std::nullopt;
  return group;
}

}  // namespace locklab::detail
