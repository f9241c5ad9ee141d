// blocked-sender-leak, fixed: the reply channel has room for the one reply.
//
// With a buffer of one, the backend thread's send completes at once whether
// or not anyone is still listening: the value waits in the buffer, the
// thread ends, and when query() has already given up, the channel and the
// unread reply are freed with the last reference to them. One place is
// enough because exactly one value is ever sent on this channel.
#include <memory>

#include "interface.h"
#include "locklab/sync/chan.h"
#include "locklab/sync/select.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::blocked_sender_leak {
namespace {

class FixedClient final : public Client {
 public:
  explicit FixedClient(Workers& workers) : workers_(workers) {}

  std::optional<std::uint64_t> query(std::uint64_t question, std::chrono::nanoseconds backend_time,
                                     std::chrono::nanoseconds deadline) override {
    // Shared with the backend thread: it may outlive this call.
    auto reply = std::make_shared<Chan<std::uint64_t>>("Query.reply", 1);  // room for the one reply
    workers_.go([reply, question, backend_time] {
      io(backend_time);               // the backend call
      reply->send(answer(question));  // never waits: the buffer has room
    });

    std::optional<std::uint64_t> got;
    Select select;
    select.recv(*reply, [&](std::uint64_t value) { got = value; });
    select.timeout(deadline);  // give up: the reply, if it comes, waits in the buffer
    select.wait();
    return got;
  }

 private:
  Workers& workers_;
};

}  // namespace

std::unique_ptr<Client> make_fixed(Workers& workers) { return std::make_unique<FixedClient>(workers); }

}  // namespace locklab::bugs::blocked_sender_leak
