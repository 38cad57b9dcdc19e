// SPDX-License-Identifier: MIT
#include "test_support.hpp"

#include <supanalyze/io.hpp>

#include "cli.hpp"

#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include <stdlib.h>

namespace supanalyze::testing {

std::string test_data(const std::string &name) { return std::string(SUPANALYZE_TEST_DATA) + "/" + name; }
std::string read_test_data(const std::string &name) { return read_file(test_data(name)); }
std::string bundled_corpus() { return std::string(SUPANALYZE_CORPORA) + "/ssw3-2564"; }
std::filesystem::path repo_root() { return std::filesystem::path(SUPANALYZE_CORPORA).parent_path(); }

std::filesystem::path fresh_temp_dir(const std::string &name) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("supanalyze-" + name + "-XXXXXX")).string();
  if (!::mkdtemp(pattern.data()))
    throw std::runtime_error("cannot make a folder " + pattern + ": " + std::strerror(errno));
  return pattern;
}

CliResult run_cli(const std::vector<std::string> &args, const std::string &stdin_text) {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  cli::Context ctx{in, out, err};
  const int code = cli::run(args, ctx);
  return {code, out.str(), err.str()};
}

} // namespace supanalyze::testing
