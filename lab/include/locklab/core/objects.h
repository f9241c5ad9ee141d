// The object registry: every primitive gets a number and a human name
// ("Store.mu") when it is constructed, so events can say which object they
// are about with 4 bytes, and views can show the name.
//
// Thread-safe. Registration takes a lock (construction is not a hot path).
// The registry is append-only for the life of a run; Lab::begin_run() clears
// it, so objects that outlive a run keep ids the next run does not know.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace locklab {

enum class ObjectKind : std::uint8_t {
  kOther = 0, kMutex = 1, kRWMutex = 2, kCond = 3, kChan = 4, kTimer = 5,
  kWaitGroup = 6, kOnce = 7, kSemaphore = 8, kWorkerPool = 9, kSingleflight = 10,
  kSnapshot = 11, kThread = 12, kGuarded = 13, kAtomic = 14,
};
std::string_view to_string(ObjectKind kind) noexcept;

struct ObjectInfo {
  std::uint32_t id = 0;
  ObjectKind kind = ObjectKind::kOther;
  std::string name;
};

/// Registers an object; returns its id (>= 1). An empty name becomes
/// "<kind>#<id>".
std::uint32_t register_object(ObjectKind kind, std::string_view name);

/// A copy of every object registered since the run began, ordered by id.
std::vector<ObjectInfo> objects_snapshot();

/// The name of one object ("?" if unknown).
std::string object_name(std::uint32_t id);
/// The kind of one object (kOther if unknown).
ObjectKind object_kind(std::uint32_t id);

}  // namespace locklab
