// docs/catalogue.md is generated from the modules' metadata by
// `locklab list --markdown`; this test keeps the file in the tree current.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "cli.h"

namespace {

TEST(CatalogueIndex, TheFileInTheTreeIsWhatTheBuildGenerates) {
  const char* argv[] = {"locklab", "list", "--markdown"};
  std::ostringstream out, err;
  ASSERT_EQ(locklab::cli::run_cli(3, argv, out, err), 0) << err.str();
  std::ifstream in(std::string(LOCKLAB_SOURCE_DIR) + "/docs/catalogue.md");
  std::stringstream file;
  file << in.rdbuf();
  EXPECT_EQ(file.str(), out.str())
      << "docs/catalogue.md is stale: regenerate it with\n  ./build/bin/locklab list --markdown > docs/catalogue.md";
}

}  // namespace
