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

TraceEventWriter::TraceEventWriter(OutputSink& sink) : sink_(sink), buffer_(new char[kCapacity]) {
  put("{\"traceEvents\":[");
}

void TraceEventWriter::number(std::uint64_t v) {
  char b[24];
  const auto r = std::to_chars(b, b + sizeof b, v);
  put(std::string_view(b, static_cast<std::size_t>(r.ptr - b)));
}

// ns as microseconds: "12345", "12345.6", "12345.678".
void TraceEventWriter::micros(std::uint64_t ns) {
  char b[32];
  auto r = std::to_chars(b, b + 24, ns / 1000);
  const std::uint64_t frac = ns % 1000;
  char* p = r.ptr;
  if (frac != 0) {
    p[0] = '.';
    p[1] = static_cast<char>('0' + frac / 100);
    p[2] = static_cast<char>('0' + frac / 10 % 10);
    p[3] = static_cast<char>('0' + frac % 10);
    p += 4;
    while (p[-1] == '0') --p;
  }
  put(std::string_view(b, static_cast<std::size_t>(p - b)));
}

void TraceEventWriter::key(std::string_view k) {
  put(",\"");
  put(k);
  put("\":");
}

void TraceEventWriter::arg_key(std::string_view k) {
  put(args_open_ ? std::string_view(",\"") : std::string_view(",\"args\":{\""));
  args_open_ = true;
  put(k);
  put("\":");
}

std::string TraceEventWriter::prefix(char ph, std::string_view quoted_name, std::string_view cat, int pid, int tid) {
  std::string p = "{\"ph\":\"";
  p += ph;
  p += "\",\"name\":";
  p += quoted_name;
  p += ",\"pid\":" + std::to_string(pid);
  if (tid >= 0) p += ",\"tid\":" + std::to_string(tid);
  if (!cat.empty()) {
    p += ",\"cat\":\"";
    p += cat;
    p += '"';
  }
  p += ",\"ts\":";
  return p;
}

void TraceEventWriter::begin_with(std::string_view prefix, std::uint64_t ts_ns) {
  if (events_ > 0) put(",\n");
  put(prefix);
  micros(ts_ns);
  args_open_ = false;
}

void TraceEventWriter::begin(char ph, std::string_view quoted_name, std::string_view cat, int pid, int tid,
                             std::uint64_t ts_ns) {
  begin_with(prefix(ph, quoted_name, cat, pid, tid), ts_ns);
}

void TraceEventWriter::begin_untimed(char ph, std::string_view quoted_name, int pid, int tid) {
  put(events_ > 0 ? std::string_view(",\n{\"ph\":\"") : std::string_view("{\"ph\":\""));
  put(ph);
  put("\",\"name\":");
  put(quoted_name);
  put(",\"pid\":");
  number(static_cast<std::uint64_t>(pid));
  if (tid >= 0) {
    put(",\"tid\":");
    number(static_cast<std::uint64_t>(tid));
  }
  args_open_ = false;
}

void TraceEventWriter::dur(std::uint64_t ns) {
  put(",\"dur\":");
  micros(ns);
}

void TraceEventWriter::id(std::uint64_t v) {
  put(",\"id\":");
  number(v);
}

void TraceEventWriter::field(std::string_view k, std::string_view raw_json) {
  key(k);
  put(raw_json);
}

void TraceEventWriter::arg_quoted(std::string_view k, std::string_view quoted_value) {
  arg_key(k);
  put(quoted_value);
}

void TraceEventWriter::arg_text(std::string_view k, std::string_view text) { arg_quoted(k, quote(text)); }

void TraceEventWriter::arg_number(std::string_view k, std::uint64_t value) {
  arg_key(k);
  number(value);
}

void TraceEventWriter::arg_signed(std::string_view k, std::int64_t value) {
  arg_key(k);
  char b[24];
  const auto r = std::to_chars(b, b + sizeof b, value);
  put(std::string_view(b, static_cast<std::size_t>(r.ptr - b)));
}

void TraceEventWriter::arg_real(std::string_view k, double value) {
  arg_key(k);
  if (!std::isfinite(value)) {
    put("null");
    return;
  }
  char b[32];
  const auto r = std::to_chars(b, b + sizeof b, value);
  put(std::string_view(b, static_cast<std::size_t>(r.ptr - b)));
}

void TraceEventWriter::arg_micros(std::string_view k, std::uint64_t ns) {
  arg_key(k);
  micros(ns);
}

void TraceEventWriter::arg_bool(std::string_view k, bool value) {
  arg_key(k);
  put(value ? std::string_view("true") : std::string_view("false"));
}

void TraceEventWriter::end() {
  put(args_open_ ? std::string_view("}}") : std::string_view("}"));
  args_open_ = false;
  ++events_;
}

void TraceEventWriter::flush() {
  if (len_ == 0) return;
  write_through(std::string_view(buffer_.get(), len_));
  len_ = 0;
}

void TraceEventWriter::write_through(std::string_view s) {
  if (ok_) ok_ = sink_.write(s);
  bytes_ += s.size();
}

std::string TraceEventWriter::finish(std::string_view metadata_json) {
  put("],\n\"displayTimeUnit\":\"ns\",\n\"metadata\":");
  put(metadata_json);
  put("}\n");
  flush();
  return sink_.close();
}

}  // namespace locklab::cli
