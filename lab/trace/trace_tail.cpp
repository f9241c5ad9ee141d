// TraceTail: a .lltrace file followed as it grows (see trace_tail.h).
#include "locklab/trace/trace_tail.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "trace_assembler.h"
#include "trace_format.h"

namespace locklab {

using namespace detail;

TraceTail::TraceTail(std::string path) : path_(std::move(path)) {}

TraceTail::~TraceTail() {
  if (fd_ >= 0) ::close(fd_);
}

bool TraceTail::done() const noexcept { return !error_.empty() || (assembler_ && assembler_->stopped()); }

std::uint64_t TraceTail::events() const noexcept { return assembler_ ? assembler_->event_count() : 0; }

std::uint64_t TraceTail::chunks() const noexcept { return assembler_ ? assembler_->chunks_read() : 0; }

bool TraceTail::poll() {
  if (done()) return false;
  if (fd_ < 0) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      if (errno != ENOENT) error_ = "cannot read " + path_ + ": " + std::strerror(errno);
      return false;  // not there yet: the writer has not created it
    }
  }
  // Take in everything appended so far, straight into the pending bytes.
  constexpr std::size_t kPiece = std::size_t{1} << 20;
  while (true) {
    const std::size_t had = pending_.size();
    pending_.resize(had + kPiece);
    const ssize_t n = ::pread(fd_, pending_.data() + had, kPiece, static_cast<off_t>(offset_));
    pending_.resize(had + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = "cannot read " + path_ + ": " + std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    offset_ += static_cast<std::uint64_t>(n);
  }
  const auto* data = reinterpret_cast<const unsigned char*>(pending_.data());
  std::size_t used = 0;
  if (!header_done_) {
    if (pending_.empty()) return false;
    const std::uint32_t version = check_file_header(data, pending_.size(), error_);
    if (!error_.empty()) return false;
    if (version == 0) return false;  // the header is not whole yet
    header_done_ = true;
    used = kFileHeaderBytes;
    assembler_ = std::make_unique<TraceAssembler>(version);
  }
  const std::uint64_t before = assembler_->chunks_read();
  used += assembler_->feed(data + used, pending_.size() - used);
  pending_.erase(0, used);
  return assembler_->chunks_read() != before;
}

TraceReadResult TraceTail::snapshot(bool writer_gone) const {
  TraceReadResult r;
  if (!error_.empty()) {
    r.error = error_;
    return r;
  }
  if (!assembler_) {
    r.error = header_done_ || offset_ > 0 ? "truncated trace: the file ends inside its header"
                                          : "no trace yet: " + path_ + " is empty or missing";
    return r;
  }
  return assembler_->snapshot(writer_gone);
}

}  // namespace locklab
