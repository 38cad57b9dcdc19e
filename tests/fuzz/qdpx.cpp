// SPDX-License-Identifier: MIT
// REFI-QDA projects (.qdpx): the project reader, then the project as a corpus (`corpus import`)
// and as a coding of the bundled corpus (`agree --reference x.qdpx`).
#include "fuzz_support.hpp"

#include <supanalyze/qda/project_reader.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  return fuzz::zip_target(data, size, [](const std::string &bytes) {
    qda::Project project;
    try {
      project = qda::read_qdpx(bytes, "fuzz.qdpx");
    } catch (const Error &) {
      return;
    }
    for (const auto &source : project.sources) {
      fuzz::check(fuzz::valid_utf8(source.text), "a source that is not UTF-8");
      fuzz::check(source.text.find('\0') == std::string::npos, "a source with a NUL byte");
      for (const auto &s : source.selections)
        fuzz::check(s.start <= s.end && s.end <= text::code_point_count(source.text), "a selection outside its source");
    }
    try {
      qda::project_corpus(project, "fuzz", 2564);
    } catch (const Error &) {
    }
    try {
      std::vector<std::string> unmatched;
      qda::project_coding(project, fuzz::bundled_corpus(), codebook::default_codebook(), unmatched);
    } catch (const Error &) {
    }
  });
}
