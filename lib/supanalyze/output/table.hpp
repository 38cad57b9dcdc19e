// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/output/format.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace supanalyze::output {

enum class Align { left, right };

struct Column {
  std::string key;    // machine name (CSV/TSV header, JSON key)
  std::string header; // what a person reads (terminal and Markdown)
  Align align = Align::left;
};

// A titled table of text cells; every writer prints the same cells.
struct Table {
  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> notes; // printed under terminal and Markdown tables
};

// Terminal: columns aligned by display width (Thai marks are zero-width), a rule under the
// header. Several tables are separated by a blank line. With `width` > 0 the table fits that
// many display columns: the title and the widest left-aligned columns (labels, text) are
// shortened with "…", and when that is not enough the columns after the leading left-aligned
// ones (a matrix's counts) are split into groups printed one under the other, each repeating
// the row labels (notes are printed whole). Returns whether anything was shortened or split;
// `width` 0 prints it whole.
bool write_terminal(const Table &table, std::ostream &out, std::size_t width = 0);
void write_markdown(const Table &table, std::ostream &out);
// CSV/TSV: a header of column keys, then the rows; `with_header` false for continuation tables.
void write_delimited(const Table &table, Format format, std::ostream &out, bool with_header = true);

// `text` cut to at most `width` display columns, ending in "…" when cut; a cut falls between
// characters that take a column, so a Thai mark stays with its letter.
std::string shorten(const std::string &text, std::size_t width);

// Pads `text` to `width` display columns.
std::string pad(const std::string &text, std::size_t width, Align align);

// A CSV field quoted as RFC 4180 requires.
std::string csv_field(const std::string &text);

} // namespace supanalyze::output
