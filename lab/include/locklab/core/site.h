// Site: the source line a primitive was called from.
//
// Every primitive takes `Site site = Site::current()` as its last, defaulted
// argument, so a wait is charged to the line of code that caused it (the C++
// answer to Go's runtime.Caller). With g++ (and any compiler whose library has
// std::source_location) a Site is std::source_location: one pointer to a
// static record per call site, free to pass and to store. clang 14 with
// libstdc++ 12 lacks __builtin_source_location, so there a Site is built from
// __builtin_FILE/LINE/FUNCTION and interned once per call (slower; that build
// exists for the thread-safety analysis, not for speed).
//
// Sites reached through std::lock_guard / std::unique_lock / std::scoped_lock
// name the standard library's header, because that is where the call is.
// Use locklab's own guards (guards.h) to charge the caller's line.
#pragma once

#include <cstdint>
#include <string>

#if __has_include(<source_location>)
#include <source_location>
#endif

namespace locklab {

/// A site as plain data: file, line and function of a call.
struct SiteInfo {
  std::string file;
  std::uint32_t line = 0;
  std::string function;

  friend bool operator==(const SiteInfo&, const SiteInfo&) = default;
};

#if defined(__cpp_lib_source_location)

class Site {
 public:
  static Site current(std::source_location loc = std::source_location::current()) noexcept {
    return Site(loc);
  }
  Site() noexcept = default;
  /// A number unique to this call site for the life of the process (0 = none).
  std::uint64_t key() const noexcept;
  /// Looks a key up again; key 0 gives an empty SiteInfo.
  static SiteInfo describe(std::uint64_t key);
  /// A key for a site known only at run time (a frame found by unwinding,
  /// user_site.h); the same site gives the same key. Such keys are odd,
  /// source_location keys (aligned pointers) even.
  static std::uint64_t intern(const SiteInfo& info);

 private:
  explicit Site(std::source_location loc) noexcept : loc_(loc) {}
  std::source_location loc_{};
};

#else

class Site {
 public:
  static Site current(const char* file = __builtin_FILE(), int line = __builtin_LINE(),
                      const char* function = __builtin_FUNCTION()) noexcept {
    return Site(file, line, function);
  }
  Site() noexcept = default;
  std::uint64_t key() const noexcept;
  static SiteInfo describe(std::uint64_t key);
  static std::uint64_t intern(const SiteInfo& info);

 private:
  Site(const char* file, int line, const char* function) noexcept
      : file_(file), function_(function), line_(line) {}
  const char* file_ = nullptr;
  const char* function_ = nullptr;
  int line_ = 0;
};

#endif

/// "file.cpp:12" with the directories stripped; empty when the file is empty
/// or the line is 0.
std::string short_site(const SiteInfo& info);

/// A compiler's function signature shortened to its name:
/// "void {anonymous}::Store::save(int)" -> "Store::save".
std::string short_function(const std::string& signature);

/// "file.cpp:12 (Store::save)", or "unknown site" for an empty site. The one
/// way every consumer prints a site.
std::string site_text(const SiteInfo& info);

}  // namespace locklab
