// The symbols the catalogue's bug variants define (buggy.cpp, fixed*.cpp of
// every bug: make_fixed, make_fixed_atomic, serve_fixed, ...), read from the
// catalogue's object files. A learner's file that refers to one of them
// returns the reference fix's object (or another variant's) instead of
// doing the work: sealed-boundary names it.
//
// The list of object files is written by exercises/CMakeLists.txt at
// configure time ($<TARGET_OBJECTS:locklab_bugs>, one path a line); a
// variant's object is one whose name is its role: "buggy.cpp.o",
// "fixed_atomic.cpp.o", or a unity batch "unity_bugs_fixed_atomic_cxx.cxx.o"
// (bugs/CMakeLists.txt groups the batches by file name).
#pragma once

#include <set>
#include <string>

namespace locklab::exercises {

/// Is `object_path` the object of a variant's source (or a batch of them)?
bool is_variant_object(const std::string& object_path);

/// The global symbols (mangled) defined by the variant objects that
/// `list_file` names; empty when the file is missing. `error` (if given)
/// says what could not be read.
std::set<std::string> catalogue_variant_symbols(const std::string& list_file, std::string* error = nullptr);

/// The global defined symbols in `objdump -t` output.
std::set<std::string> defined_globals(const std::string& symbol_table);

}  // namespace locklab::exercises
