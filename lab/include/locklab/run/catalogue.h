// The catalogue: every bug module registers itself here at static
// initialisation, so adding a folder under bugs/ (or an external folder named
// with -DLOCKLAB_EXTRA_BUGS) adds a bug with no list to edit.
//
// A bug module provides a BugInfo: who it is (id, title, family, the two axes
// of Tu et al.'s Go bug study), its parameters with defaults, its variants
// (one buggy, one or more fixed, all running the same workload over the same
// interface) and its oracle: code that looks at one run and says whether the
// symptom is there. The buggy variant must show it; every fixed one must not.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab {

struct ParamSpec {
  std::string name;          // "io_ms"
  std::string help;          // "milliseconds one persist takes"
  double default_value = 0;
  double min = 0, max = 0;   // inclusive bounds checked before a run
  bool integer = true;
};

struct VariantInfo {
  std::string name;          // "buggy", "fixed", "fixed-atomic", ...
  std::string summary;       // one line: what this variant does
  bool buggy = false;
  std::vector<std::string> files;  // its source files, relative to the bug folder
  std::function<void(RunContext&)> run;
};

struct OracleVerdict {
  bool symptom = false;      // the bug's symptom is present in this run
  std::string explanation;   // the figures behind the decision, in words
};

enum class Blocking : std::uint8_t { kBlocking, kNonBlocking };
/// What makes the symptom appear, so `explore` knows whether searching
/// interleavings can find it.
enum class SymptomCause : std::uint8_t {
  kInterleaving,  // some interleaving (or every one) shows it on virtual time: explore searches for it
  kRealTime,      // a ratio or rate of real time (throughput, CPU burnt, a gauge sampled as time passes):
                  // no interleaving causes it and a controlled run's virtual time cannot measure it
};
enum class Sharing : std::uint8_t { kSharedMemory, kMessagePassing };
std::string_view to_string(Blocking b) noexcept;
std::string_view to_string(Sharing s) noexcept;

struct BugInfo {
  std::string id;            // "global-counter-lock"
  std::string title;         // "A global lock around one counter"
  std::string family;        // "oversized critical section", ...
  Blocking blocking = Blocking::kNonBlocking;
  Sharing sharing = Sharing::kSharedMemory;
  std::string seed;          // "002 bug 1"
  std::string symptom;       // what the oracle checks, in words
  SymptomCause cause = SymptomCause::kInterleaving;
  std::string cause_note;    // kRealTime: why, in one clause ("a throughput ratio: ...")
  std::uint32_t default_threads = 4;
  std::uint64_t default_duration_ms = 1500;
  std::vector<ParamSpec> params;
  std::vector<VariantInfo> variants;
  /// Does this run show the symptom? Must be a pure function of the trace.
  std::function<OracleVerdict(const Trace&)> oracle;
  /// Optional: judges a buggy run against a fixed run of the same settings
  /// (for symptoms that are ratios). `symptom` true means the buggy run is
  /// worse by the stated margin.
  std::function<OracleVerdict(const Trace& buggy, const Trace& fixed)> compare;
  /// Settings for controlled runs (`locklab explore`): the scheduler tries
  /// thousands of interleavings, so one run should be a few hundred steps.
  /// Unset fields fall back to explore's defaults (3 threads at most, 20 ms
  /// of virtual time) and then to the bug's defaults; `params` override the
  /// bug's parameter defaults.
  struct Controlled {
    std::uint32_t threads = 0;
    std::uint64_t duration_ms = 0;
    std::map<std::string, std::string> params;
  } controlled;
  /// The one workload every row of the trigger-rate table runs (real
  /// threads, chaos, random walk, PCT, DFS: `locklab explore --rates`),
  /// so the rows compare methods, not workloads. Small and bounded: few
  /// threads, a fixed number of operations each (an `ops` parameter), so
  /// a run ends by itself and one schedule is short. Unset: the controlled
  /// settings. sched/rates.h resolves it (rates_config).
  struct Rates {
    std::uint32_t threads = 0;
    std::map<std::string, std::string> params;
  } rates;

  const VariantInfo* variant(const std::string& name) const;
  const VariantInfo* buggy_variant() const;
  std::vector<const VariantInfo*> fixed_variants() const;
};

/// The families, in the order the catalogue presents them: from the cost of
/// holding a lock too long, through using the wrong tool and breaking a
/// protocol, to reading what the tools say.
const std::vector<std::string>& families();
/// The position of `family` in families(), or families().size() if unknown.
std::size_t family_rank(const std::string& family);

class Catalogue {
 public:
  static Catalogue& get();

  /// Adds a bug; a duplicate id is a build mistake and aborts with a message.
  void add(BugInfo bug);
  /// Attaches the story (README.md) and sources of a bug; called by the
  /// generated registration code of each module folder.
  void add_text(const std::string& id, const std::string& file, const char* text);

  /// Sorted by family (in families() order; unknown families last), then id.
  std::vector<const BugInfo*> all() const;
  const BugInfo* find(const std::string& id) const;
  /// The registered id nearest to `id` (edit distance), or "" if none is close.
  std::string suggest(const std::string& id) const;
  /// The README.md of a bug ("" if none); file texts by name.
  std::string story(const std::string& id) const;
  std::string file_text(const std::string& id, const std::string& file) const;

 private:
  std::map<std::string, BugInfo> bugs_;
  std::map<std::string, std::map<std::string, std::string>> texts_;
};

namespace detail {
struct BugRegistrar {
  explicit BugRegistrar(BugInfo (*make)()) { Catalogue::get().add(make()); }
};
struct TextRegistrar {
  TextRegistrar(const char* id, const char* file, const char* text) {
    Catalogue::get().add_text(id, file, text);
  }
};
}  // namespace detail

/// In a bug module's bug.cpp: LOCKLAB_REGISTER_BUG(make_info) where
/// `BugInfo make_info()` builds the module's description.
#define LOCKLAB_REGISTER_BUG(make)                                       \
  namespace {                                                            \
  const ::locklab::detail::BugRegistrar locklab_bug_registrar_{&(make)}; \
  }

}  // namespace locklab
