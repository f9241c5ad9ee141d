#include "run_model.h"

#include <algorithm>
#include <utility>

namespace locklab::viz {

Track make_state_track(const StateInterval* begin, const StateInterval* end, const Trace& trace) {
  std::vector<std::uint64_t> bounds;
  std::vector<std::uint8_t> cats;
  const std::size_t n = static_cast<std::size_t>(end - begin);
  bounds.reserve(n + 1);
  cats.reserve(n);
  for (const StateInterval* s = begin; s != end; ++s) {
    if (s->end_ns <= s->begin_ns) continue;
    if (!bounds.empty() && s->begin_ns > bounds.back()) {
      cats.push_back(kGap);  // states tile a thread's life; tolerate a hole anyway
      bounds.push_back(s->begin_ns);
    }
    if (bounds.empty()) bounds.push_back(s->begin_ns);
    const std::uint64_t b = std::max(s->end_ns, bounds.back());
    cats.push_back(static_cast<std::uint8_t>(lane_state(*s, trace)));
    bounds.push_back(b);
  }
  return Track(std::move(bounds), std::move(cats), kLaneStateCount);
}

Track make_hold_track(const HoldInterval* begin, const HoldInterval* end) {
  // Holds may nest (read locks, two locks at once), so the track is the
  // sweep of "how many held, how many of them contended" over time.
  struct Edge {
    std::uint64_t t;
    int held, contended;
  };
  std::vector<Edge> edges;
  edges.reserve(2 * static_cast<std::size_t>(end - begin));
  for (const HoldInterval* h = begin; h != end; ++h) {
    if (h->end_ns <= h->begin_ns) continue;
    const int c = h->contended ? 1 : 0;
    edges.push_back({h->begin_ns, 1, c});
    edges.push_back({h->end_ns, -1, -c});
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.t < b.t; });
  std::vector<std::uint64_t> bounds;
  std::vector<std::uint8_t> cats;
  int held = 0, contended = 0;
  std::uint8_t cur = kGap;
  for (std::size_t i = 0; i < edges.size();) {
    const std::uint64_t t = edges[i].t;
    for (; i < edges.size() && edges[i].t == t; ++i) {
      held += edges[i].held;
      contended += edges[i].contended;
    }
    const std::uint8_t next = contended > 0 ? static_cast<std::uint8_t>(HoldState::kContended)
                              : held > 0    ? static_cast<std::uint8_t>(HoldState::kHeld)
                                            : kGap;
    if (bounds.empty()) {
      if (next == kGap) continue;
      bounds.push_back(t);
      cur = next;
      continue;
    }
    if (next == cur) continue;
    cats.push_back(cur);
    bounds.push_back(t);
    cur = next;
  }
  // Every hold ends, so the sweep ends in a gap and the last bound closes
  // the last segment; bounds has one more entry than cats.
  if (bounds.size() != cats.size() + 1) bounds.resize(cats.empty() ? 0 : cats.size() + 1);
  return Track(std::move(bounds), std::move(cats), kHoldStateCount);
}

std::vector<std::size_t> lane_order(const std::vector<TraceThread>& threads) {
  struct Key {
    std::string stem;        // the name without its trailing number
    std::uint64_t number = 0;
    bool numbered = false;
  };
  std::vector<Key> keys(threads.size());
  std::unordered_map<std::string, std::uint16_t> first_id;  // stem -> lowest id with it
  for (std::size_t i = 0; i < threads.size(); ++i) {
    const std::string& n = threads[i].name;
    std::size_t d = n.size();
    while (d > 0 && n[d - 1] >= '0' && n[d - 1] <= '9') --d;
    Key& k = keys[i];
    k.stem = n.substr(0, d);
    k.numbered = d < n.size() && n.size() - d <= 18;
    if (k.numbered) k.number = std::stoull(n.substr(d));
    else k.stem = n;
    const auto [it, fresh] = first_id.emplace(k.stem, threads[i].id);
    if (!fresh) it->second = std::min(it->second, threads[i].id);
  }
  std::vector<std::size_t> order(threads.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const bool main_a = threads[a].id == 0, main_b = threads[b].id == 0;
    if (main_a != main_b) return main_a;
    const std::uint16_t ga = first_id[keys[a].stem], gb = first_id[keys[b].stem];
    if (ga != gb) return ga < gb;
    if (keys[a].stem != keys[b].stem) return keys[a].stem < keys[b].stem;
    if (keys[a].number != keys[b].number) return keys[a].number < keys[b].number;
    return threads[a].id < threads[b].id;
  });
  return order;
}

std::unordered_map<std::uint16_t, std::uint64_t> cut_at_last_events(const Trace& trace, Timelines& tl) {
  std::unordered_map<std::uint16_t, std::uint64_t> cut;
  if (trace.verdict.kind != VerdictKind::kUnfinished) return cut;
  struct Seen {
    std::uint64_t last = 0;
    bool any = false, ended = false;
  };
  std::vector<Seen> seen(std::size_t{1} << 16);  // by thread id: one pass, no hashing per event
  for (const Event& e : trace.events) {
    Seen& s = seen[e.thread];
    s.last = std::max(s.last, e.time);
    s.any = true;
    if (e.kind == EventKind::kThreadEnd) s.ended = true;
  }
  for (const TraceThread& t : trace.threads) {
    const Seen s = seen[t.id];
    if (s.ended) continue;
    const std::uint64_t at = std::clamp(s.any ? s.last : t.start_ns, t.start_ns, std::max(t.start_ns, t.end_ns));
    if (at < t.end_ns) cut[t.id] = at;
  }
  if (cut.empty()) return cut;
  std::vector<StateInterval> states;
  states.reserve(tl.states.size() + cut.size());
  for (std::size_t i = 0; i < tl.states.size();) {
    const std::uint16_t id = tl.states[i].thread;
    std::size_t j = i;
    while (j < tl.states.size() && tl.states[j].thread == id) ++j;
    const auto c = cut.find(id);
    if (c == cut.end()) {
      states.insert(states.end(), tl.states.begin() + static_cast<std::ptrdiff_t>(i),
                    tl.states.begin() + static_cast<std::ptrdiff_t>(j));
    } else {
      std::uint64_t end = c->second;
      for (std::size_t k = i; k < j; ++k) {
        StateInterval s = tl.states[k];
        end = std::max(end, s.end_ns);
        if (s.begin_ns >= c->second) continue;
        s.end_ns = std::min(s.end_ns, c->second);
        states.push_back(s);
      }
      StateInterval unknown;
      unknown.thread = id;
      unknown.begin_ns = c->second;
      unknown.end_ns = end;
      unknown.activity = Activity::kUnknown;
      if (end > c->second) states.push_back(unknown);
    }
    i = j;
  }
  tl.states = std::move(states);
  for (HoldInterval& h : tl.holds) {
    const auto c = cut.find(h.thread);
    if (c != cut.end()) h.end_ns = std::max(h.begin_ns, std::min(h.end_ns, c->second));
  }
  return cut;
}

RunModel::RunModel(Trace trace) : trace_(std::move(trace)) {
  timelines_ = locklab::thread_timelines(trace_);
  recorded_until_ = cut_at_last_events(trace_, timelines_);
  throughput_ = locklab::throughput(trace_);
  contention_ = locklab::contention(trace_);
  latency_ = locklab::latency(trace_);
  duration_ns_ = static_cast<double>(trace_.duration_ns);
  for (const TraceThread& t : trace_.threads) duration_ns_ = std::max(duration_ns_, static_cast<double>(t.end_ns));
  build_lanes();
  for (std::uint32_t i = 0; i < timelines_.holds.size(); ++i) holds_by_object_[timelines_.holds[i].object].push_back(i);
  for (auto& [object, list] : holds_by_object_) {
    std::stable_sort(list.begin(), list.end(), [this](std::uint32_t a, std::uint32_t b) {
      return timelines_.holds[a].begin_ns < timelines_.holds[b].begin_ns;
    });
  }
}

void RunModel::build_lanes() {
  const auto& states = timelines_.states;
  const auto& holds = timelines_.holds;
  std::vector<bool> ended(std::size_t{1} << 16, !trace_.info.recording);  // by thread id: one pass, no hashing
  for (const Event& e : trace_.events)
    if (e.kind == EventKind::kThreadEnd) ended[e.thread] = true;
  for (const std::size_t index : lane_order(trace_.threads)) {
    const TraceThread& t = trace_.threads[index];
    Lane lane;
    lane.thread = t.id;
    lane.name = t.name;
    lane.start_ns = t.start_ns;
    lane.end_ns = t.end_ns;
    lane.dropped = t.dropped;
    lane.covered_until_ns = t.covered_until_ns;
    lane.ended = ended[t.id];
    if (const auto c = recorded_until_.find(t.id); c != recorded_until_.end()) lane.recorded_until_ns = c->second;
    // Both vectors are sorted by (thread, begin): find this thread's range.
    auto by_thread_s = [](const StateInterval& x, std::uint16_t id) { return x.thread < id; };
    auto by_thread_h = [](const HoldInterval& x, std::uint16_t id) { return x.thread < id; };
    lane.first_state = static_cast<std::size_t>(std::lower_bound(states.begin(), states.end(), t.id, by_thread_s) - states.begin());
    lane.end_state = lane.first_state;
    while (lane.end_state < states.size() && states[lane.end_state].thread == t.id) ++lane.end_state;
    lane.first_hold = static_cast<std::size_t>(std::lower_bound(holds.begin(), holds.end(), t.id, by_thread_h) - holds.begin());
    lane.end_hold = lane.first_hold;
    while (lane.end_hold < holds.size() && holds[lane.end_hold].thread == t.id) ++lane.end_hold;
    lane.states = make_state_track(states.data() + lane.first_state, states.data() + lane.end_state, trace_);
    lane.holds = make_hold_track(holds.data() + lane.first_hold, holds.data() + lane.end_hold);
    lanes_.push_back(std::move(lane));
  }
}

const StateInterval* RunModel::state_at(std::size_t lane, double t_ns) const noexcept {
  if (lane >= lanes_.size()) return nullptr;
  const Lane& l = lanes_[lane];
  const auto* first = timelines_.states.data() + l.first_state;
  const auto* last = timelines_.states.data() + l.end_state;
  const auto* it = std::upper_bound(first, last, t_ns,
                                    [](double t, const StateInterval& s) { return t < static_cast<double>(s.begin_ns); });
  if (it == first) return nullptr;
  --it;
  return t_ns < static_cast<double>(it->end_ns) ? it : nullptr;
}

const HoldInterval* RunModel::holder_of(std::uint32_t object, double t_ns, std::uint16_t except) const noexcept {
  const auto found = holds_by_object_.find(object);
  if (found == holds_by_object_.end()) return nullptr;
  const auto& list = found->second;
  auto it = std::upper_bound(list.begin(), list.end(), t_ns, [this](double t, std::uint32_t i) {
    return t < static_cast<double>(timelines_.holds[i].begin_ns);
  });
  // Holds of one object rarely overlap (only shared ones do): a short look
  // back finds the open one.
  for (int steps = 0; it != list.begin() && steps < 256; ++steps) {
    --it;
    const HoldInterval& h = timelines_.holds[*it];
    if (static_cast<double>(h.end_ns) > t_ns && h.thread != except) return &h;
  }
  return nullptr;
}

const HoldInterval* RunModel::last_holder_before(std::uint32_t object, double t_ns,
                                                  std::uint16_t except) const noexcept {
  const auto found = holds_by_object_.find(object);
  if (found == holds_by_object_.end()) return nullptr;
  const auto& list = found->second;
  auto it = std::upper_bound(list.begin(), list.end(), t_ns, [this](double t, std::uint32_t i) {
    return t < static_cast<double>(timelines_.holds[i].begin_ns);
  });
  for (int steps = 0; it != list.begin() && steps < 256; ++steps) {
    --it;
    if (timelines_.holds[*it].thread != except) return &timelines_.holds[*it];
  }
  return nullptr;
}

std::vector<const HoldInterval*> RunModel::holds_at(std::size_t lane, double t_ns) const {
  std::vector<const HoldInterval*> out;
  if (lane >= lanes_.size()) return out;
  const Lane& l = lanes_[lane];
  const auto* first = timelines_.holds.data() + l.first_hold;
  const auto* last = timelines_.holds.data() + l.end_hold;
  const auto* it = std::upper_bound(first, last, t_ns,
                                    [](double t, const HoldInterval& h) { return t < static_cast<double>(h.begin_ns); });
  for (int steps = 0; it != first && steps < 256; ++steps) {
    --it;
    if (static_cast<double>(it->end_ns) > t_ns) out.push_back(it);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::size_t RunModel::lane_of(std::uint16_t thread) const noexcept {
  for (std::size_t i = 0; i < lanes_.size(); ++i)
    if (lanes_[i].thread == thread) return i;
  return lanes_.size();
}

}  // namespace locklab::viz
