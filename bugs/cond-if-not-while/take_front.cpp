// cond-if-not-while: reading the front of the queue, with Go's bounds check.
#include <string>

#include "interface.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/wait_queue.h"

namespace locklab::bugs::cond_if_not_while {

Item take_front(std::deque<Item>& items, std::uint32_t object, Site site) {
  if (items.empty()) {
    // Go's `it := q.items[0]` on an empty slice panics ("index out of range
    // [0] with length 0"); std::deque::front() on an empty deque would be
    // undefined behaviour. Raise the Go panic through locklab instead: the
    // run ends with a kPanic verdict, and this thread unwinds (Cancelled).
    detail::panic(Runtime::self(), object, site.key(),
                  "index out of range [0] with length 0: pop from the empty queue " + object_name(object));
  }
  const Item item = items.front();
  items.pop_front();
  return item;
}

}  // namespace locklab::bugs::cond_if_not_while
