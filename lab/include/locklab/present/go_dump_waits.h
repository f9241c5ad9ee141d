// What a goroutine of a Go dump waits on, in the lab's words.
//
// The kind is read from the stack first (sync.(*RWMutex).RLock,
// runtime.chanrecv1, runtime.selectgo, ... among the innermost frames of
// packages runtime and sync), then from the header's state ("chan
// receive", "sync.Mutex.Lock", "semacquire"), so dumps of Go 1.19, whose
// states say only "semacquire" for every lock, read like newer ones.
#pragma once

#include <string>

#include "locklab/present/go_dump.h"

namespace locklab::present {

enum class GoWaitKind {
  none,            // running, runnable, syscall: not blocked on a primitive
  mutex_lock,      // sync.Mutex.Lock
  rwmutex_rlock,   // sync.RWMutex.RLock
  rwmutex_lock,    // sync.RWMutex.Lock
  chan_receive,
  chan_send,
  select,
  cond_wait,       // sync.Cond.Wait
  waitgroup_wait,  // sync.WaitGroup.Wait
  sleep,           // time.Sleep
  io,              // IO wait
  other,           // another wait state ("semacquire" of something else, "GC sweep wait")
};

struct GoWait {
  GoWaitKind kind = GoWaitKind::none;
  /// The primitive's address when the stack shows it, certain values only
  /// ("0xc0000180b0" from sync.(*Mutex).lockSlow); empty otherwise.
  std::string object;
  /// The innermost frame outside runtime and sync: the code that waits.
  /// -1 when every frame is in runtime or sync.
  int caller = -1;
  bool nil_channel = false;  // "chan receive (nil chan)", "select (no cases)"
};

GoWait go_wait_of(const GoGoroutine& g);

/// "rwmutex_rlock", ... (the JSON word)
const char* to_string(GoWaitKind k);

/// One sentence: "waits to read-lock a sync.RWMutex in main.(*Ledger).sumDebits
/// (./main.go:21): a writer holds it or waits for it, and readers queue
/// behind a waiting writer". Empty for a goroutine that is not blocked.
std::string describe_go_wait(const GoGoroutine& g, const GoWait& w);

/// True for frames of the runtime and sync packages (and internal/...).
bool is_runtime_frame(const GoFrame& f);

}  // namespace locklab::present
