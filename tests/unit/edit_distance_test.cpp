// edit_distance: the measure behind "did you mean ...?" for bug and exercise ids.
#include "locklab/run/edit_distance.h"

#include <gtest/gtest.h>

namespace locklab {
namespace {

TEST(EditDistance, SameNameIsZero) { EXPECT_EQ(edit_distance("recursive-rlock", "recursive-rlock"), 0u); }

TEST(EditDistance, EmptySideCostsTheOtherLength) {
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", ""), 0u);
}

TEST(EditDistance, CountsOneEditEach) {
  EXPECT_EQ(edit_distance("recursive-rlok", "recursive-rlock"), 1u);   // an insertion
  EXPECT_EQ(edit_distance("recursive-rlocks", "recursive-rlock"), 1u); // a deletion
  EXPECT_EQ(edit_distance("recursive-rlick", "recursive-rlock"), 1u);  // a substitution
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(EditDistance, IsSymmetric) {
  EXPECT_EQ(edit_distance("lock-order-inversion", "lock-held-across-io"),
            edit_distance("lock-held-across-io", "lock-order-inversion"));
}

}  // namespace
}  // namespace locklab
