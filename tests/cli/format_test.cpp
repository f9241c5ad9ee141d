// The CLI's text helpers: human units and aligned tables.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "locklab/present/format.h"

namespace {

using namespace locklab::present;

TEST(CliFormat, HumanDurations) {
  EXPECT_EQ(human_ns(0), "0 ns");
  EXPECT_EQ(human_ns(850), "850 ns");
  EXPECT_EQ(human_ns(12'345), "12.3 µs");
  EXPECT_EQ(human_ns(999'999), "1.00 ms");
  EXPECT_EQ(human_ns(4'560'000), "4.56 ms");
  EXPECT_EQ(human_ns(1'500'000'000), "1.50 s");
  EXPECT_EQ(human_ns(125'000'000'000), "2 min 5 s");
  EXPECT_EQ(human_ns(7'380'000'000'000), "2 h 3 min");
  EXPECT_EQ(human_ms(300), "300 ms");
}

TEST(CliFormat, Counts) {
  EXPECT_EQ(thousands(0), "0");
  EXPECT_EQ(thousands(999), "999");
  EXPECT_EQ(thousands(1000), "1,000");
  EXPECT_EQ(thousands(18'456'789), "18,456,789");
  EXPECT_EQ(thousands(123'456), "123,456");
  EXPECT_EQ(short_count(42), "42");
  EXPECT_EQ(short_count(88.6), "88.6");
  EXPECT_EQ(short_count(1'780), "1.78k");
  EXPECT_EQ(short_count(18'860'000), "18.9M");
  EXPECT_EQ(short_count(2.5e9), "2.50G");
  EXPECT_EQ(human_rate(1'780), "1.78k/s");
}

TEST(CliFormat, RatiosAndShares) {
  EXPECT_EQ(ratio_text(1.0), "x1.00");
  EXPECT_EQ(ratio_text(17.6), "x17.6");
  EXPECT_EQ(ratio_text(0.2), "x0.20");
  EXPECT_EQ(ratio_text(1.0 / 24'200), "1/24.2k");
  EXPECT_EQ(ratio_text(std::nan("")), "-");
  EXPECT_EQ(percent(0.934), "93.4%");
  EXPECT_EQ(percent(0.0001), "<0.1%");
  EXPECT_EQ(percent(0), "0.0%");
}

TEST(CliFormat, TableAlignsByCharactersNotBytes) {
  Table t({"NAME", "TIME"});
  t.right(1);
  t.add({"a", "12.3 µs"});
  t.add({"longer", "5 ms"});
  std::ostringstream out;
  t.print(out, "  ");
  EXPECT_EQ(out.str(),
            "  NAME       TIME\n"
            "  a       12.3 µs\n"
            "  longer     5 ms\n");
}

}  // namespace
