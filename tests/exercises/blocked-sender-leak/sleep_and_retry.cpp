// expect: no-added-sleep
// A plausible wrong fix of exercise blocked-sender-leak: after a timeout, sleeps and tries once more to take the answer.
// The grader must reject it for the property above.
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
    if (!got) {
      sleep_for(deadline);
      if (auto late = reply->try_recv()) got = late->value;
    }
    return got;
  }

 private:
  Workers& workers_;
};

}  // namespace

std::unique_ptr<Client> make_exercise(Workers& workers) { return std::make_unique<ExerciseClient>(workers); }

}  // namespace locklab::bugs::blocked_sender_leak
