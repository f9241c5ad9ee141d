// rwmutex-reload-starves-readers, fixed: reload() builds the new flags with
// no lock held, then publishes them in one atomic pointer swap.
//
// A published Flags is never modified, so get() needs no lock at all: it
// takes the current snapshot and reads it. A get() that overlaps a reload
// simply sees the old flags; the next one sees the new. Readers that still
// hold the old snapshot keep it alive until they drop it.
#include "interface.h"
#include "locklab/sync/snapshot.h"

namespace locklab::bugs::rwmutex_reload_starves_readers {
namespace {

class FixedConfig final : public Config {
 public:
  explicit FixedConfig(std::chrono::nanoseconds reload_time) : reload_time_(reload_time) {}

  bool get(const std::string& flag) override {
    const std::shared_ptr<const Flags> flags = flags_.load();  // no lock, never waits
    const auto it = flags->find(flag);
    return it != flags->end() && it->second;
  }

  void reload() override {
    auto fresh = std::make_shared<const Flags>(read_flags_file(reload_time_));  // no lock held
    flags_.store(std::move(fresh));  // readers switch to it from their next get()
  }

 private:
  const std::chrono::nanoseconds reload_time_;
  Snapshot<Flags> flags_{"Config.flags", std::make_shared<const Flags>()};
};

}  // namespace

std::unique_ptr<Config> make_fixed(std::chrono::nanoseconds reload_time) {
  return std::make_unique<FixedConfig>(reload_time);
}

}  // namespace locklab::bugs::rwmutex_reload_starves_readers
