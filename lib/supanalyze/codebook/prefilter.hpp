// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::codebook {

// Every set of literals of which each match of the ICU regular expression `pattern` holds one:
// each top-level literal alone, and the alternatives of each top-level group that must occur;
// none when that is not certain (a top-level alternation, an inline flag). The fast matching
// path runs a pattern's regex only on segments that hold a member of every set (the pattern
// prefilter of ARCHITECTURE.md's Matching); public for its tests. required_literals
// (matcher.hpp) is the single set of these with the longest shortest member.
std::vector<std::vector<std::string>> required_literal_groups(std::string_view pattern);

} // namespace supanalyze::codebook
