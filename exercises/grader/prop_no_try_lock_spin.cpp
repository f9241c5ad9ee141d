// no-try-lock-spin: the candidate's code does not loop on failing
// try_locks. A thread that retries try_lock until it wins burns its core
// while it waits, and two such threads that each hold what the other tries
// can retry forever (a livelock) instead of deadlocking. Counted from the
// trace: failed try_lock events (kLockTryFail) at the candidate's sites, the
// worst run, against `max_failed_per_run` and four times the reference's.
// A try_lock the learner reaches through std::unique_lock<Mutex>(m,
// std::try_to_lock) is recorded at libstdc++'s line, not the learner's;
// when the boundary scan finds the learner's file doing that
// (BoundaryKind::kWrappedTryLock), failures at the system headers' lines
// count as the candidate's too. (std::scoped_lock's own back-off does not
// go through that path, so a scoped_lock fix is not counted.)
#include <algorithm>

#include "property.h"
#include "words.h"

namespace locklab::exercises {
namespace {

template <class InFiles>
std::uint64_t worst_run(const std::vector<Trace>& runs, InFiles in_files, std::string* where) {
  std::uint64_t worst = 0;
  for (const Trace& run : runs) {
    std::uint64_t n = 0;
    for (const Event& e : run.events) {
      if (e.kind != EventKind::kLockTryFail || !in_files(run, static_cast<std::uint32_t>(e.site))) continue;
      if (n++ == 0 && where && where->empty())
        *where = run.object_text(e.object) + " at " + run.site_text(static_cast<std::uint32_t>(e.site));
    }
    worst = std::max(worst, n);
  }
  return worst;
}

class NoTryLockSpin final : public Property {
 public:
  explicit NoTryLockSpin(std::uint64_t max_failed) : max_(max_failed) {}
  std::string_view id() const noexcept override { return "no-try-lock-spin"; }
  std::string what() const override { return "no spinning on try_lock"; }

  PropertyResult check(Evidence& evidence) const override {
    std::string where, wrapped;
    for (const Crossing& c : evidence.boundary().crossings)
      if (c.kind == BoundaryKind::kWrappedTryLock && wrapped.empty()) wrapped = c.where + " (through " + c.through + ")";
    const std::uint64_t mine = worst_run(
        evidence.candidate_runs(),
        [&](const Trace& run, std::uint32_t s) {
          return evidence.in_candidate(run, s) || (!wrapped.empty() && s < run.sites.size() &&
                                                   run.sites[s].file.starts_with("/usr/"));
        },
        &where);
    if (!wrapped.empty() && mine > 0) where += ", called at " + wrapped;
    std::uint64_t ref = 0;
    if (mine > max_)
      ref = worst_run(
          evidence.reference_runs(), [&](const Trace& run, std::uint32_t s) { return evidence.in_reference(run, s); },
          nullptr);
    PropertyResult r;
    r.figures = {{"candidate_failed_try_locks", mine}, {"reference_failed_try_locks", ref}, {"max_failed_per_run", max_}};
    r.pass = mine <= std::max(max_, 4 * ref);
    r.reason = r.pass ? text_format("%llu failed try_locks in the worst run (at most %llu allowed)",
                                    static_cast<unsigned long long>(mine), static_cast<unsigned long long>(max_))
                      : text_format("try_lock failed %llu times in one run (", static_cast<unsigned long long>(mine)) +
                            where +
                            "): a thread retrying try_lock burns its core while it waits, and two threads that "
                            "each hold what the other tries can retry for ever (a livelock)";
    return r;
  }

 private:
  std::uint64_t max_;
};

}  // namespace

std::unique_ptr<Property> make_no_try_lock_spin(std::uint64_t max_failed_per_run) {
  return std::make_unique<NoTryLockSpin>(max_failed_per_run);
}

}  // namespace locklab::exercises
