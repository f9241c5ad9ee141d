// The grader's settings and property registry: what a bad exercise.json
// says, and that every exercise in the tree has settings the grader takes.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "property.h"
#include "settings.h"

namespace {

using locklab::exercises::ExerciseSettings;
using locklab::exercises::parse_settings;
using locklab::exercises::SettingsError;

std::string error_of(const std::string& text) {
  try {
    const ExerciseSettings s = parse_settings(text, "demo");
    for (const auto& p : s.properties) (void)locklab::exercises::make_property(p);
  } catch (const SettingsError& e) {
    return e.what();
  }
  return "";
}

TEST(GraderSettings, ReadsEveryKey) {
  const ExerciseSettings s = parse_settings(R"({"bug": "b", "reference": "fixed", "seeds": [4, 5],
      "threads": 3, "duration_ms": 200, "watchdog_ms": 700, "spurious_wakeups": 0.5, "params": {"io_ms": "7"},
      "properties": [{"id": "throughput", "min_ratio": 0.25, "hint": 3}]})",
                                            "demo");
  EXPECT_EQ(s.id, "demo");
  EXPECT_EQ(s.title, "b");
  EXPECT_EQ(s.seeds, (std::vector<std::uint64_t>{4, 5}));
  EXPECT_EQ(s.threads, 3u);
  EXPECT_EQ(s.duration_ms, 200u);
  EXPECT_EQ(s.watchdog_ms, 700u);
  EXPECT_DOUBLE_EQ(s.spurious_wakeups, 0.5);
  EXPECT_EQ(s.params.at("io_ms"), "7");
  ASSERT_EQ(s.properties.size(), 1u);
  EXPECT_EQ(s.properties[0].hint, 3);
  EXPECT_EQ(locklab::exercises::make_property(s.properties[0])->id(), "throughput");
}

TEST(GraderSettings, SaysWhatIsWrong) {
  EXPECT_NE(error_of("{").find("not JSON"), std::string::npos);
  EXPECT_NE(error_of(R"({"reference": "fixed", "properties": [{"id": "oracle"}]})").find("\"bug\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"bug": "b", "reference": "fixed", "properties": []})").find("\"properties\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"bug": "b", "reference": "fixed", "properties": [{"id": "fast"}]})")
                .find("unknown property \"fast\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"bug": "b", "reference": "fixed", "properties": [{"id": "oracle", "hint": 4}]})")
                .find("\"hint\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"bug": "b", "reference": "fixed", "properties": [{"id": "oracle", "speed": 1}]})")
                .find("unknown key \"speed\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"bug": "b", "reference": "fixed", "seeds": [],
                        "properties": [{"id": "oracle"}]})").find("\"seeds\""),
            std::string::npos);
}

TEST(GraderSettings, EveryPropertyIdIsKnown) {
  for (const std::string& id : locklab::exercises::property_ids()) {
    locklab::exercises::PropertySpec spec;
    spec.id = id;
    spec.options = {{"id", id}};
    EXPECT_EQ(locklab::exercises::make_property(spec)->id(), id);
  }
}

}  // namespace
