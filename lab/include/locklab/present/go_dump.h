// A Go goroutine dump as data: the text a Go program prints on SIGQUIT, on
// a fatal "all goroutines are asleep - deadlock!", from
// `pprof goroutine?debug=2` or `runtime.Stack(buf, true)`.
//
// parse_go_dump reads every "goroutine N [state]:" block: its frames
// (a function line, then a tab and file:line), "...additional frames
// elided...", "created by F [in goroutine N]". It never throws on a block
// it cannot read: the block or line is skipped and said so in `skipped`,
// and a dump cut short is marked `truncated`. It throws GoDumpError only
// when the text holds no goroutine it can read at all.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace locklab::present {

struct GoFrame {
  std::string func;               // "main.(*Ledger).net", "sync.(*RWMutex).RLock"
  std::vector<std::string> args;  // as printed, "0xc000092000", "0x0?", "{0x48c3f0, 0x1}"; "..." when elided
  std::string file;               // "./main.go", "runtime/sema.go"; empty when the file line is missing
  int line = 0;

  /// The package: "main", "sync", "github.com/a/b" (the text before the
  /// first '.' after the last '/').
  std::string package() const;
  /// The receiver type of a pointer method, "Ledger" for
  /// "main.(*Ledger).net"; empty for a plain function.
  std::string receiver_type() const;
  /// The first argument as a value ("0xc000092000", the '?' of an uncertain
  /// value dropped); empty when there is none, it is elided or zero.
  std::string receiver_value() const;
  /// "./main.go:21"
  std::string where() const;
};

struct GoGoroutine {
  std::uint64_t id = 0;
  std::string state;                 // "semacquire", "chan receive", "sync.RWMutex.RLock", "running"
  std::optional<std::uint64_t> minutes;  // "[select, 2 minutes]"
  bool locked_to_thread = false;
  std::vector<GoFrame> frames;       // innermost first
  bool frames_elided = false;        // "...additional frames elided..."
  bool stack_unavailable = false;    // "goroutine running on other thread; stack unavailable"
  std::optional<GoFrame> created_by; // "created by main.main" and its file line
  std::optional<std::uint64_t> created_in;  // "created by F in goroutine 1" (Go 1.21+)
  int first_line = 0;                // the header's line number, from 1
};

struct GoDump {
  /// What printed it, from the lines before the first goroutine:
  /// "fatal error: all goroutines are asleep - deadlock!", "SIGQUIT: quit",
  /// "panic: ..."; empty for runtime.Stack or pprof's debug=2.
  std::string reason;
  std::vector<GoGoroutine> goroutines;  // in the dump's order
  /// What could not be read, one entry each: "line 12: ... (why)".
  std::vector<std::string> skipped;
  /// The text ends inside a goroutine (a frame without its file line, a
  /// goroutine without frames, a header cut short).
  bool truncated = false;
};

class GoDumpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses a dump. Throws GoDumpError when no goroutine can be read (not a
/// dump, or headers in a format it does not know: the message says which).
GoDump parse_go_dump(std::string_view text);

}  // namespace locklab::present
