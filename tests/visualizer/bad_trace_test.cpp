// locklab-viz --trace with the damaged files of docs/bad-inputs.md: the GUI
// reads them through load_run() and must say what `locklab trace-info` says
// (the same reason from load_trace), or open the usable part with a warning.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "loaded_run.h"
#include "locklab/trace/trace_file.h"
#include "small_trace.h"

namespace locklab::viz {
namespace {

namespace fs = std::filesystem;

class BadTraceFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("locklab-viz-bad-traces-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    good_ = serialize_trace(testing::small_trace());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  void expect_error(const std::string& path, const std::string& reason) {
    const LoadedRun r = load_run(path);
    EXPECT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.error, "cannot read trace '" + path + "': " + reason);
  }
  fs::path dir_;
  std::string good_;
};

TEST_F(BadTraceFiles, EachUnusableFileGivesTheReadersReason) {
  const std::string missing = (dir_ / "missing.lltrace").string();
  expect_error(missing, "cannot open " + missing + ": No such file or directory");
  expect_error(dir_.string(), "cannot read " + dir_.string() + ": it is a directory");
  expect_error(write("empty.lltrace", ""), "not a locklab trace (empty file)");
  expect_error(write("text.lltrace", "not a trace"), "not a locklab trace (bad magic)");
  std::string future = good_;
  future[8] = 3;
  expect_error(write("future.lltrace", future), "written by a newer locklab: format version 3, this build reads up to 2");
  expect_error(write("header.lltrace", good_.substr(0, 10)), "truncated trace: the file ends inside its header");
  expect_error(write("nometa.lltrace", good_.substr(0, 40)), "truncated trace: the file ends before its META chunk");
}

TEST_F(BadTraceFiles, ATruncatedFileOpensWithAWarning) {
  // Drop the END chunk and the last event: the rest is shown, with a warning.
  const std::string path = write("cut.lltrace", good_.substr(0, good_.size() - 16 - 8));
  const LoadedRun r = load_run(path);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.warning.rfind(path + " is partial: truncated", 0), 0u) << r.warning;
}

}  // namespace
}  // namespace locklab::viz
