// SPDX-License-Identifier: MIT
// A run's manifest.json as `diff` reads it (run::manifest_inputs, run::manifest_files): a person
// may have edited it, so any bytes must give an answer or an Error naming the file.
#include "fuzz_support.hpp"

#include <supanalyze/run/manifest.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string json(fuzz::as_text(data, size));
  if (const auto inputs = run::manifest_inputs(json)) {
    fuzz::check(inputs->year >= 0 && inputs->year < 100000, "a year outside 0-99999");
    fuzz::check(inputs->facts.size() == 5, "not the five facts diff compares");
  }
  try {
    run::manifest_files(json, "manifest.json");
  } catch (const Error &) {
  }
  return 0;
}
