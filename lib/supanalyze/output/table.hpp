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
// header. Several tables are separated by a blank line.
void write_terminal(const Table &table, std::ostream &out);
void write_markdown(const Table &table, std::ostream &out);
// CSV/TSV: a header of column keys, then the rows; `with_header` false for continuation tables.
void write_delimited(const Table &table, Format format, std::ostream &out, bool with_header = true);

// Pads `text` to `width` display columns.
std::string pad(const std::string &text, std::size_t width, Align align);

// A CSV field quoted as RFC 4180 requires.
std::string csv_field(const std::string &text);

} // namespace supanalyze::output
