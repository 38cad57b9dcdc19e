// SPDX-License-Identifier: MIT
// diff's reader of freq and matrix JSON tables, then the comparison of what it read with a
// real result (examples/results) both ways.
#include "fuzz_support.hpp"

#include <supanalyze/diff/compare.hpp>
#include <supanalyze/diff/counts.hpp>
#include <supanalyze/io.hpp>

using namespace supanalyze;

namespace {

const diff::Counts &real_result() {
  static const diff::Counts counts = [] {
    const auto path = fuzz::source_path("examples/results/ssw3-2564/freq.json");
    return diff::read_table_json(read_file(path), path.string());
  }();
  return counts;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  real_result();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string json(fuzz::as_text(data, size));
  for (const bool english : {false, true}) {
    try {
      const diff::Counts counts = diff::read_table_json(json, "fuzz.json", english);
      diff::compare(real_result(), counts, {});
      diff::compare(counts, real_result(), {});
    } catch (const Error &) {
    }
  }
  return 0;
}
