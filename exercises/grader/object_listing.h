// ObjectListing: what a compiled translation unit refers to, read from its
// object file, with the source lines behind each reference.
//
// The learner's exercise.cpp is compiled on its own with debug info (-g),
// so every instruction of its object carries the chain of source lines it
// was inlined through (innermost first: a libstdc++ header, then maybe a
// locklab header, then the learner's line). read_object() runs binutils'
// objdump on the object (`-d -r -l --inlines -w` for code, relocations and
// lines; `-t` for the symbol table) and keeps, per instruction that matters:
//   - every relocation to a symbol (a call, a jump, an address taken);
//   - every instruction that is atomic by itself (lock-prefixed, xchg with
//     memory, mfence) or a raw syscall;
//   - every instruction inlined from an atomic header (<atomic>,
//     bits/atomic_*.h), which is how a relaxed std::atomic load shows.
// Symbols stay mangled; demangle() gives the C++ spelling.
//
// It says nothing about what is allowed: boundary_scan.h decides.
#pragma once

#include <string>
#include <vector>

namespace locklab::exercises {

/// One source location of an instruction, as DWARF line info says.
struct SourceFrame {
  std::string file;  // absolute path
  int line = 0;
  std::string function;  // the inlined function's mangled name ("" for the innermost)
};

/// An instruction of interest, in the function (symbol label) it belongs to.
struct CodeSite {
  std::string section;   // ".text", ".text._ZNSt11unique_lockISt5mutexE4lockEv", ...
  std::string function;  // the enclosing symbol, mangled ("_Z2f1v")
  std::vector<SourceFrame> frames;  // innermost first; empty without line info
};

struct SymbolUse {
  std::string symbol;  // mangled, as the relocation names it
  CodeSite site;
};

struct InstructionUse {
  std::string text;  // "lock xadd %eax,(%rdx)"
  CodeSite site;
};

struct ObjectListing {
  std::vector<std::string> undefined;    // the object's undefined symbols (*UND*), mangled
  std::vector<SymbolUse> uses;           // relocations in code, in listing order
  std::vector<InstructionUse> atomics;   // atomic by itself, a syscall, or from an atomic header
  std::string error;                     // "" when the object was read
};

/// Runs objdump on `object_path`. On failure `error` says why (no such
/// file, objdump missing) and the lists are empty.
ObjectListing read_object(const std::string& object_path);

/// The parsing half, for tests: `disassembly` is the output of
/// `objdump -d -r -l --inlines -w --no-show-raw-insn`, `symbols` that of
/// `objdump -t`.
ObjectListing parse_listing(const std::string& disassembly, const std::string& symbols);

/// "std::mutex::lock()" for "_ZNSt5mutex4lockEv"; a C name as it is.
std::string demangle(const std::string& symbol);

}  // namespace locklab::exercises
