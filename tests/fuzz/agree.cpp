// SPDX-License-Identifier: MIT
// agree's coding readers (TSV, CSV, JSONL; code outputs and cell tables) against the bundled
// corpus and the default codebook: every mark they accept points into them.
#include "fuzz_support.hpp"

#include <supanalyze/agreement/reader.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  fuzz::bundled_corpus();
  codebook::default_codebook();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const corpus::Corpus &corpus = fuzz::bundled_corpus();
  const codebook::Codebook &cb = codebook::default_codebook();
  try {
    const agreement::Coding coding = agreement::parse_coding(fuzz::as_text(data, size), "fuzz.tsv", corpus, cb);
    for (const auto &mark : coding.marks) {
      fuzz::check(mark.answer < corpus.answers.size() && mark.theme < cb.themes.size(), "a mark outside the corpus");
      if (mark.segment)
        fuzz::check(*mark.segment < corpus.answers[mark.answer].segments.size(), "a mark of no segment");
    }
  } catch (const Error &) {
  }
  return 0;
}
