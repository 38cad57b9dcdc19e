// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/corpus/model.hpp>

#include <filesystem>
#include <string>

namespace supanalyze::corpus {

// Reads the tables of a Word appendix (the .docx at `path`, tables 1-25 of the report: one
// table per question, one column per province) into a corpus.
// - Tables in document order are the questions in `metadata`'s order, unless a paragraph
//   before a table equals a question's text (a leading "1." ignored): then that question.
// - A table whose caption says "(ต่อ)", or repeats the previous caption, continues it (the seed
//   prints each question as two tables of four provinces).
// - The header row names the provinces (Thai names or ids). A first column whose header is no
//   province names its rows (table 1's seven areas): the row's segments get that label.
// - Each non-empty paragraph of a cell is a segment; a bold or heading-styled paragraph is a
//   label for the segments after it; Word list numbering becomes a typed "N. ".
// Without `metadata` (nullptr), the metadata are made from the document: one instrument named
// after the file, questions q1..qN with the text before each table, provinces in the order of
// the header cells with ids made from their names; then a first column is a row-label column
// when the table has more than one body row. Any mismatch (more tables than questions, an
// unknown province column, a merged cell that spans provinces, no table at all) throws
// InputError naming `path[table N]`, row and column.
Corpus import_appendix(const std::filesystem::path &path, const Corpus *metadata);

// The same for the .docx already read into `bytes`; `path` names it in messages (and gives the
// instrument's id without `metadata`). The fuzz target reads appendices this way.
Corpus import_appendix(const std::string &bytes, const std::filesystem::path &path, const Corpus *metadata);

} // namespace supanalyze::corpus
