// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::text {
class Tokenizer;
}

namespace supanalyze::audit {

// The last `columns` display columns of `text` before byte `start` (whole clusters only: a cut
// never leaves a Thai mark without its base). Line breaks and tabs become spaces.
std::string left_context(std::string_view text, std::size_t start, std::size_t columns);
// The first `columns` display columns of `text` from byte `end`.
std::string right_context(std::string_view text, std::size_t end, std::size_t columns);

// The byte offsets in `text` where a word starts or ends, as `tokenizer` cuts it (with 0 and
// text.size()), sorted: where a context may be cut without splitting a word.
std::vector<std::size_t> word_boundaries(std::string_view text, const text::Tokenizer &tokenizer);

// As above, cut at a word: the context starts (ends) at the farthest offset of `boundaries`
// that fits in `columns`, so อุปสรรค is shown whole or not at all. When even the nearest word
// does not fit, the cut falls between clusters as above.
std::string left_context(std::string_view text, std::size_t start, std::size_t columns,
                         const std::vector<std::size_t> &boundaries);
std::string right_context(std::string_view text, std::size_t end, std::size_t columns,
                          const std::vector<std::size_t> &boundaries);

} // namespace supanalyze::audit
