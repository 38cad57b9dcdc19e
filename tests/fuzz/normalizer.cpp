// SPDX-License-Identifier: MIT
// The normalizer on any valid UTF-8 (its precondition; corpus readers check bytes first): the
// output is valid UTF-8 and a fixed point (normalize(normalize(x)) == normalize(x)), with lines
// kept and with --join-lines.
#include "fuzz_support.hpp"

#include <supanalyze/text/normalizer.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  if (!fuzz::valid_utf8(input)) return -1; // not kept in the corpus
  static const text::Normalizer lines;
  static const text::Normalizer joined(text::NormalizeOptions{.join_lines = true});
  for (const text::Normalizer *normalizer : {&lines, &joined}) {
    const std::string once = normalizer->normalize(input);
    fuzz::check(fuzz::valid_utf8(once), "normalize() wrote invalid UTF-8");
    fuzz::check(normalizer->normalize(once) == once, "normalize() is not idempotent");
  }
  return 0;
}
