#include "locklab/run/catalogue.h"

#include <algorithm>

#include "locklab/run/edit_distance.h"
#include "locklab/core/runtime.h"

namespace locklab {

const VariantInfo* BugInfo::variant(const std::string& name) const {
  for (const auto& v : variants)
    if (v.name == name) return &v;
  return nullptr;
}

const VariantInfo* BugInfo::buggy_variant() const {
  for (const auto& v : variants)
    if (v.buggy) return &v;
  return nullptr;
}

std::vector<const VariantInfo*> BugInfo::fixed_variants() const {
  std::vector<const VariantInfo*> out;
  for (const auto& v : variants)
    if (!v.buggy) out.push_back(&v);
  return out;
}

Catalogue& Catalogue::get() {
  static Catalogue catalogue;
  return catalogue;
}

void Catalogue::add(BugInfo bug) {
  if (bug.id.empty()) fatal("a bug module registered without an id");
  if (bugs_.count(bug.id)) fatal("two bug modules share the id '" + bug.id + "'");
  if (!bug.oracle) fatal("bug module '" + bug.id + "' has no oracle");
  if (!bug.buggy_variant() || bug.fixed_variants().empty())
    fatal("bug module '" + bug.id + "' needs one buggy and at least one fixed variant");
  const std::string id = bug.id;
  bugs_.emplace(id, std::move(bug));
}

void Catalogue::add_text(const std::string& id, const std::string& file, const char* text) {
  texts_[id][file] = text;
}

const std::vector<std::string>& families() {
  static const std::vector<std::string> kFamilies = {
      "oversized critical section", "wrong primitive",           "missed protocol", "channel misuse",
      "lock ordering and reentrancy", "memory-model misuse", "reading profiles"};
  return kFamilies;
}

std::size_t family_rank(const std::string& family) {
  const auto& f = families();
  return static_cast<std::size_t>(std::find(f.begin(), f.end(), family) - f.begin());
}

std::vector<const BugInfo*> Catalogue::all() const {
  std::vector<const BugInfo*> out;
  for (const auto& [id, bug] : bugs_) out.push_back(&bug);
  std::stable_sort(out.begin(), out.end(), [](const BugInfo* a, const BugInfo* b) {
    const std::size_t ra = family_rank(a->family), rb = family_rank(b->family);
    if (ra != rb) return ra < rb;
    return a->family != b->family ? a->family < b->family : a->id < b->id;
  });
  return out;
}

const BugInfo* Catalogue::find(const std::string& id) const {
  const auto it = bugs_.find(id);
  return it == bugs_.end() ? nullptr : &it->second;
}

std::string Catalogue::suggest(const std::string& id) const {
  std::string best;
  std::size_t best_d = std::string::npos;
  for (const auto& [known, bug] : bugs_) {
    std::size_t d = edit_distance(id, known);
    // A prefix or a fragment of the id counts as close too.
    if (!id.empty() && known.find(id) != std::string::npos) d = std::min<std::size_t>(d, 2);
    if (d < best_d) {
      best_d = d;
      best = known;
    }
  }
  const std::size_t limit = std::max<std::size_t>(3, id.size() / 3);
  return best_d <= limit ? best : std::string();
}

std::string Catalogue::story(const std::string& id) const { return file_text(id, "README.md"); }

std::string Catalogue::file_text(const std::string& id, const std::string& file) const {
  const auto it = texts_.find(id);
  if (it == texts_.end()) return {};
  const auto f = it->second.find(file);
  return f == it->second.end() ? std::string() : f->second;
}

std::string_view to_string(Blocking b) noexcept {
  return b == Blocking::kBlocking ? "blocking" : "non-blocking";
}
std::string_view to_string(Sharing s) noexcept {
  return s == Sharing::kSharedMemory ? "shared memory" : "message passing";
}

}  // namespace locklab
