#include "catalogue_symbols.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

namespace locklab::exercises {

bool is_variant_object(const std::string& object_path) {
  static const std::regex variant(R"((^|/|unity_bugs_)(buggy|fixed(_[a-z0-9_]+?)?)(\.cpp\.o|_cxx\.cxx\.o|\.o)$)");
  return std::regex_search(object_path, variant);
}

std::set<std::string> defined_globals(const std::string& symbol_table) {
  // "0000000000000000 g     F .text	0000000000000051 _ZN7locklab4bugs..."
  std::set<std::string> out;
  std::istringstream in(symbol_table);
  for (std::string line; std::getline(in, line);) {
    if (line.size() < 26 || line[17] != 'g' || line.find("*UND*") != std::string::npos) continue;
    const auto last = line.find_last_of(" \t");
    if (last != std::string::npos && last + 1 < line.size()) out.insert(line.substr(last + 1));
  }
  return out;
}

std::set<std::string> catalogue_variant_symbols(const std::string& list_file, std::string* error) {
  std::ifstream list(list_file);
  if (!list) {
    if (error) *error = "no list of the catalogue's objects at " + list_file;
    return {};
  }
  std::string command = "objdump -t";
  std::size_t objects = 0;
  for (std::string path; std::getline(list, path);) {
    if (path.empty() || !is_variant_object(path)) continue;
    std::string q = " '";
    for (char c : path) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    command += q + "'";
    ++objects;
  }
  if (objects == 0) return {};
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>/dev/null").c_str(), "r"), pclose);
  if (!pipe) {
    if (error) *error = "could not run objdump";
    return {};
  }
  std::string out;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0;) out.append(buf, n);
  if (pclose(pipe.release()) != 0 && error) *error = "objdump could not read every catalogue object";
  return defined_globals(out);
}

}  // namespace locklab::exercises
