// `locklab dump --go` on what is not a whole Go dump: not a dump at all,
// headers in an unknown format, a dump cut at every byte, random bytes and
// shuffled lines. Each is a usage error (exit 2, one "locklab: " line) or a
// partial result that says what was skipped; never a crash.
#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "locklab/present/go_dump.h"
#include "locklab/present/go_dump_patterns.h"
#include "locklab/present/go_dump_report.h"
#include "go_dump_fixture.h"
#include "run_cli_in_process.h"

namespace locklab::testing {
namespace {

using present::GoDump;
using present::GoDumpError;

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// Parses and reports; true when it read a dump, false on GoDumpError. Any
// other exception or a crash fails the test.
bool go_dump_survives(const std::string& text) {
  try {
    const GoDump d = present::parse_go_dump(text);
    (void)present::find_go_patterns(d);
    (void)present::format_go_dump(d, "x", {});
    (void)present::go_dump_json(d, "x", {}).dump();
    return true;
  } catch (const GoDumpError&) {
    return false;
  }
}

TEST(GoDumpBadInput, NotADumpIsOneUsageLine) {
  ScratchDir dir("locklab-go-dump");
  write_text(dir.path / "notes.txt", "hello\nthis is not a goroutine dump\n");
  expect_usage_error({"dump", "--go", (dir.path / "notes.txt").string()},
                     "not a Go goroutine dump: no line 'goroutine N [state]:'");
  write_text(dir.path / "empty.txt", "");
  expect_usage_error({"dump", "--go", (dir.path / "empty.txt").string()}, "not a Go goroutine dump");
}

TEST(GoDumpBadInput, MissingFileAndFolder) {
  expect_usage_error({"dump", "--go", "/no/such/dump.txt"}, "cannot read Go dump '/no/such/dump.txt'");
  expect_usage_error({"dump", "--go", LOCKLAB_SOURCE_DIR}, "a folder");
}

TEST(GoDumpBadInput, UnknownHeaderFormatIsNamed) {
  ScratchDir dir("locklab-go-dump");
  write_text(dir.path / "odd.txt", "goroutine seven (waiting):\nmain.f()\n\t./a.go:1\n");
  expect_usage_error({"dump", "--go", (dir.path / "odd.txt").string()},
                     "no goroutine header in a format locklab reads (1 unknown, the first at line 1");
}

TEST(GoDumpBadInput, AnUnknownHeaderAmongGoodOnesIsSkippedAndSaid) {
  ScratchDir dir("locklab-go-dump");
  std::string text = read_go_dump_fixture("waitgroup-wait");
  text.replace(text.find("goroutine 17 [chan receive]:"), 28, "goroutine 17 {chan receive}:");
  write_text(dir.path / "odd.txt", text);
  const CliResult r = cli({"dump", "--go", (dir.path / "odd.txt").string()});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.err.find("locklab: warning: "), std::string::npos);
  EXPECT_NE(r.err.find("is partial: 1 part skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find(": 2 goroutines in 2 groups"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a goroutine header in a format locklab does not read"), std::string::npos) << r.out;
}

TEST(GoDumpBadInput, TruncatedInAFrameSaysCutShort) {
  ScratchDir dir("locklab-go-dump");
  const std::string text = read_go_dump_fixture("recursive-rlock");
  const std::string cut = text.substr(0, text.find("\t./main.go:45"));  // after post(...)'s function line
  write_text(dir.path / "cut.txt", cut);
  const CliResult r = cli({"dump", "--go", (dir.path / "cut.txt").string(), "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("(the dump is cut short)"), std::string::npos) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["truncated"]);
  EXPECT_EQ(j["goroutines"], 2);
  EXPECT_NE(j["skipped"][0].get<std::string>().find("main.(*Ledger).post"), std::string::npos) << j["skipped"];
  // Both goroutines' waits are still there: the pattern is still named.
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["bug"], "recursive-rlock");
}

TEST(GoDumpBadInput, EveryPrefixOfEveryFixtureParsesOrIsRefused) {
  for (const char* name : {"recursive-rlock", "channel-leak", "rlock-submit", "lock-order"}) {
    const std::string text = read_go_dump_fixture(name);
    ASSERT_FALSE(text.empty()) << name;
    std::size_t read_ok = 0;
    for (std::size_t n = 0; n <= text.size(); ++n) read_ok += go_dump_survives(text.substr(0, n));
    // A prefix that reaches the first header's "]:" is read.
    EXPECT_GT(read_ok, text.size() / 2) << name;
  }
}

TEST(GoDumpBadInput, RandomBytesAndShuffledLinesNeverCrash) {
  std::mt19937 rng(22);
  for (int i = 0; i < 300; ++i) {
    std::string junk(rng() % 600, '\0');
    for (char& c : junk) c = static_cast<char>(rng() % 256);
    if (i % 3 == 0) junk = "goroutine " + std::to_string(rng() % 100) + " [" + junk;
    (void)go_dump_survives(junk);
  }
  const std::string text = read_go_dump_fixture("rlock-submit");
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  for (int i = 0; i < 100; ++i) {
    std::shuffle(lines.begin(), lines.end(), rng);
    std::string shuffled;
    for (const std::string& l : lines) shuffled += l + "\n";
    (void)go_dump_survives(shuffled);
  }
  // A dump with one byte flipped at each of 500 places.
  for (int i = 0; i < 500; ++i) {
    std::string flipped = text;
    flipped[rng() % flipped.size()] = static_cast<char>(rng() % 256);
    (void)go_dump_survives(flipped);
  }
}

TEST(GoDumpBadInput, AGoDumpGivenWithoutGoSaysToAddIt) {
  expect_usage_error({"dump", go_dump_fixture("channel-leak")}, "it is a Go goroutine dump; read it with 'locklab dump --go ");
}

TEST(GoDumpBadInput, GoFiltersNeedGoAndFilterNeedsNone) {
  expect_usage_error({"dump", go_dump_fixture("channel-leak"), "--state", "select"}, "add --go");
  expect_usage_error({"dump", "--go", go_dump_fixture("channel-leak"), "--filter", "state:waiting"},
                     "with --go use --state, --func, --package or --grep");
}

}  // namespace
}  // namespace locklab::testing
