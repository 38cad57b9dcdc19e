// SPDX-License-Identifier: MIT
#pragma once
// Numbers read from the command line and from YAML: checked against their allowed range where
// they are read, so that no value wraps around (2147483648 read into an int) or turns a check
// off (NaN compares false with everything). The limits are listed in docs/limits.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace supanalyze {

// The decimal integer `text` (an optional sign, then digits, nothing else) when it lies in
// [min, max]; otherwise throws Error "'TEXT' is not a whole number from MIN to MAX".
long long parse_integer(std::string_view text, long long min, long long max);

// The decimal number `text` when it is finite and lies in [min, max]; NaN, infinities and
// anything else throw Error "'TEXT' is not a number from MIN to MAX".
double parse_real(std::string_view text, double min, double max);

// The decimal digits `text` as a number; nothing when `text` is empty, holds anything but the
// digits 0-9 (no sign, no space) or is past 2^64 - 1. For the counts and positions other programs
// write into files (a sheet's row number, a Word cell's column span, a REFI-QDA position), before
// each is checked against its own range.
std::optional<std::uint64_t> parse_digits(std::string_view text);

// The value of the hexadecimal digit `c` (0-9, a-f, A-F), or -1 when it is none.
int hex_digit_value(char c);

// The most worker threads -j accepts: 4 per core of this machine (at least 4).
unsigned max_threads();

} // namespace supanalyze
