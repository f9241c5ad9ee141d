#include "locklab/present/diagnostics_json.h"

#include "locklab/present/format.h"

namespace locklab::present {
namespace {

nlohmann::json edge_json(const WaitEdge& e) {
  return {{"from", e.from}, {"to", e.to}, {"kind", std::string(to_string(e.kind))}, {"object", e.object}};
}

nlohmann::json access_json(const Trace& trace, const LocksetAccess& a) {
  nlohmann::json locks = nlohmann::json::array();
  for (const std::uint32_t l : a.locks) locks.push_back(trace.object_text(l));
  return {{"thread", a.thread}, {"site", trace.site_text(a.site)}, {"write", a.write}, {"locks", locks}};
}

}  // namespace

nlohmann::json diagnostics_json(const Trace& trace, const Diagnostics& d) {
  nlohmann::json cycles = nlohmann::json::array();
  for (const WaitCycle& c : d.deadlock.cycles) {
    nlohmann::json edges = nlohmann::json::array();
    for (const WaitEdge& e : c.edges) {
      nlohmann::json j = edge_json(e);
      j["object_name"] = trace.object_text(e.object);
      edges.push_back(std::move(j));
    }
    cycles.push_back({{"pattern", c.pattern}, {"words", c.words}, {"edges", edges}});
  }
  nlohmann::json order = nlohmann::json::array();
  for (const LockOrderCycle& c : d.lock_order) {
    nlohmann::json edges = nlohmann::json::array();
    for (std::size_t i = 0; i < c.edges.size(); ++i) {
      const LockOrderEdge& e = c.edges[i];
      edges.push_back({{"held", trace.object_text(e.held)},
                       {"held_site", trace.site_text(e.held_site)},
                       {"taken", trace.object_text(e.taken)},
                       {"taken_site", trace.site_text(e.taken_site)},
                       {"thread", c.threads[i]}});
    }
    order.push_back({{"words", c.words}, {"edges", edges}});
  }
  nlohmann::json lockset = nlohmann::json::array();
  for (std::size_t i = 0; i < trace.lockset.size(); ++i) {
    const LocksetViolation& v = trace.lockset[i];
    lockset.push_back({{"object", trace.object_text(v.object)},
                       {"first", access_json(trace, v.first)},
                       {"second", access_json(trace, v.second)},
                       {"words", i < d.lockset.size() ? d.lockset[i] : ""}});
  }
  return {{"deadlock",
           {{"deadlocked", d.deadlock.deadlocked()},
            {"all_asleep", d.deadlock.all_asleep},
            {"cycles", cycles},
            {"stuck", d.deadlock.stuck},
            {"text", d.deadlock.text()}}},
          {"potential_deadlocks", order},
          {"lockset_violations", lockset}};
}

nlohmann::json dump_json(const std::vector<ThreadSnapshot>& threads) {
  nlohmann::json groups = nlohmann::json::array();
  for (const DumpGroup& g : group_dump(threads)) {
    nlohmann::json members = nlohmann::json::array();
    for (const ThreadSnapshot* t : g.threads) {
      nlohmann::json wait = nullptr;
      if (t->waiting)
        wait = {{"kind", std::string(to_string(t->wait_kind))},
                {"class", std::string(to_string(classify(t->wait_kind)))},
                {"mode", json_word(t->wait_mode)},
                {"object", t->wait_object_name},
                {"site", t->wait_site}};
      nlohmann::json held = nlohmann::json::array();
      for (const auto& h : t->held) held.push_back({{"object", h.object_name}, {"mode", json_word(h.mode)}, {"site", h.site}});
      members.push_back({{"id", t->id},
                         {"name", t->name},
                         {"state", std::string(to_string(t->state))},
                         {"waiting_for_ns", t->waiting_for_ns},
                         {"wait", wait},
                         {"held", held}});
    }
    groups.push_back({{"count", g.threads.size()},
                      {"heading", g.heading},
                      {"holds", g.holds},
                      {"min_wait_ns", g.min_wait_ns},
                      {"max_wait_ns", g.max_wait_ns},
                      {"threads", members}});
  }
  return groups;
}

}  // namespace locklab::present
