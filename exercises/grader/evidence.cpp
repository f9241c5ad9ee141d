#include "evidence.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "catalogue_symbols.h"

namespace locklab::exercises {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool site_in(const Trace& run, std::uint32_t site, const std::vector<std::string>& files, const std::string& bug) {
  if (site == 0 || site >= run.sites.size()) return false;
  for (const std::string& f : files)
    if (same_source(run.sites[site].file, f, bug)) return true;
  return false;
}

}  // namespace

bool same_source(const std::string& file, const std::string& wanted, const std::string& bug_id) {
  if (!wanted.empty() && wanted.front() == '/') {
    if (file == wanted) return true;
    // The compiler may have been given a path relative to its working
    // directory ("../../exercises/x/exercise.cpp"): compare what follows
    // the leading "./" and "../" parts.
    std::string_view rest = file;
    while (rest.starts_with("../") || rest.starts_with("./")) rest.remove_prefix(rest.starts_with("./") ? 2 : 3);
    return !rest.empty() && rest.front() != '/' && ends_with(wanted, "/" + std::string(rest));
  }
  return file == wanted || ends_with(file, "/" + bug_id + "/" + wanted);
}

Evidence::Evidence(BugInfo bug, std::string candidate, std::vector<std::string> candidate_files,
                   std::string reference, RunPlan plan, RunObserver observer)
    : bug_(std::move(bug)),
      candidate_name_(std::move(candidate)),
      reference_name_(std::move(reference)),
      candidate_files_(std::move(candidate_files)),
      plan_(std::move(plan)),
      observer_(std::move(observer)) {
  if (!bug_.variant(candidate_name_))
    throw std::invalid_argument("no variant '" + candidate_name_ + "' of " + bug_.id);
  if (!bug_.variant(reference_name_))
    throw std::invalid_argument("no variant '" + reference_name_ + "' of " + bug_.id);
  if (plan_.seeds.empty()) throw std::invalid_argument("a run plan needs at least one seed");
  if (candidate_files_.empty()) candidate_files_ = candidate_variant().files;
}

const VariantInfo& Evidence::candidate_variant() const { return *bug_.variant(candidate_name_); }
const VariantInfo& Evidence::reference_variant() const { return *bug_.variant(reference_name_); }

std::vector<Trace> Evidence::run_all(const std::string& variant) {
  std::vector<Trace> out;
  const std::size_t planned = runs_done_ + plan_.seeds.size();
  for (const std::uint64_t seed : plan_.seeds) {
    ++runs_done_;
    if (observer_) observer_(runs_done_, planned, variant + ", seed " + std::to_string(seed));
    RunConfig c = plan_.config;
    c.seed = seed;
    out.push_back(run_bug(bug_, variant, c));
  }
  return out;
}

const std::vector<Trace>& Evidence::candidate_runs() {
  if (!candidate_done_) {
    candidate_runs_ = run_all(candidate_name_);
    candidate_done_ = true;
  }
  return candidate_runs_;
}

const std::vector<Trace>& Evidence::reference_runs() {
  if (!reference_done_) {
    reference_runs_ = run_all(reference_name_);
    reference_done_ = true;
  }
  return reference_runs_;
}

const BoundaryScan& Evidence::boundary() {
  if (boundary_done_) return boundary_;
  boundary_done_ = true;
  if (build_.object.empty() || candidate_files_.empty()) return boundary_;
  const ObjectListing listing = read_object(build_.object);
  if (!listing.error.empty()) {
    boundary_.error = listing.error;
    return boundary_;
  }
  BoundaryPolicy policy;
  policy.candidate_file = candidate_files_.front();
  policy.source_dir = build_.source_dir;
  std::string error;
  policy.catalogue_symbols = catalogue_variant_symbols(build_.catalogue_objects, &error);
  boundary_.error = error;
  boundary_.crossings = scan_boundary(listing, policy);
  boundary_.scanned = true;
  return boundary_;
}

void Evidence::note(const std::string& what) {
  ++runs_done_;
  if (observer_) observer_(runs_done_, runs_done_, what);
}

bool Evidence::in_candidate(const Trace& run, std::uint32_t site) const {
  return site_in(run, site, candidate_files_, bug_.id);
}

bool Evidence::in_reference(const Trace& run, std::uint32_t site) const {
  return site_in(run, site, reference_variant().files, bug_.id);
}

}  // namespace locklab::exercises
