#include "locklab/sched/step_session.h"

#include "run/run_frame.h"
#include "step_probe.h"
#include "step_state.h"

namespace locklab::sched {
namespace {

std::string runnable_list(const std::vector<const StepThread*>& runnable) {
  std::string out;
  for (const StepThread* t : runnable) out += (out.empty() ? "" : ", ") + ("T" + std::to_string(t->id) + " (" + t->name + ")");
  return out.empty() ? "none" : out;
}

}  // namespace

std::string source_line(const BugInfo& bug, const SiteInfo& site) {
  if (site.file.empty() || site.line == 0) return "";
  const std::string file = site.file.substr(site.file.find_last_of('/') + 1);
  const std::string text = Catalogue::get().file_text(bug.id, file);
  std::size_t begin = 0;
  for (std::uint32_t line = 1; line < site.line; ++line) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return "";
    ++begin;
  }
  std::size_t end = text.find('\n', begin);
  if (end == std::string::npos) end = text.size();
  std::string out = text.substr(begin, end - begin);
  const std::size_t first = out.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  out = out.substr(first);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string_view to_string(StepThread::Status s) noexcept {
  switch (s) {
    case StepThread::Status::kRunnable: return "runnable";
    case StepThread::Status::kBlocked: return "blocked";
    case StepThread::Status::kDone: return "done";
  }
  return "?";
}

StepSession::StepSession(const BugInfo& bug, std::string variant, RunConfig config, std::uint64_t stop_after_steps)
    : bug_(&bug), variant_(std::move(variant)) {
  if (!bug.variant(variant_)) {
    std::string names;
    for (const auto& v : bug.variants) names += (names.empty() ? "" : ", ") + v.name;
    throw ConfigError("unknown variant '" + variant_ + "' of " + bug.id + " (variants: " + names + ")");
  }
  config_ = controlled_config(bug, config);
  const auto params = resolve_params(bug, config_);
  config_.params.clear();
  for (const auto& [k, v] : params) config_.params[k] = locklab::detail::number_text(v);
  limits_.stop_after_steps = stop_after_steps;
  rebuild({});
}

StepSession::StepSession(const BugInfo& bug, const Challenge& challenge, std::string variant)
    : StepSession(bug, variant.empty() ? challenge.variant : variant,
                  [&] {
                    if (challenge.bug != bug.id)
                      throw ConfigError("challenge " + challenge.bug + "/" + challenge.name + " is not about " + bug.id);
                    RunConfig c;
                    c.threads = challenge.threads;
                    c.duration_ms = challenge.duration_ms;
                    c.params = challenge.params;
                    c.seed = challenge.seed;
                    return c;
                  }(),
                  challenge.stop_after_steps) {
  challenge_ = &challenge;
  judge();
}

std::vector<const StepThread*> StepSession::runnable() const {
  std::vector<const StepThread*> out;
  for (const StepThread& t : threads_)
    if (t.status == StepThread::Status::kRunnable) out.push_back(&t);
  return out;
}

std::vector<const StepThread*> StepSession::blocked() const {
  std::vector<const StepThread*> out;
  for (const StepThread& t : threads_)
    if (t.status == StepThread::Status::kBlocked) out.push_back(&t);
  return out;
}

std::string StepSession::describe(const Step& step) const { return describe_step(outcome_, step); }

void StepSession::rebuild(const std::vector<std::uint16_t>& picks) {
  detail::StepProbe probe(picks);
  ControlledRun run = run_bug_controlled(*bug_, variant_, config_, probe, limits_);
  if (const auto bad = probe.bad_pick()) {
    std::string can;
    for (const std::uint16_t id : probe.runnable_at_bad_pick()) can += (can.empty() ? "T" : ", T") + std::to_string(id);
    throw StepError("step " + std::to_string(*bad + 1) + ": T" + std::to_string(picks[*bad]) +
                    " cannot take a step there (threads that can: " + can + ")");
  }
  if (run.steps.size() < picks.size())
    throw StepError("the run is over after " + std::to_string(run.steps.size()) + " steps; there is no step " +
                    std::to_string(run.steps.size() + 1));
  picks_ = picks;
  steps_.assign(run.steps.begin(), run.steps.begin() + static_cast<std::ptrdiff_t>(picks.size()));
  outcome_picks_ = run.picks();
  outcome_ = std::move(run.trace);
  ended_ = !probe.reached_cut();
  if (ended_) {
    threads_ = detail::threads_at_end(outcome_);
    trace_ = outcome_;
  } else {
    threads_ = detail::threads_at_cut(probe.cut(), outcome_);
    trace_ = detail::cut_trace(outcome_, probe.cut(), picks_.size());
  }
  judge();
}

void StepSession::judge() {
  goal_ = detail::judge_goal(*bug_, challenge_, picks_.size(), ended_, trace_, outcome_, outcome_steps());
}

void StepSession::step(std::uint16_t thread) {
  if (ended_)
    throw StepError("the run is over (" + trace_.verdict.summary + "): no thread can take a step; undo to go back");
  for (const StepThread& t : threads_) {
    if (t.id != thread) continue;
    if (t.status == StepThread::Status::kBlocked)
      throw StepError("T" + std::to_string(thread) + " (" + t.name + ") is blocked: it waits for " + t.waits_for +
                      " (threads that can step: " + runnable_list(runnable()) + ")");
    if (t.status == StepThread::Status::kDone)
      throw StepError("T" + std::to_string(thread) + " (" + t.name + ") has ended (threads that can step: " +
                      runnable_list(runnable()) + ")");
    std::vector<std::uint16_t> next = picks_;
    next.push_back(thread);
    rebuild(next);
    return;
  }
  throw StepError("there is no thread T" + std::to_string(thread) + " (threads that can step: " +
                  runnable_list(runnable()) + ")");
}

bool StepSession::undo() {
  if (picks_.empty()) return false;
  std::vector<std::uint16_t> shorter(picks_.begin(), picks_.end() - 1);
  rebuild(shorter);
  return true;
}

void StepSession::finish() {
  if (ended_) return;
  rebuild(outcome_picks_);
}

void StepSession::play(const std::vector<std::uint16_t>& picks) { rebuild(picks); }

std::size_t StepSession::fork() {
  std::string outcome = goal_.active ? goal_.text : "";
  if (outcome.empty()) outcome = ended_ ? trace_.verdict.summary : "from here: " + outcome_.verdict.summary;
  branches_.push_back({picks_, outcome});
  return branches_.size();
}

void StepSession::switch_to(std::size_t number) {
  if (number == 0 || number > branches_.size())
    throw StepError(branches_.empty() ? "there are no forks yet (fork keeps the steps so far as one)"
                                      : "there is no fork " + std::to_string(number) + " (forks: 1 to " +
                                            std::to_string(branches_.size()) + ")");
  rebuild(branches_[number - 1].picks);
}

Schedule StepSession::schedule() const {
  Schedule s;
  s.bug = bug_->id;
  s.variant = variant_;
  s.strategy = "step";
  s.seed = 0;
  s.run_seed = config_.seed;
  s.threads = config_.threads;
  s.duration_ms = config_.duration_ms;
  s.params = config_.params;
  s.stop_after_steps = limits_.stop_after_steps;
  s.steps = picks_;
  return s;
}

void StepSession::save(const std::string& path) const {
  std::vector<std::string> comments;
  comments.push_back("played by hand in step mode (locklab step)" +
                     (challenge_ ? ": goal '" + challenge_->title() + "', " + goal_.text : std::string()));
  for (std::size_t i = 0; i < steps_.size(); ++i) comments.push_back(std::to_string(i + 1) + ". " + describe(steps_[i]));
  save_schedule(path, schedule(), comments);
}

}  // namespace locklab::sched
