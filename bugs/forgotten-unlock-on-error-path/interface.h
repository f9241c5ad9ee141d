// forgotten-unlock-on-error-path: the store every variant implements.
//
// A store keeps a cache of values it refreshes from a backend: update(key)
// locks the store, fetches the key's value from the backend, caches it and
// unlocks. The backend sometimes fails, in two ways: it returns an error
// (Go's `err != nil`), or it throws. The variants differ only in how
// update() releases the lock: buggy.cpp (by hand, and not on the error
// paths), fixed.cpp (an RAII guard, on every path).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>

namespace locklab::bugs::forgotten_unlock_on_error_path {

/// What a backend throws when a fetch fails that way.
class BackendError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The slow source behind the store (the workload's).
class Backend {
 public:
  virtual ~Backend() = default;
  /// The current value of `key`, or nullopt if the backend reports an
  /// error. May also throw BackendError.
  virtual std::optional<std::uint64_t> fetch(std::uint32_t key) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  /// Refreshes `key` from the backend. False if the backend returned an
  /// error; a BackendError the backend throws passes through to the caller.
  virtual bool update(std::uint32_t key) = 0;
  /// The cached value of `key`, if it was ever fetched.
  virtual std::optional<std::uint64_t> get(std::uint32_t key) = 0;
};

std::unique_ptr<Store> make_buggy(Backend& backend);  // buggy.cpp
std::unique_ptr<Store> make_fixed(Backend& backend);  // fixed.cpp

}  // namespace locklab::bugs::forgotten_unlock_on_error_path
