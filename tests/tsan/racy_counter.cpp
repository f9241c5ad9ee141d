// The unsynchronized-counter lesson under ThreadSanitizer (the tsan preset
// only). Two threads add to a plain `long` with `++`: in Go a data race that
// loses updates; in C++ undefined behaviour, which is why the catalogue's
// buggy variant uses a racy load-then-store on an atomic instead. Here, in
// a program built for TSan, the plain form shows what TSan says about it:
//   racy_counter racy    -> "WARNING: ThreadSanitizer: data race" on `count`
//   racy_counter atomic  -> no report (fetch_add), the fix
#include <atomic>
#include <cstdio>
#include <cstring>
#include <thread>

namespace {

long g_plain = 0;                  // the bug: shared, written by two threads, no lock
std::atomic<long> g_atomic{0};     // the fix

void add_plain() {
  for (int i = 0; i < 100000; ++i) ++g_plain;
}
void add_atomic() {
  for (int i = 0; i < 100000; ++i) g_atomic.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

int main(int argc, char** argv) {
  const bool racy = argc > 1 && std::strcmp(argv[1], "racy") == 0;
  std::thread a(racy ? add_plain : add_atomic), b(racy ? add_plain : add_atomic);
  a.join();
  b.join();
  std::printf("count %ld of 200000\n", racy ? g_plain : g_atomic.load());
  return 0;
}
