// What a goroutine waits on (go_dump_waits.h): the stack's innermost
// runtime and sync frames first, the header's state next.
#include <string>

#include <fmt/format.h>

#include "locklab/present/go_dump_waits.h"

namespace locklab::present {
namespace {

struct FrameRule {
  const char* func;
  GoWaitKind kind;
};

// The frames that say what the wait is, whichever Go version inlined what.
constexpr FrameRule kFrameRules[] = {
    {"sync.(*RWMutex).RLock", GoWaitKind::rwmutex_rlock},
    {"sync.(*RWMutex).Lock", GoWaitKind::rwmutex_lock},
    {"sync.(*Mutex).lockSlow", GoWaitKind::mutex_lock},
    {"sync.(*Mutex).Lock", GoWaitKind::mutex_lock},
    {"sync.(*Cond).Wait", GoWaitKind::cond_wait},
    {"sync.(*WaitGroup).Wait", GoWaitKind::waitgroup_wait},
    {"runtime.chanrecv1", GoWaitKind::chan_receive},
    {"runtime.chanrecv2", GoWaitKind::chan_receive},
    {"runtime.chanrecv", GoWaitKind::chan_receive},
    {"runtime.chansend1", GoWaitKind::chan_send},
    {"runtime.chansend", GoWaitKind::chan_send},
    {"runtime.selectgo", GoWaitKind::select},
    {"runtime.block", GoWaitKind::select},
    {"time.Sleep", GoWaitKind::sleep},
};

struct StateRule {
  const char* state;
  GoWaitKind kind;
};

constexpr StateRule kStateRules[] = {
    {"sync.RWMutex.RLock", GoWaitKind::rwmutex_rlock},
    {"sync.RWMutex.Lock", GoWaitKind::rwmutex_lock},
    {"sync.Mutex.Lock", GoWaitKind::mutex_lock},
    {"sync.Cond.Wait", GoWaitKind::cond_wait},
    {"sync.WaitGroup.Wait", GoWaitKind::waitgroup_wait},
    {"chan receive", GoWaitKind::chan_receive},
    {"chan send", GoWaitKind::chan_send},
    {"select", GoWaitKind::select},
    {"sleep", GoWaitKind::sleep},
    {"IO wait", GoWaitKind::io},
};

bool starts(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

std::string certain(const std::string& arg) {
  if (arg.empty() || arg.back() == '?' || arg == "..." || arg == "0x0" || !starts(arg, "0x")) return {};
  return arg;
}

}  // namespace

bool is_runtime_frame(const GoFrame& f) {
  const std::string pkg = f.package();
  return pkg == "runtime" || pkg == "sync" || starts(pkg, "runtime/") || starts(pkg, "internal/") ||
         pkg == "syscall" || pkg == "time";
}

GoWait go_wait_of(const GoGoroutine& g) {
  GoWait w;
  for (std::size_t i = 0; i < g.frames.size(); ++i) {
    if (!is_runtime_frame(g.frames[i])) {
      w.caller = static_cast<int>(i);
      break;
    }
  }
  const std::size_t inner = w.caller < 0 ? g.frames.size() : static_cast<std::size_t>(w.caller);
  // Rules in order: RWMutex.Lock waits inside Mutex.lockSlow (its writers'
  // mutex), so the RWMutex frames win over the Mutex ones.
  for (const FrameRule& r : kFrameRules) {
    for (std::size_t i = 0; i < inner && w.kind == GoWaitKind::none; ++i) {
      if (g.frames[i].func != r.func) continue;
      w.kind = r.kind;
      // The lock's address, where a sync method printed it (not inlined).
      for (std::size_t j = 0; j < inner && w.object.empty(); ++j)
        if (!g.frames[j].args.empty() && starts(g.frames[j].func, "sync.(*")) w.object = certain(g.frames[j].args[0]);
    }
    if (w.kind != GoWaitKind::none) break;
  }
  if (w.kind == GoWaitKind::none) {
    for (const StateRule& r : kStateRules) {
      if (starts(g.state, r.state)) {
        w.kind = r.kind;
        break;
      }
    }
  }
  if (w.kind == GoWaitKind::none && g.state != "running" && g.state != "runnable" && !starts(g.state, "syscall") &&
      !g.state.empty())
    w.kind = GoWaitKind::other;
  w.nil_channel = g.state.find("(nil chan)") != std::string::npos || g.state.find("(no cases)") != std::string::npos;
  return w;
}

const char* to_string(GoWaitKind k) {
  switch (k) {
    case GoWaitKind::none: return "none";
    case GoWaitKind::mutex_lock: return "mutex_lock";
    case GoWaitKind::rwmutex_rlock: return "rwmutex_rlock";
    case GoWaitKind::rwmutex_lock: return "rwmutex_lock";
    case GoWaitKind::chan_receive: return "chan_receive";
    case GoWaitKind::chan_send: return "chan_send";
    case GoWaitKind::select: return "select";
    case GoWaitKind::cond_wait: return "cond_wait";
    case GoWaitKind::waitgroup_wait: return "waitgroup_wait";
    case GoWaitKind::sleep: return "sleep";
    case GoWaitKind::io: return "io";
    case GoWaitKind::other: return "other";
  }
  return "other";
}

std::string describe_go_wait(const GoGoroutine& g, const GoWait& w) {
  std::string in;
  if (w.caller >= 0) {
    const GoFrame& f = g.frames[static_cast<std::size_t>(w.caller)];
    in = " in " + f.func + " (" + f.where() + ")";
  }
  const std::string at = w.object.empty() ? "" : " at " + w.object;
  switch (w.kind) {
    case GoWaitKind::none: return {};
    case GoWaitKind::mutex_lock:
      return "waits to lock the sync.Mutex" + at + in + ": another goroutine holds it";
    case GoWaitKind::rwmutex_rlock:
      return "waits to read-lock the sync.RWMutex" + at + in +
             ": a writer holds it or waits for it (readers queue behind a waiting writer)";
    case GoWaitKind::rwmutex_lock:
      return "waits to write-lock the sync.RWMutex" + at + in +
             ": until every reader and the writer before it unlock; new readers queue behind it";
    case GoWaitKind::chan_receive:
      return w.nil_channel ? "receives from a nil channel" + in + ": it waits forever"
                           : "waits to receive from a channel" + in + ": until another goroutine sends or closes it";
    case GoWaitKind::chan_send:
      return w.nil_channel ? "sends on a nil channel" + in + ": it waits forever"
                           : "waits to send on a channel" + in +
                                 ": until another goroutine receives (the channel is unbuffered or its buffer full)";
    case GoWaitKind::select:
      return w.nil_channel ? "waits in a select with no cases" + in + ": forever"
                           : "waits in a select" + in + ": until one of its cases can go on";
    case GoWaitKind::cond_wait:
      return "waits on a sync.Cond" + in +
             ": until Signal or Broadcast; a signal sent before it began to wait is not kept";
    case GoWaitKind::waitgroup_wait:
      return "waits for a sync.WaitGroup to reach zero" + in + ": until every Add is matched by a Done";
    case GoWaitKind::sleep: return "sleeps" + in;
    case GoWaitKind::io: return "waits for I/O" + in;
    case GoWaitKind::other:
      if (w.caller < 0 && !g.frames.empty()) return "the Go runtime's own goroutine ('" + g.state + "')";
      return "waits ('" + g.state + "')" + in;
  }
  return {};
}

}  // namespace locklab::present
