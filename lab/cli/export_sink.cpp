#include "export_sink.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <system_error>

namespace locklab::cli {
namespace {

namespace fs = std::filesystem;

// Writes beside `path` and renames at the end; anything that is not a
// regular file (/dev/null, a pipe) is written in place.
struct Target {
  std::string path, temp;
  bool in_place = false;

  explicit Target(std::string p) : path(std::move(p)) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    in_place = fs::exists(status) && !fs::is_regular_file(status);
    temp = in_place ? path : path + ".tmp";
  }

  // After the bytes were written and closed: rename, or remove on failure.
  std::string finish(std::string error) const {
    if (!error.empty()) {
      if (!in_place) std::remove(temp.c_str());
      return error;
    }
    if (in_place) return {};
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) {
      std::remove(temp.c_str());
      return "cannot write " + path + ": " + ec.message();
    }
    return {};
  }
};

class FileSink final : public OutputSink {
 public:
  FileSink(Target target, std::FILE* f) : target_(std::move(target)), file_(f) {}
  ~FileSink() override {
    if (file_) {
      std::fclose(file_);
      target_.finish("abandoned");
    }
  }
  bool write(std::string_view bytes) override {
    if (!error_.empty()) return false;
    if (bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), file_) == bytes.size()) return true;
    error_ = "cannot write " + target_.path + ": " + std::strerror(errno);
    return false;
  }
  std::string close() override {
    if (std::fclose(file_) != 0 && error_.empty()) error_ = "cannot write " + target_.path + ": " + std::strerror(errno);
    file_ = nullptr;
    return target_.finish(error_);
  }
  std::string describe() const override { return target_.path; }

 private:
  Target target_;
  std::FILE* file_;
  std::string error_;
};

class GzipSink final : public OutputSink {
 public:
  GzipSink(Target target, gzFile f) : target_(std::move(target)), file_(f) {}
  ~GzipSink() override {
    if (file_) {
      gzclose(file_);
      target_.finish("abandoned");
    }
  }
  bool write(std::string_view bytes) override {
    if (!error_.empty()) return false;
    while (!bytes.empty()) {
      const unsigned n = static_cast<unsigned>(std::min<std::size_t>(bytes.size(), 1u << 30));
      if (gzwrite(file_, bytes.data(), n) != static_cast<int>(n)) {
        int code = 0;
        const char* what = gzerror(file_, &code);
        error_ = "cannot write " + target_.path + ": " +
                 (code == Z_ERRNO ? std::string(std::strerror(errno)) : std::string(what ? what : "zlib error"));
        return false;
      }
      bytes.remove_prefix(n);
    }
    return true;
  }
  std::string close() override {
    const int rc = gzclose(file_);
    file_ = nullptr;
    if (rc != Z_OK && error_.empty())
      error_ = "cannot write " + target_.path + ": " + (rc == Z_ERRNO ? std::strerror(errno) : "zlib error");
    return target_.finish(error_);
  }
  std::string describe() const override { return target_.path + " (gzip)"; }

 private:
  Target target_;
  gzFile file_;
  std::string error_;
};

class StreamSink final : public OutputSink {
 public:
  explicit StreamSink(std::ostream& out) : out_(out) {}
  bool write(std::string_view bytes) override {
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out_);
  }
  std::string close() override {
    out_.flush();
    return out_ ? std::string() : std::string("cannot write to stdout");
  }
  std::string describe() const override { return "stdout"; }

 private:
  std::ostream& out_;
};

}  // namespace

bool names_gzip(std::string_view out) noexcept { return out.size() > 3 && out.substr(out.size() - 3) == ".gz"; }

std::unique_ptr<OutputSink> open_output_sink(const std::string& out, std::ostream& stdout_stream, std::string& error) {
  if (out == "-") return std::make_unique<StreamSink>(stdout_stream);
  std::error_code ec;
  if (fs::is_directory(out, ec)) {
    error = "cannot write " + out + ": it is a directory";
    return nullptr;
  }
  Target target(out);
  if (names_gzip(out)) {
    // "wb1": level 1. gzopen reports a failure to create through errno.
    errno = 0;
    gzFile f = gzopen(target.temp.c_str(), "wb1");
    if (!f) {
      error = "cannot write " + out + ": " + (errno ? std::strerror(errno) : "zlib cannot open it");
      return nullptr;
    }
    gzbuffer(f, 1u << 18);
    return std::make_unique<GzipSink>(std::move(target), f);
  }
  std::FILE* f = std::fopen(target.temp.c_str(), "wb");
  if (!f) {
    error = "cannot write " + out + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::make_unique<FileSink>(std::move(target), f);
}

}  // namespace locklab::cli
