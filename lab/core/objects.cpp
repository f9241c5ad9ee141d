#include "locklab/core/objects.h"

#include <mutex>
#include <unordered_map>

#include "locklab/core/use_ledger.h"

namespace locklab {
namespace {
std::mutex g_objects_mu;
std::vector<ObjectInfo> g_objects;  // guarded by g_objects_mu; id = index + 1
std::unordered_map<std::uint32_t, const LedgerView*> g_ledgers;  // guarded by g_objects_mu
}  // namespace

namespace detail {
// Runtime::begin_run() clears the registry between runs.
void clear_objects() {
  std::lock_guard<std::mutex> lock(g_objects_mu);
  g_objects.clear();
  g_ledgers.clear();
}

void attach_ledger(std::uint32_t object, const LedgerView* ledger) {
  std::lock_guard<std::mutex> lock(g_objects_mu);
  g_ledgers[object] = ledger;
}

void detach_ledger(std::uint32_t object, const LedgerView* ledger) {
  std::lock_guard<std::mutex> lock(g_objects_mu);
  const auto it = g_ledgers.find(object);
  if (it != g_ledgers.end() && it->second == ledger) g_ledgers.erase(it);
}
}  // namespace detail

std::uint32_t register_object(ObjectKind kind, std::string_view name) {
  std::lock_guard<std::mutex> lock(g_objects_mu);
  const auto id = static_cast<std::uint32_t>(g_objects.size() + 1);
  std::string n(name);
  if (n.empty()) n = std::string(to_string(kind)) + "#" + std::to_string(id);
  g_objects.push_back(ObjectInfo{id, kind, std::move(n)});
  return id;
}

std::vector<ObjectInfo> objects_snapshot() {
  std::lock_guard<std::mutex> lock(g_objects_mu);
  return g_objects;
}

std::optional<ObjectUsers> object_users(std::uint32_t object) {
  std::lock_guard<std::mutex> lock(g_objects_mu);
  const auto it = g_ledgers.find(object);
  if (it == g_ledgers.end()) return std::nullopt;
  return it->second->users();
}

ObjectKind object_kind(std::uint32_t id) {
  std::lock_guard<std::mutex> lock(g_objects_mu);
  if (id == 0 || id > g_objects.size()) return ObjectKind::kOther;
  return g_objects[id - 1].kind;
}

std::string object_name(std::uint32_t id) {
  std::lock_guard<std::mutex> lock(g_objects_mu);
  if (id == 0 || id > g_objects.size()) return "?";
  return g_objects[id - 1].name;
}

}  // namespace locklab
