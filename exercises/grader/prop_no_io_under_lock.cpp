// no-io-under-lock: no thread is in I/O (locklab::io: a disk write, a
// network call) while it holds a lab lock, or one of the `locks` named in
// the settings. Read from the thread timelines: an I/O interval that
// overlaps a hold interval of the same thread.
#include <map>
#include <set>

#include "locklab/analysis/analyses.h"
#include "property.h"
#include "words.h"

namespace locklab::exercises {
namespace {

class NoIoUnderLock final : public Property {
 public:
  explicit NoIoUnderLock(std::vector<std::string> locks) : locks_(locks.begin(), locks.end()) {}
  std::string_view id() const noexcept override { return "no-io-under-lock"; }
  std::string what() const override { return "no I/O while holding a lock"; }

  PropertyResult check(Evidence& evidence) const override {
    std::uint64_t found = 0;
    std::string first;
    for (const Trace& run : evidence.candidate_runs()) {
      const Timelines t = thread_timelines(run);
      std::map<std::uint16_t, std::vector<const HoldInterval*>> holds;
      for (const HoldInterval& h : t.holds)
        if (locks_.empty() || locks_.contains(run.object_text(h.object))) holds[h.thread].push_back(&h);
      for (const StateInterval& s : t.states) {
        if (s.activity != Activity::kIo) continue;
        for (const HoldInterval* h : holds[s.thread]) {
          if (h->begin_ns >= s.end_ns || h->end_ns <= s.begin_ns) continue;
          if (found++ == 0)
            first = thread_text(run, s.thread) + " was in I/O at " + run.site_text(s.site) + " for " +
                    duration_text(static_cast<double>(s.end_ns - s.begin_ns)) + " while holding " +
                    run.object_text(h->object) + " (taken at " + run.site_text(h->site) + ")";
          break;
        }
      }
    }
    PropertyResult r;
    r.figures = {{"io_under_lock", found}};
    r.pass = found == 0;
    r.reason = r.pass ? "no thread was in I/O while holding a lock"
                      : count_text(found, "I/O call", "I/O calls") + " ran while the caller held a lock; " + first +
                            ". Every thread that needs that lock waits for the whole I/O";
    return r;
  }

 private:
  std::set<std::string> locks_;
};

}  // namespace

std::unique_ptr<Property> make_no_io_under_lock(std::vector<std::string> locks) {
  return std::make_unique<NoIoUnderLock>(std::move(locks));
}

}  // namespace locklab::exercises
