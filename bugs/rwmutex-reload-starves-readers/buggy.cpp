// rwmutex-reload-starves-readers, buggy: reload() holds the write lock while
// it reads and parses the file.
//
// Readers share the lock, so get() looks cheap. But an RWMutex lets a writer
// in only when no reader is inside, and, Go's rule, once a writer waits no
// new reader may enter (or a steady stream of readers would starve the
// writer). So for the whole reload, 200 ms by default, every get() blocks.
#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"

namespace locklab::bugs::rwmutex_reload_starves_readers {
namespace {

class BuggyConfig final : public Config {
 public:
  explicit BuggyConfig(std::chrono::nanoseconds reload_time) : reload_time_(reload_time) {}

  bool get(const std::string& flag) override {
    ReaderLock lock(mu_);  // <- blocks for as long as a reload holds the write lock
    const auto it = flags_.find(flag);
    return it != flags_.end() && it->second;
  }

  void reload() override {
    WriterLock lock(mu_);
    flags_ = read_flags_file(reload_time_);  // <- disk read and parse, every reader locked out
  }

 private:
  const std::chrono::nanoseconds reload_time_;
  RWMutex mu_{"Config.mu"};
  Flags flags_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Config> make_buggy(std::chrono::nanoseconds reload_time) {
  return std::make_unique<BuggyConfig>(reload_time);
}

}  // namespace locklab::bugs::rwmutex_reload_starves_readers
