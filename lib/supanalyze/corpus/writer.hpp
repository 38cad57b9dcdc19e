// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/corpus/model.hpp>

#include <filesystem>
#include <ostream>
#include <string>

namespace supanalyze::corpus {

enum class TableFormat { tsv, csv };

// The long table form: header `corpus year instrument question province segment text label`,
// one row per segment, in corpus order.
void write_table(const Corpus &corpus, TableFormat format, std::ostream &out);
// The same in pieces, for answers that come one at a time (`corpus` gives the ids).
void write_table_header(TableFormat format, std::ostream &out);
void write_table_rows(const Corpus &corpus, const Answer &answer, TableFormat format, std::ostream &out);

// corpus.yaml for `corpus` (ids, Thai labels, year, questions), for a corpus whose metadata did
// not come from a file (a table read without corpus.yaml, a Word appendix): a person completes
// the labels, and `code` reads the same ids back.
std::string metadata_yaml(const Corpus &corpus);

// One transcript (`<instrument>/<province>.md`) in the canonical layout.
std::string transcript_text(const Corpus &corpus, std::size_t instrument, std::size_t province);

// Checks that the folder form can hold every segment of `corpus` as it is, so that an import
// keeps every row or refuses it: no segment without text (a blank line is no segment), no text
// or label with a line break (one line is one segment: a CSV field with a newline would become
// two, shifting every later segment number), no text that reads back as a heading ("## ...").
// Throws InputError at the first such row, with how many more there are.
void check_folder_form(const Corpus &corpus);

// Throws Error when `dir` exists and is not an empty folder: an import writes a new corpus
// folder, and would otherwise merge into whatever is there.
void require_new_folder(const std::filesystem::path &dir);

// Writes the folder form into `dir` (created if needed): `metadata_file` copied byte for byte
// as corpus.yaml (so its comments survive; metadata_yaml when it is empty), and every
// transcript, each file atomically.
void write_folder(const Corpus &corpus, const std::filesystem::path &metadata_file, const std::filesystem::path &dir);

} // namespace supanalyze::corpus
