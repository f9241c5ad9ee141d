// run_cli: the command line parsed with CLI11, one subcommand per file.
// Every error becomes one line "locklab: ..." on `err` and exit code 2.
#include "cli.h"

#include <ostream>

#include <CLI/CLI.hpp>

#include "commands.h"

namespace locklab::cli {
namespace {

constexpr const char* kCommands = "list, show, run, tour, explore, replay, step, trace-info, dump, export, report, check, workshop";

// Where to send a user for help after a parse error: the subcommand's help
// when one was chosen.
std::string help_hint(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands())
    return "run 'locklab " + sub->get_name() + " --help' for its options";
  return "run 'locklab --help' for the commands";
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  const Io io{out, err};
  CLI::App app{"locklab: a lab and catalogue of concurrency bugs, buggy and fixed side by side", "locklab"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "locklab 0.1.0");
  app.footer("Exit codes: 0 ok, 1 a result not as expected, 2 bad usage or input, 130 interrupted.\n"
             "Run 'locklab <command> --help' for a command's options.");
  Action action;
  add_list(app, io, action);
  add_show(app, io, action);
  add_run(app, io, action);
  add_tour(app, io, action);
  add_trace_info(app, io, action);
  add_dump(app, io, action);
  add_export(app, io, action);
  add_report(app, io, action);
  add_explore(app, io, action);
  add_replay(app, io, action);
  add_check(app, io, action);
  add_workshop(app, io, action);
  add_step(app, io, action);

  // An unknown first word is a mistyped command, not a missing one.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    const auto known = app.get_subcommands([&](const CLI::App* sub) { return sub->check_name(word); });
    if (known.empty()) {
      err << "locklab: unknown command '" << word << "' (commands: " << kCommands << ")\n";
      return kExitUsage;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    if (app.get_subcommands().empty()) {
      err << "locklab: a command is required (commands: " << kCommands << "); run 'locklab --help'\n";
      return kExitUsage;
    }
    err << "locklab: " << e.what() << "; " << help_hint(app) << "\n";
    return kExitUsage;
  }
  if (!action) {  // not reachable with require_subcommand(1); be safe
    err << "locklab: a command is required (commands: " << kCommands << ")\n";
    return kExitUsage;
  }
  try {
    return action();
  } catch (const UsageError& e) {
    err << "locklab: " << e.what() << "\n";
  } catch (const ConfigError& e) {
    err << "locklab: " << e.what() << "\n";
  }
  return kExitUsage;
}

}  // namespace locklab::cli
