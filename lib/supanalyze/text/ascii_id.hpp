// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace supanalyze::text {

// What ascii_id does with a byte that is neither a Latin letter, a digit nor one of the
// characters its rules keep (a space, other punctuation, every byte of a Thai letter).
enum class IdOther {
  drop,     // left out: "Code Book" -> "codebook"
  separate, // one '_' for a run of them, none at the start: "Code Book!" -> "code_book_"
  refuse,   // the name makes no id: the result is empty
};

// How a reader makes ids from names. The readers' rules differ and stay as they are: each id
// lands in files users keep (corpus.yaml, a codebook's YAML, theme GUIDs, every output) and
// compare with last year's, so changing one rule would change some user's results.
struct IdRules {
  std::string_view kept;             // punctuation kept as written, besides a-z and 0-9
  IdOther other = IdOther::separate; // every other byte
  std::string_view trimmed;          // characters taken off both ends of the result
};

// An id of a-z, 0-9 and `rules.kept` made from `name`: capitals A-Z lower-cased, other bytes
// as `rules.other` says, then `rules.trimmed` taken off both ends. Empty when nothing is left;
// the caller gives its own fallback ("imported", "code_N", ...).
std::string ascii_id(std::string_view name, const IdRules &rules);

} // namespace supanalyze::text
