// locklab-viz-png-check: looks at a locklab-viz screenshot the way a person
// would glance at it: is it the right size, does every panel named in the
// panel map (--panels JSON) hold drawn content, and do given regions show
// (or not show) given colours, such as the red of lock waits in the buggy
// lanes. Prints what it measured; exits 0 when every check holds, 1 if not,
// 2 on bad usage or unreadable files.
//
//   locklab-viz-png-check PNG PANELS_JSON [--size WxH]
//       [--content REGION]...                  text or drawing inside REGION
//       [--min REGION R,G,B FRACTION]...       at least FRACTION of REGION's
//       [--max REGION R,G,B FRACTION]...       pixels within 16 of R,G,B (or at most)
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stb_image.h"

namespace {

struct Region {
  int x = 0, y = 0, w = 0, h = 0;
};

struct Image {
  int w = 0, h = 0;
  unsigned char* px = nullptr;  // RGBA
  const unsigned char* at(int x, int y) const { return px + (static_cast<std::size_t>(y) * w + x) * 4; }
};

int failures = 0;

void check(bool ok, const std::string& what) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
  if (!ok) ++failures;
}

bool parse_rgb(const std::string& s, int rgb[3]) {
  return std::sscanf(s.c_str(), "%d,%d,%d", &rgb[0], &rgb[1], &rgb[2]) == 3;
}

// The fraction of a region's pixels within 16 of `rgb` on every channel.
double color_fraction(const Image& img, const Region& r, const int rgb[3]) {
  long hits = 0, total = 0;
  for (int y = r.y; y < r.y + r.h && y < img.h; ++y)
    for (int x = r.x; x < r.x + r.w && x < img.w; ++x) {
      const unsigned char* p = img.at(x, y);
      ++total;
      if (std::abs(p[0] - rgb[0]) <= 16 && std::abs(p[1] - rgb[1]) <= 16 && std::abs(p[2] - rgb[2]) <= 16) ++hits;
    }
  return total ? static_cast<double>(hits) / static_cast<double>(total) : 0;
}

// How many distinct colours (quantised to 4 bits a channel) a region holds:
// an empty panel has one or two (background, border), text and drawings
// more.
int distinct_colors(const Image& img, const Region& r) {
  std::vector<bool> seen(4096, false);
  int n = 0;
  for (int y = r.y; y < r.y + r.h && y < img.h; ++y)
    for (int x = r.x; x < r.x + r.w && x < img.w; ++x) {
      const unsigned char* p = img.at(x, y);
      const int key = (p[0] >> 4) << 8 | (p[1] >> 4) << 4 | (p[2] >> 4);
      if (!seen[static_cast<std::size_t>(key)]) {
        seen[static_cast<std::size_t>(key)] = true;
        ++n;
      }
    }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: locklab-viz-png-check PNG PANELS_JSON [checks...]\n");
    return 2;
  }
  Image img;
  int channels = 0;
  img.px = stbi_load(argv[1], &img.w, &img.h, &channels, 4);
  if (!img.px) {
    std::fprintf(stderr, "locklab-viz-png-check: cannot read PNG '%s'\n", argv[1]);
    return 2;
  }
  std::map<std::string, Region> regions;
  try {
    std::ifstream in(argv[2]);
    const nlohmann::json j = nlohmann::json::parse(in);
    for (const auto& [name, v] : j.items())
      regions[name] = {v.at(0).get<int>(), v.at(1).get<int>(), v.at(2).get<int>(), v.at(3).get<int>()};
  } catch (const std::exception& e) {
    std::fprintf(stderr, "locklab-viz-png-check: cannot read panels '%s': %s\n", argv[2], e.what());
    return 2;
  }
  std::printf("image %dx%d\n", img.w, img.h);
  const Region win = regions["window"];
  check(img.w == win.w && img.h == win.h, "image size matches the window " + std::to_string(win.w) + "x" + std::to_string(win.h));
  for (const char* panel : {"catalogue", "middle", "side", "source", "status"}) {
    const auto it = regions.find(panel);
    const bool inside = it != regions.end() && it->second.w > 0 && it->second.h > 0 && it->second.x >= 0 &&
                        it->second.y >= 0 && it->second.x + it->second.w <= img.w && it->second.y + it->second.h <= img.h;
    check(inside, std::string("panel ") + panel + " lies inside the image");
  }

  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    auto region = [&](const std::string& name) -> Region {
      const auto it = regions.find(name);
      if (it == regions.end()) {
        std::fprintf(stderr, "locklab-viz-png-check: no region '%s' in the panels\n", name.c_str());
        std::exit(2);
      }
      return it->second;
    };
    if (arg == "--size" && i + 1 < argc) {
      int w = 0, h = 0;
      std::sscanf(argv[++i], "%dx%d", &w, &h);
      check(img.w == w && img.h == h, "image is " + std::to_string(w) + "x" + std::to_string(h));
    } else if (arg == "--content" && i + 1 < argc) {
      const std::string name = argv[++i];
      const int n = distinct_colors(img, region(name));
      check(n >= 4, name + " shows drawn content (" + std::to_string(n) + " distinct colours, want 4 or more)");
    } else if ((arg == "--min" || arg == "--max") && i + 3 < argc) {
      const std::string name = argv[++i];
      int rgb[3];
      if (!parse_rgb(argv[++i], rgb)) {
        std::fprintf(stderr, "locklab-viz-png-check: bad colour '%s'\n", argv[i]);
        return 2;
      }
      const double want = std::atof(argv[++i]);
      const double got = color_fraction(img, region(name), rgb);
      char buf[256];
      std::snprintf(buf, sizeof buf, "%s: %.1f%% of pixels near %d,%d,%d (%s %.1f%%)", name.c_str(), got * 100, rgb[0],
                    rgb[1], rgb[2], arg == "--min" ? "want at least" : "want at most", want * 100);
      check(arg == "--min" ? got >= want : got <= want, buf);
    } else {
      std::fprintf(stderr, "locklab-viz-png-check: unknown or incomplete check '%s'\n", arg.c_str());
      return 2;
    }
  }
  stbi_image_free(img.px);
  std::printf("%s\n", failures == 0 ? "all checks passed" : "some checks FAILED");
  return failures == 0 ? 0 : 1;
}
