// SPDX-License-Identifier: MIT
// corpus.yaml, the metadata of a folder or table corpus: read from a fixed file on a RAM file
// system (the reader takes a path).
#include "fuzz_support.hpp"

#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/diagnostics.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static const std::filesystem::path file = fuzz::scratch_folder() / "corpus.yaml";
  fuzz::write_bytes(file, fuzz::as_text(data, size));
  try {
    Diagnostics diagnostics;
    const corpus::Corpus c = corpus::read_metadata(file, diagnostics);
    if (diagnostics.has_errors()) return 0;
    for (const auto &instrument : c.instruments)
      fuzz::check(!instrument.id.empty(), "an instrument without an id");
  } catch (const Error &) {
  }
  return 0;
}
