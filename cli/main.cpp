// SPDX-License-Identifier: MIT
#include "cli.hpp"

#include <supanalyze/io.hpp>

#include <iostream>

int main(int argc, char **argv) {
  std::ios::sync_with_stdio(false);
  supanalyze::remove_temporaries_on_signals(); // a stopped command leaves no temporary file
  std::vector<std::string> args(argv + 1, argv + argc);
  supanalyze::cli::Context ctx{std::cin, std::cout, std::cerr};
  return supanalyze::cli::run(args, ctx);
}
