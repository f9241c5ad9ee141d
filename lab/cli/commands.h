// The subcommands. Each add_* registers one on the app; when it is the one
// parsed, `action` receives its work, which run_cli calls after parsing.
#pragma once

#include <functional>

#include "options.h"

namespace CLI {
class App;
}

namespace locklab::cli {

using Action = std::function<int()>;

void add_list(CLI::App& app, Io io, Action& action);
void add_show(CLI::App& app, Io io, Action& action);
void add_run(CLI::App& app, Io io, Action& action);
void add_tour(CLI::App& app, Io io, Action& action);
void add_trace_info(CLI::App& app, Io io, Action& action);
void add_dump(CLI::App& app, Io io, Action& action);
void add_export(CLI::App& app, Io io, Action& action);
void add_report(CLI::App& app, Io io, Action& action);
void add_explore(CLI::App& app, Io io, Action& action);
void add_replay(CLI::App& app, Io io, Action& action);
void add_check(CLI::App& app, Io io, Action& action);
void add_workshop(CLI::App& app, Io io, Action& action);
void add_step(CLI::App& app, Io io, Action& action);

}  // namespace locklab::cli
