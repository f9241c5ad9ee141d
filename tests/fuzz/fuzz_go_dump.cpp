// Fuzz target: a Go goroutine dump read by `locklab dump --go`: the parser,
// then everything the command prints of it (groups, waits, patterns, text
// and JSON). Any text must give a GoDumpError or a (partial) dump, never a
// crash, a hang or another exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "locklab/present/go_dump.h"
#include "locklab/present/go_dump_groups.h"
#include "locklab/present/go_dump_patterns.h"
#include "locklab/present/go_dump_report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace locklab::present;
  GoDump d;
  try {
    d = parse_go_dump(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const GoDumpError&) {
    return 0;
  }
  (void)find_go_patterns(d);
  GoDumpFilter f;
  f.package = "main";
  (void)format_go_dump(d, "fuzz", f);
  (void)go_dump_json(d, "fuzz", {}).dump();
  return 0;
}
