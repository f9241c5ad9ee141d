// docs/bad-inputs.md, row by row: every bad input there, given to the
// command it names, must get exactly the error line the table promises
// (the whole stderr line, not a fragment) and its exit code. A row added to
// the table gets a test here; a test here names its row.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "locklab/present/format.h"
#include "locklab/trace/trace.h"
#include "locklab/trace/trace_file.h"
#include "run_cli_in_process.h"

namespace {

namespace fs = std::filesystem;
using locklab::testing::CliResult;
using locklab::testing::run_locklab;

// The usage-error shape: exit 2, nothing on stdout, exactly `line` on stderr.
void expect_error(const std::vector<std::string>& args, const std::string& line) {
  std::string cmd = "locklab";
  for (const auto& a : args) cmd += " " + a;
  const CliResult r = run_locklab(args);
  EXPECT_EQ(r.code, 2) << cmd << "\n" << r.err;
  EXPECT_EQ(r.out, "") << cmd;
  EXPECT_EQ(r.err, line + "\n") << cmd;
}

// ---- unknown bug ------------------------------------------------------------

TEST(BadInputs, UnknownBug) {
  const std::string line = "locklab: unknown bug 'no-such-bug' (see 'locklab list')";
  expect_error({"run", "no-such-bug"}, line);
  expect_error({"show", "no-such-bug"}, line);
  expect_error({"dump", "no-such-bug"}, line);
  expect_error({"report", "--bugs", "no-such-bug"}, line);
}

TEST(BadInputs, MisspelledBugGetsASuggestion) {
  expect_error({"run", "globl-counter-lock"},
               "locklab: unknown bug 'globl-counter-lock'; did you mean 'global-counter-lock'?");
}

// ---- thread counts and durations ---------------------------------------------

TEST(BadInputs, ThreadCountOutOfRange) {
  for (const std::string v : {"0", "-1", "1000000", "99999999999999999999999"})
    expect_error({"run", "recursive-rlock", "--threads", v},
                 "locklab: --threads must be between 1 and 256 (got " + v + ")");
  expect_error({"tour", "--threads", "0"}, "locklab: --threads must be between 1 and 256 (got 0)");
  expect_error({"report", "--threads", "0"},
               "locklab: --threads (a count or 'default') must be between 1 and 256 (got 0)");
}

TEST(BadInputs, ThreadCountNotANumber) {
  expect_error({"run", "recursive-rlock", "--threads", "abc"}, "locklab: --threads: 'abc' is not a whole number");
  expect_error({"run", "recursive-rlock", "--threads", "2.5"}, "locklab: --threads: '2.5' is not a whole number");
}

TEST(BadInputs, ZeroOrNegativeDuration) {
  expect_error({"run", "recursive-rlock", "--duration", "0"},
               "locklab: --duration must be between 1 and 600000 (got 0)");
  expect_error({"run", "recursive-rlock", "--duration", "-5"},
               "locklab: --duration must be between 1 and 600000 (got -5)");
  expect_error({"run", "recursive-rlock", "--duration", "1e3"}, "locklab: --duration: '1e3' is not a whole number");
}

TEST(BadInputs, DumpTimeNegative) {
  expect_error({"dump", "recursive-rlock", "--at", "-5"}, "locklab: --at must be between 0 and 600000 (got -5)");
}

// ---- bug parameters -----------------------------------------------------------

TEST(BadInputs, ParameterNotANumber) {
  for (const std::string v : {"abc", "0x10", "nan", "inf", "12abc"})
    expect_error({"run", "recursive-rlock", "-p", "writers=" + v},
                 "locklab: parameter writers: '" + v + "' is not a number");
}

TEST(BadInputs, ParameterNotWhole) {
  expect_error({"run", "recursive-rlock", "-p", "writers=1.5"},
               "locklab: parameter writers: '1.5' must be a whole number");
}

TEST(BadInputs, ParameterOutOfRange) {
  expect_error({"run", "recursive-rlock", "-p", "writers=0"},
               "locklab: parameter writers = 0 is out of range [1, 255]");
}

TEST(BadInputs, UnknownParameter) {
  expect_error({"run", "recursive-rlock", "-p", "nope=1"},
               "locklab: unknown parameter 'nope' for recursive-rlock (known: writers, audit_us, write_gap_us, "
               "read_gap_us, ops)");
}

TEST(BadInputs, ParameterWithoutValue) {
  expect_error({"run", "recursive-rlock", "-p", "writers"},
               "locklab: --param: 'writers' is not of the form name=value");
}

TEST(BadInputs, SettingsTheWorkloadRefuses) {
  // 4 writers on 4 threads leaves no reader: refused before anything runs.
  const std::string line = "locklab: writers = 4 leaves no thread to read; run with more than 4 threads";
  for (const std::string cmd : {"run", "dump"}) {
    const CliResult r = run_locklab({cmd, "recursive-rlock", "-p", "writers=4", "--threads", "4"});
    EXPECT_EQ(r.code, 2) << cmd;
    EXPECT_EQ(r.out, "") << cmd;
    // The progress line of the refused run comes first; the error is the last line.
    ASSERT_GE(r.err.size(), line.size() + 1) << r.err;
    EXPECT_EQ(r.err.substr(r.err.size() - line.size() - 1), line + "\n") << r.err;
  }
}

TEST(BadInputs, SettingsTheWorkloadRefusesAreOneErrorForEveryCommand) {
  // One run skeleton under the real and the controlled drivers: the same bad
  // settings (3 writers on 3 threads) give the same words and exit 2 for
  // run, explore, step and replay (explore used to print "found a failing
  // schedule" and exit 0).
  const std::string line = "locklab: writers = 3 leaves no thread to read; run with more than 3 threads\n";
  auto expect_refused = [&](const std::vector<std::string>& args) {
    const CliResult r = run_locklab(args);
    EXPECT_EQ(r.code, 2) << args[0] << ": " << r.out << r.err;
    ASSERT_GE(r.err.size(), line.size()) << args[0] << ": " << r.err;
    EXPECT_EQ(r.err.substr(r.err.size() - line.size()), line) << args[0] << ": " << r.err;
    EXPECT_EQ(r.out.find("failing schedule"), std::string::npos) << r.out;
  };
  expect_refused({"run", "recursive-rlock", "-p", "writers=3", "--threads", "3"});
  expect_refused({"explore", "recursive-rlock", "-p", "writers=3", "--threads", "3"});
  expect_refused({"step", "recursive-rlock", "--goal", "none", "--param", "writers=3"});  // 3 threads in step mode

  // replay takes its settings from the schedule file: save a good one, then
  // ask for one writer per thread.
  locklab::testing::ScratchDir dir("locklab-refused-replay");
  std::filesystem::create_directories(dir.path);
  const std::string good = (dir.path / "good.schedule").string();
  ASSERT_EQ(run_locklab({"explore", "recursive-rlock", "--threads", "3", "--save", good}).code, 0);
  std::ifstream in(good);
  std::stringstream text;
  text << in.rdbuf();
  std::string schedule = text.str();
  const auto at = schedule.find("param writers ");
  ASSERT_NE(at, std::string::npos) << schedule;
  schedule.replace(at, schedule.find('\n', at) - at, "param writers 3");
  const std::string bad = (dir.path / "bad.schedule").string();
  std::ofstream(bad) << schedule;
  expect_refused({"replay", "recursive-rlock", bad});
}

TEST(BadInputs, UnknownOption) {
  expect_error({"run", "recursive-rlock", "--frobnicate"},
               "locklab: The following argument was not expected: --frobnicate; run 'locklab run --help' for "
               "its options");
  expect_error({"frobnicate"},
               "locklab: unknown command 'frobnicate' (commands: list, show, run, tour, explore, replay, step, "
               "trace-info, dump, export, report, check, workshop)");
}

// ---- trace files: every reader (trace-info, dump, export) says the same -----

class BadTraces : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("locklab-bad-traces-" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    const CliResult r = run_locklab({"run", "recursive-rlock", "--variant", "buggy", "--duration", "200", "--trace",
                                     (*dir_ / "streamed.lltrace").string()});
    ASSERT_NE(r.code, 2) << r.err;
    // `run --trace` streams (format version 2); the byte offsets below are
    // those of a saved whole file (version 1: META, EVENTS, END), which is
    // what the GUI saves and what every reader must also take.
    const locklab::TraceReadResult streamed = locklab::load_trace((*dir_ / "streamed.lltrace").string());
    ASSERT_TRUE(streamed.complete()) << streamed.error;
    ASSERT_EQ(locklab::save_trace(*streamed.trace, (*dir_ / "good.lltrace").string()), "");
    std::ifstream in(*dir_ / "good.lltrace", std::ios::binary);
    good_ = new std::string(std::istreambuf_iterator<char>(in), {});
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
    delete good_;
  }
  static std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = (*dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  // The same error line from each command that reads a trace.
  static void expect_unreadable(const std::string& path, const std::string& reason) {
    const std::string line = "locklab: cannot read trace '" + path + "': " + reason;
    expect_error({"trace-info", path}, line);
    expect_error({"dump", path}, line);
    expect_error({"export", path, "--out", (*dir_ / "out.json").string()}, line);
  }
  // A partial file: exit 0, the warning line on stderr, what was read shown.
  static void expect_partial(const std::string& path, const std::string& warning) {
    const std::string line = "locklab: warning: " + path + " is partial: " + warning + "\n";
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"trace-info", path}, {"dump", path},
          {"export", path, "--out", (*dir_ / "out.json").string()}}) {
      const CliResult r = run_locklab(args);
      EXPECT_EQ(r.code, 0) << args[0] << "\n" << r.err;
      EXPECT_EQ(r.err, line) << args[0];
    }
  }
  static std::string good() { return *good_; }
  static inline fs::path* dir_ = nullptr;
  static inline std::string* good_ = nullptr;
};

// ---- export options (docs/bad-inputs.md, "Export options") ---------------

TEST_F(BadTraces, ExportOptions) {
  const std::string trace = write("export.lltrace", good());
  const std::string out = (*dir_ / "export.json").string();
  const auto expect_export_error = [&](std::vector<std::string> extra, const std::string& line) {
    std::vector<std::string> args = {"export", trace, "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    expect_error(args, line);
    EXPECT_FALSE(fs::exists(out)) << line;
  };
  const std::string not_a_time = "' is not a time (milliseconds, or a number with ns, us, ms or s)";
  for (const std::string bad : {"abc", "5 ms", "5min"}) {
    expect_export_error({"--from", bad}, "locklab: --from: '" + bad + not_a_time);
    expect_export_error({"--to", bad}, "locklab: --to: '" + bad + not_a_time);
  }
  expect_export_error({"--from", "-3"}, "locklab: --from: '-3' must be 0 or more");
  expect_export_error({"--from", "5", "--to", "2"}, "locklab: --to must be later than --from (got 5.00 ms and 2.00 ms)");
  expect_export_error({"--from", "5", "--to", "5"}, "locklab: --to must be later than --from (got 5.00 ms and 5.00 ms)");
  const locklab::TraceReadResult loaded = locklab::load_trace(trace);
  ASSERT_TRUE(loaded.trace);
  std::uint64_t end = loaded.trace->duration_ns;
  std::string threads;
  for (const locklab::TraceThread& t : loaded.trace->threads) {
    end = std::max(end, t.end_ns);
    threads += (threads.empty() ? "" : ", ") + ("T" + std::to_string(t.id) + " " + t.name);
  }
  expect_export_error({"--from", "5s"},
                      "locklab: --from 5.00 s: after the run's end (" + locklab::present::human_ns(end) + ")");
  expect_export_error({"--thread", "nobody"},
                      "locklab: --thread: the trace has no thread 'nobody' (threads: " + threads + ")");
  expect_error({"export", trace, "--out", dir_->string()},
               "locklab: --out: cannot write " + dir_->string() + ": it is a directory");
}

TEST_F(BadTraces, MissingFile) {
  const std::string p = (*dir_ / "missing.lltrace").string();
  expect_unreadable(p, "cannot open " + p + ": No such file or directory");
}

TEST_F(BadTraces, ADirectory) {
  // trace-info and export read it as a file; dump, given a name that is not a
  // file, takes it for a bug id.
  const std::string p = dir_->string();
  const std::string line = "locklab: cannot read trace '" + p + "': cannot read " + p + ": it is a directory";
  expect_error({"trace-info", p}, line);
  expect_error({"export", p, "--out", (*dir_ / "out.json").string()}, line);
}

TEST_F(BadTraces, EmptyFile) { expect_unreadable(write("empty.lltrace", ""), "not a locklab trace (empty file)"); }

TEST_F(BadTraces, NotATrace) {
  expect_unreadable(write("text.lltrace", "hello, this is not a trace\n"), "not a locklab trace (bad magic)");
}

TEST_F(BadTraces, FutureVersion) {
  std::string bytes = good();
  bytes[8] = 3;  // the u32 format version after the 8-byte magic
  expect_unreadable(write("future.lltrace", bytes),
                    "written by a newer locklab: format version 3, this build reads up to 2");
}

TEST_F(BadTraces, TruncatedInTheHeader) {
  expect_unreadable(write("header.lltrace", good().substr(0, 10)), "truncated trace: the file ends inside its header");
}

TEST_F(BadTraces, TruncatedBeforeTheMetadata) {
  expect_unreadable(write("nometa.lltrace", good().substr(0, 40)),
                    "truncated trace: the file ends before its META chunk");
}

TEST_F(BadTraces, CorruptMetadata) {
  std::string bytes = good();
  bytes[12 + 16 + 5] ^= 0x20;  // a byte inside the META chunk's JSON: its crc no longer matches
  expect_unreadable(write("meta.lltrace", bytes), "corrupt trace: the META chunk is damaged (crc mismatch)");
}

TEST_F(BadTraces, TruncatedEvents) {
  const locklab::TraceReadResult full = locklab::parse_trace(good());
  ASSERT_TRUE(full.complete());
  ASSERT_GE(full.trace->events.size(), 3u);
  // Cut the file 40 bytes into the EVENTS chunk's payload: its chunk is incomplete.
  const std::size_t events_at = good().size() - 16 /* END */ - full.trace->events.size() * 32 - 16;
  const std::string path = write("cut.lltrace", good().substr(0, events_at + 16 + 40));
  expect_partial(path, "truncated after 0 events: the rest of the file is missing (" +
                           std::to_string(full.trace->events.size()) + " of " +
                           std::to_string(full.trace->events.size()) + " events lost)");
}

TEST_F(BadTraces, CorruptEvents) {
  const locklab::TraceReadResult full = locklab::parse_trace(good());
  ASSERT_TRUE(full.complete());
  std::string bytes = good();
  bytes[bytes.size() - 16 - 3] ^= 0x01;  // inside the last event: the EVENTS chunk's crc fails
  const std::string n = std::to_string(full.trace->events.size());
  expect_partial(write("crc.lltrace", bytes),
                 "corrupt EVENTS chunk (crc mismatch) after 0 events: that chunk and the rest of the file were not "
                 "read (" + n + " of " + n + " events lost)");
}

TEST_F(BadTraces, EventsThatNameNothingKnown) {
  // Well-formed file, nonsense inside: threads, objects, sites and kinds that
  // the metadata never declared, times out of order. Read, shown, no crash.
  locklab::TraceReadResult r = locklab::parse_trace(good());
  ASSERT_TRUE(r.trace);
  std::uint64_t t = ~0ull;
  for (locklab::Event& e : r.trace->events) {
    e.thread = 999;
    e.object = 99999;
    e.site = 0xFFFFFFFF;
    e.kind = static_cast<locklab::EventKind>(250);
    e.time = t--;
  }
  const std::string path = write("nonsense.lltrace", locklab::serialize_trace(*r.trace));
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"trace-info", path}, {"dump", path},
        {"export", path, "--out", (*dir_ / "out.json").string()}}) {
    const CliResult c = run_locklab(args);
    EXPECT_EQ(c.code, 0) << args[0] << "\n" << c.err;
  }
}

// ---- the GUI: bad options and no display ----------------------------------------

struct ProcessResult {
  int code = -1;
  std::string output;  // stdout and stderr together
};

// Runs the built locklab-viz with `env` before it (env -u DISPLAY ...).
ProcessResult run_viz(const std::string& env, const std::string& args) {
  const std::string cmd = "env " + env + " " + std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab-viz " + args + " 2>&1";
  ProcessResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe)) r.output += buf;
  const int status = ::pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

bool viz_built() { return fs::exists(std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab-viz"); }

const char* kNoDisplay = "-u DISPLAY -u WAYLAND_DISPLAY";

TEST(BadInputs, GuiWithoutADisplay) {
  if (!viz_built()) GTEST_SKIP() << "built without the visualizer";
  const ProcessResult r = run_viz(kNoDisplay, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.output,
            "locklab-viz: no display (DISPLAY is not set): run it on a desktop, under xvfb-run for --screenshot, "
            "or use the headless 'locklab tour'\n");
}

TEST(BadInputs, GuiWithADisplayThatIsNotThere) {
  if (!viz_built()) GTEST_SKIP() << "built without the visualizer";
  const ProcessResult r = run_viz("-u WAYLAND_DISPLAY DISPLAY=:987", "");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.output,
            "locklab-viz: cannot open a window (X11: Failed to open display :987): run it on a desktop, under "
            "xvfb-run for --screenshot, or use the headless 'locklab tour'\n");
}

TEST(BadInputs, GuiOptionsAreCheckedBeforeAnyWindow) {
  if (!viz_built()) GTEST_SKIP() << "built without the visualizer";
  // No display on purpose: each error must come before the window is tried.
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"--bug no-such-bug", "locklab-viz: unknown bug 'no-such-bug' (see 'locklab list')"},
      {"--bug recursive-rlock --threads 0", "locklab-viz: --threads must be between 1 and 256 (got 0)"},
      {"--bug recursive-rlock --threads abc", "locklab-viz: --threads: 'abc' is not a whole number"},
      {"--bug recursive-rlock --duration 0", "locklab-viz: --duration must be between 1 and 600000 (got 0)"},
      {"--bug recursive-rlock --param nope=1",
       "locklab-viz: unknown parameter 'nope' for recursive-rlock (known: writers, audit_us, write_gap_us, "
       "read_gap_us, ops)"},
      {"--bug recursive-rlock --param writers=abc", "locklab-viz: parameter writers: 'abc' is not a number"},
      {"--param writers=2", "locklab-viz: --param needs --bug (parameters belong to a bug)"},
      {"--frobnicate", "locklab-viz: The following argument was not expected: --frobnicate"},
  };
  for (const auto& [args, line] : rows) {
    const ProcessResult r = run_viz(kNoDisplay, args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(r.output, line + "\n") << args;
  }
}

TEST(BadInputs, GuiScheduleFilesAreCheckedBeforeAnyWindow) {
  if (!viz_built()) GTEST_SKIP() << "built without the visualizer";
  const fs::path dir = fs::temp_directory_path() / ("locklab-bad-schedules-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string unknown = (dir / "unknown-bug.schedule").string();
  const std::string garbage = (dir / "garbage.schedule").string();
  std::ofstream(unknown) << "bug no-such-bug\nvariant buggy\nstrategy random\nsteps 1 2\n";
  std::ofstream(garbage) << "this is not a schedule\n";
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"--schedule " + (dir / "missing.schedule").string(),
       "locklab-viz: --schedule: cannot read schedule " + (dir / "missing.schedule").string()},
      {"--schedule " + unknown, "locklab-viz: --schedule: unknown bug 'no-such-bug' (see 'locklab list')"},
      {"--schedule " + garbage, "locklab-viz: --schedule: " + garbage + ": line 1: unknown keyword 'this'"},
      {"--schedule " + unknown + " --step 1", "locklab-viz: --schedule cannot be combined with --step or --exercise"},
  };
  for (const auto& [args, line] : rows) {
    const ProcessResult r = run_viz(kNoDisplay, args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(r.output, line + "\n") << args;
  }
  fs::remove_all(dir);
}

}  // namespace
