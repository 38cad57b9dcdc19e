// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace supanalyze::office {

// One paragraph of a Word document: its text (runs joined; tabs and breaks as spaces) and how
// it is marked up.
struct Paragraph {
  std::string text;
  std::string style;     // the paragraph style id ("Heading2", "ListNumber"), or empty
  bool numbered = false; // a Word list item (numbering of its own or of its style)
  std::string list;      // the list it belongs to (w:numId), when numbered
  bool bold = false;     // every run with text is bold
};

// A table cell: its paragraphs, how many grid columns it spans (w:gridSpan), and whether it
// continues a cell merged from the row above (w:vMerge without "restart").
struct TableCell {
  std::vector<Paragraph> paragraphs;
  std::size_t span = 1;
  bool continues_above = false;
};

struct Table {
  std::vector<std::vector<TableCell>> rows;
  std::vector<Paragraph> before; // the body paragraphs between the previous table and this one
};

struct Document {
  std::vector<Table> tables; // in document order
};

// Reads the body of the .docx in `bytes` (named `file` in messages): every top-level table
// with the paragraphs before it. Not a .docx (not a zip, encrypted, no word/document.xml,
// malformed XML) throws InputError naming the file.
Document read_docx(const std::string &bytes, const std::string &file);

} // namespace supanalyze::office
