// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace supanalyze::audit {

// The last `columns` display columns of `text` before byte `start` (whole clusters only: a cut
// never leaves a Thai mark without its base). Line breaks and tabs become spaces.
std::string left_context(std::string_view text, std::size_t start, std::size_t columns);
// The first `columns` display columns of `text` from byte `end`.
std::string right_context(std::string_view text, std::size_t end, std::size_t columns);

} // namespace supanalyze::audit
