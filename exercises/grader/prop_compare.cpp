// compare: the bug's compare() (the buggy-against-fixed judgement of a
// ratio symptom: latency, throughput) run with the candidate in the buggy
// seat and the reference fix in the fixed seat, seed by seed. It fails when
// compare() finds the candidate worse by the bug's margin in more than half
// of the pairs. Bugs without a compare() pass it (the settings should not
// name it for them).
#include "property.h"
#include "words.h"

namespace locklab::exercises {
namespace {

class Compare final : public Property {
 public:
  std::string_view id() const noexcept override { return "compare"; }
  std::string what() const override { return "not worse than the reference fix by the bug's margin"; }

  PropertyResult check(Evidence& evidence) const override {
    PropertyResult r;
    if (!evidence.bug().compare) {
      r.pass = true;
      r.reason = evidence.bug().id + " has no compare(); nothing to compare";
      return r;
    }
    const std::vector<Trace>& mine = evidence.candidate_runs();
    const std::vector<Trace>& ref = evidence.reference_runs();
    std::size_t worse = 0;
    std::string first_worse, first_ok;
    for (std::size_t i = 0; i < mine.size() && i < ref.size(); ++i) {
      const OracleVerdict v = evidence.bug().compare(mine[i], ref[i]);
      if (v.symptom) {
        if (worse++ == 0) first_worse = v.explanation;
      } else if (first_ok.empty()) {
        first_ok = v.explanation;
      }
    }
    const std::size_t pairs = std::min(mine.size(), ref.size());
    r.figures = {{"pairs", pairs}, {"worse_pairs", worse}};
    r.pass = worse * 2 <= pairs;
    r.reason = r.pass ? "against the reference fix, seed by seed: worse by the bug's margin in " +
                            std::to_string(worse) + " of " + std::to_string(pairs) + "; " + first_ok
                      : "against the reference fix (" + evidence.reference_variant().name +
                            "), your variant is still worse by the bug's margin in " + std::to_string(worse) +
                            " of " + count_text(pairs, "pair of runs", "pairs of runs") + ": " + first_worse;
    return r;
  }
};

}  // namespace

std::unique_ptr<Property> make_compare() { return std::make_unique<Compare>(); }

}  // namespace locklab::exercises
