// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/corpus/model.hpp>
#include <supanalyze/diagnostics.hpp>

#include <filesystem>
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

// Reads only corpus.yaml (no answers).
Corpus read_metadata(const std::filesystem::path& corpus_yaml, Diagnostics& diagnostics);

// The corpus bundled with the tool (corpora/ssw3-2564): $SUPANALYZE_CORPUS when set, else the
// source tree's copy.
std::filesystem::path bundled_corpus_path();

} // namespace supanalyze::corpus
