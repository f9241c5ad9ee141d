// The one main() of every locklab-bench-* binary.
//
// glibc skips atomic instructions in a process that never started a second
// thread, so a lock measured there looks cheaper than it is in any real
// program. main() starts (and joins) one thread first: the honest baseline.
#include <benchmark/benchmark.h>

#include <thread>

int main(int argc, char** argv) {
  std::thread([] {}).join();  // make the process multi-threaded for glibc
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
