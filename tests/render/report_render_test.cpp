// report.html as a browser draws it: headless Chromium takes a screenshot of
// a real report (one bug, short runs) and the test looks for the charts'
// bars in it: solid rectangles in the buggy and fixed colours (report_format.h),
// wider than any legend swatch and as tall as a bar.
//
// Skips when no Chromium is installed (scripts/setup installs Debian's
// `chromium`). The screenshot stays in the build folder for people to look
// at: build/render/report-screenshot.png.
#include <gtest/gtest.h>
#include <png.h>
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli.h"
#include "locklab/run/catalogue.h"
#include "report_format.h"

namespace {

namespace fs = std::filesystem;

constexpr int kWidth = 1280, kHeight = 1500;
constexpr auto kChromiumTimeout = std::chrono::seconds(90);

std::optional<std::string> find_chromium() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
      const fs::path p = fs::path(dir) / name;
      if (::access(p.c_str(), X_OK) == 0) return p.string();
    }
  return std::nullopt;
}

// Runs `args` in a process group of its own with output to `log`; kills the
// group if it outlives the timeout. Returns the exit status, or -1 on timeout.
int run_bounded(const std::vector<std::string>& args, const std::string& log) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return -2;
  if (pid == 0) {
    ::setpgid(0, 0);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  const auto give_up = std::chrono::steady_clock::now() + kChromiumTimeout;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > give_up) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pid, SIGKILL);  // helpers the browser left behind, if any
  return WIFEXITED(status) ? WEXITSTATUS(status) : -3;
}

struct Image {
  unsigned width = 0, height = 0;
  std::vector<unsigned char> rgb;
};

std::optional<Image> read_png(const std::string& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) return std::nullopt;
  image.format = PNG_FORMAT_RGB;
  Image out;
  out.width = image.width;
  out.height = image.height;
  out.rgb.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, out.rgb.data(), 0, nullptr)) return std::nullopt;
  return out;
}

// Where a colour forms bars: the longest horizontal run of it in any row,
// and how many rows hold a run at least `min_run` long.
struct Runs {
  unsigned longest = 0, rows = 0;
};

Runs colour_runs(const Image& img, const std::string& hex, unsigned min_run) {
  const unsigned r = std::stoul(hex.substr(1, 2), nullptr, 16), g = std::stoul(hex.substr(3, 2), nullptr, 16),
                 b = std::stoul(hex.substr(5, 2), nullptr, 16);
  Runs out;
  for (unsigned y = 0; y < img.height; ++y) {
    unsigned run = 0, best = 0;
    for (unsigned x = 0; x < img.width; ++x) {
      const unsigned char* p = &img.rgb[(static_cast<std::size_t>(y) * img.width + x) * 3];
      run = (p[0] == r && p[1] == g && p[2] == b) ? run + 1 : 0;
      best = std::max(best, run);
    }
    out.longest = std::max(out.longest, best);
    if (best >= min_run) ++out.rows;
  }
  return out;
}

TEST(ReportRender, ChromiumDrawsTheCharts) {
  const char* bug = "lock-held-across-io";
  if (!locklab::Catalogue::get().find(bug)) GTEST_SKIP() << bug << " is not in this build's catalogue";
  const auto chromium = find_chromium();
  if (!chromium) GTEST_SKIP() << "no chromium on PATH (scripts/setup installs Debian's chromium package)";

  const fs::path dir = fs::path(LOCKLAB_BINARY_DIR) / "render";
  fs::create_directories(dir);
  const fs::path report = dir / "report";
  const std::vector<std::string> args = {"locklab", "report",        "--bugs", bug,     "--duration",
                                         "150",     "--repetitions", "2",      "--out", report.string()};
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = locklab::cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  ASSERT_TRUE(code == 0 || code == 1) << err.str();

  const fs::path shot = dir / "report-screenshot.png", profile = dir / "chromium-profile";
  fs::remove(shot);
  const int status = run_bounded({*chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                  "--no-first-run", "--force-color-profile=srgb", "--user-data-dir=" + profile.string(),
                                  "--window-size=" + std::to_string(kWidth) + "," + std::to_string(kHeight),
                                  "--screenshot=" + shot.string(), "file://" + (report / "report.html").string()},
                                 (dir / "chromium.log").string());
  ASSERT_NE(status, -1) << "chromium did not finish within the time bound; see " << (dir / "chromium.log");
  ASSERT_TRUE(fs::exists(shot)) << "chromium exited with " << status << " and wrote no screenshot; see "
                                << (dir / "chromium.log");

  const auto img = read_png(shot.string());
  ASSERT_TRUE(img) << "cannot decode " << shot;
  EXPECT_EQ(img->width, static_cast<unsigned>(kWidth));
  EXPECT_EQ(img->height, static_cast<unsigned>(kHeight));

  // Legend swatches are 12 px wide: a run of 30 px or more is a bar, and a
  // bar is 14 px tall (12 or more rows of solid colour once the edges are
  // blended into the background). The buggy p99 bar and the fixed throughput bar span
  // more than a few decades of their log axes: well over 100 px.
  for (const std::string colour : {locklab::cli::kBuggyColour, locklab::cli::kFixedColour}) {
    const Runs runs = colour_runs(*img, colour, 30);
    EXPECT_GE(runs.longest, 100u) << colour << ": no long bar in " << shot;
    EXPECT_GE(runs.rows, 10u) << colour << ": bars shorter than expected in " << shot;
  }
  // And the page is not blank around them: text and gridlines drawn.
  std::size_t ink = 0;
  for (std::size_t i = 0; i + 2 < img->rgb.size(); i += 3)
    if (img->rgb[i] < 128 && img->rgb[i + 1] < 128 && img->rgb[i + 2] < 128) ++ink;
  EXPECT_GT(ink, 5000u) << "almost no dark pixels: was the text drawn?";
}

}  // namespace
