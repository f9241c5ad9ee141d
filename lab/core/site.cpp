#include "locklab/core/site.h"

#include "locklab/core/internal_lock.h"

#include <bit>
#include <mutex>
#include <string>
#include <vector>

namespace locklab {

namespace {
// Sites interned at run time (Site::intern): key = index * 2 + 1.
detail::GuardMutex g_interned_mu;
std::vector<SiteInfo> g_interned LOCKLAB_GUARDED_BY(g_interned_mu);

bool interned_key(std::uint64_t key) { return (key & 1) != 0; }

SiteInfo describe_interned(std::uint64_t key) {
  detail::GuardLock lock(g_interned_mu);
  const std::uint64_t i = key >> 1;
  return i < g_interned.size() ? g_interned[i] : SiteInfo{};
}
}  // namespace

std::uint64_t Site::intern(const SiteInfo& info) {
  detail::GuardLock lock(g_interned_mu);
  for (std::size_t i = 0; i < g_interned.size(); ++i)
    if (g_interned[i] == info) return (i << 1) | 1;
  g_interned.push_back(info);
  return ((g_interned.size() - 1) << 1) | 1;
}

#if defined(__cpp_lib_source_location)

static_assert(sizeof(std::source_location) == sizeof(std::uint64_t),
              "Site::key() packs a source_location into 64 bits");

// libstdc++'s source_location is one pointer to a static record per call
// site: the pointer itself is the key, and turning it back is free.
std::uint64_t Site::key() const noexcept { return std::bit_cast<std::uint64_t>(loc_); }

SiteInfo Site::describe(std::uint64_t key) {
  if (key == 0) return {};
  if (interned_key(key)) return describe_interned(key);
  const auto loc = std::bit_cast<std::source_location>(key);
  return SiteInfo{loc.file_name(), loc.line(), loc.function_name()};
}

#else

namespace {
// Fallback (clang 14 + libstdc++ 12): intern (file, line, function) once.
struct Interned {
  const char* file;
  int line;
  const char* function;
};
std::mutex g_sites_mu;
std::vector<Interned> g_sites;  // guarded by g_sites_mu; key = index + 1
}  // namespace

std::uint64_t Site::key() const noexcept {
  if (!file_) return 0;
  std::lock_guard<std::mutex> lock(g_sites_mu);
  for (std::size_t i = g_sites.size(); i-- > 0;) {
    const Interned& s = g_sites[i];
    if (s.line == line_ && s.file == file_ && s.function == function_) return (i + 1) << 1;
  }
  g_sites.push_back({file_, line_, function_});
  return g_sites.size() << 1;  // even: odd keys are Site::intern's
}

SiteInfo Site::describe(std::uint64_t key) {
  if (key != 0 && interned_key(key)) return describe_interned(key);
  std::lock_guard<std::mutex> lock(g_sites_mu);
  key >>= 1;
  if (key == 0 || key > g_sites.size()) return {};
  const Interned& s = g_sites[key - 1];
  return SiteInfo{s.file, static_cast<std::uint32_t>(s.line), s.function};
}

#endif

}  // namespace locklab

namespace locklab {

std::string short_function(const std::string& signature) {
  std::string s = signature;
  // Cut the parameter list: the first '(' that is not part of "(anonymous".
  std::size_t paren = std::string::npos;
  int angle = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') ++angle;
    else if (s[i] == '>' && angle > 0) --angle;
    else if (s[i] == '(' && angle == 0 && s.compare(i, 11, "(anonymous ") != 0) { paren = i; break; }
  }
  std::string head = s.substr(0, paren);
  // Drop the return type: the last space outside template brackets.
  angle = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '<') ++angle;
    else if (head[i] == '>' && angle > 0) --angle;
    else if (head[i] == ' ' && angle == 0) start = i + 1;
  }
  head = head.substr(start);
  // A bug module's own namespace says nothing the file name does not.
  if (head.rfind("locklab::bugs::", 0) == 0) {
    const std::size_t after = head.find("::", 15);
    if (after != std::string::npos) head.erase(0, after + 2);
  }
  for (const char* anon : {"{anonymous}::", "(anonymous namespace)::"}) {
    for (std::size_t p; (p = head.find(anon)) != std::string::npos;) head.erase(p, std::string(anon).size());
  }
  // A lambda reads better as "<lambda in f>" than as f's whole signature.
  const std::size_t lambda = s.find("<lambda");
  if (lambda != std::string::npos && paren != std::string::npos && lambda > paren) head += "::<lambda>";
  return head.empty() ? signature : head;
}

std::string site_text(const SiteInfo& info) {
  if (info.line == 0 && info.file.empty()) return "unknown site";
  std::string out = short_site(info);
  if (!info.function.empty()) out += " (" + short_function(info.function) + ")";
  return out;
}

}  // namespace locklab
