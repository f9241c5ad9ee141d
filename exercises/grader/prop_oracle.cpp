// oracle: the bug's own oracle (bugs/<id>/oracle.cpp), the same code that
// proves the catalogue's buggy variant buggy, finds no symptom in the
// candidate's runs (at most `max_symptom_runs` of them, for symptoms that
// are measured in time and can show once on a busy machine).
//
// What the oracle looks for is told in the exercise's own words when its
// settings give "symptom": the catalogue's BugInfo::symptom often ends with
// the remedy ("with the write outside the lock, ..."), which a learner's
// first failure must not give away (the hints do, one level at a time).
#include "property.h"
#include "words.h"

namespace locklab::exercises {
namespace {

class Oracle final : public Property {
 public:
  Oracle(int max_symptom_runs, std::string symptom) : max_(max_symptom_runs), symptom_(std::move(symptom)) {}
  std::string_view id() const noexcept override { return "oracle"; }
  std::string what() const override { return "the bug's oracle finds no symptom"; }

  PropertyResult check(Evidence& evidence) const override {
    const std::vector<Trace>& runs = evidence.candidate_runs();
    const std::string& symptom = symptom_.empty() ? evidence.bug().symptom : symptom_;
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
                 count_text(runs.size(), "run", "runs") + " (" + symptom + "); " + last_clean;
    } else {
      r.reason = "the bug's symptom is still there in " + std::to_string(symptoms) + " of " +
                 count_text(runs.size(), "run", "runs") + ". What the oracle looks for: " + symptom +
                 ". In " + first;
    }
    return r;
  }

 private:
  int max_;
  std::string symptom_;  // "": the bug's own words
};

}  // namespace

std::unique_ptr<Property> make_oracle(int max_symptom_runs, std::string symptom) {
  return std::make_unique<Oracle>(max_symptom_runs, std::move(symptom));
}

}  // namespace locklab::exercises
