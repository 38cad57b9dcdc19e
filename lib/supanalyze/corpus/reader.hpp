// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/corpus/model.hpp>
#include <supanalyze/diagnostics.hpp>

#include <filesystem>
#include <functional>
#include <string>

namespace supanalyze::corpus {

// Reads a corpus: a folder (corpus.yaml + <instrument>/<province>.md transcripts, see
// docs/corpus-format.md) or a long table file (.tsv or .csv) whose metadata come from `meta`
// (a corpus.yaml), by default the corpus.yaml beside the table. Text is normalized as it is
// read. Every problem goes to `diagnostics` with its file, line and column; reading goes on
// past errors so that `corpus check` can list them all.
Corpus read_corpus(const std::filesystem::path& path, Diagnostics& diagnostics,
                   const std::filesystem::path& meta = {});

// Reads and throws InputError at the first error (warnings are ignored).
Corpus read_corpus(const std::filesystem::path& path, const std::filesystem::path& meta = {});

// Hands the answers of the corpus at `path` to `on_answer` one at a time. A .tsv table is read
// row by row and never held whole (its rows must be grouped by answer, as `corpus export`
// writes them); folders and CSV are read whole first. `metadata` is the corpus.yaml read with
// read_metadata. Errors throw InputError.
void stream_corpus(const std::filesystem::path& path, const Corpus& metadata, Diagnostics& diagnostics,
                   const std::function<void(const Answer&)>& on_answer);

// Reads only corpus.yaml (no answers).
Corpus read_metadata(const std::filesystem::path& corpus_yaml, Diagnostics& diagnostics);

// The corpus bundled with the tool (corpora/ssw3-2564): $SUPANALYZE_CORPUS when set, else the
// source tree's copy.
std::filesystem::path bundled_corpus_path();

} // namespace supanalyze::corpus
