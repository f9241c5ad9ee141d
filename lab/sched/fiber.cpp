#include "fiber.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <vector>

#include "locklab/core/runtime.h"

// Sanitizers must be told about every switch, or they take one fiber's
// stack for another's: ASan would report (or miss) stack errors after a
// switch and an exception thrown in a fiber; TSan would see all fibers as one
// thread with a stack that jumps, and could not tell their accesses apart.
// g++ says which sanitizer is on with __SANITIZE_*__, clang with __has_feature.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LOCKLAB_ASAN_FIBERS 1
#endif
#if __has_feature(thread_sanitizer)
#define LOCKLAB_TSAN_FIBERS 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(LOCKLAB_ASAN_FIBERS)
#define LOCKLAB_ASAN_FIBERS 1
#endif
#if defined(__SANITIZE_THREAD__) && !defined(LOCKLAB_TSAN_FIBERS)
#define LOCKLAB_TSAN_FIBERS 1
#endif
#if LOCKLAB_ASAN_FIBERS
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#if LOCKLAB_TSAN_FIBERS
#include <sanitizer/tsan_interface.h>
#endif

#if !defined(__x86_64__)
#include <ucontext.h>
#endif

namespace locklab::sched::detail {

#if defined(__x86_64__)
// locklab_fiber_switch(void** save_sp, void* load_sp): pushes the
// callee-saved registers and the MXCSR / x87 control words, saves rsp, loads
// the other stack and pops the same frame from it.
extern "C" void locklab_fiber_switch(void** save_sp, void* load_sp);
// The first frame of a new fiber "returns" here: rbx holds the Fiber.
extern "C" void locklab_fiber_trampoline();
asm(R"(
  .text
  .globl locklab_fiber_switch
  .type locklab_fiber_switch,@function
locklab_fiber_switch:
  pushq %rbp
  pushq %rbx
  pushq %r12
  pushq %r13
  pushq %r14
  pushq %r15
  subq $8, %rsp
  stmxcsr (%rsp)
  fnstcw 4(%rsp)
  movq %rsp, (%rdi)
  movq %rsi, %rsp
  ldmxcsr (%rsp)
  fldcw 4(%rsp)
  addq $8, %rsp
  popq %r15
  popq %r14
  popq %r13
  popq %r12
  popq %rbx
  popq %rbp
  ret
  .size locklab_fiber_switch,.-locklab_fiber_switch

  .globl locklab_fiber_trampoline
  .type locklab_fiber_trampoline,@function
locklab_fiber_trampoline:
  movq %rbx, %rdi
  call locklab_fiber_trampoline_c
  ud2
  .size locklab_fiber_trampoline,.-locklab_fiber_trampoline
)");
#endif

namespace {

const std::size_t kPage = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));

// Stacks outlive runs: mapping and unmapping 256 KiB per lab thread per
// schedule would cost more than the schedule.
std::mutex g_pool_mu;
std::vector<void*> g_pool;  // guarded by g_pool_mu: free mappings (guard page + stack)

void* take_stack() {
  {
    std::lock_guard<std::mutex> lock(g_pool_mu);
    if (!g_pool.empty()) {
      void* p = g_pool.back();
      g_pool.pop_back();
      return p;
    }
  }
  void* p = mmap(nullptr, kPage + Fiber::kStackBytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) fatal("cannot map a fiber stack for the controlled scheduler");
  if (mprotect(p, kPage, PROT_NONE) != 0) fatal("cannot protect a fiber stack's guard page");
  return p;
}

void give_stack(void* p) {
  std::lock_guard<std::mutex> lock(g_pool_mu);
  if (g_pool.size() < 64) {
    g_pool.push_back(p);
    return;
  }
  munmap(p, kPage + Fiber::kStackBytes);
}

}  // namespace

extern "C" void locklab_fiber_trampoline_c(Fiber* self) noexcept;

void fiber_trampoline_c(Fiber* self) noexcept { Fiber::start(self); }

extern "C" void locklab_fiber_trampoline_c(Fiber* self) noexcept { fiber_trampoline_c(self); }

#if LOCKLAB_ASAN_FIBERS
// The bounds of the OS thread's own stack (the scheduler's side), learned
// when the first fiber starts: every switch to a fiber comes from there.
thread_local const void* tl_thread_bottom = nullptr;
thread_local std::size_t tl_thread_size = 0;
#endif

void Fiber::start(Fiber* self) noexcept {
#if LOCKLAB_ASAN_FIBERS
  __sanitizer_finish_switch_fiber(nullptr, &tl_thread_bottom, &tl_thread_size);
#endif
  self->entry_(self->arg_);
  fatal("a fiber's entry returned");  // entries switch away for good instead
}

Fiber::Fiber() = default;  // the thread's own TSan context is looked up at its first switch

Fiber::Fiber(Entry entry, void* arg) : entry_(entry), arg_(arg) {
  stack_ = take_stack();
  char* lo = static_cast<char*>(stack_) + kPage;
  bottom_ = lo;
  size_ = kStackBytes;
#if defined(__x86_64__)
  // The frame locklab_fiber_switch pops: control words, r15..r12, rbx, rbp,
  // then the return address (the trampoline). At the trampoline rsp must be
  // 16-byte aligned, so its `call` enters the C function as the ABI expects.
  auto* top = reinterpret_cast<std::uint64_t*>(reinterpret_cast<std::uintptr_t>(lo + kStackBytes) & ~std::uintptr_t{15});
  std::uint64_t* sp = top - 3;  // after `ret` pops sp[0], rsp = top - 16: aligned
  *sp = reinterpret_cast<std::uint64_t>(&locklab_fiber_trampoline);
  *--sp = 0;                                            // rbp
  *--sp = reinterpret_cast<std::uint64_t>(this);        // rbx
  *--sp = 0; *--sp = 0; *--sp = 0; *--sp = 0;           // r12..r15
  *--sp = 0x1F80ull | (0x037Full << 32);                // MXCSR, x87 control word
  sp_ = sp;
#else
  auto* uc = new ucontext_t;
  getcontext(uc);
  uc->uc_stack.ss_sp = lo;
  uc->uc_stack.ss_size = kStackBytes;
  uc->uc_link = nullptr;
  makecontext(uc, reinterpret_cast<void (*)()>(&locklab_fiber_trampoline_c), 1, this);
  impl_ = uc;
#endif
#if LOCKLAB_TSAN_FIBERS
  tsan_ = __tsan_create_fiber(0);
#endif
}

Fiber::~Fiber() {
#if LOCKLAB_TSAN_FIBERS
  // Never the running fiber: fibers are destroyed from the scheduler's side.
  if (stack_ && tsan_) __tsan_destroy_fiber(tsan_);
#endif
#if LOCKLAB_ASAN_FIBERS
  // A fiber that ended switched away for good and left its last frames'
  // redzones poisoned; the next fiber on this recycled stack starts clean.
  if (stack_) __asan_unpoison_memory_region(bottom_, size_);
#endif
  if (stack_) give_stack(stack_);
#if !defined(__x86_64__)
  delete static_cast<ucontext_t*>(impl_);
#endif
}

void Fiber::switch_to(Fiber& from, Fiber& to, bool from_ends) noexcept {
#if LOCKLAB_ASAN_FIBERS
  // A null save slot tells ASan the fiber we leave is gone: it frees that
  // fiber's fake stack (detect_stack_use_after_return) instead of keeping it.
  __sanitizer_start_switch_fiber(from_ends ? nullptr : &from.fake_stack_,
                                 to.stack_ ? to.bottom_ : tl_thread_bottom,
                                 to.stack_ ? to.size_ : tl_thread_size);
#else
  (void)from_ends;
#endif
#if LOCKLAB_TSAN_FIBERS
  // Flag 0 (not __tsan_switch_to_fiber_no_sync): the switch synchronizes,
  // as it really does: only one fiber runs at a time, so whatever `from` did
  // happens before what `to` does next. The thread's own context is a TSan
  // fiber too, learned the first time it switches away.
  if (!from.tsan_) from.tsan_ = __tsan_get_current_fiber();
  if (!to.tsan_) fatal("a fiber switch to a context TSan does not know");
  __tsan_switch_to_fiber(to.tsan_, 0);
#endif
#if defined(__x86_64__)
  locklab_fiber_switch(&from.sp_, to.sp_);
#else
  if (!from.impl_) from.impl_ = new ucontext_t;
  swapcontext(static_cast<ucontext_t*>(from.impl_), static_cast<ucontext_t*>(to.impl_));
#endif
#if LOCKLAB_ASAN_FIBERS
  __sanitizer_finish_switch_fiber(from.fake_stack_, nullptr, nullptr);
#endif
}

}  // namespace locklab::sched::detail
