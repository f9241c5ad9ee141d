// Exercise blocked-sender-leak: the learner's file. Yours to change.
//
// A client with a deadline: query() starts the backend call on a worker
// thread and waits for its answer, or gives up when the deadline passes and
// returns nothing. Backend calls take a varying time; some miss the deadline.
// Read README.md for what its users see, then make it right.
//
// Keep make_exercise's name and signature: the grader builds your variant
// through it.
#include <memory>

#include "interface.h"
#include "locklab/sync/chan.h"
#include "locklab/sync/select.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::blocked_sender_leak {
namespace {

class ExerciseClient final : public Client {
 public:
  explicit ExerciseClient(Workers& workers) : workers_(workers) {}

  std::optional<std::uint64_t> query(std::uint64_t question, std::chrono::nanoseconds backend_time,
                                     std::chrono::nanoseconds deadline) override {
    // Shared with the backend thread: it may outlive this call.
    auto reply = std::make_shared<Chan<std::uint64_t>>("Query.reply");  // unbuffered
    workers_.go([reply, question, backend_time] {
      io(backend_time);               // the backend call
      reply->send(answer(question));
    });

    std::optional<std::uint64_t> got;
    Select select;
    select.recv(*reply, [&](std::uint64_t value) { got = value; });
    select.timeout(deadline);
    select.wait();
    return got;
  }

 private:
  Workers& workers_;
};

}  // namespace

std::unique_ptr<Client> make_exercise(Workers& workers) { return std::make_unique<ExerciseClient>(workers); }

}  // namespace locklab::bugs::blocked_sender_leak
