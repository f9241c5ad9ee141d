#include "object_listing.h"

#include <cxxabi.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <regex>
#include <sstream>

namespace locklab::exercises {
namespace {

std::string shell_quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// The command's stdout, or "" with `ok` false when it could not run or failed.
std::string output_of(const std::string& command, bool& ok) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  ok = false;
  if (!pipe) return "";
  std::string out;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0;) out.append(buf, n);
  ok = pclose(pipe.release()) == 0;
  return out;
}

bool from_atomic_header(const std::string& file) {
  return file.ends_with("/atomic") || file.find("/bits/atomic_") != std::string::npos ||
         file.ends_with("/stdatomic.h");
}

// Atomic by itself: what no plain load or store compiles to.
bool atomic_instruction(const std::string& insn) {
  static const std::regex atomic(R"(^(lock\s|xchg\w*\s+[^,]*\(|xchg\w*\s+\S*,\S*\(|mfence\b|syscall\b))");
  return std::regex_search(insn, atomic);
}

}  // namespace

std::string demangle(const std::string& symbol) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> d(abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status), std::free);
  return status == 0 && d ? std::string(d.get()) : symbol;
}

ObjectListing parse_listing(const std::string& disassembly, const std::string& symbols) {
  ObjectListing out;
  {
    // "0000000000000000         *UND*	0000000000000000 pthread_mutex_lock"
    std::istringstream in(symbols);
    for (std::string line; std::getline(in, line);) {
      if (line.find("*UND*") == std::string::npos) continue;
      const auto last = line.find_last_of(" \t");
      if (last != std::string::npos && last + 1 < line.size()) out.undefined.push_back(line.substr(last + 1));
    }
  }
  static const std::regex section_re(R"(^Disassembly of section (\S+):$)");
  static const std::regex function_re(R"(^[0-9a-f]+ <(.+)>:$)");
  static const std::regex location_re(R"(^(/[^:]+):(\d+)(?: \(discriminator \d+\))?$)");
  static const std::regex inlined_re(R"(^inlined by (/[^:]+):(\d+)(?: \(discriminator \d+\))? \((.*)\)$)");
  static const std::regex header_re(R"(^(\S+)\(\):$)");
  static const std::regex insn_re(R"(^\s+[0-9a-f]+:\t([^\t]*)(?:\t.*)?$)");
  static const std::regex reloc_re(R"(\t[0-9a-f]+: R_\w+\t([^\s+]+?)(?:[+-]0x[0-9a-f]+)?$)");
  CodeSite site;
  bool in_block = false;  // the last line was a location line
  std::string innermost;  // the function a "name():" line announced
  std::istringstream in(disassembly);
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    if (std::regex_match(line, m, section_re)) {
      site = {m[1], "", {}};
      in_block = false;
    } else if (std::regex_match(line, m, function_re)) {
      site.function = m[1];
      site.frames.clear();
      in_block = false;
    } else if (std::regex_match(line, m, location_re)) {
      site.frames = {{m[1], std::stoi(m[2]), innermost}};
      in_block = true;
    } else if (std::regex_match(line, m, header_re)) {
      innermost = m[1];
    } else if (std::regex_match(line, m, inlined_re)) {
      // A block that starts with "inlined by" keeps the innermost line.
      if (!in_block && site.frames.size() > 1) site.frames.resize(1);
      site.frames.push_back({m[1], std::stoi(m[2]), m[3]});
      in_block = true;
    } else if (std::regex_match(line, m, insn_re)) {
      in_block = false;
      std::string insn = m[1];
      while (!insn.empty() && insn.back() == ' ') insn.pop_back();
      std::smatch r;
      if (std::regex_search(line, r, reloc_re)) out.uses.push_back({r[1], site});
      if (atomic_instruction(insn) || (!site.frames.empty() && from_atomic_header(site.frames.front().file)))
        out.atomics.push_back({insn, site});
    }
  }
  return out;
}

ObjectListing read_object(const std::string& object_path) {
  ObjectListing out;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(object_path, ec)) {
    out.error = "no object file " + object_path;
    return out;
  }
  bool ok_d = false, ok_t = false;
  const std::string q = shell_quoted(object_path);
  const std::string disassembly =
      output_of("objdump -d -r -l --inlines -w --no-show-raw-insn " + q + " 2>/dev/null", ok_d);
  const std::string symbols = output_of("objdump -t " + q + " 2>/dev/null", ok_t);
  if (!ok_d || !ok_t) {
    out.error = "objdump could not read " + object_path + " (is binutils installed?)";
    return out;
  }
  out = parse_listing(disassembly, symbols);
  return out;
}

}  // namespace locklab::exercises
