// throughput: the candidate serves at least `min_ratio` times the reference
// fix's operations per second (all work items, or one operation's count),
// median over the seeds, measured in the same check on the same machine.
// This is what tells a fix from "one lock around everything": that variant
// is correct, but serialises every thread behind the one lock.
#include "locklab/analysis/analyses.h"
#include "property.h"
#include "words.h"

namespace locklab::exercises {
namespace {

class Throughput final : public Property {
 public:
  Throughput(double min_ratio, std::string op) : min_ratio_(min_ratio), op_(std::move(op)) {}
  std::string_view id() const noexcept override { return "throughput"; }
  std::string what() const override {
    return text_format("at least %.2gx the reference fix's ", min_ratio_) + (op_.empty() ? "throughput" : op_ + "s per second");
  }

  PropertyResult check(Evidence& evidence) const override {
    std::vector<double> mine, ref;
    for (const Trace& run : evidence.candidate_runs()) mine.push_back(rate(run));
    for (const Trace& run : evidence.reference_runs()) ref.push_back(rate(run));
    const double m = median(mine), f = median(ref);
    const double ratio = f > 0 ? m / f : 1.0;
    PropertyResult r;
    r.figures = {{"candidate_per_sec", m}, {"reference_per_sec", f}, {"ratio", ratio}, {"min_ratio", min_ratio_}};
    r.pass = ratio >= min_ratio_;
    const std::string what = op_.empty() ? "operations" : op_ + "s";
    r.reason = text_format("your variant: %s %s, the reference fix (%s): %s (x%.2f of it; a fix needs x%.2g or more)",
                           rate_text(m).c_str(), what.c_str(), evidence.reference_variant().name.c_str(),
                           rate_text(f).c_str(), ratio, min_ratio_);
    if (!r.pass) r.reason += top_wait(evidence.candidate_runs().front());
    return r;
  }

 private:
  double rate(const Trace& run) const {
    if (op_.empty()) return throughput(run).overall_per_sec;
    const double seconds = static_cast<double>(run.duration_ns) / 1e9;
    return seconds > 0 ? static_cast<double>(op_latency(run, op_).count) / seconds : 0.0;
  }

  // Where the candidate's threads waited most: usually the lock that
  // serialises them.
  static std::string top_wait(const Trace& run) {
    const ContentionProfile p = contention(run);
    if (p.by_waiter.empty() || p.thread_time_ns == 0) return "";
    const ContentionRow& top = p.by_waiter.front();
    return text_format(". Threads spent %.0f%% of their time waiting for locks, most of it for ",
                       100.0 * static_cast<double>(p.total_wait_ns) / static_cast<double>(p.thread_time_ns)) +
           run.object_text(top.object) + " at " + run.site_text(top.site) +
           ": while one thread holds it, every other thread that needs it stands still";
  }

  double min_ratio_;
  std::string op_;
};

}  // namespace

std::unique_ptr<Property> make_throughput(double min_ratio, std::string op) {
  return std::make_unique<Throughput>(min_ratio, std::move(op));
}

}  // namespace locklab::exercises
