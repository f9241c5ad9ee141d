#include "boundary_scan.h"

#include <map>
#include <optional>
#include <tuple>

namespace locklab::exercises {
namespace {

enum class Owner { kLearner, kLocklab, kSystem };

struct Judge {
  const BoundaryPolicy& policy;

  Owner owner(const std::string& file) const {
    if (file == policy.candidate_file) return Owner::kLearner;
    if (file.starts_with("/usr/")) return Owner::kSystem;
    const std::string& src = policy.source_dir;
    if (!src.empty() && (file.starts_with(src + "/lab/") || file.starts_with(src + "/bugs/"))) return Owner::kLocklab;
    return Owner::kLearner;  // a file of the learner's own (a header beside exercise.cpp)
  }

  // The first frame that is not a system header, innermost first; -1 if none.
  int first_owned(const std::vector<SourceFrame>& frames) const {
    for (std::size_t i = 0; i < frames.size(); ++i)
      if (owner(frames[i].file) != Owner::kSystem) return static_cast<int>(i);
    return -1;
  }

  static std::string base_name(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

  std::string line_text(const SourceFrame& f) const { return base_name(f.file) + ":" + std::to_string(f.line); }

  // The library function the learner's frame `i` called: the function of the frame inside it.
  static std::string through(const std::vector<SourceFrame>& frames, int i) {
    return i <= 0 ? "" : demangle(frames[static_cast<std::size_t>(i - 1)].function);
  }
};

// ".text", ".text.unlikely", ".text.startup": the learner's own functions; a
// ".text.<mangled>" section holds one header function emitted out of line.
bool own_section(const std::string& section) {
  return section == ".text" || section == ".text.unlikely" || section == ".text.startup" || section == ".text.hot" ||
         section == ".text.exit";
}

std::string frame_functions(const std::vector<SourceFrame>& frames) {
  std::string all;
  for (const SourceFrame& f : frames) all += f.function + " ";
  return all;
}

}  // namespace

std::vector<Crossing> scan_boundary(const ObjectListing& listing, const BoundaryPolicy& policy) {
  const Judge judge{policy};
  std::vector<Crossing> out;
  std::set<std::tuple<BoundaryKind, std::string, std::string>> seen;
  auto add = [&](Crossing c) {
    if (seen.insert({c.kind, c.symbol, c.where}).second) out.push_back(std::move(c));
  };
  const std::string file = Judge::base_name(policy.candidate_file);

  // What a symbol is: a rule, the catalogue, or a header function that calls one.
  std::map<std::string, BoundaryRule> tainted;  // out-of-line header function -> what it calls
  std::map<std::string, std::string> tainted_symbol;
  auto rule = [&](const std::string& symbol) -> std::optional<BoundaryRule> {
    if (policy.catalogue_symbols.contains(symbol))
      return BoundaryRule{BoundaryKind::kCatalogue,
                          "a variant from locklab's own catalogue (this bug's reference fix, or another "
                          "bug's): your file must do the work itself"};
    if (auto r = rule_for_symbol(symbol)) return r;
    if (const auto it = tainted.find(symbol); it != tainted.end()) return it->second;
    return std::nullopt;
  };
  // Header functions emitted out of line that call a forbidden symbol taint
  // their callers; repeat until nothing new is tainted.
  for (bool grew = true; grew;) {
    grew = false;
    for (const SymbolUse& u : listing.uses) {
      if (own_section(u.site.section) || tainted.contains(u.site.function) || u.symbol == u.site.function) continue;
      // locklab's own functions emitted out of line (outside the bugs'
      // namespaces) use std::mutex and friends inside; that is locklab's.
      if (const std::string f = demangle(u.site.function);
          f.starts_with("locklab::") && !f.starts_with("locklab::bugs::"))
        continue;
      const auto r = rule(u.symbol);
      if (!r || judge.first_owned(u.site.frames) >= 0) continue;
      tainted.emplace(u.site.function, *r);
      tainted_symbol.emplace(u.site.function, tainted_symbol.contains(u.symbol) ? tainted_symbol[u.symbol] : u.symbol);
      grew = true;
    }
  }
  std::set<std::string> placed;
  for (const SymbolUse& u : listing.uses) {
    const auto r = rule(u.symbol);
    if (!r) {
      if (const int i = judge.first_owned(u.site.frames);
          i > 0 && judge.owner(u.site.frames[static_cast<std::size_t>(i)].file) == Owner::kLearner) {
        const std::string symbol = demangle(u.symbol), via = Judge::through(u.site.frames, i);
        const bool lab_try_lock = symbol.starts_with("locklab::") && symbol.find("::try_lock") != std::string::npos;
        if (lab_try_lock && (via.starts_with("std::unique_lock<") || via.starts_with("std::shared_lock<")))
          add({BoundaryKind::kWrappedTryLock, symbol,
               "a lab try_lock through a standard lock wrapper: the lab records it at libstdc++'s line",
               judge.line_text(u.site.frames[static_cast<std::size_t>(i)]), via});
      }
      continue;
    }
    const int i = judge.first_owned(u.site.frames);
    std::string where;
    if (i >= 0) {
      if (judge.owner(u.site.frames[static_cast<std::size_t>(i)].file) != Owner::kLearner) continue;  // locklab's own
      where = judge.line_text(u.site.frames[static_cast<std::size_t>(i)]);
    } else if (own_section(u.site.section)) {
      where = file + " (in " + demangle(u.site.function) + ")";
    } else {
      continue;  // inside a header function: judged at its callers
    }
    placed.insert(u.symbol);
    std::string symbol = demangle(u.symbol);
    std::string via = i >= 0 ? Judge::through(u.site.frames, i) : "";
    if (const auto t = tainted_symbol.find(u.symbol); t != tainted_symbol.end()) {
      via = symbol;
      symbol = demangle(t->second);
    }
    add({r->kind, symbol, r->what, where, via});
  }
  // Forbidden symbols referred to from data only (a table of function pointers).
  for (const std::string& s : listing.undefined)
    if (!placed.contains(s))
      if (const auto r = rule(s)) add({r->kind, demangle(s), r->what, file, ""});

  for (const InstructionUse& a : listing.atomics) {
    const std::vector<SourceFrame>& frames = a.site.frames;
    const int i = judge.first_owned(frames);
    if (i < 0 || judge.owner(frames[static_cast<std::size_t>(i)].file) != Owner::kLearner) continue;
    // ext/atomicity.h (std::shared_ptr's counts) and the like are not the learner's atomics.
    const std::string& inner = frames.front().file;
    const bool atomic_header = inner.ends_with("/atomic") || inner.find("/bits/atomic_") != std::string::npos ||
                               inner.ends_with("/stdatomic.h");
    if (i != 0 && !atomic_header) continue;
    const BoundaryRule r = rule_for_atomic(a.text, frame_functions(frames));
    std::string op = Judge::through(frames, i);
    if (op.empty()) op = a.text.substr(0, a.text.find_first_of(" \t"));
    const std::string where = judge.line_text(frames[static_cast<std::size_t>(i)]);
    if (seen.insert({r.kind, "", where}).second) out.push_back({r.kind, op, r.what, where, ""});
  }
  return out;
}

std::string crossing_text(const Crossing& c) {
  std::string verb = c.kind == BoundaryKind::kAtomic || c.kind == BoundaryKind::kSync ? "uses " : "calls ";
  if (c.kind == BoundaryKind::kCatalogue) verb = "calls ";
  std::string s = c.where + " " + verb + c.symbol;
  if (!c.through.empty() && c.through != c.symbol) s += " (through " + c.through + ")";
  return s + ": " + c.what;
}

}  // namespace locklab::exercises
