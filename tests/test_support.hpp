// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace supanalyze::testing {

std::string test_data(const std::string &name); // path of tests/data/<name>
std::string read_test_data(const std::string &name);
std::string bundled_corpus();      // path of corpora/ssw3-2564
std::filesystem::path repo_root(); // the source tree's root (README.md, docs/, lib/, ...)

// A new, empty folder in the system's temporary folder, "supanalyze-NAME-XXXXXX", unique to this
// call (mkdtemp): two test runs at the same time never share one.
std::filesystem::path fresh_temp_dir(const std::string &name);

// Runs the CLI in-process: the exit code, what it printed on stdout and on stderr.
struct CliResult {
  int exit_code;
  std::string out;
  std::string err;
};
CliResult run_cli(const std::vector<std::string> &args, const std::string &stdin_text = "");

} // namespace supanalyze::testing
