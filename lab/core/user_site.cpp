#include "locklab/core/user_site.h"

#include "locklab/core/annotations.h"
#include "locklab/core/internal_lock.h"

#include LOCKLAB_BACKTRACE_HEADER  // GCC's libbacktrace (lab/CMakeLists.txt)

#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace locklab::detail {
namespace {

bool library_file(std::string_view file) {
  return file.find("/c++/") != std::string_view::npos || file.find("/bits/") != std::string_view::npos;
}

// locklab's own sources: frames there are the primitive, not the user.
bool locklab_file(std::string_view file) {
  return file.rfind(LOCKLAB_LAB_SOURCE_DIR "/", 0) == 0;
}

bool user_file(const char* file) { return file && !library_file(file) && !locklab_file(file); }

struct Found {
  bool any = false;         // a user frame was found: `site`
  bool line_tables = false;  // some frame had a file and line (the code has line tables)
  bool in_multi_lock = false;  // a frame inside the user's is in <mutex> (std::lock / std::try_lock)
  SiteInfo site;
};

// The <mutex> header itself (not bits/std_mutex.h): std::lock's and
// std::try_lock's algorithms, which back off with try_lock.
bool multi_lock_header(std::string_view file) {
  constexpr std::string_view tail = "/mutex";
  return file.size() > tail.size() && file.compare(file.size() - tail.size(), tail.size(), tail) == 0 &&
         library_file(file);
}

// libbacktrace calls this for each frame at a pc, innermost (inlined) first.
int take_first_user_frame(void* data, std::uintptr_t, const char* file, int line, const char* function) {
  auto* f = static_cast<Found*>(data);
  if (file && line > 0) f->line_tables = true;
  if (!f->any && file && multi_lock_header(file)) f->in_multi_lock = true;
  if (f->any || !user_file(file) || line <= 0) return 0;
  f->any = true;
  f->site = SiteInfo{file, static_cast<std::uint32_t>(line), function ? function : ""};
  return 1;  // stop
}

void ignore_error(void*, const char*, int) {}

backtrace_state* state() {
  // Threaded: lab threads look sites up concurrently. Created once; lives
  // for the process.
  static backtrace_state* s = backtrace_create_state(nullptr, /*threaded=*/1, &ignore_error, nullptr);
  return s;
}

// What one return address is, looked up once (pcinfo over its inlined
// frames, innermost first) and cached for the process.
enum class PcKind : std::uint8_t { kNoLines, kUser, kLibrary };
struct PcClass {
  PcKind kind = PcKind::kNoLines;
  bool multi_lock = false;  // a library frame there is std::lock's / std::try_lock's (<mutex>)
  std::uint64_t key = 0;    // kUser: the user's site
};

GuardMutex g_mu;
std::unordered_map<std::uintptr_t, PcClass> g_classes LOCKLAB_GUARDED_BY(g_mu);
// Every line-table look-up in turn. libbacktrace's threaded mode syncs with
// atomics of its own, which ThreadSanitizer cannot see in the uninstrumented
// library (it reported races on the strings it hands back); look-ups are
// once per return address, so one lock costs nothing that matters.
GuardMutex g_lookup_mu;

PcClass classify(backtrace_state* s, std::uintptr_t pc) {
  {
    GuardLock lock(g_mu);
    if (const auto it = g_classes.find(pc); it != g_classes.end()) return it->second;
  }
  Found found;
  {
    GuardLock lookup(g_lookup_mu);
    // pc - 1: inside the call instruction, so the line is the call's.
    backtrace_pcinfo(s, pc - 1, &take_first_user_frame, &ignore_error, &found);
  }
  PcClass c;
  c.multi_lock = found.in_multi_lock;
  if (found.any) {
    c.kind = PcKind::kUser;
    c.key = Site::intern(found.site);
  } else {
    c.kind = found.line_tables ? PcKind::kLibrary : PcKind::kNoLines;
  }
  GuardLock lock(g_mu);
  g_classes.emplace(pc, c);
  return c;
}

struct Chain {
  std::array<std::uintptr_t, 16> pcs{};
  int n = 0;
};

int collect_pc(void* data, std::uintptr_t pc) {
  auto* c = static_cast<Chain*>(data);
  // libbacktrace hands out each return address minus one (inside the call);
  // keep return addresses, as classify() and the primitives use.
  c->pcs[static_cast<std::size_t>(c->n++)] = pc + 1;
  return c->n >= static_cast<int>(c->pcs.size()) ? 1 : 0;
}

}  // namespace

void prepare_user_sites() noexcept {
  // The first look-up reads the executable's line tables (100-300 ms for
  // a binary the size of locklab's): done here, before a run's clock
  // starts, never inside a timed operation.
  static const bool done = [] {
    if (backtrace_state* s = state()) {
      GuardLock lookup(g_lookup_mu);
      Found ignored;
      backtrace_pcinfo(s, reinterpret_cast<std::uintptr_t>(&prepare_user_sites), &take_first_user_frame,
                       &ignore_error, &ignored);
    }
    return true;
  }();
  (void)done;
}

bool library_site_slow(LibrarySiteEntry& e, std::uint64_t key) noexcept {
  e.key = key;
  e.library = library_file(Site::describe(key).file);
  return e.library;
}

std::uint64_t user_site_at(const void* return_address, std::uint64_t fallback, bool keep_multi_lock) noexcept {
  const auto pc = reinterpret_cast<std::uintptr_t>(return_address);
  // Per thread first (no lock): the answer at a return address that
  // resolves by itself never changes.
  struct Entry {
    std::uintptr_t pc = 0;
    std::uint64_t key = 0;
  };
  thread_local std::array<Entry, 64> mine{};
  Entry& e = mine[(pc >> 2) & 63];
  if (e.pc == pc) return e.key;
  backtrace_state* s = state();
  if (!s) return fallback;
  const PcClass at = classify(s, pc);
  if (at.kind != PcKind::kLibrary) {
    // The user's line, or code without line tables (the library line stays).
    const std::uint64_t key = at.kind == PcKind::kUser && !(keep_multi_lock && at.multi_lock) ? at.key : fallback;
    e = Entry{pc, key};
    return key;
  }
  // The return address is library code itself (std::lock is a function of
  // its own even at -O2): walk the return addresses above it, each
  // classified once, to the first user frame. The walk is per call (an
  // unwind of a few frames); only the classification is cached.
  Chain chain;
  backtrace_simple(s, /*skip=*/1, &collect_pc, &ignore_error, &chain);
  bool multi = at.multi_lock;
  bool past = false;  // frames below the primitive's caller are locklab's own
  for (int i = 0; i < chain.n; ++i) {
    const std::uintptr_t frame = chain.pcs[static_cast<std::size_t>(i)];
    if (!past) {
      past = frame == pc;
      continue;
    }
    const PcClass c = classify(s, frame);
    multi = multi || c.multi_lock;
    if (c.kind == PcKind::kUser) return keep_multi_lock && multi ? fallback : c.key;
  }
  return fallback;
}

}  // namespace locklab::detail
