// expect: sealed-boundary
// reason: calls locklab::bugs::unsynchronized_counter::make_fixed_mutex
// A lazy trick for exercise unsynchronized-counter: make_exercise returns the catalogue's own mutex fix (make_fixed_mutex, declared in interface.h).
// The grader must reject it for the property above.
#include "interface.h"

namespace locklab::bugs::unsynchronized_counter {

std::unique_ptr<Counter> make_exercise() { return make_fixed_mutex(); }

}  // namespace locklab::bugs::unsynchronized_counter
