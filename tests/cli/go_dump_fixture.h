// The Go dumps checked in under tests/go-dumps/<name>/dump.txt (made by
// tests/go-dumps/generate.sh from real Go programs), for the go_dump_*
// tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace locklab::testing {

inline std::string go_dump_fixture(const std::string& name) {
  return std::string(LOCKLAB_SOURCE_DIR) + "/tests/go-dumps/" + name + "/dump.txt";
}

inline std::string read_go_dump_fixture(const std::string& name) {
  std::ifstream in(go_dump_fixture(name), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace locklab::testing
