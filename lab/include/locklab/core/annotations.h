// Thread-safety annotations for clang's -Wthread-safety analysis.
//
// Our lock types are capabilities, our guards are scoped capabilities, and
// fields say which lock guards them. Under g++ the macros expand to nothing;
// the `clang-tsa` preset builds everything with -Wthread-safety and checks them.
//
// A buggy variant that breaks the rules on purpose opts out visibly with
// LOCKLAB_NO_THREAD_SAFETY_ANALYSIS on the function, and says why next to it.
#pragma once

#if defined(__clang__)
#define LOCKLAB_TSA(x) __attribute__((x))
#else
#define LOCKLAB_TSA(x)
#endif

#define LOCKLAB_CAPABILITY(name) LOCKLAB_TSA(capability(name))
#define LOCKLAB_SCOPED_CAPABILITY LOCKLAB_TSA(scoped_lockable)
#define LOCKLAB_GUARDED_BY(mu) LOCKLAB_TSA(guarded_by(mu))
#define LOCKLAB_PT_GUARDED_BY(mu) LOCKLAB_TSA(pt_guarded_by(mu))
#define LOCKLAB_REQUIRES(...) LOCKLAB_TSA(requires_capability(__VA_ARGS__))
#define LOCKLAB_REQUIRES_SHARED(...) LOCKLAB_TSA(requires_shared_capability(__VA_ARGS__))
#define LOCKLAB_ACQUIRE(...) LOCKLAB_TSA(acquire_capability(__VA_ARGS__))
#define LOCKLAB_ACQUIRE_SHARED(...) LOCKLAB_TSA(acquire_shared_capability(__VA_ARGS__))
#define LOCKLAB_RELEASE(...) LOCKLAB_TSA(release_capability(__VA_ARGS__))
#define LOCKLAB_RELEASE_SHARED(...) LOCKLAB_TSA(release_shared_capability(__VA_ARGS__))
#define LOCKLAB_RELEASE_GENERIC(...) LOCKLAB_TSA(release_generic_capability(__VA_ARGS__))
#define LOCKLAB_TRY_ACQUIRE(...) LOCKLAB_TSA(try_acquire_capability(__VA_ARGS__))
#define LOCKLAB_TRY_ACQUIRE_SHARED(...) LOCKLAB_TSA(try_acquire_shared_capability(__VA_ARGS__))
#define LOCKLAB_ASSERT_CAPABILITY(...) LOCKLAB_TSA(assert_capability(__VA_ARGS__))
#define LOCKLAB_EXCLUDES(...) LOCKLAB_TSA(locks_excluded(__VA_ARGS__))
#define LOCKLAB_NO_THREAD_SAFETY_ANALYSIS LOCKLAB_TSA(no_thread_safety_analysis)
