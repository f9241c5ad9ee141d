// oracle: the bug's own oracle (bugs/<id>/oracle.cpp), the same code that
// proves the catalogue's buggy variant buggy, finds no symptom in the
// candidate's runs (at most `max_symptom_runs` of them, for symptoms that
// are measured in time and can show once on a busy machine).
#include "property.h"
#include "words.h"

namespace locklab::exercises {
namespace {

class Oracle final : public Property {
 public:
  explicit Oracle(int max_symptom_runs) : max_(max_symptom_runs) {}
  std::string_view id() const noexcept override { return "oracle"; }
  std::string what() const override { return "the bug's oracle finds no symptom"; }

  PropertyResult check(Evidence& evidence) const override {
    const std::vector<Trace>& runs = evidence.candidate_runs();
    PropertyResult r;
    int symptoms = 0;
    std::string first, last_clean;
    for (const Trace& run : runs) {
      const OracleVerdict v = evidence.bug().oracle(run);
      if (v.symptom) {
        if (symptoms++ == 0) first = run_text(run) + ": " + v.explanation;
      } else {
        last_clean = v.explanation;
      }
    }
    r.figures = {{"runs", runs.size()}, {"symptom_runs", symptoms}, {"max_symptom_runs", max_}};
    r.pass = symptoms <= max_;
    if (r.pass) {
      r.reason = "no symptom in " + std::to_string(runs.size() - static_cast<std::size_t>(symptoms)) + " of " +
                 count_text(runs.size(), "run", "runs") + " (" + evidence.bug().symptom + "); " + last_clean;
    } else {
      r.reason = "the bug's symptom is still there in " + std::to_string(symptoms) + " of " +
                 count_text(runs.size(), "run", "runs") + ". What the oracle looks for: " + evidence.bug().symptom +
                 ". In " + first;
    }
    return r;
  }

 private:
  int max_;
};

}  // namespace

std::unique_ptr<Property> make_oracle(int max_symptom_runs) { return std::make_unique<Oracle>(max_symptom_runs); }

}  // namespace locklab::exercises
