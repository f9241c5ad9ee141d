#include "locklab/present/run_settings.h"

#include <charconv>
#include <cmath>

namespace locklab::present {
namespace {

// Event budget bounds per thread (32 bytes an event: 16M events = 512 MiB).
constexpr std::uint64_t kMaxEventsPerThread = std::uint64_t{1} << 24;

std::string variant_names(const BugInfo& bug) {
  std::string names;
  for (const VariantInfo& v : bug.variants) names += (names.empty() ? "" : ", ") + v.name;
  return names;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

const BugInfo& find_bug(const std::string& id) {
  const Catalogue& cat = Catalogue::get();
  if (const BugInfo* bug = cat.find(id)) return *bug;
  const std::string near = cat.suggest(id);
  if (!near.empty()) throw UsageError("unknown bug '" + id + "'; did you mean '" + near + "'?");
  if (cat.all().empty()) throw UsageError("unknown bug '" + id + "' (the catalogue is empty)");
  throw UsageError("unknown bug '" + id + "' (see 'locklab list')");
}

std::vector<const VariantInfo*> select_variants(const BugInfo& bug, const std::string& spec) {
  const VariantInfo* buggy = bug.buggy_variant();
  const auto fixed = bug.fixed_variants();
  const VariantInfo* first_fixed = bug.variant("fixed");
  if (!first_fixed || first_fixed->buggy) first_fixed = fixed.empty() ? nullptr : fixed.front();

  std::vector<const VariantInfo*> out;
  if (spec == "buggy") out = {buggy};
  else if (spec == "fixed") out = {first_fixed};
  else if (spec == "both") out = {buggy, first_fixed};
  else if (spec == "all") {
    out.push_back(buggy);
    out.insert(out.end(), fixed.begin(), fixed.end());
  } else if (const VariantInfo* v = bug.variant(spec)) {
    out = {v};
  } else {
    std::string keywords;
    for (const char* k : {"buggy", "fixed", "both", "all"})
      if (!bug.variant(k)) keywords += std::string(keywords.empty() ? "" : ", ") + k;
    throw UsageError("unknown variant '" + spec + "' of " + bug.id + " (variants: " + variant_names(bug) +
                     "; or " + keywords + ")");
  }
  for (const VariantInfo* v : out)
    if (!v) throw UsageError(bug.id + " has no variant for '" + spec + "' (variants: " + variant_names(bug) + ")");
  return out;
}

std::uint64_t parse_whole(const std::string& text, const std::string& what, std::uint64_t min,
                          std::uint64_t max) {
  const std::string range = " must be between " + std::to_string(min) + " and " + std::to_string(max);
  const std::string t = trim(text);
  if (t.empty()) throw UsageError(what + ": a value is required (a whole number)");
  const bool negative = t[0] == '-';
  const char* first = t.data() + ((negative || t[0] == '+') ? 1 : 0);
  const char* last = t.data() + t.size();
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (first == last || ptr != last || (ec != std::errc() && ec != std::errc::result_out_of_range))
    throw UsageError(what + ": '" + text + "' is not a whole number");
  if (negative || ec == std::errc::result_out_of_range || value < min || value > max)
    throw UsageError(what + range + " (got " + t + ")");
  return value;
}

double parse_probability(const std::string& text, const std::string& what) {
  const std::string t = trim(text);
  double value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(value))
    throw UsageError(what + ": '" + text + "' is not a number");
  if (value < 0 || value > 1) throw UsageError(what + " must be between 0 and 1 (got " + t + ")");
  return value;
}

std::map<std::string, std::string> parse_params(const std::vector<std::string>& items) {
  std::map<std::string, std::string> params;
  for (const std::string& item : items) {
    std::size_t pos = 0;
    while (pos <= item.size()) {
      std::size_t comma = item.find(',', pos);
      if (comma == std::string::npos) comma = item.size();
      const std::string one = item.substr(pos, comma - pos);
      pos = comma + 1;
      if (trim(one).empty()) throw UsageError("--param: '" + item + "' has an empty entry");
      const auto eq = one.find('=');
      if (eq == std::string::npos)
        throw UsageError("--param: '" + one + "' is not of the form name=value");
      const std::string key = trim(one.substr(0, eq));
      const std::string value = trim(one.substr(eq + 1));
      if (key.empty()) throw UsageError("--param: '" + one + "' has no name before '='");
      if (value.empty()) throw UsageError("--param: '" + one + "' has no value after '='");
      if (!params.emplace(key, value).second) throw UsageError("--param: '" + key + "' is given twice");
    }
  }
  return params;
}

RunConfig make_config(const RunOptions& o, const BugInfo* bug) {
  RunConfig c;
  if (o.threads) c.threads = static_cast<std::uint32_t>(parse_whole(*o.threads, "--threads", 1, kMaxThreads));
  if (o.duration) c.duration_ms = parse_whole(*o.duration, "--duration", 1, kMaxDurationMs);
  if (o.seed) c.seed = parse_whole(*o.seed, "--seed", 0, UINT64_MAX);
  if (o.watchdog) c.watchdog_ms = parse_whole(*o.watchdog, "--watchdog", 1, kMaxDurationMs);
  if (o.events_per_thread)
    c.events_per_thread = parse_whole(*o.events_per_thread, "--events-per-thread", 1, kMaxEventsPerThread);
  if (o.spurious_wakeups) c.spurious_wakeups = parse_probability(*o.spurious_wakeups, "--spurious-wakeups");
  c.record = !o.no_record;
  c.chaos = o.chaos;
  c.params = parse_params(o.params);
  if (bug) {
    try {
      resolve_params(*bug, c);
    } catch (const ConfigError& e) {
      throw UsageError(e.what());
    }
  }
  return c;
}

std::uint32_t effective_threads(const BugInfo& bug, const RunConfig& config) {
  return config.threads ? config.threads : bug.default_threads;
}

std::uint64_t effective_duration_ms(const BugInfo& bug, const RunConfig& config) {
  return config.duration_ms ? config.duration_ms : bug.default_duration_ms;
}

}  // namespace locklab::present
