// SPDX-License-Identifier: MIT
#include "cli.hpp"

#include <iostream>

int main(int argc, char **argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  supanalyze::cli::Context ctx{std::cin, std::cout, std::cerr};
  return supanalyze::cli::run(args, ctx);
}
