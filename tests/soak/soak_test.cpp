// The soak: every blocking bug of the catalogue, 100 runs in each mode
// (variants taken in turn, a new seed each run). Label "soak", outside the
// default test run (`ctest --preset soak`). Each run must
//   - end: a run still going after its bound is a hang, and the test aborts
//     at once naming the run (a hung run cannot be cancelled from here);
//   - end with a verdict the bug allows (a fixed variant completes; a buggy
//     one may deadlock, self-deadlock, stop progressing or panic; no variant
//     ends in `error`), with a summary in words for every failure;
//   - account for every event: for each thread, the events it emitted
//     (ThreadRecord's own counter) = the events written to the trace file
//     (counted in the file read back) + the events it dropped. Every fourth
//     run has a 512-event budget per thread, so drops happen.
// LOCKLAB_SOAK_RUNS overrides the 100 (a quick look: LOCKLAB_SOAK_RUNS=5).
//
// Modes are rows of soak_modes(): "real" (real threads, real time) and
// "chaos" (the same, shaken at every scheduling point: seeded yields and
// short sleeps, RunConfig::chaos; the run's seed seeds the shaking, so each
// run shakes differently and a failure names the seed that repeats its draws).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "locklab/trace/trace.h"
#include "locklab/trace/trace_file.h"
#include "locklab/trace/verdict.h"

namespace locklab {
namespace {

struct SoakMode {
  std::string name;
  std::function<void(RunConfig&)> apply;  // turns the mode on in a run's config
};

const std::vector<SoakMode>& soak_modes() {
  static const std::vector<SoakMode> modes = {
      {"real", [](RunConfig&) {}},
      {"chaos", [](RunConfig& c) { c.chaos = true; }},
  };
  return modes;
}

int soak_runs() {
  const char* env = std::getenv("LOCKLAB_SOAK_RUNS");
  const int n = env ? std::atoi(env) : 0;
  return n > 0 ? n : 100;
}

std::vector<const BugInfo*> blocking_bugs() {
  std::vector<const BugInfo*> out;
  for (const BugInfo* b : Catalogue::get().all())
    if (b->blocking == Blocking::kBlocking) out.push_back(b);
  return out;
}

// Aborts the process if one run outlives its bound: a hang would otherwise
// end only at ctest's TIMEOUT, without saying which run hung.
class HangGuard {
 public:
  HangGuard(std::string what, std::chrono::milliseconds bound) : what_(std::move(what)) {
    thread_ = std::thread([this, bound] {
      std::unique_lock<std::mutex> lock(mu_);
      if (!cv_.wait_for(lock, bound, [this] { return done_; })) {
        std::fprintf(stderr, "soak: HANG: %s still running after %lld ms\n", what_.c_str(),
                     static_cast<long long>(bound.count()));
        std::abort();
      }
    });
  }
  ~HangGuard() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

 private:
  std::string what_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

bool allowed(const VariantInfo& variant, VerdictKind kind) {
  if (!variant.buggy) return kind == VerdictKind::kCompleted;
  return kind != VerdictKind::kError;
}

// emitted = written + dropped, thread by thread, with "written" counted in
// the trace file read back.
void expect_every_event_accounted(const Trace& run, const std::string& what) {
  const TraceReadResult back = parse_trace(serialize_trace(run));
  ASSERT_TRUE(back.complete()) << what << ": " << back.error << back.warning;
  std::map<std::uint16_t, std::uint64_t> written;
  for (const Event& e : back.trace->events) ++written[e.thread];
  ASSERT_EQ(back.trace->threads.size(), run.threads.size()) << what;
  for (std::size_t i = 0; i < run.threads.size(); ++i) {
    const TraceThread& mem = run.threads[i];
    const TraceThread& file = back.trace->threads[i];
    EXPECT_EQ(mem.emitted, written[file.id] + file.dropped)
        << what << ": thread T" << mem.id << " " << mem.name << " emitted " << mem.emitted << ", the file holds "
        << written[file.id] << " and " << file.dropped << " were dropped";
    EXPECT_EQ(file.emitted, mem.emitted) << what << ": T" << mem.id;
  }
}

struct SoakCase {
  const BugInfo* bug;
  const SoakMode* mode;
};

// How GoogleTest (and ctest's test list) shows a case.
void PrintTo(const SoakCase& c, std::ostream* os) { *os << c.bug->id << " " << c.mode->name; }

class Soak : public ::testing::TestWithParam<SoakCase> {};

TEST_P(Soak, EveryRunEndsWithAVerdictAndEveryEventIsAccounted) {
  const BugInfo& bug = *GetParam().bug;
  const SoakMode& mode = *GetParam().mode;
  const int runs = soak_runs();
  std::map<std::string, int> verdicts;  // "buggy deadlock" -> count
  std::uint64_t emitted = 0, dropped = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int k = 0; k < runs; ++k) {
    const VariantInfo& variant = bug.variants[static_cast<std::size_t>(k) % bug.variants.size()];
    RunConfig config;
    config.seed = static_cast<std::uint64_t>(k) + 1;
    // Every fourth run on a small event budget, so the accounting is also
    // checked where buffers fill and events are dropped.
    if (k % 4 == 3) config.events_per_thread = 512;
    mode.apply(config);
    const std::string what = bug.id + " " + variant.name + " (" + mode.name + ", run " + std::to_string(k + 1) +
                             " of " + std::to_string(runs) + ", seed " + std::to_string(config.seed) + ")";
    // The run's own bounds: its duration, the watchdog's two bounds, slack
    // for joining and building the trace on a loaded machine.
    const auto bound = std::chrono::milliseconds(bug.default_duration_ms + 4 * config.watchdog_ms + 30'000);
    Trace run;
    {
      HangGuard guard(what, bound);
      run = run_bug(bug, variant.name, config);
    }
    ++verdicts[variant.name + " " + std::string(to_string(run.verdict.kind))];
    EXPECT_TRUE(allowed(variant, run.verdict.kind))
        << what << ": " << to_string(run.verdict.kind) << ": " << run.verdict.summary;
    if (is_failure(run.verdict.kind)) {
      EXPECT_FALSE(run.verdict.summary.empty()) << what;
    }
    expect_every_event_accounted(run, what);
    for (const TraceThread& t : run.threads) {
      emitted += t.emitted;
      dropped += t.dropped;
    }
    if (::testing::Test::HasFailure()) return;  // the first bad run says enough
    if ((k + 1) % 10 == 0) std::printf("[ soak     ] %s\n", what.c_str());
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ soak     ] %s, %s mode: %d runs in %.1f s, %llu events emitted, %llu dropped; verdicts:",
              bug.id.c_str(), mode.name.c_str(), runs, secs, static_cast<unsigned long long>(emitted),
              static_cast<unsigned long long>(dropped));
  for (const auto& [v, n] : verdicts) std::printf(" %s x%d,", v.c_str(), n);
  std::printf("\n");
}

std::vector<SoakCase> soak_cases() {
  std::vector<SoakCase> out;
  for (const BugInfo* b : blocking_bugs())
    for (const SoakMode& m : soak_modes()) out.push_back({b, &m});
  return out;
}

std::string case_name(const ::testing::TestParamInfo<SoakCase>& info) {
  std::string id = info.param.bug->id + "_" + info.param.mode->name;
  std::replace_if(id.begin(), id.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return id;
}

INSTANTIATE_TEST_SUITE_P(BlockingBugs, Soak, ::testing::ValuesIn(soak_cases()), case_name);

}  // namespace
}  // namespace locklab
