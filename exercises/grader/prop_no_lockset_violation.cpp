// no-lockset-violation: no Guarded<T> data (locklab/guarded.h) was touched
// by two threads with no lock in common, in any run (Trace::lockset, the
// Eraser check). It finds the race whether or not a run was unlucky enough
// to lose an update.
#include "property.h"
#include "words.h"

namespace locklab::exercises {
namespace {

std::string locks_text(const Trace& run, const std::vector<std::uint32_t>& locks) {
  if (locks.empty()) return "no lock";
  std::string out;
  for (const std::uint32_t l : locks) out += (out.empty() ? "" : ", ") + run.object_text(l);
  return out;
}

std::string access_text(const Trace& run, const LocksetAccess& a) {
  return thread_text(run, a.thread) + (a.write ? " wrote it at " : " read it at ") + run.site_text(a.site) +
         " holding " + locks_text(run, a.locks);
}

class NoLocksetViolation final : public Property {
 public:
  std::string_view id() const noexcept override { return "no-lockset-violation"; }
  std::string what() const override { return "every shared datum is always guarded by the same lock"; }

  PropertyResult check(Evidence& evidence) const override {
    std::uint64_t found = 0;
    std::string first;
    for (const Trace& run : evidence.candidate_runs()) {
      for (const LocksetViolation& v : run.lockset) {
        if (found++ == 0)
          first = run.object_text(v.object) + ": " + access_text(run, v.first) + "; " + access_text(run, v.second);
      }
    }
    PropertyResult r;
    r.figures = {{"violations", found}};
    r.pass = found == 0;
    r.reason = r.pass ? "every guarded datum had one lock in common at all its accesses"
                      : count_text(found, "lockset violation", "lockset violations") +
                            ": two threads touched the same data with no lock in common, so nothing stops them "
                            "doing it at the same moment. " + first;
    return r;
  }
};

}  // namespace

std::unique_ptr<Property> make_no_lockset_violation() { return std::make_unique<NoLocksetViolation>(); }

}  // namespace locklab::exercises
