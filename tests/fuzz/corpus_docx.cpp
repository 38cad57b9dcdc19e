// SPDX-License-Identifier: MIT
// The .docx reader (libzip, libxml2) and the Word appendix import (`corpus import`), against
// the bundled corpus.yaml and with metadata made from the document.
#include "fuzz_support.hpp"

#include <supanalyze/corpus/appendix.hpp>
#include <supanalyze/office/docx.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  return fuzz::zip_target(data, size, [](const std::string &bytes) {
    try {
      office::read_docx(bytes, "fuzz.docx");
    } catch (const Error &) {
      return; // the import refuses it the same way
    }
    for (const corpus::Corpus *metadata : {&fuzz::bundled_metadata(), static_cast<const corpus::Corpus *>(nullptr)}) {
      try {
        const corpus::Corpus c = corpus::import_appendix(bytes, "fuzz.docx", metadata);
        for (const auto &answer : c.answers) {
          fuzz::check(answer.instrument < c.instruments.size() && answer.province < c.provinces.size() &&
                          answer.question < c.instruments[answer.instrument].questions.size(),
                      "an answer outside the corpus");
          for (const auto &segment : answer.segments)
            fuzz::check(fuzz::valid_utf8(segment.text), "a segment that is not UTF-8");
        }
      } catch (const Error &) {
      }
    }
  });
}
