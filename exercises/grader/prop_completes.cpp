// completes: every run of the candidate ends well. A deadlock (found as a
// wait cycle, or everyone parked until the watchdog's bound), a run that
// stops progressing, a self-deadlock, a panic or an exception fails it.
#include "property.h"
#include "words.h"

namespace locklab::exercises {
namespace {

class Completes final : public Property {
 public:
  std::string_view id() const noexcept override { return "completes"; }
  std::string what() const override { return "every run ends: no deadlock, no watchdog stop, no panic"; }

  PropertyResult check(Evidence& evidence) const override {
    const std::vector<Trace>& runs = evidence.candidate_runs();
    PropertyResult r;
    std::size_t failed = 0;
    const Trace* first = nullptr;
    for (const Trace& run : runs) {
      if (!is_failure(run.verdict.kind)) continue;
      ++failed;
      if (!first) first = &run;
    }
    r.figures = {{"runs", runs.size()},
                 {"failed_runs", failed},
                 {"watchdog_ms", evidence.plan().config.watchdog_ms}};
    if (!first) {
      r.pass = true;
      r.reason = "all " + count_text(runs.size(), "run", "runs") + " ended normally (watchdog bound " +
                 std::to_string(evidence.plan().config.watchdog_ms) + " ms)";
      return r;
    }
    r.figures["verdict"] = std::string(to_string(first->verdict.kind));
    r.reason = count_text(failed, "run", "runs") + " of " + std::to_string(runs.size()) + " did not end normally; " +
               run_text(*first) + " ended in " + std::string(to_string(first->verdict.kind)) + " after " +
               duration_text(static_cast<double>(first->verdict.at_ns)) + ": " + first->verdict.summary;
    if (!first->verdict.detail.empty()) r.reason += "\n" + first->verdict.detail;
    return r;
  }
};

}  // namespace

std::unique_ptr<Property> make_completes() { return std::make_unique<Completes>(); }

}  // namespace locklab::exercises
