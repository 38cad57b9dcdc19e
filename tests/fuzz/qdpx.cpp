// SPDX-License-Identifier: MIT
// REFI-QDA projects (.qdpx): the project reader, then the project as a corpus (`corpus import`)
// and as a coding of the bundled corpus (`agree --reference x.qdpx`).
#include "fuzz_support.hpp"

#include <supanalyze/office/xlsx.hpp>
#include <supanalyze/qda/project_reader.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  fuzz::bundled_corpus();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string bytes(fuzz::as_text(data, size));
  if (!office::looks_like_zip(bytes)) return -1;
  qda::Project project;
  try {
    project = qda::read_qdpx(bytes, "fuzz.qdpx");
  } catch (const Error &) {
    return 0;
  }
  for (const auto &source : project.sources) {
    fuzz::check(fuzz::valid_utf8(source.text), "a source that is not UTF-8");
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
  return 0;
}
