// SPDX-License-Identifier: MIT
#pragma once
// Shared by the libFuzzer targets (docs/fuzzing.md): the bundled data they are checked against,
// a scratch folder for the one reader that only reads a folder, and the crash rule.
//
// The rule every target enforces: a reader may refuse its input only with supanalyze::Error
// (InputError names the file and where). Any other exception escapes the target, and libFuzzer
// reports it as a crash, as it does for every sanitizer finding and every failed check().

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/text/utf8.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace supanalyze::fuzz {

// The input as text.
inline std::string_view as_text(const std::uint8_t *data, std::size_t size) {
  return {reinterpret_cast<const char *>(data), size};
}

inline bool valid_utf8(std::string_view bytes) { return !text::find_invalid_utf8(bytes); }

// Aborts (a crash libFuzzer saves) with `what` when `ok` is false.
inline void check(bool ok, const char *what) {
  if (ok) return;
  std::fprintf(stderr, "supanalyze fuzz check failed: %s\n", what);
  std::abort();
}

// The one entry of the targets that read a zip file (xlsx, docx, qdpx): calls `read` with the
// input when it starts like a zip and returns 0; returns -1 (not worth keeping) for any other
// input, which the table targets read. The bundled data `read` uses loads on its first call.
int zip_target(const std::uint8_t *data, std::size_t size, const std::function<void(const std::string &)> &read);

// A file or folder of the source tree (the bundled corpus, examples/, tests/data/).
std::filesystem::path source_path(const std::string &relative);

// The bundled corpus (corpora/ssw3-2564) read once: its metadata only, or whole with its answers.
const corpus::Corpus &bundled_metadata();
const corpus::Corpus &bundled_corpus();

// A folder of this process only on a RAM file system (/dev/shm when there is one), removed at exit.
const std::filesystem::path &scratch_folder();

// Writes `bytes` to `path` (in the scratch folder).
void write_bytes(const std::filesystem::path &path, std::string_view bytes);

} // namespace supanalyze::fuzz

namespace supanalyze::fuzz {

// Reads `bytes` as a corpus table given as standard input ("-": a workbook when it starts like
// a zip, TSV when its first line has a tab, CSV otherwise) one of the two ways the tool does:
// against the bundled corpus.yaml (streamed, as code and freq read it), or with its metadata
// made from its own rows (a table without corpus.yaml). Checks what every answer read holds.
void read_table(std::string bytes);

} // namespace supanalyze::fuzz
