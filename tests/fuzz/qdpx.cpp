// SPDX-License-Identifier: MIT
// REFI-QDA projects (.qdpx): the project reader, then the project as a corpus (`corpus import`)
// and as a coding of the bundled corpus (`agree --reference x.qdpx`).
//
// Two ways in. An input that starts like a zip is the .qdpx itself (the container: its directory,
// sizes, CRCs). Any other input is the project's parts, separated by k_part_separator: the
// project.qde, then the texts of internal://1.txt, internal://2.txt, ... (odd numbers in
// "Sources/", even ones in "sources/", the two spellings tools use), which this target zips with
// libzip as supanalyze's writer does (entries stored, not deflated: zlib's set-up per input
// cost more than the reading) before handing the bytes to the reader. Random bytes in a
// zip break its CRCs and offsets before the XML is parsed; as parts, every mutation reaches the
// project's XML, its source texts and the selections in them (docs/fuzzing.md).
#include "fuzz_support.hpp"

#include <supanalyze/detail/zip.hpp>
#include <supanalyze/qda/project_reader.hpp>

#include <string_view>
#include <utility>
#include <vector>

using namespace supanalyze;

namespace {

// Between two parts (tests/fuzz/dict/xml.dict has it, tests/fuzz/make_seeds.py writes it).
constexpr std::string_view k_part_separator = "\n%%part%%\n";
// project.qde and at most this many texts; the last part takes the rest of the input.
constexpr std::size_t k_max_texts = 7;

std::string zip_of_parts(std::string_view input) {
  std::vector<std::pair<std::string, std::string>> parts;
  for (std::size_t k = 0;; ++k) {
    const std::size_t end = k == k_max_texts ? std::string_view::npos : input.find(k_part_separator);
    std::string name = k == 0 ? "project.qde" : (k % 2 == 1 ? "Sources/" : "sources/") + std::to_string(k) + ".txt";
    parts.emplace_back(std::move(name), std::string(input.substr(0, end)));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + k_part_separator.size());
  }
  return detail::zip_parts(parts, "fuzz parts", detail::ZipMethod::store);
}

void read_project(const std::string &bytes) {
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
    const auto coding = qda::project_coding(project, fuzz::bundled_corpus(), codebook::default_codebook(), unmatched);
    fuzz::check(coding.answers && coding.answers->size() <= project.sources.size(),
                "a project judging answers it has no source for");
  } catch (const Error &) {
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (fuzz::zip_target(data, size, read_project) == 0) return 0; // the container itself
  read_project(zip_of_parts(fuzz::as_text(data, size)));
  return 0;
}
