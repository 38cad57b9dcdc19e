// SPDX-License-Identifier: MIT
// The .xlsx workbook reader (libzip, libxml2) on its own and as a corpus table.
#include "fuzz_support.hpp"

#include <supanalyze/office/xlsx.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  return fuzz::zip_target(data, size, [](const std::string &bytes) {
    try {
      const office::Sheet sheet = office::read_xlsx(bytes, "fuzz.xlsx");
      std::size_t last = 0;
      for (const auto &row : sheet.rows) {
        fuzz::check(row.number > last, "sheet rows out of order");
        last = row.number;
      }
    } catch (const Error &) {
      return; // the table reader would refuse it the same way
    }
    fuzz::read_table(bytes);
  });
}
