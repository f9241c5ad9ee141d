// rwmutex-reload-starves-readers: the configuration every variant
// implements.
//
// Feature flags read on every request (get) and reloaded from a file now and
// then (reload). The variants differ only in how readers reach the flags
// while a reload is under way: buggy.cpp, fixed.cpp.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace locklab::bugs::rwmutex_reload_starves_readers {

using Flags = std::map<std::string, bool>;

class Config {
 public:
  virtual ~Config() = default;

  /// Is `flag` on? Unknown flags are off (so are all flags before the first
  /// reload).
  virtual bool get(const std::string& flag) = 0;
  /// Reads the flags file again and makes its flags the current ones.
  virtual void reload() = 0;
};

/// The flags file, as both variants read it: a disk read, then a parse that
/// burns the CPU, `took` in all. Knows nothing of locks. (workload.cpp)
Flags read_flags_file(std::chrono::nanoseconds took);

// The variants. `reload_time` is how long one read_flags_file() takes.
std::unique_ptr<Config> make_buggy(std::chrono::nanoseconds reload_time);  // buggy.cpp
std::unique_ptr<Config> make_fixed(std::chrono::nanoseconds reload_time);  // fixed.cpp

}  // namespace locklab::bugs::rwmutex_reload_starves_readers
