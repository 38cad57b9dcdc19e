// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/corpus/model.hpp>
#include <supanalyze/diagnostics.hpp>

#include <filesystem>
#include <functional>
#include <string>

namespace supanalyze::corpus {

// Reads a corpus: a folder (corpus.yaml + <instrument>/<province>.md transcripts, see
// docs/corpus-format.md) or a long table (.tsv/.txt, .csv, .xlsx, or "-" for standard input)
// whose metadata come from `meta` (a corpus.yaml), by default the corpus.yaml beside the table,
// else from its rows (load_metadata). Text is normalized as it is
// read. Every problem goes to `diagnostics` with its file, line and column; reading goes on
// past errors so that `corpus check` can list them all.
Corpus read_corpus(const std::filesystem::path &path, Diagnostics &diagnostics, const std::filesystem::path &meta = {});

// Reads and throws InputError at the first error (warnings are ignored).
Corpus read_corpus(const std::filesystem::path &path, const std::filesystem::path &meta = {});

struct StreamOptions {
  // corpus.yaml for a table (default: the one beside it), as for read_corpus.
  std::filesystem::path meta;
  // Hand on segment text and labels as written: the caller normalizes them (normalize() is
  // idempotent, so text that is already normalized may come too), e.g. on worker threads.
  bool defer_normalization = false;
};

// Hands the answers of the corpus at `path` to `on_answer` one at a time, in the order
// read_corpus gives them. A .tsv table whose rows come in that order (grouped by answer, as
// `corpus export` writes them; checked by a quick first pass over the key columns) is read row
// by row and never held whole; any other corpus is read whole first. `metadata` is the
// corpus.yaml read with read_metadata. The first error throws InputError.
void stream_corpus(const std::filesystem::path &path, const Corpus &metadata, Diagnostics &diagnostics,
                   const std::function<void(Answer &&)> &on_answer, const StreamOptions &options = {});

// The corpus.yaml that describes the corpus at `path` (`meta` when given); empty for a table
// with none beside it. Throws Error with a helpful message when `path` is not a corpus, or a
// folder's corpus.yaml or `meta` is missing.
std::filesystem::path metadata_path(const std::filesystem::path &path, const std::filesystem::path &meta = {});

// The metadata of the corpus at `path`: its corpus.yaml (`meta` when given), or for a table
// without one, made from the table's rows (ids as the rows write them, lower-cased, in the
// order they first appear; labels the values) with a warning in `diagnostics` saying so.
Corpus load_metadata(const std::filesystem::path &path, Diagnostics &diagnostics,
                     const std::filesystem::path &meta = {});

// How tables are read, for the whole process (the CLI sets it from its options): the sheet of
// a workbook (`--sheet`; default the first), and where the bytes of a corpus given as "-" come
// from (called once, the first time it is read: the library itself reads no terminal).
struct TableInput {
  std::string sheet;
  std::function<std::string()> standard_input;
};
void set_table_input(TableInput input);
// Sets only the sheet (`--sheet NAME`).
void set_table_sheet(std::string sheet);

// What `corpus check` needs: the metadata and how many answers and segments there are.
struct CheckedCorpus {
  Corpus metadata; // without answers
  std::size_t answers = 0, segments = 0;
};

// Reads the corpus at `path` only to report its problems, all of them, in the order and words
// of read_corpus. A .tsv table in answer order is streamed: each answer is checked, counted
// and dropped; anything else is read whole.
CheckedCorpus check_corpus(const std::filesystem::path &path, Diagnostics &diagnostics,
                           const std::filesystem::path &meta = {});

// Reads only corpus.yaml (no answers).
Corpus read_metadata(const std::filesystem::path &corpus_yaml, Diagnostics &diagnostics);

// The corpus a command reads when it is given none: `chosen` when it is neither null nor empty
// (the program passes $SUPANALYZE_CORPUS; the library reads no environment), else the corpus
// bundled with the tool (ssw3-2564), installed beside the executable
// (data_directory()/corpora/ssw3-2564). Throws Error when that is not there.
std::filesystem::path bundled_corpus_path(const char *chosen);

} // namespace supanalyze::corpus
