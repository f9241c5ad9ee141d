// `locklab export` through run_cli: gzip output read back with zlib equals
// the plain JSON; `--out -` puts the JSON alone on stdout and the status on
// stderr; --from/--to/--thread reach the exporter; the time units.
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "export_sink.h"
#include "options.h"
#include "run_cli_in_process.h"
#include "time_arg.h"

namespace {

namespace fs = std::filesystem;
using locklab::testing::CliResult;
using locklab::testing::run_locklab;
using nlohmann::json;

class ExportCli : public ::testing::Test {
 protected:
  // One recursive-rlock deadlock trace for the suite.
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("locklab-export-cli-" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    trace_ = new std::string((*dir_ / "rr.lltrace").string());
    const CliResult r = run_locklab({"run", "recursive-rlock", "--variant", "buggy", "--trace", *trace_});
    ASSERT_NE(r.code, 2) << r.err;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
    delete trace_;
  }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }
  static std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static std::string gunzip(const std::string& p) {
    gzFile f = gzopen(p.c_str(), "rb");
    EXPECT_NE(f, nullptr) << p;
    if (!f) return {};
    std::string out;
    char buf[1 << 16];
    int n = 0;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    EXPECT_EQ(n, 0) << "gzread failed";
    gzclose(f);
    return out;
  }
  static inline fs::path* dir_ = nullptr;
  static inline std::string* trace_ = nullptr;
};

TEST_F(ExportCli, GzipOutputReadsBackAsTheSameJson) {
  const CliResult plain = run_locklab({"export", *trace_, "--out", path("rr.json")});
  ASSERT_EQ(plain.code, 0) << plain.err;
  const CliResult gz = run_locklab({"export", *trace_, "--out", path("rr.json.gz")});
  ASSERT_EQ(gz.code, 0) << gz.err;
  EXPECT_NE(gz.out.find("wrote " + path("rr.json.gz") + " (gzip): "), std::string::npos) << gz.out;
  const std::string raw = read(path("rr.json.gz"));
  ASSERT_GE(raw.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(raw[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>(raw[1]), 0x8b);
  const std::string text = read(path("rr.json"));
  EXPECT_EQ(gunzip(path("rr.json.gz")), text);
  EXPECT_LT(raw.size(), text.size());
  EXPECT_FALSE(fs::exists(path("rr.json.gz.tmp")));
  const json doc = json::parse(text);
  EXPECT_EQ(doc["metadata"]["verdict"], "deadlock");
}

TEST_F(ExportCli, DashWritesTheJsonAloneToStdout) {
  const CliResult r = run_locklab({"export", *trace_, "--out", "-"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json doc = json::parse(r.out);  // throws if anything else is on stdout
  EXPECT_TRUE(doc["traceEvents"].is_array());
  EXPECT_EQ(r.err.rfind("wrote stdout: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("teardown events after it left out"), std::string::npos) << r.err;
  // The same document as a file.
  ASSERT_EQ(run_locklab({"export", *trace_, "--out", path("same.json")}).code, 0);
  EXPECT_EQ(r.out, read(path("same.json")));
}

TEST_F(ExportCli, WindowAndThreadOptionsReachTheExporter) {
  const CliResult r = run_locklab({"export", *trace_, "--out", "-", "--from", "0.5", "--to", "2ms", "--thread",
                                   "writer-0", "--thread", "T1"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["metadata"]["window"]["from_us"], 500.0);
  EXPECT_EQ(doc["metadata"]["window"]["to_us"], 2000.0);
  ASSERT_EQ(doc["metadata"]["threads"].size(), 2u);
  EXPECT_EQ(doc["metadata"]["threads"][0], "T1 main");
  for (const json& e : doc["traceEvents"]) {
    if (!e.contains("ts")) continue;
    EXPECT_GE(e["ts"].get<double>(), 500.0) << e.dump();
    EXPECT_LE(e["ts"].get<double>(), 2000.0) << e.dump();
  }
}

TEST_F(ExportCli, AFileThatCannotBeWrittenIsAUsageError) {
  const CliResult r = run_locklab({"export", *trace_, "--out", dir_->string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "locklab: --out: cannot write " + dir_->string() + ": it is a directory\n");
  const CliResult r2 = run_locklab({"export", *trace_, "--out", path("no/such/dir/x.json.gz")});
  EXPECT_EQ(r2.code, 2);
  EXPECT_EQ(r2.err.rfind("locklab: --out: cannot write " + path("no/such/dir/x.json.gz") + ": ", 0), 0u) << r2.err;
}

TEST(ExportTimeArg, MillisecondsOrAUnit) {
  using locklab::cli::parse_time_ns;
  EXPECT_EQ(parse_time_ns("250", "--from"), 250'000'000u);
  EXPECT_EQ(parse_time_ns("2.5ms", "--from"), 2'500'000u);
  EXPECT_EQ(parse_time_ns("1500us", "--from"), 1'500'000u);
  EXPECT_EQ(parse_time_ns("1500\xC2\xB5s", "--from"), 1'500'000u);
  EXPECT_EQ(parse_time_ns("800ns", "--from"), 800u);
  EXPECT_EQ(parse_time_ns("1.2s", "--from"), 1'200'000'000u);
  EXPECT_EQ(parse_time_ns("0", "--from"), 0u);
  for (const char* bad : {"", "abc", "5 ms", "5min", "ms", "-1", "nan", "inf"})
    EXPECT_THROW(parse_time_ns(bad, "--from"), locklab::cli::UsageError) << bad;
}

TEST(ExportSink, GzipIsChosenByTheName) {
  EXPECT_TRUE(locklab::cli::names_gzip("x.json.gz"));
  EXPECT_FALSE(locklab::cli::names_gzip("x.json"));
  EXPECT_FALSE(locklab::cli::names_gzip(".gz"));
  EXPECT_FALSE(locklab::cli::names_gzip("-"));
}

}  // namespace
