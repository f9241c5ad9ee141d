// Guarded<T>: data that some lock is supposed to protect, checked with the
// lockset algorithm of Eraser (Savage et al., 1997).
//
//   Guarded<int> balance{"Account.balance", 0};
//   { MutexLock l(mu); balance.write() += 10; }     // records a write under mu
//   int b = balance.read();                          // records a read under no lock
//
// Every read() and write() records which lab locks the calling thread holds
// (its held list: Mutex, RWMutex, Once). For each Guarded the lab keeps the
// candidate set C: the locks held at every access so far. When C becomes
// empty, no single lock protected every access, and the lab reports a
// lockset violation with both accesses' threads, sites and locks: the
// struct-copy bug (two copies, two locks, one datum) and the wrong-embedded-
// lock bug (the parent's lock guarding the child's data here, the child's
// lock there) both show up this way, on any run, lucky or not.
//
// As in Eraser, the check starts when a second thread touches the data:
// initialisation by one thread without a lock is fine. Unlike Eraser, if
// the first thread's latest access held locks, the second thread must share
// one of them, so a hand-over from one lock to another is caught even when
// the first thread never touches the data again. Data that is only
// read after that is fine too. A write refines C with the locks held for
// writing; a read with every lock held. One report per Guarded per run
// (Runtime::lockset(), Trace::lockset); the run goes on.
//
// Thread-safe. read() and write() return references: the access they record
// is the call; keep the reference only as long as the locks are held.
// Guarded is neither copyable nor movable (neither is the data's lock).
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "locklab/core/annotations.h"
#include "locklab/core/internal_lock.h"
#include "locklab/core/site.h"

namespace locklab {

namespace detail {

/// The lockset bookkeeping of one Guarded object.
class Lockset {
 public:
  explicit Lockset(std::string_view name);
  Lockset(const Lockset&) = delete;
  Lockset& operator=(const Lockset&) = delete;

  void access(bool write, std::uint64_t site);
  std::uint32_t id() const noexcept { return id_; }

 private:
  enum class State : std::uint8_t { kVirgin, kExclusive, kShared, kSharedModified };
  struct Access {
    std::uint16_t thread = 0;
    std::uint64_t site = 0;
    bool write = false;
    std::vector<std::uint32_t> locks;
  };

  const std::uint32_t id_;
  GuardMutex mu_;
  State state_ LOCKLAB_GUARDED_BY(mu_) = State::kVirgin;
  std::uint16_t owner_ LOCKLAB_GUARDED_BY(mu_) = 0;  // the only thread so far (kExclusive)
  std::vector<std::uint32_t> candidates_ LOCKLAB_GUARDED_BY(mu_);  // C, sorted
  std::vector<Access> latest_ LOCKLAB_GUARDED_BY(mu_);             // latest access per thread
  bool reported_ LOCKLAB_GUARDED_BY(mu_) = false;
};

}  // namespace detail

template <class T>
class Guarded {
 public:
  template <class... Args>
  explicit Guarded(std::string_view name, Args&&... args) : lockset_(name), value_(std::forward<Args>(args)...) {}
  Guarded(const Guarded&) = delete;
  Guarded& operator=(const Guarded&) = delete;

  /// Records a write access at `site` and returns the data.
  T& write(Site site = Site::current()) {
    lockset_.access(true, site.key());
    return value_;
  }
  /// Records a read access at `site` and returns the data.
  const T& read(Site site = Site::current()) const {
    lockset_.access(false, site.key());
    return value_;
  }
  /// The object id (names the data in reports).
  std::uint32_t id() const noexcept { return lockset_.id(); }

 private:
  mutable detail::Lockset lockset_;
  T value_;
};

}  // namespace locklab
