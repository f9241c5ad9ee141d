// TraceEventWriter: Chrome trace-event JSON written one event at a time into
// an OutputSink, through a fixed-size buffer: the document is never held
// whole, so an export's memory does not grow with its output.
//
// The document: {"traceEvents":[ event, ... ],"displayTimeUnit":"ns",
// "metadata":{...}}. Events need not be in time order (every importer sorts
// them). Times are given in nanoseconds and written in microseconds (the
// format's unit) with up to three decimals, so no nanosecond is lost and the
// same instant always prints the same text (a flow binds to a slice whose
// "ts" equals its own).
//
// Use: begin(...), then any of dur / id / field / arg..., then end().
// Names and other strings are given already quoted (quote() below): an
// exporter quotes each object's and site's name once, not once per event.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "export_sink.h"

namespace locklab::cli {

/// `s` as a JSON string literal, quotes included.
std::string quote(std::string_view s);

class TraceEventWriter {
 public:
  explicit TraceEventWriter(OutputSink& sink);

  /// Opens an event: {"ph":PH,"name":NAME,"cat":CAT,"pid":PID,"tid":TID,"ts":TS.
  /// `quoted_name` is a JSON string literal; `cat` is plain ASCII with
  /// nothing to escape ("" leaves the key out). A negative tid leaves it out.
  void begin(char ph, std::string_view quoted_name, std::string_view cat, int pid, int tid, std::uint64_t ts_ns);
  /// What begin() writes before the timestamp's value, for an exporter to
  /// make once and reuse for every event of one kind, name and track.
  static std::string prefix(char ph, std::string_view quoted_name, std::string_view cat, int pid, int tid);
  /// begin() with a prefix() made before.
  void begin_with(std::string_view prefix, std::uint64_t ts_ns);
  /// Opens an event with no timestamp (metadata events, "M").
  void begin_untimed(char ph, std::string_view quoted_name, int pid, int tid);
  void dur(std::uint64_t ns);
  void id(std::uint64_t id);
  /// A key with a raw JSON value: field("s", "\"g\"").
  void field(std::string_view key, std::string_view raw_json);
  /// Arguments ("args": {...}); the first arg opens the object.
  void arg_quoted(std::string_view key, std::string_view quoted_value);
  void arg_text(std::string_view key, std::string_view text);  // quotes `text`
  void arg_number(std::string_view key, std::uint64_t value);
  void arg_signed(std::string_view key, std::int64_t value);
  void arg_real(std::string_view key, double value);
  void arg_micros(std::string_view key, std::uint64_t ns);
  void arg_bool(std::string_view key, bool value);
  void end();

  /// Closes the event array and writes the document's tail with
  /// `metadata_json` (a JSON object), then flushes. Returns the sink's error
  /// ("" on success); the sink is closed.
  std::string finish(std::string_view metadata_json);

  std::uint64_t events() const noexcept { return events_; }
  std::uint64_t bytes() const noexcept { return bytes_ + len_; }

 private:
  // Appends to the buffer, flushing first when it would not fit.
  void put(std::string_view s) {
    if (len_ + s.size() > kCapacity) {
      flush();
      if (s.size() > kCapacity) {
        write_through(s);
        return;
      }
    }
    std::memcpy(buffer_.get() + len_, s.data(), s.size());
    len_ += s.size();
  }
  void put(char c) {
    if (len_ == kCapacity) flush();
    buffer_[len_++] = c;
  }
  void key(std::string_view k);       // ,"k":
  void arg_key(std::string_view k);   // , or ,"args":{ then "k":
  void micros(std::uint64_t ns);
  void number(std::uint64_t v);
  void flush();
  void write_through(std::string_view s);

  static constexpr std::size_t kCapacity = 1u << 20;
  OutputSink& sink_;
  std::unique_ptr<char[]> buffer_;
  std::size_t len_ = 0;
  std::uint64_t events_ = 0, bytes_ = 0;
  bool args_open_ = false;
  bool ok_ = true;
};

}  // namespace locklab::cli
