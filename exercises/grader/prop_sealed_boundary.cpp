// sealed-boundary: the learner's file blocks and synchronises through
// locklab's primitives only, and does its own work. Read from the
// candidate's object file, not its source (Evidence::boundary(),
// boundary_scan.h): a std::mutex, a std::condition_variable, a spin lock on
// std::atomic_flag, a futex, a try_lock through std::unique_lock, a call to
// the catalogue's reference fix, and (unless the exercise allows
// "atomics") any std::atomic operation, however the source spells them.
// Sleeps and yields are left to no-added-sleep, which reads the same scan.
#include <algorithm>

#include "property.h"

namespace locklab::exercises {
namespace {

class SealedBoundary final : public Property {
 public:
  explicit SealedBoundary(bool atomics_allowed) : atomics_allowed_(atomics_allowed) {}
  std::string_view id() const noexcept override { return "sealed-boundary"; }
  std::string what() const override {
    return std::string("blocking and synchronisation only through locklab's primitives") +
           (atomics_allowed_ ? " (std::atomic allowed)" : "") + ", and no call into the catalogue's own variants";
  }

  PropertyResult check(Evidence& evidence) const override {
    PropertyResult r;
    const BoundaryScan& scan = evidence.boundary();
    if (!scan.scanned) {
      r.pass = scan.error.empty();
      r.reason = r.pass ? "not the learner's file (a catalogue variant): nothing to read"
                        : "could not read your compiled file: " + scan.error;
      return r;
    }
    std::vector<const Crossing*> bad;
    for (const Crossing& c : scan.crossings)
      if (c.kind == BoundaryKind::kSync || c.kind == BoundaryKind::kCatalogue ||
          (c.kind == BoundaryKind::kAtomic && !atomics_allowed_))
        bad.push_back(&c);
    // The catalogue first: it is the whole answer, not a detail of one.
    std::stable_sort(bad.begin(), bad.end(), [](const Crossing* a, const Crossing* b) {
      return (a->kind == BoundaryKind::kCatalogue) > (b->kind == BoundaryKind::kCatalogue);
    });
    nlohmann::json list = nlohmann::json::array();
    for (const Crossing* c : bad) list.push_back(crossing_text(*c));
    r.figures = {{"crossings", list}, {"atomics_allowed", atomics_allowed_}};
    if (!scan.error.empty()) r.figures["note"] = scan.error;
    r.pass = bad.empty();
    if (r.pass) {
      r.reason = std::string("your file blocks and synchronises only through locklab's primitives") +
                 (atomics_allowed_ ? " (and std::atomic, which this exercise allows)" : "");
      return r;
    }
    const Crossing& first = *bad.front();
    r.reason = crossing_text(first);
    if (first.kind == BoundaryKind::kCatalogue)
      r.reason += ". The grader measures your code, so it must not hand the work to the code it compares against";
    else
      r.reason += ", so nothing the grader measures (waits, holds, deadlocks, the scheduler's interleavings) would "
                  "include it. Block and synchronise through locklab's primitives only" +
                  std::string(first.kind == BoundaryKind::kAtomic ? ": this exercise's fix needs no std::atomic" : "");
    if (bad.size() > 1) r.reason += " (and " + std::to_string(bad.size() - 1) + " more: see the figures)";
    return r;
  }

 private:
  bool atomics_allowed_;
};

}  // namespace

std::unique_ptr<Property> make_sealed_boundary(bool atomics_allowed) {
  return std::make_unique<SealedBoundary>(atomics_allowed);
}

}  // namespace locklab::exercises
