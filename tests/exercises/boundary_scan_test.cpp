// The sealed boundary on hand-made objdump listings (the format of
// `objdump -d -r -l --inlines -w --no-show-raw-insn` and `objdump -t`):
// whose code an instruction is, from its inline chain; what each symbol is;
// out-of-line header functions judged at their callers; and the catalogue's
// variants recognised by their object files' names.
#include <gtest/gtest.h>

#include "boundary_scan.h"
#include "catalogue_symbols.h"
#include "object_listing.h"

namespace {

using namespace locklab::exercises;

const char* const kMine = "/src/exercises/demo/exercise.cpp";

BoundaryPolicy policy() { return {kMine, "/src", {}}; }

std::vector<Crossing> scan(const std::string& disassembly, const std::string& symbols = "") {
  return scan_boundary(parse_listing(disassembly, symbols), policy());
}

// A std::lock_guard<std::mutex> at exercise.cpp:10, inlined down to the call.
const char* const kStdMutex = R"(
Disassembly of section .text:

0000000000000000 <_Z2f1v>:
_Z2f1v():
/src/exercises/demo/exercise.cpp:10
   0:	push   %rbx
__gthread_mutex_lock():
/usr/include/x86_64-linux-gnu/c++/12/bits/gthr-default.h:749
inlined by /usr/include/c++/12/bits/std_mutex.h:100 (_ZNSt5mutex4lockEv)
inlined by /usr/include/c++/12/bits/std_mutex.h:229 (_ZNSt10lock_guardISt5mutexEC4ERS0_)
inlined by /src/exercises/demo/exercise.cpp:10 (_Z2f1v)
   8:	mov    %rbx,%rdi
inlined by /usr/include/c++/12/bits/std_mutex.h:100 (_ZNSt5mutex4lockEv)
inlined by /usr/include/c++/12/bits/std_mutex.h:229 (_ZNSt10lock_guardISt5mutexEC4ERS0_)
inlined by /src/exercises/demo/exercise.cpp:10 (_Z2f1v)
   b:	call   10 <_Z2f1v+0x10>	c: R_X86_64_PLT32	pthread_mutex_lock-0x4
)";

TEST(BoundaryScan, AStdMutexIsNamedAtTheLearnersLine) {
  const std::vector<Crossing> c = scan(kStdMutex);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, BoundaryKind::kSync);
  EXPECT_EQ(c[0].symbol, "pthread_mutex_lock");
  EXPECT_EQ(c[0].where, "exercise.cpp:10");
  EXPECT_EQ(c[0].through, "std::lock_guard<std::mutex>::lock_guard(std::mutex&)");
  EXPECT_NE(crossing_text(c[0]).find("locklab cannot see it"), std::string::npos) << crossing_text(c[0]);
}

TEST(BoundaryScan, LocklabsOwnHeaderInlineAtomicsAreNotTheLearners) {
  // Mutex's fast path, inlined from lab/include into the learner's line.
  const std::vector<Crossing> c = scan(R"(
Disassembly of section .text:

0000000000000000 <_Z2f2v>:
_ZNSt13__atomic_baseIjE21compare_exchange_strongERjjSt12memory_orderS2_():
/usr/include/c++/12/bits/atomic_base.h:558
inlined by /src/lab/include/locklab/sync/mutex.h:40 (_ZN7locklab5Mutex4lockENS_4SiteE)
inlined by /src/exercises/demo/exercise.cpp:12 (_Z2f2v)
   0:	lock cmpxchg %edx,(%rdi)
)");
  EXPECT_TRUE(c.empty()) << crossing_text(c.front());
}

TEST(BoundaryScan, SharedPtrCountsAreNotTheLearnersAtomics) {
  const std::vector<Crossing> c = scan(R"(
Disassembly of section .text:

0000000000000000 <_Z2f3v>:
_ZN9__gnu_cxxL18__exchange_and_addEPVii():
/usr/include/c++/12/ext/atomicity.h:66
inlined by /usr/include/c++/12/bits/shared_ptr_base.h:346 (_ZNSt16_Sp_counted_baseILN9__gnu_cxx12_Lock_policyE2EE10_M_releaseEv)
inlined by /src/exercises/demo/exercise.cpp:20 (_Z2f3v)
   0:	lock xadd %eax,0x8(%rdi)
)");
  EXPECT_TRUE(c.empty()) << crossing_text(c.front());
}

const char* const kAtomicFetchAdd = R"(
Disassembly of section .text:

0000000000000000 <_Z2f4v>:
_ZNSt13__atomic_baseImE9fetch_addEmSt12memory_order():
/usr/include/c++/12/bits/atomic_base.h:631
inlined by /src/exercises/demo/exercise.cpp:30 (_Z2f4v)
   0:	lock addq $0x1,(%rdi)
)";

TEST(BoundaryScan, AnInlinedStdAtomicIsTheLearnersAtomic) {
  const std::vector<Crossing> c = scan(kAtomicFetchAdd);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, BoundaryKind::kAtomic);
  EXPECT_EQ(c[0].where, "exercise.cpp:30");
  EXPECT_EQ(c[0].symbol, "std::__atomic_base<unsigned long>::fetch_add(unsigned long, std::memory_order)");
}

TEST(BoundaryScan, AnAtomicFlagIsASpinLockNotAnAtomic) {
  const std::vector<Crossing> c = scan(R"(
Disassembly of section .text:

0000000000000000 <_Z2f5v>:
_ZNSt11atomic_flag12test_and_setESt12memory_order():
/usr/include/c++/12/bits/atomic_base.h:212
inlined by /src/exercises/demo/exercise.cpp:40 (_Z2f5v)
   0:	xchg   %al,0x0(%rip)        # 8 <_Z2f5v+0x8>	2: R_X86_64_PC32	busy-0x4
)");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, BoundaryKind::kSync);
  EXPECT_NE(c[0].what.find("std::atomic_flag"), std::string::npos) << c[0].what;
}

TEST(BoundaryScan, AnOutOfLineHeaderFunctionIsJudgedAtItsCaller) {
  // std::unique_lock<std::mutex>::lock() emitted in a section of its own,
  // called from the learner's line 50.
  const std::vector<Crossing> c = scan(R"(
Disassembly of section .text._ZNSt11unique_lockISt5mutexE4lockEv:

0000000000000000 <_ZNSt11unique_lockISt5mutexE4lockEv>:
_ZNSt11unique_lockISt5mutexE4lockEv():
/usr/include/c++/12/bits/unique_lock.h:139
   0:	call   5 <_ZNSt11unique_lockISt5mutexE4lockEv+0x5>	1: R_X86_64_PLT32	pthread_mutex_lock-0x4

Disassembly of section .text:

0000000000000000 <_Z2f6v>:
_Z2f6v():
/src/exercises/demo/exercise.cpp:50
   0:	call   5 <_Z2f6v+0x5>	1: R_X86_64_PLT32	_ZNSt11unique_lockISt5mutexE4lockEv-0x4
)");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].where, "exercise.cpp:50");
  EXPECT_EQ(c[0].symbol, "pthread_mutex_lock");
  EXPECT_EQ(c[0].through, "std::unique_lock<std::mutex>::lock()");
}

TEST(BoundaryScan, LocklabsOwnOutOfLineFunctionsDoNotMarkTheirCallers) {
  // A lab template emitted out of line with a std::mutex inside, whose line
  // info names only system headers: still locklab's, not the learner's.
  const std::vector<Crossing> c = scan(R"(
Disassembly of section .text._ZN7locklab4ChanIiE4sendEiNS_4SiteE:

0000000000000000 <_ZN7locklab4ChanIiE4sendEiNS_4SiteE>:
_ZN7locklab4ChanIiE4sendEiNS_4SiteE():
/usr/include/c++/12/bits/std_mutex.h:104
   0:	call   5 <_ZN7locklab4ChanIiE4sendEiNS_4SiteE+0x5>	1: R_X86_64_PLT32	pthread_mutex_lock-0x4

Disassembly of section .text:

0000000000000000 <_Z2f8v>:
_Z2f8v():
/src/exercises/demo/exercise.cpp:70
   0:	call   5 <_Z2f8v+0x5>	1: R_X86_64_PLT32	_ZN7locklab4ChanIiE4sendEiNS_4SiteE-0x4
)");
  EXPECT_TRUE(c.empty()) << crossing_text(c.front());
}

TEST(BoundaryScan, SleepsAndYieldsAreNoAddedSleepsWhateverTheSpelling) {
  for (const char* symbol : {"nanosleep", "clock_nanosleep", "usleep", "poll", "select", "sched_yield", "system"}) {
    const auto r = rule_for_symbol(symbol);
    ASSERT_TRUE(r) << symbol;
    EXPECT_EQ(r->kind, BoundaryKind::kSleep) << symbol;
  }
  EXPECT_FALSE(rule_for_symbol("_ZN7locklab8sleep_forENSt6chrono8durationIlSt5ratioILl1ELl1000000000EEEENS_4SiteE"))
      << "locklab's own sleep_for is the lab's, and no-added-sleep counts it from the trace";
}

TEST(BoundaryScan, ALabTryLockThroughStdUniqueLockIsMarkedForNoTryLockSpin) {
  const char* const kListing = R"(
Disassembly of section .text:

0000000000000000 <_Z2f7v>:
_ZNSt11unique_lockIN7locklab5MutexEEC2ERS1_St13try_to_lock_t():
/usr/include/c++/12/bits/unique_lock.h:78
inlined by /src/exercises/demo/exercise.cpp:60 (_Z2f7v)
   0:	call   5 <_Z2f7v+0x5>	1: R_X86_64_PLT32	_ZN7locklab5Mutex8try_lockENS_4SiteE-0x4
)";
  const std::vector<Crossing> c = scan(kListing);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, BoundaryKind::kWrappedTryLock);
  EXPECT_EQ(c[0].where, "exercise.cpp:60");
  EXPECT_EQ(c[0].through, "std::unique_lock<locklab::Mutex>::unique_lock(locklab::Mutex&, std::try_to_lock_t)");
}

TEST(BoundaryScan, ACallToTheCatalogueIsNamed) {
  BoundaryPolicy p = policy();
  p.catalogue_symbols = {"_ZN7locklab4bugs4demo10make_fixedEv"};
  const std::vector<Crossing> c = scan_boundary(parse_listing(R"(
Disassembly of section .text:

0000000000000000 <_ZN7locklab4bugs4demo13make_exerciseEv>:
_ZN7locklab4bugs4demo13make_exerciseEv():
/src/exercises/demo/exercise.cpp:8
   0:	jmp    5 <_ZN7locklab4bugs4demo13make_exerciseEv+0x5>	1: R_X86_64_PLT32	_ZN7locklab4bugs4demo10make_fixedEv-0x4
)",
                                                               "0000000000000000         *UND*	0000000000000000 "
                                                               "_ZN7locklab4bugs4demo10make_fixedEv\n"),
                                                 p);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, BoundaryKind::kCatalogue);
  EXPECT_EQ(c[0].symbol, "locklab::bugs::demo::make_fixed()");
  EXPECT_EQ(c[0].where, "exercise.cpp:8");
}

TEST(CatalogueSymbols, VariantObjectsAreKnownByTheirRole) {
  EXPECT_TRUE(is_variant_object("/b/bugs/CMakeFiles/locklab_bugs.dir/./Unity/unity_bugs_fixed_atomic_cxx.cxx.o"));
  EXPECT_TRUE(is_variant_object("/b/bugs/CMakeFiles/locklab_bugs.dir/./Unity/unity_bugs_buggy_cxx.cxx.o"));
  EXPECT_TRUE(is_variant_object("/b/bugs/CMakeFiles/locklab_bugs.dir/lock-held-across-io/fixed.cpp.o"));
  EXPECT_FALSE(is_variant_object("/b/bugs/CMakeFiles/locklab_bugs.dir/./Unity/unity_bugs_take_front_cxx.cxx.o"));
  EXPECT_FALSE(is_variant_object("/b/bugs/CMakeFiles/locklab_bugs.dir/./Unity/unity_bugs_workload_cxx.cxx.o"));
  EXPECT_FALSE(is_variant_object("/b/bugs/CMakeFiles/locklab_bugs.dir/rwmutex-reload-starves-readers/workload.cpp.o"));
}

TEST(CatalogueSymbols, OnlyGlobalDefinitionsCount) {
  const std::set<std::string> s = defined_globals(
      "0000000000000000 g     F .text\t0000000000000051 _ZN7locklab4bugs4demo10make_fixedEv\n"
      "0000000000000000  w    F .text._ZNSt6vectorIiE9push_backEv\t0000000000000010 _ZNSt6vectorIiE9push_backEv\n"
      "0000000000000000 l     F .text\t0000000000000010 _ZN12_GLOBAL__N_14helpEv\n"
      "0000000000000000         *UND*\t0000000000000000 pthread_mutex_lock\n");
  EXPECT_EQ(s, (std::set<std::string>{"_ZN7locklab4bugs4demo10make_fixedEv"}));
}

}  // namespace
