#include "locklab/analysis/thread_dump.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace locklab {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string lock_verb(const ThreadSnapshot& t) {
  if (t.wait_mode == LockMode::kShared) return "read-lock ";
  return t.wait_object_kind == ObjectKind::kRWMutex ? "write-lock " : "lock ";
}

std::string held_words(const ThreadSnapshot::Held& h) {
  return "holds " + h.object_name + (h.mode == LockMode::kShared ? " for reading" : "") + " (taken at " + h.site + ")";
}

std::string ms_text(std::uint64_t ns) { return std::to_string(ns / 1'000'000) + " ms"; }

}  // namespace

std::string describe_thread(const ThreadSnapshot& t) {
  if (!t.waiting) {
    switch (t.state) {
      case ThreadState::kIo: return "in I/O";
      case ThreadState::kCompute: return "computing";
      case ThreadState::kSleeping: return "sleeping";
      case ThreadState::kDone: return "ended";
      default: return "running";
    }
  }
  const std::string& obj = t.wait_object_name;
  std::string what;
  switch (t.wait_kind) {
    case WaitKind::kLock: what = "waiting to " + lock_verb(t) + obj; break;
    case WaitKind::kSelfDeadlock: what = "blocked forever on " + obj + ", which it holds itself"; break;
    case WaitKind::kCond: what = "waiting for a signal on " + obj; break;
    case WaitKind::kChanSend: what = "waiting to send on " + obj; break;
    case WaitKind::kChanRecv: what = "waiting to receive from " + obj; break;
    case WaitKind::kSelect:
      what = obj.empty() ? "waiting in a select with no case that can proceed"
                         : "waiting in a select (first case on " + obj + ")";
      break;
    case WaitKind::kWaitGroup:
      what = t.wait_object_kind == ObjectKind::kSingleflight ? "waiting for the call in flight on " + obj
                                                              : "waiting for " + obj + " to reach zero";
      break;
    case WaitKind::kSemaphore: what = "waiting for weight of " + obj; break;
    case WaitKind::kPoolSubmit: what = "waiting to submit to " + obj + " (all workers busy, queue full)"; break;
    case WaitKind::kOnce: what = "waiting for " + obj + " to finish"; break;
    case WaitKind::kJoin: what = "waiting for threads to end"; break;
    case WaitKind::kSleep: what = "sleeping"; break;
  }
  if (!t.wait_site.empty()) what += " at " + t.wait_site;
  return what;
}

std::vector<DumpGroup> group_dump(const std::vector<ThreadSnapshot>& threads) {
  std::vector<DumpGroup> groups;
  std::map<std::string, std::size_t> by_key;
  for (const ThreadSnapshot& t : threads) {
    DumpGroup g;
    g.heading = describe_thread(t);
    for (const auto& h : t.held) g.holds.push_back(held_words(h));
    std::string key = g.heading;
    for (const std::string& h : g.holds) key += "\n" + h;
    auto [it, fresh] = by_key.try_emplace(key, groups.size());
    if (fresh) {
      g.min_wait_ns = g.max_wait_ns = t.waiting_for_ns;
      groups.push_back(std::move(g));
    }
    DumpGroup& group = groups[it->second];
    group.threads.push_back(&t);
    group.min_wait_ns = std::min(group.min_wait_ns, t.waiting_for_ns);
    group.max_wait_ns = std::max(group.max_wait_ns, t.waiting_for_ns);
  }
  return groups;
}

std::string format_dump(const std::vector<ThreadSnapshot>& threads) {
  std::string out;
  for (const DumpGroup& g : group_dump(threads)) {
    const std::size_t n = g.threads.size();
    out += n == 1 ? "1 thread: " : std::to_string(n) + " threads: ";
    out += g.heading;
    if (g.threads.front()->waiting) {
      out += ", for " + (g.min_wait_ns / 1'000'000 == g.max_wait_ns / 1'000'000
                             ? ms_text(g.max_wait_ns)
                             : std::to_string(g.min_wait_ns / 1'000'000) + "-" + ms_text(g.max_wait_ns));
    }
    out += "\n    ";
    for (std::size_t i = 0; i < n && i < 3; ++i)
      out += (i ? ", " : "") + ("T" + std::to_string(g.threads[i]->id) + " " + g.threads[i]->name);
    if (n > 3) out += " and " + std::to_string(n - 3) + " more";
    out += "\n";
    for (const std::string& h : g.holds) out += "    " + h + "\n";
  }
  return out;
}

DumpFilter DumpFilter::parse(std::string_view expression) {
  static const char* const kFields[] = {"state", "site", "object", "name", "holds"};
  DumpFilter f;
  std::size_t pos = 0;
  while (pos < expression.size()) {
    while (pos < expression.size() && std::isspace(static_cast<unsigned char>(expression[pos]))) ++pos;
    std::size_t end = pos;
    while (end < expression.size() && !std::isspace(static_cast<unsigned char>(expression[end]))) ++end;
    if (end == pos) break;
    std::string_view word = expression.substr(pos, end - pos);
    pos = end;
    Term t;
    if (word.front() == '-') {
      t.negated = true;
      word.remove_prefix(1);
    }
    if (const std::size_t colon = word.find(':'); colon != std::string_view::npos) {
      t.field = lower(word.substr(0, colon));
      word.remove_prefix(colon + 1);
      if (std::find(std::begin(kFields), std::end(kFields), t.field) == std::end(kFields))
        throw FilterError("unknown field '" + t.field + "' in the filter (fields: state, site, object, name, holds)");
    }
    if (word.empty()) throw FilterError("empty term in the filter: write field:text or text");
    t.text = lower(word);
    f.terms_.push_back(std::move(t));
  }
  return f;
}

bool DumpFilter::matches(const ThreadSnapshot& t) const {
  for (const Term& term : terms_) {
    std::string hay;
    if (term.field == "state") hay = describe_thread(t) + " " + std::string(to_string(t.state));
    else if (term.field == "site") hay = t.wait_site;
    else if (term.field == "object") hay = t.wait_object_name;
    else if (term.field == "name") hay = "t" + std::to_string(t.id) + " " + t.name;
    else if (term.field == "holds") for (const auto& h : t.held) hay += h.object_name + " " + h.site + "\n";
    else {
      hay = "t" + std::to_string(t.id) + " " + t.name + "\n" + describe_thread(t);
      for (const auto& h : t.held) hay += "\n" + held_words(h);
    }
    const bool found = lower(hay).find(term.text) != std::string::npos;
    if (found == term.negated) return false;
  }
  return true;
}

std::vector<ThreadSnapshot> filter_dump(const std::vector<ThreadSnapshot>& threads, const DumpFilter& filter) {
  std::vector<ThreadSnapshot> out;
  for (const ThreadSnapshot& t : threads)
    if (filter.matches(t)) out.push_back(t);
  return out;
}

}  // namespace locklab
