#include "step_print.h"

#include <ostream>

#include <fmt/format.h>

#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified

namespace locklab::cli {
namespace {

using sched::StepThread;

std::string holds_text(const StepThread& t) {
  std::string out;
  for (const ThreadSnapshot::Held& h : t.held)
    out += (out.empty() ? "" : ", ") + h.object_name + (h.mode == LockMode::kShared ? " (read)" : "") +
           (h.where.empty() ? "" : " from " + h.where);
  return out.empty() ? "-" : out;
}

std::string where_text(const SiteInfo& site) { return site.line ? site_text(site) : ""; }

}  // namespace

void print_step_state(std::ostream& out, const sched::StepSession& s) {
  const sched::Challenge* c = s.challenge();
  out << "\n" << s.bug().id << " (" << s.variant() << ")";
  if (c) out << ", goal: " << c->title();
  out << "\n";
  out << "after " << s.picks().size() << (s.picks().size() == 1 ? " step" : " steps");
  if (s.goal().active) out << ": " << s.goal().text;
  out << "\n";

  const auto runnable = s.runnable();
  if (!runnable.empty()) {
    out << "\ncan take the next step:\n";
    Table t({"PICK", "THREAD", "NEXT STEP", "AT", "HOLDS"});
    for (const StepThread* r : runnable)
      t.add({std::to_string(r->id), fmt::format("T{} {}", r->id, r->name), r->next_text, where_text(r->next_site),
             holds_text(*r)});
    t.print(out, "  ");
    for (const StepThread* r : runnable) {
      const std::string line = sched::source_line(s.bug(), r->next_site);
      if (!line.empty()) out << fmt::format("  T{} is about to run: {}\n", r->id, line);
    }
  }
  const auto blocked = s.blocked();
  if (!blocked.empty()) {
    out << "\nblocked:\n";
    Table t({"THREAD", "WAITS FOR", "AT", "HOLDS"});
    for (const StepThread* b : blocked)
      t.add({fmt::format("T{} {}", b->id, b->name), b->waits_for, where_text(b->wait_site), holds_text(*b)});
    t.print(out, "  ");
  }
  std::string done;
  for (const StepThread& t : s.threads())
    if (t.status == StepThread::Status::kDone) done += (done.empty() ? "" : ", ") + fmt::format("T{} {}", t.id, t.name);
  if (!done.empty()) out << "\nended: " << done << "\n";

  if (s.ended()) out << "\nthe run is over: " << s.trace().verdict.summary << "\n";
  if (s.goal().reached) {
    out << "\n" << (s.goal().within_limit ? "GOAL REACHED" : "goal reached, over the limit") << ": " << s.goal().text
        << "\n";
    out << s.goal().explanation << (s.goal().explanation.ends_with('\n') ? "" : "\n");
  }
}

void print_last_step(std::ostream& out, const sched::StepSession& s) {
  if (s.steps().empty()) {
    out << "at the start: no steps taken\n";
    return;
  }
  out << "step " << s.steps().size() << ": " << s.describe(s.steps().back()) << "\n";
}

void print_step_help(std::ostream& out) {
  out << "commands:\n"
         "  N        thread N takes the next step (its number in the PICK column)\n"
         "  Enter    the only thread that can step takes it\n"
         "  u        undo the latest step\n"
         "  f        fork: keep the steps so far, to come back to them with b\n"
         "  b [N]    back to fork N (without N: list the forks)\n"
         "  r        run to the end with no more preemptions (what replay does)\n"
         "  s FILE   save the steps so far as a schedule (locklab replay BUG FILE)\n"
         "  l        show the steps so far\n"
         "  q        quit\n"
         "  ?        this help\n";
}

}  // namespace locklab::cli
