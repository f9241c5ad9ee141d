#include "lab_threads.h"

#include <chrono>

#include "locklab/core/runtime.h"
#include "locklab/sync/work.h"

namespace locklab::testing {

bool is_waiting_on(const std::string& name, std::uint32_t object) {
  for (const ThreadRecord* t : Runtime::get().threads())
    if (t->name() == name)
      if (const auto w = t->current_wait()) return w->object == object;
  return false;
}

RunConfig bounded(std::uint32_t threads) {
  RunConfig c;
  c.threads = threads;
  c.duration_ms = 10'000;
  c.watchdog_ms = 5000;
  return c;
}

void wait_until_waiting_on(const std::string& name, std::uint32_t object) {
  while (!is_waiting_on(name, object)) sleep_for(std::chrono::milliseconds(1));
}

}  // namespace locklab::testing
