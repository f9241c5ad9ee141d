#include "report_plan.h"

#include <algorithm>

#include <fmt/format.h>

#include "locklab/run/runner.h"

namespace locklab::cli {
namespace {

std::vector<std::string> split_commas(const std::string& text, const std::string& what) {
  std::vector<std::string> items;
  std::size_t pos = 0;
  while (true) {
    const std::size_t comma = text.find(',', pos);
    std::string item = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.empty()) throw UsageError(what + ": an empty item in '" + text + "' (separate items with single commas)");
    items.push_back(std::move(item));
    if (comma == std::string::npos) return items;
    pos = comma + 1;
  }
}

}  // namespace

std::string ReportCase::name() const { return fmt::format("{}/{}/threads:{}", bug->id, variant->name, threads); }

std::vector<const BugInfo*> parse_bug_list(const std::string& text) {
  if (text == "all") {
    auto all = Catalogue::get().all();
    if (all.empty()) throw UsageError("--bugs all: the catalogue is empty");
    return all;
  }
  std::vector<const BugInfo*> bugs;
  for (const std::string& id : split_commas(text, "--bugs")) {
    const BugInfo* bug = &find_bug(id);
    if (std::find(bugs.begin(), bugs.end(), bug) == bugs.end()) bugs.push_back(bug);
  }
  return bugs;
}

std::vector<std::optional<std::uint32_t>> parse_thread_list(const std::string& text) {
  std::vector<std::optional<std::uint32_t>> out;
  for (const std::string& item : split_commas(text, "--threads")) {
    std::optional<std::uint32_t> n;
    if (item != "default")
      n = static_cast<std::uint32_t>(parse_whole(item, "--threads (a count or 'default')", 1, kMaxThreads));
    if (std::find(out.begin(), out.end(), n) != out.end())
      throw UsageError("--threads: '" + item + "' is listed twice in '" + text + "'");
    out.push_back(n);
  }
  return out;
}

std::uint64_t report_duration_ms(const BugInfo& bug, const ReportSettings& settings) {
  if (settings.duration_ms) return settings.duration_ms;
  return std::min(bug.default_duration_ms, kReportDurationCapMs);
}

std::vector<ReportCase> make_plan(const ReportSettings& settings) {
  std::vector<ReportCase> plan;
  for (std::size_t b = 0; b < settings.bugs.size(); ++b) {
    const BugInfo& bug = *settings.bugs[b];
    std::vector<std::uint32_t> counts;
    for (const auto& t : settings.threads) counts.push_back(t.value_or(bug.default_threads));
    std::sort(counts.begin(), counts.end());
    counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
    std::vector<const VariantInfo*> variants;
    if (const VariantInfo* buggy = bug.buggy_variant()) variants.push_back(buggy);
    for (const VariantInfo* v : bug.fixed_variants()) variants.push_back(v);
    for (const std::uint32_t threads : counts)
      for (const VariantInfo* v : variants) plan.push_back({&bug, v, threads, report_duration_ms(bug, settings), b});
  }
  return plan;
}

}  // namespace locklab::cli
