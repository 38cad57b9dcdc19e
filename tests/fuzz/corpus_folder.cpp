// SPDX-License-Identifier: MIT
// The folder corpus reader on one transcript (<instrument>/<province>.md): the folder reader
// takes a path only, so the bytes go to a fixed file on a RAM file system, read against the
// bundled corpus.yaml.
#include "fuzz_support.hpp"

#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/diagnostics.hpp>

using namespace supanalyze;
namespace fs = std::filesystem;

namespace {

const fs::path &corpus_folder() {
  static const fs::path folder = [] {
    const fs::path f = fuzz::scratch_folder() / "corpus";
    fs::create_directories(f / "centre1300");
    return f;
  }();
  return folder;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  fuzz::bundled_metadata();
  corpus_folder();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  fuzz::write_bytes(corpus_folder() / "centre1300" / "nakhonpathom.md", fuzz::as_text(data, size));
  try {
    Diagnostics diagnostics;
    corpus::stream_corpus(corpus_folder(), fuzz::bundled_metadata(), diagnostics, [](corpus::Answer &&answer) {
      fuzz::check(answer.province == 0 && answer.instrument == 0, "an answer from another file");
      for (const auto &segment : answer.segments)
        fuzz::check(fuzz::valid_utf8(segment.text) && fuzz::valid_utf8(segment.label), "a segment that is not UTF-8");
    });
  } catch (const Error &) {
  }
  return 0;
}
