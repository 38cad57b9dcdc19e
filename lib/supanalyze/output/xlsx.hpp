// SPDX-License-Identifier: MIT
#pragma once
// XLSX workbooks (libxlsxwriter): each table a sheet with its title in row 1, a bold frozen
// header row with an autofilter, column widths fitted to the text's display width (Thai marks
// take no column), numbers as numeric cells, and optionally a colour-scale heatmap and row
// label fills. Same sheets, same bytes: the workbook's creation time is fixed.

#include <supanalyze/output/table.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace supanalyze::output {

// How a column's cells are written: text; integer ("12", written as the number 12); or
// percent ("87.5%", written as 0.875 shown as 87.5%). A cell that does not parse stays text.
enum class CellKind { text, integer, percent };

// Rows [first_row, last_row] x columns [first_col, last_col] of a sheet's table.rows (0-based).
struct CellRange {
  std::size_t first_row = 0, last_row = 0, first_col = 0, last_col = 0;
};

struct Sheet {
  std::string name;                  // the wanted sheet name; made valid (31 characters, no []:*?/\) and unique
  std::string title;                 // row 1 in bold: the question text, or what the table shows
  Table table;                       // row 2 the column headers, then the rows, then the notes
  std::vector<CellKind> kinds;       // per column; missing columns are text
  std::optional<CellRange> heatmap;  // a three-colour scale over these cells (low white, high red)
  std::vector<std::string> row_fill; // per row of table.rows: "#rrggbb" fill of column fill_column, or ""
  std::size_t fill_column = 0;
};

// The bytes of a workbook holding `sheets` in order. Throws Error when the workbook cannot be
// written (a temporary file in the system's temporary folder is used and removed).
std::string xlsx_workbook(const std::vector<Sheet> &sheets);

// A valid, unique sheet name for `wanted` given the names already `used` (appends " (2)", ...).
std::string sheet_name(const std::string &wanted, const std::vector<std::string> &used);

} // namespace supanalyze::output
