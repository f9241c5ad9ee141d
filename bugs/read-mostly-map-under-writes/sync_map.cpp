// SyncMap: see sync_map.h for the design. Each method follows the Go
// original step by step (Load, Swap as Store, LoadAndDelete as Delete,
// missLocked, dirtyLocked), minus the methods this workload does not use.
#include "sync_map.h"

#include <utility>

#include "locklab/sync/guards.h"

namespace locklab::bugs::read_mostly_map_under_writes {

SyncMap::SyncMap()
    : read_("SyncMap.read", std::make_shared<const ReadOnly>(ReadOnly{std::make_shared<const EntryMap>(), false})) {}

std::shared_ptr<SyncMap::Entry> SyncMap::find(const EntryMap& m, std::uint64_t key) {
  const auto it = m.find(key);
  return it == m.end() ? nullptr : it->second;
}

std::optional<std::uint64_t> SyncMap::value_of(const Entry& e) {
  const std::uint64_t v = e.value.load(std::memory_order_acquire);
  if (v == kDeleted || v == kExpunged) return std::nullopt;
  return v;
}

bool SyncMap::try_store(Entry& e, std::uint64_t value) {
  std::uint64_t seen = e.value.load(std::memory_order_relaxed);
  for (;;) {
    if (seen == kExpunged) return false;
    if (e.value.compare_exchange_weak(seen, value, std::memory_order_acq_rel, std::memory_order_relaxed))
      return true;
  }
}

std::optional<std::uint64_t> SyncMap::load(std::uint64_t key) {
  std::shared_ptr<const ReadOnly> read = read_.load();
  std::shared_ptr<Entry> e = find(*read->entries, key);
  if (!e && read->amended) {
    MutexLock lock(mu_);  // <- a new key is only in dirty: every lookup of it comes here
    read = read_.load();  // promoted while we waited?
    e = find(*read->entries, key);
    if (!e && read->amended) {
      e = find(*dirty_, key);
      miss_locked();
    }
  }
  if (!e) return std::nullopt;
  return value_of(*e);
}

void SyncMap::store(std::uint64_t key, std::uint64_t value) {
  const std::shared_ptr<const ReadOnly> seen = read_.load();
  if (const std::shared_ptr<Entry> e = find(*seen->entries, key); e && try_store(*e, value)) return;

  MutexLock lock(mu_);  // <- every new key takes the one lock
  const std::shared_ptr<const ReadOnly> read = read_.load();
  if (const std::shared_ptr<Entry> e = find(*read->entries, key)) {
    std::uint64_t expunged = kExpunged;
    if (e->value.compare_exchange_strong(expunged, kDeleted, std::memory_order_acq_rel))
      (*dirty_)[key] = e;  // it was left out of dirty when dirty was built: put it back
    e->value.store(value, std::memory_order_release);
  } else if (const std::shared_ptr<Entry> d = dirty_ ? find(*dirty_, key) : nullptr) {
    d->value.store(value, std::memory_order_release);
  } else {
    if (!read->amended) {
      // The first new key since a promotion: dirty is rebuilt from the whole
      // read map, under mu_, before this one key can go in.
      build_dirty_locked(*read);
      read_.store(std::make_shared<const ReadOnly>(ReadOnly{read->entries, true}));
    }
    (*dirty_)[key] = std::make_shared<Entry>(value);
  }
}

void SyncMap::erase(std::uint64_t key) {
  std::shared_ptr<const ReadOnly> read = read_.load();
  std::shared_ptr<Entry> e = find(*read->entries, key);
  if (!e && read->amended) {
    MutexLock lock(mu_);
    read = read_.load();
    e = find(*read->entries, key);
    if (!e && read->amended) {
      e = find(*dirty_, key);
      dirty_->erase(key);
      miss_locked();
    }
  }
  if (!e) return;
  std::uint64_t seen = e->value.load(std::memory_order_relaxed);
  while (seen != kDeleted && seen != kExpunged) {
    if (e->value.compare_exchange_weak(seen, kDeleted, std::memory_order_acq_rel, std::memory_order_relaxed)) return;
  }
}

void SyncMap::miss_locked() {
  if (++misses_ < dirty_->size()) return;
  // Enough lookups had to come here: dirty becomes the read map. The next
  // new key will copy it all back into a fresh dirty map.
  read_.store(std::make_shared<const ReadOnly>(ReadOnly{std::shared_ptr<const EntryMap>(std::move(dirty_)), false}));
  misses_ = 0;
}

void SyncMap::build_dirty_locked(const ReadOnly& read) {
  if (dirty_) return;
  dirty_ = std::make_unique<EntryMap>();
  dirty_->reserve(read.entries->size());
  for (const auto& [key, e] : *read.entries) {
    // Erased entries are marked expunged and left out (Go's tryExpungeLocked).
    std::uint64_t seen = e->value.load(std::memory_order_relaxed);
    while (seen == kDeleted &&
           !e->value.compare_exchange_weak(seen, kExpunged, std::memory_order_acq_rel, std::memory_order_relaxed)) {
    }
    if (seen != kDeleted && seen != kExpunged) dirty_->emplace(key, e);
  }
}

}  // namespace locklab::bugs::read_mostly_map_under_writes
