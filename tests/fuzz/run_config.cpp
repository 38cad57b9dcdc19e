// SPDX-License-Identifier: MIT
// The run configuration (`supanalyze run CONFIG`, docs/run.md): parsed and validated.
#include "fuzz_support.hpp"

#include <supanalyze/diagnostics.hpp>
#include <supanalyze/run/config.hpp>

using namespace supanalyze;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  try {
    Diagnostics diagnostics;
    const run::RunConfig config =
        run::parse_run_config(std::string(fuzz::as_text(data, size)), fuzz::scratch_folder() / "run.yaml", diagnostics);
    if (diagnostics.has_errors()) return 0;
    for (const auto &output : config.outputs)
      fuzz::check(!output.name.empty() && !output.formats.empty(), "an output without a name or a format");
  } catch (const Error &) {
  }
  return 0;
}
