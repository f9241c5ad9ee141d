// Reading a Go goroutine dump line by line (go_dump.h). Each line is one of:
// a goroutine header, a function line, a tab-indented file line, an
// "...additional frames elided..." line, a "created by" line, a blank line
// (the end of a block), or text around the goroutines (the fatal error,
// "SIGQUIT: quit", registers, "exit status 2"), which is not part of any.
#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "locklab/present/go_dump.h"

namespace locklab::present {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool parse_u64(std::string_view s, std::uint64_t& out) {
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// The line with every byte that is not part of valid UTF-8 replaced by
// '?', so names and messages always print and go into JSON.
std::string valid_utf8(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size();) {
    const auto c = static_cast<unsigned char>(out[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool ok = len > 0 && i + len <= out.size() && !(len == 2 && c < 0xc2);
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(out[i + k]) & 0xc0) == 0x80;
    if (!ok) {
      out[i++] = '?';
      continue;
    }
    i += len;
  }
  return out;
}

// A line quoted in a message: printable ASCII, at most 60 characters.
std::string quote(std::string_view s) {
  std::string out;
  for (const char c : s.substr(0, 60)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (s.size() > 60) out += "...";
  return "'" + out + "'";
}

// "goroutine 7 [sync.RWMutex.RLock, 2 minutes]:" and, in Go 1.23's
// GOTRACEBACK=system, "goroutine 1 gp=0x... m=0 mp=0x... [running]:".
// Returns false when the line is not a header it can read.
bool parse_header(std::string_view line, GoGoroutine& g) {
  line.remove_prefix(std::string_view("goroutine ").size());
  const auto sp = line.find(' ');
  if (sp == std::string_view::npos || !parse_u64(line.substr(0, sp), g.id)) return false;
  const auto open = line.find('[', sp);
  const auto close = line.rfind("]:");
  if (open == std::string_view::npos || close == std::string_view::npos || close < open ||
      trim(line.substr(close + 2)).size() != 0)
    return false;
  std::string_view inside = line.substr(open + 1, close - open - 1);
  bool first = true;
  while (!inside.empty()) {
    const auto comma = inside.find(", ");
    const std::string_view part = trim(inside.substr(0, comma));
    inside = comma == std::string_view::npos ? std::string_view() : inside.substr(comma + 2);
    if (first) {
      g.state = std::string(part);
      first = false;
    } else if (part == "locked to thread") {
      g.locked_to_thread = true;
    } else if (part.ends_with(" minutes") || part.ends_with(" minute")) {
      std::uint64_t m = 0;
      if (parse_u64(part.substr(0, part.find(' ')), m)) g.minutes = m;
    } else {
      g.state += ", " + std::string(part);  // "syscall, 3 items"? keep what we do not know
    }
  }
  return !g.state.empty();
}

// Splits "0xc0, {0x1, 0x2}, 0x0?" at the commas outside braces.
std::vector<std::string> split_args(std::string_view s) {
  std::vector<std::string> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    else if (s[i] == '}') --depth;
    else if (s[i] == ',' && depth == 0) {
      out.emplace_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (!trim(s.substr(start)).empty()) out.emplace_back(trim(s.substr(start)));
  return out;
}

// "main.(*Ledger).net(0xc000092000, 0x0?)": the function and its
// arguments, the parentheses of the last call matched from the end, so a
// receiver's "(*T)" and generics' "[...]" stay in the name.
bool parse_call(std::string_view line, GoFrame& f) {
  line = trim(line);
  if (line.empty() || line.back() != ')') return false;
  int depth = 0;
  std::size_t open = std::string_view::npos;
  for (std::size_t i = line.size(); i-- > 0;) {
    if (line[i] == ')') ++depth;
    else if (line[i] == '(' && --depth == 0) {
      open = i;
      break;
    }
  }
  if (open == std::string_view::npos || open == 0) return false;
  const std::string_view name = line.substr(0, open);
  if (name.find(' ') != std::string_view::npos || name.find('.') == std::string_view::npos) return false;
  f.func = std::string(name);
  f.args = split_args(line.substr(open + 1, line.size() - open - 2));
  return true;
}

// "\t./main.go:21 +0x59 fp=0x... sp=0x... pc=0x..." or "\tsync/rwmutex.go:71"
bool parse_file_line(std::string_view line, GoFrame& f) {
  line = trim(line);
  const std::string_view loc = line.substr(0, line.find(' '));
  const auto colon = loc.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::uint64_t n = 0;
  if (!parse_u64(loc.substr(colon + 1), n) || n > 100'000'000) return false;
  f.file = std::string(loc.substr(0, colon));
  f.line = static_cast<int>(n);
  return true;
}

// Text that follows a dump directly, with no blank line before it: `go
// run`'s "exit status 2", `go test`'s "FAIL ...", a register of a SIGQUIT
// dump ("rax    0x0"). It ends the goroutine instead of being skipped.
bool is_trailer(std::string_view t) {
  if (t.starts_with("exit status ") || t.starts_with("FAIL") || t.starts_with("ok  ")) return true;
  const auto sp = t.find(' ');
  if (sp == std::string_view::npos || sp > 6) return false;
  const std::string_view rest = trim(t.substr(sp));
  return rest.starts_with("0x") && rest.find(' ') == std::string_view::npos &&
         std::all_of(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(sp),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

class Parser {
 public:
  GoDump run(std::string_view text) {
    std::size_t pos = 0;
    int number = 0;
    while (pos <= text.size()) {
      const auto nl = text.find('\n', pos);
      if (pos == text.size() && number > 0) break;  // the end of the last line, not an empty line
      std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      ++number;
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      const std::string line = valid_utf8(raw);
      on_line(line, number);
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    end_block(true, number);
    if (d_.goroutines.empty()) {
      if (unknown_headers_ > 0)
        throw GoDumpError(fmt::format("no goroutine header in a format locklab reads ({} unknown, the first at {})",
                                      unknown_headers_, first_unknown_));
      throw GoDumpError("not a Go goroutine dump: no line 'goroutine N [state]:'");
    }
    return std::move(d_);
  }

 private:
  void on_line(std::string_view line, int number) {
    const std::string_view t = trim(line);
    if (line.starts_with("goroutine ") && !line.starts_with("goroutine profile:")) {
      end_block(false, number);
      GoGoroutine g;
      g.first_line = number;
      if (parse_header(line, g)) {
        cur_ = std::move(g);
        in_block_ = true;
      } else {
        ++unknown_headers_;
        const std::string what = fmt::format("line {}: {}", number, quote(line));
        if (first_unknown_.empty()) first_unknown_ = what;
        d_.skipped.push_back(what + " (a goroutine header in a format locklab does not read; its block skipped)");
        skipping_ = true;
      }
      return;
    }
    if (t.empty()) {
      end_block(false, number);
      skipping_ = false;
      return;
    }
    if (skipping_) return;
    if (!in_block_) {
      if (d_.goroutines.empty() && d_.reason.empty() &&
          (t.starts_with("fatal error:") || t.starts_with("panic:") || t.starts_with("SIGQUIT") ||
           t.starts_with("SIG") || t.starts_with("goroutine profile:")))
        d_.reason = std::string(t);
      return;  // text around the goroutines: messages, registers, "exit status 2"
    }
    if (line.front() == '\t' || line.front() == ' ') {
      if (t == "goroutine running on other thread; stack unavailable") {
        cur_.stack_unavailable = true;
        return;
      }
      GoFrame* target = pending_created_ ? &*cur_.created_by : pending_frame_ ? &cur_.frames.back() : nullptr;
      if (target == nullptr || !parse_file_line(line, *target)) {
        d_.skipped.push_back(fmt::format("line {}: {} (not a file:line where one was expected, in goroutine {})",
                                         number, quote(line), cur_.id));
      }
      pending_frame_ = pending_created_ = false;
      return;
    }
    if (!pending_frame_ && !pending_created_ && is_trailer(t)) {
      end_block(false, number);
      return;
    }
    if (pending_frame_ || pending_created_) note_missing_file(number - 1);
    if (t == "...additional frames elided...") {
      cur_.frames_elided = true;
      return;
    }
    if (t.starts_with("created by ")) {
      std::string_view rest = t.substr(std::string_view("created by ").size());
      const auto in = rest.find(" in goroutine ");
      GoFrame f;
      if (in != std::string_view::npos) {
        std::uint64_t parent = 0;
        if (parse_u64(rest.substr(in + 14), parent)) cur_.created_in = parent;
        rest = rest.substr(0, in);
      }
      f.func = std::string(rest);
      cur_.created_by = f;
      pending_created_ = true;
      return;
    }
    GoFrame f;
    if (parse_call(line, f)) {
      cur_.frames.push_back(std::move(f));
      pending_frame_ = true;
      return;
    }
    d_.skipped.push_back(fmt::format("line {}: {} (not a frame, in goroutine {})", number, quote(line), cur_.id));
  }

  void note_missing_file(int number) {
    d_.skipped.push_back(fmt::format("line {}: goroutine {}: '{}' has no file:line after it", number, cur_.id,
                                     pending_created_ ? cur_.created_by->func : cur_.frames.back().func));
    pending_frame_ = pending_created_ = false;
  }

  void end_block(bool at_end, int number) {
    if (!in_block_) return;
    if (pending_frame_ || pending_created_) {
      if (at_end) {
        d_.truncated = true;
        d_.skipped.push_back(fmt::format("goroutine {}: the text ends after '{}' without its file:line (cut short)",
                                         cur_.id, pending_created_ ? cur_.created_by->func : cur_.frames.back().func));
      } else {
        note_missing_file(number - 1);
      }
    }
    if (cur_.frames.empty() && !cur_.stack_unavailable && at_end) {
      d_.truncated = true;
      d_.skipped.push_back(fmt::format("goroutine {}: no frames before the end of the text (cut short)", cur_.id));
    }
    d_.goroutines.push_back(std::move(cur_));
    cur_ = GoGoroutine{};
    in_block_ = pending_frame_ = pending_created_ = false;
  }

  GoDump d_;
  GoGoroutine cur_;
  bool in_block_ = false;
  bool skipping_ = false;        // inside the block of a header it could not read
  bool pending_frame_ = false;   // a function line waits for its file line
  bool pending_created_ = false; // a "created by" line waits for its file line
  int unknown_headers_ = 0;
  std::string first_unknown_;
};

}  // namespace

std::string GoFrame::package() const {
  const auto slash = func.rfind('/');
  const auto dot = func.find('.', slash == std::string::npos ? 0 : slash);
  return dot == std::string::npos ? func : func.substr(0, dot);
}

std::string GoFrame::receiver_type() const {
  const std::string pkg = package();
  if (func.size() <= pkg.size() + 3 || func.compare(pkg.size(), 3, ".(*") != 0) return {};
  const auto close = func.find(')', pkg.size());
  return close == std::string::npos ? std::string() : func.substr(pkg.size() + 3, close - pkg.size() - 3);
}

std::string GoFrame::receiver_value() const {
  if (args.empty()) return {};
  std::string v = args.front();
  if (!v.empty() && v.back() == '?') v.pop_back();
  if (v == "..." || v == "0x0" || v == "0" || !v.starts_with("0x")) return {};
  return v;
}

std::string GoFrame::where() const { return file.empty() ? std::string("?") : file + ":" + std::to_string(line); }

GoDump parse_go_dump(std::string_view text) { return Parser().run(text); }

}  // namespace locklab::present
