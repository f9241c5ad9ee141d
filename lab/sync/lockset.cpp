#include <algorithm>

#include "locklab/sync/guarded.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"

namespace locklab::detail {

Lockset::Lockset(std::string_view name) : id_(register_object(ObjectKind::kGuarded, name)) {}

void Lockset::access(bool write, std::uint64_t site) {
  ThreadRecord& self = Runtime::self();
  Access now{self.id(), site, write, {}};
  for (const HeldLock& h : self.held_snapshot())
    if (!write || h.mode != LockMode::kShared) now.locks.push_back(h.object);
  std::sort(now.locks.begin(), now.locks.end());
  now.locks.erase(std::unique(now.locks.begin(), now.locks.end()), now.locks.end());

  GuardLock g(mu_);
  switch (state_) {
    case State::kVirgin:
      state_ = State::kExclusive;
      owner_ = now.thread;
      break;
    case State::kExclusive:
      if (now.thread != owner_) {
        // A second thread: from here on, every access must share a lock.
        state_ = write ? State::kSharedModified : State::kShared;
        candidates_ = now.locks;
        // If the first thread's latest access was under a lock, it meant the
        // data to be shared under that lock: hold the newcomer to it too, so
        // a hand-over from one lock to another is caught even when the
        // first thread never comes back. An unlocked latest access is set-up
        // (Eraser's exclusive phase) and constrains nothing.
        for (const Access& a : latest_) {
          if (a.thread != owner_ || a.locks.empty()) continue;
          std::vector<std::uint32_t> kept;
          std::set_intersection(candidates_.begin(), candidates_.end(), a.locks.begin(), a.locks.end(),
                                std::back_inserter(kept));
          candidates_ = std::move(kept);
        }
      }
      break;
    case State::kShared:
    case State::kSharedModified: {
      std::vector<std::uint32_t> kept;
      std::set_intersection(candidates_.begin(), candidates_.end(), now.locks.begin(), now.locks.end(),
                            std::back_inserter(kept));
      candidates_ = std::move(kept);
      if (write) state_ = State::kSharedModified;
      break;
    }
  }
  if (state_ == State::kSharedModified && candidates_.empty() && !reported_) {
    // Name the other thread's latest access: together the two show that no
    // one lock covers both.
    const Access* other = nullptr;
    for (const Access& a : latest_)
      if (a.thread != now.thread) other = &a;
    if (other) {
      reported_ = true;
      LocksetNote note;
      note.object = id_;
      note.first = {other->thread, other->site, other->write, other->locks};
      note.second = {now.thread, now.site, now.write, now.locks};
      Runtime::get().note_lockset(std::move(note));
    }
  }
  auto mine = std::find_if(latest_.begin(), latest_.end(), [&](const Access& a) { return a.thread == now.thread; });
  if (mine == latest_.end()) latest_.push_back(std::move(now));
  else *mine = std::move(now);
}

}  // namespace locklab::detail
