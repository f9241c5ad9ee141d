// blocked-sender-leak, buggy: the backend thread replies on an unbuffered
// channel, and the caller may have stopped listening.
//
// An unbuffered send completes only when a receiver takes the value. While
// the deadline has not passed, query()'s select is that receiver. Once it
// has passed, query() returns and nobody will ever receive from this
// channel again, so a backend call that finishes late blocks in send()
// forever: one leaked thread (and its stack, and the channel) per timeout.
#include <memory>

#include "interface.h"
#include "locklab/sync/chan.h"
#include "locklab/sync/select.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::blocked_sender_leak {
namespace {

class BuggyClient final : public Client {
 public:
  explicit BuggyClient(Workers& workers) : workers_(workers) {}

  std::optional<std::uint64_t> query(std::uint64_t question, std::chrono::nanoseconds backend_time,
                                     std::chrono::nanoseconds deadline) override {
    // Shared with the backend thread: it may outlive this call.
    auto reply = std::make_shared<Chan<std::uint64_t>>("Query.reply");  // unbuffered
    workers_.go([reply, question, backend_time] {
      io(backend_time);               // the backend call
      reply->send(answer(question));  // <- waits for a receiver; after a timeout there is none
    });

    std::optional<std::uint64_t> got;
    Select select;
    select.recv(*reply, [&](std::uint64_t value) { got = value; });
    select.timeout(deadline);  // give up: return without the answer
    select.wait();
    return got;
  }

 private:
  Workers& workers_;
};

}  // namespace

std::unique_ptr<Client> make_buggy(Workers& workers) { return std::make_unique<BuggyClient>(workers); }

}  // namespace locklab::bugs::blocked_sender_leak
