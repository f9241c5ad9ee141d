// expect: completes
// A plausible wrong fix of exercise blocked-sender-leak: closes the reply channel when the deadline passes, "so the sender cannot wait on it".
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
    if (!got) reply->close();
    return got;
  }

 private:
  Workers& workers_;
};

}  // namespace

std::unique_ptr<Client> make_exercise(Workers& workers) { return std::make_unique<ExerciseClient>(workers); }

}  // namespace locklab::bugs::blocked_sender_leak
