// no-added-sleep: the candidate's own code does not sleep where the
// reference fix does not. A sleep makes a bad interleaving rarer (or a
// symptom smaller), never impossible, and costs every caller its length.
//
// Two sources of evidence:
//   - the trace: locklab::sleep_for calls whose site is in the candidate's
//     files (kSleepBegin events), against the reference's sleeps in its own
//     files; the candidate fails if it sleeps and sleeps more than the
//     reference does (count per run, median over the seeds);
//   - the object file: OS sleeps and yields the lab cannot see, however
//     spelled (std::this_thread::sleep_for through a namespace alias,
//     nanosleep, clock_nanosleep, usleep, ::poll and select with a timeout,
//     sched_yield), found by the boundary scan of the candidate's object
//     (Evidence::boundary(), boundary_scan.h), with the learner's line.

#include "property.h"
#include "words.h"

namespace locklab::exercises {
namespace {

struct Sleeps {
  double count = 0;       // median sleep calls per run
  double ns = 0;          // median requested sleep time per run
  std::string where;      // the first site
};

template <class InFiles>
Sleeps sleeps(const std::vector<Trace>& runs, InFiles in_files) {
  std::vector<double> counts, times;
  std::string where;
  for (const Trace& run : runs) {
    double c = 0, t = 0;
    for (const Event& e : run.events) {
      if (e.kind != EventKind::kSleepBegin || !in_files(run, static_cast<std::uint32_t>(e.site))) continue;
      ++c;
      t += static_cast<double>(e.arg);
      if (where.empty()) where = run.site_text(static_cast<std::uint32_t>(e.site));
    }
    counts.push_back(c);
    times.push_back(t);
  }
  return {median(counts), median(times), where};
}

class NoAddedSleep final : public Property {
 public:
  std::string_view id() const noexcept override { return "no-added-sleep"; }
  std::string what() const override { return "no sleep the reference fix does not need"; }

  PropertyResult check(Evidence& evidence) const override {
    PropertyResult r;
    for (const Crossing& c : evidence.boundary().crossings) {
      if (c.kind != BoundaryKind::kSleep) continue;
      const std::string found = crossing_text(c);
      r.figures = {{"os_sleep", found}};
      r.reason = found + ". Sleeping or yielding makes the bad timing rarer, not impossible, and every caller "
                         "pays for it";
      return r;
    }
    const Sleeps mine = sleeps(evidence.candidate_runs(),
                               [&](const Trace& run, std::uint32_t site) { return evidence.in_candidate(run, site); });
    Sleeps ref;
    if (mine.count > 0)
      ref = sleeps(evidence.reference_runs(),
                   [&](const Trace& run, std::uint32_t site) { return evidence.in_reference(run, site); });
    r.figures = {{"candidate_sleeps_per_run", mine.count},
                 {"candidate_sleep_ns_per_run", mine.ns},
                 {"reference_sleeps_per_run", ref.count},
                 {"reference_sleep_ns_per_run", ref.ns}};
    r.pass = mine.count == 0 || mine.count <= ref.count;
    if (r.pass) {
      r.reason = mine.count == 0 ? "your code does not sleep"
                                 : "your code sleeps no more than the reference fix does";
      return r;
    }
    r.reason = text_format("your code sleeps %.0f times per run (%s asleep in all, first at ", mine.count,
                           duration_text(mine.ns).c_str()) +
               mine.where + ")" +
               (ref.count == 0 ? std::string("; the reference fix never sleeps there")
                               : text_format("; the reference fix %.0f times", ref.count)) +
               ". A sleep makes the bad timing rarer, not impossible, and every caller pays for it";
    return r;
  }
};

}  // namespace

std::unique_ptr<Property> make_no_added_sleep() { return std::make_unique<NoAddedSleep>(); }

}  // namespace locklab::exercises
