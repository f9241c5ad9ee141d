#include "trace_event_writer.h"

#include <charconv>
#include <cmath>

namespace locklab::cli {

std::string quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 15]);
        } else {
          out.push_back(c);  // UTF-8 passes through
        }
    }
  }
  out.push_back('"');
  return out;
}

TraceEventWriter::TraceEventWriter(OutputSink& sink) : sink_(sink) {
  buffer_.reserve(kFlushBytes + 4096);
  buffer_ += "{\"traceEvents\":[";
}

void TraceEventWriter::number(std::uint64_t v) {
  char b[24];
  const auto r = std::to_chars(b, b + sizeof b, v);
  buffer_.append(b, r.ptr);
}

// ns as microseconds: "12345", "12345.6", "12345.678".
void TraceEventWriter::micros(std::uint64_t ns) {
  number(ns / 1000);
  std::uint64_t frac = ns % 1000;
  if (frac == 0) return;
  char digits[4] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                    static_cast<char>('0' + frac % 10)};
  std::size_t n = 4;
  while (digits[n - 1] == '0') --n;
  buffer_.append(digits, n);
}

void TraceEventWriter::key(std::string_view k) {
  buffer_ += ",\"";
  buffer_ += k;
  buffer_ += "\":";
}

void TraceEventWriter::begin(char ph, std::string_view quoted_name, std::string_view cat, int pid, int tid,
                             std::uint64_t ts_ns) {
  begin_untimed(ph, quoted_name, pid, tid);
  if (!cat.empty()) {
    buffer_ += ",\"cat\":\"";
    buffer_ += cat;
    buffer_ += '"';
  }
  buffer_ += ",\"ts\":";
  micros(ts_ns);
}

void TraceEventWriter::begin_untimed(char ph, std::string_view quoted_name, int pid, int tid) {
  if (events_ > 0) buffer_ += ",\n";
  buffer_ += "{\"ph\":\"";
  buffer_ += ph;
  buffer_ += "\",\"name\":";
  buffer_ += quoted_name;
  buffer_ += ",\"pid\":";
  number(static_cast<std::uint64_t>(pid));
  if (tid >= 0) {
    buffer_ += ",\"tid\":";
    number(static_cast<std::uint64_t>(tid));
  }
  args_open_ = false;
}

void TraceEventWriter::dur(std::uint64_t ns) {
  buffer_ += ",\"dur\":";
  micros(ns);
}

void TraceEventWriter::id(std::uint64_t v) {
  buffer_ += ",\"id\":";
  number(v);
}

void TraceEventWriter::field(std::string_view k, std::string_view raw_json) {
  key(k);
  buffer_ += raw_json;
}

void TraceEventWriter::open_args() {
  if (!args_open_) {
    buffer_ += ",\"args\":{";
    args_open_ = true;
  } else {
    buffer_ += ',';
  }
}

void TraceEventWriter::arg_quoted(std::string_view k, std::string_view quoted_value) {
  open_args();
  buffer_ += '"';
  buffer_ += k;
  buffer_ += "\":";
  buffer_ += quoted_value;
}

void TraceEventWriter::arg_text(std::string_view k, std::string_view text) { arg_quoted(k, quote(text)); }

void TraceEventWriter::arg_number(std::string_view k, std::uint64_t value) {
  open_args();
  buffer_ += '"';
  buffer_ += k;
  buffer_ += "\":";
  number(value);
}

void TraceEventWriter::arg_signed(std::string_view k, std::int64_t value) {
  open_args();
  buffer_ += '"';
  buffer_ += k;
  buffer_ += "\":";
  char b[24];
  const auto r = std::to_chars(b, b + sizeof b, value);
  buffer_.append(b, r.ptr);
}

void TraceEventWriter::arg_real(std::string_view k, double value) {
  open_args();
  buffer_ += '"';
  buffer_ += k;
  buffer_ += "\":";
  if (!std::isfinite(value)) {
    buffer_ += "null";
    return;
  }
  char b[32];
  const auto r = std::to_chars(b, b + sizeof b, value);
  buffer_.append(b, r.ptr);
}

void TraceEventWriter::arg_micros(std::string_view k, std::uint64_t ns) {
  open_args();
  buffer_ += '"';
  buffer_ += k;
  buffer_ += "\":";
  micros(ns);
}

void TraceEventWriter::arg_bool(std::string_view k, bool value) {
  open_args();
  buffer_ += '"';
  buffer_ += k;
  buffer_ += "\":";
  buffer_ += value ? "true" : "false";
}

void TraceEventWriter::end() {
  if (args_open_) buffer_ += '}';
  args_open_ = false;
  buffer_ += '}';
  ++events_;
  maybe_flush();
}

void TraceEventWriter::flush() {
  if (buffer_.empty()) return;
  if (ok_) ok_ = sink_.write(buffer_);
  bytes_ += buffer_.size();
  buffer_.clear();
}

std::string TraceEventWriter::finish(std::string_view metadata_json) {
  buffer_ += "],\n\"displayTimeUnit\":\"ns\",\n\"metadata\":";
  buffer_ += metadata_json;
  buffer_ += "}\n";
  flush();
  return sink_.close();
}

}  // namespace locklab::cli
