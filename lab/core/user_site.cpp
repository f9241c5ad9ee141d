#include "locklab/core/user_site.h"

#include <backtrace.h>

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
  SiteInfo site;
};

// libbacktrace calls this for each frame at a pc, innermost (inlined) first.
int take_first_user_frame(void* data, std::uintptr_t, const char* file, int line, const char* function) {
  auto* f = static_cast<Found*>(data);
  if (file && line > 0) f->line_tables = true;
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

std::mutex g_mu;
std::unordered_map<std::uintptr_t, std::uint64_t> g_by_return;  // guarded by g_mu; 0: not resolvable there

}  // namespace

bool library_site(std::uint64_t key) noexcept {
  // Direct-mapped per thread: the hot path is one probe.
  struct Entry {
    std::uint64_t key = 0;
    bool library = false;
  };
  thread_local std::array<Entry, 64> cache{};
  Entry& e = cache[(key >> 3) & 63];
  if (e.key == key) return e.library;
  e.key = key;
  e.library = library_file(Site::describe(key).file);
  return e.library;
}

std::uint64_t user_site_at(const void* return_address, std::uint64_t fallback) noexcept {
  const auto pc = reinterpret_cast<std::uintptr_t>(return_address);
  // Per thread first (no lock), then the process-wide table.
  struct Entry {
    std::uintptr_t pc = 0;
    std::uint64_t key = 0;
  };
  thread_local std::array<Entry, 64> mine{};
  Entry& e = mine[(pc >> 2) & 63];
  if (e.pc == pc) return e.key;
  {
    std::lock_guard<std::mutex> lock(g_mu);
    if (const auto it = g_by_return.find(pc); it != g_by_return.end() && it->second) {
      e = Entry{pc, it->second};
      return it->second;
    }
  }
  backtrace_state* s = state();
  if (!s) return fallback;
  Found found;
  // pc - 1: inside the call instruction, so the line is the call's.
  backtrace_pcinfo(s, pc - 1, &take_first_user_frame, &ignore_error, &found);
  if (found.any) {
    const std::uint64_t key = Site::intern(found.site);
    std::lock_guard<std::mutex> lock(g_mu);
    g_by_return[pc] = key;
    e = Entry{pc, key};
    return key;
  }
  if (!found.line_tables) {
    // No line tables where the call returns to: nothing will ever resolve
    // there, so remember the library line for it.
    std::lock_guard<std::mutex> lock(g_mu);
    g_by_return[pc] = fallback;
    e = Entry{pc, fallback};
    return fallback;
  }
  // The return address is library code itself (an out-of-line std
  // function, in an unoptimised build): the answer depends on its caller,
  // so unwind, uncached (microseconds a call).
  Found deeper;
  backtrace_full(s, /*skip=*/1, &take_first_user_frame, &ignore_error, &deeper);
  return deeper.any ? Site::intern(deeper.site) : fallback;
}

}  // namespace locklab::detail
