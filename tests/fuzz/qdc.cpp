// SPDX-License-Identifier: MIT
// REFI-QDA codebooks (.qdc, XML): the reader (`codebook import`).
#include "fuzz_support.hpp"

#include <supanalyze/qda/codebook.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  try {
    const codebook::Codebook cb = qda::read_qdc(std::string(fuzz::as_text(data, size)), "fuzz.qdc");
    for (const auto &theme : cb.themes)
      fuzz::check(!theme.id.empty(), "a theme without an id");
  } catch (const Error &) {
  }
  return 0;
}
