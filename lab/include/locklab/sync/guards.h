// Scoped guards that charge the caller's line (unlike std::lock_guard, whose
// calls come from inside the standard header). RAII: released on every path,
// exceptions included.
//
//   MutexLock  l(mu);   // exclusive, on Mutex
//   WriterLock l(rw);   // exclusive, on RWMutex
//   ReaderLock l(rw);   // shared, on RWMutex
#pragma once

#include "locklab/core/annotations.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/rwmutex.h"

namespace locklab {

class LOCKLAB_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu, Site site = Site::current()) LOCKLAB_ACQUIRE(mu)
      : mu_(mu), site_(site) { mu_.lock(site_); }
  ~MutexLock() LOCKLAB_RELEASE() { mu_.unlock(site_); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
  Site site_;
};

class LOCKLAB_SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(RWMutex& mu, Site site = Site::current()) LOCKLAB_ACQUIRE(mu)
      : mu_(mu), site_(site) { mu_.lock(site_); }
  ~WriterLock() LOCKLAB_RELEASE() { mu_.unlock(site_); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  RWMutex& mu_;
  Site site_;
};

class LOCKLAB_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(RWMutex& mu, Site site = Site::current()) LOCKLAB_ACQUIRE_SHARED(mu)
      : mu_(mu), site_(site) { mu_.lock_shared(site_); }
  ~ReaderLock() LOCKLAB_RELEASE() { mu_.unlock_shared(site_); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  RWMutex& mu_;
  Site site_;
};

}  // namespace locklab
