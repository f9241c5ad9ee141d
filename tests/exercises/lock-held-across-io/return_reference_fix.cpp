// expect: sealed-boundary
// reason: calls locklab::bugs::lock_held_across_io::make_fixed
// A lazy trick for exercise lock-held-across-io: make_exercise hands back the catalogue's own fixed store (make_fixed, declared in interface.h).
// The grader must reject it for the property above.
#include "interface.h"

namespace locklab::bugs::lock_held_across_io {

std::unique_ptr<Store> make_exercise(std::chrono::nanoseconds persist_time) { return make_fixed(persist_time); }

}  // namespace locklab::bugs::lock_held_across_io
