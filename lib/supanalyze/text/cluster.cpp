// SPDX-License-Identifier: MIT
#include <supanalyze/text/cluster.hpp>

namespace supanalyze::text {

std::size_t thai_letter_count(std::string_view word) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < word.size();) {
    const char32_t c = decode_at(word, i);
    if (thai::is_letter(c) && !thai::is_combining(c)) ++n;
  }
  return n;
}

} // namespace supanalyze::text
