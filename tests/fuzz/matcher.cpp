// SPDX-License-Identifier: MIT
// The matcher of the default codebook on any valid UTF-8 text, normalized as corpus text is:
// codings lie inside the text on code point boundaries, and the fast mode finds exactly the
// codings of the plain reference mode.
#include "fuzz_support.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/text/normalizer.hpp>

#include <vector>

using namespace supanalyze;

namespace {

bool boundary(std::string_view text, std::size_t at) {
  return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  if (!fuzz::valid_utf8(input)) return -1;
  static const codebook::Matcher matcher(codebook::default_codebook());
  static codebook::MatchSession fast(matcher);
  static codebook::MatchSession reference(matcher, codebook::MatchSession::Mode::reference);
  const std::string text = text::normalize(input);
  std::vector<codebook::Coding> found, expected;
  try {
    fast.code(text, found);
    reference.code(text, expected);
  } catch (const Error &) { // a pattern's time limit
    return 0;
  }
  for (const auto &c : found) {
    fuzz::check(c.start < c.end && c.end <= text.size(), "a coding outside the text");
    fuzz::check(boundary(text, c.start) && boundary(text, c.end), "a coding cuts a code point");
  }
  fuzz::check(found == expected, "the fast matcher and the reference matcher disagree");
  return 0;
}
