// SPDX-License-Identifier: MIT
#pragma once
// Office Open XML files (.xlsx workbooks, .docx documents) read with Debian's libzip and
// libxml2. Neither library appears in a public header.

#include <cstddef>
#include <string>
#include <vector>

namespace supanalyze::office {

// One row of a worksheet: its row number as Excel shows it and the cell values by column (index
// 0 is column A; a missing cell is empty).
struct SheetRow {
  std::size_t number = 0;
  std::vector<std::string> cells;
};

struct Sheet {
  std::string name;
  std::vector<SheetRow> rows; // the rows that have a cell, in order
};

// Reads one sheet of the workbook in `bytes` (named `file` in messages): `sheet_name`, or the
// first sheet when it is empty. Cells come as Excel stores them: shared and inline strings as
// their text (rich text runs joined), numbers as written in the file (integers without ".0";
// dates are numbers, their serial day), booleans as TRUE/FALSE, formulas as their cached value.
// A file that is not a workbook (not a zip, an encrypted or legacy OLE file, no
// xl/workbook.xml, no sheets, an unknown sheet name, malformed XML) throws InputError naming
// the file and, where known, the sheet, row and column.
Sheet read_xlsx(const std::string &bytes, const std::string &file, const std::string &sheet_name = "");

// Whether `bytes` starts like a zip archive (an .xlsx or .docx).
bool looks_like_zip(const std::string &bytes);

} // namespace supanalyze::office
