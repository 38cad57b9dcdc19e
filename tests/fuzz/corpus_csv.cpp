// SPDX-License-Identifier: MIT
// The long-table corpus reader on CSV (libcsv, RFC 4180). A tab in the first line would make
// the table TSV, so tabs there become commas: every input reaches the CSV reader.
#include "fuzz_support.hpp"

#include <algorithm>

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  supanalyze::fuzz::bundled_metadata();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string bytes(supanalyze::fuzz::as_text(data, size));
  if (bytes.rfind("PK\x03\x04", 0) == 0) return -1; // a workbook: corpus_xlsx's
  const auto first_line = std::min(bytes.find('\n'), bytes.size());
  std::replace(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(first_line), '\t', ',');
  supanalyze::fuzz::read_table(std::move(bytes));
  return 0;
}
