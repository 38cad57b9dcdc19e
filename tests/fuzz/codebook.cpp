// SPDX-License-Identifier: MIT
// The codebook loader on any bytes (YAML or not): it reports problems as diagnostics or throws
// Error, nothing else. A codebook it accepts is compiled and codes a few of the bundled
// corpus's answers; every coding lies inside its segment, on code point boundaries.
#include "fuzz_support.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/diagnostics.hpp>

#include <algorithm>
#include <vector>

using namespace supanalyze;

namespace {

// Segments of the bundled corpus to code with each accepted codebook (a few: speed matters).
const std::vector<std::string> &sample_texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    const auto &answers = fuzz::bundled_corpus().answers;
    for (std::size_t a = 0; a < answers.size() && out.size() < 16; a += 7)
      for (const auto &segment : answers[a].segments)
        out.push_back(segment.text);
    out.resize(std::min<std::size_t>(out.size(), 16));
    return out;
  }();
  return texts;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  sample_texts();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string yaml(fuzz::as_text(data, size));
  try {
    Diagnostics diagnostics;
    const codebook::Codebook cb = codebook::parse_codebook(yaml, "fuzz.yaml", diagnostics);
    if (diagnostics.has_errors()) return 0;
    const codebook::Matcher matcher(cb);
    codebook::MatchSession session(matcher);
    std::vector<codebook::Coding> codings;
    for (const auto &text : sample_texts()) {
      session.code(text, codings);
      for (const auto &c : codings) {
        fuzz::check(c.theme < cb.themes.size(), "a coding of no theme");
        if (!c.in_label) fuzz::check(c.start <= c.end && c.end <= text.size(), "a coding outside its segment");
      }
    }
  } catch (const Error &) {
  }
  return 0;
}
