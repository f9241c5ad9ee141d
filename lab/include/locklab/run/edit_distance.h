// The edit distance between two names, for "did you mean ...?" suggestions
// (unknown bug ids, exercise ids).
#pragma once

#include <cstddef>
#include <string_view>

namespace locklab {

/// Levenshtein distance: the fewest single-character insertions, deletions
/// and substitutions that turn `a` into `b`. O(|a|·|b|) time, O(|b|) memory.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace locklab
