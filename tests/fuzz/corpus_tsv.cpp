// SPDX-License-Identifier: MIT
// The long-table corpus reader on TSV (and on whatever else the bytes turn out to be).
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  supanalyze::fuzz::bundled_metadata();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  supanalyze::fuzz::read_table(std::string(supanalyze::fuzz::as_text(data, size)));
  return 0;
}
