// Fuzz target: the CLI's parsing of what people type: run options (threads,
// duration, seed, watchdog, events per thread, spurious wake-ups, --param
// lists checked against a bug's parameters), variant names, and dump filter
// expressions. Bad input must end in UsageError / ConfigError / FilterError
// with a message, never a crash or another exception.
//
// The input is split at newlines into fields, in a fixed order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "locklab/analysis/thread_dump.h"
#include "options.h"

namespace {

std::vector<std::string> fields(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') out.emplace_back();
    else out.back() += static_cast<char>(data[i]);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> f = fields(data, size);
  auto field = [&](std::size_t i) -> std::optional<std::string> {
    if (i >= f.size() || f[i] == "-") return std::nullopt;
    return f[i];
  };
  const auto bugs = locklab::Catalogue::get().all();
  const locklab::BugInfo* bug = bugs.empty() ? nullptr : bugs[f.empty() || f[0].empty() ? 0 : f[0].size() % bugs.size()];
  locklab::cli::RunOptions o;
  o.threads = field(1);
  o.duration = field(2);
  o.seed = field(3);
  o.watchdog = field(4);
  o.events_per_thread = field(5);
  o.spurious_wakeups = field(6);
  for (std::size_t i = 9; i < f.size(); ++i) o.params.push_back(f[i]);
  try {
    (void)locklab::cli::make_config(o, bug);
  } catch (const locklab::cli::UsageError&) {
  } catch (const locklab::ConfigError&) {
  }
  if (bug && f.size() > 7) {
    try {
      (void)locklab::cli::select_variants(*bug, f[7]);
    } catch (const locklab::cli::UsageError&) {
    }
  }
  if (f.size() > 8) {
    try {
      (void)locklab::DumpFilter::parse(f[8]);
    } catch (const locklab::FilterError&) {
    }
  }
  return 0;
}
