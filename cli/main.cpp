// SPDX-License-Identifier: MIT
#include "analysis.hpp"
#include "cli.hpp"

#include <supanalyze/io.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

#include <sys/ioctl.h>
#include <unistd.h>

namespace {

// The width of the terminal standard output is, or 0 when it is a file or a pipe: $COLUMNS
// when set, else the terminal's own size, else 80.
std::size_t terminal_width() {
  if (!isatty(STDOUT_FILENO)) return 0;
  if (const char *columns = std::getenv("COLUMNS")) {
    char *end = nullptr;
    const unsigned long n = std::strtoul(columns, &end, 10);
    if (end != columns && *end == '\0' && n > 0 && n < 100000) return n;
  }
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

} // namespace

int main(int argc, char **argv) {
  std::ios::sync_with_stdio(false);
  supanalyze::remove_temporaries_on_signals(); // a stopped command leaves no temporary file
  std::vector<std::string> args(argv + 1, argv + argc);
  supanalyze::cli::Context ctx{std::cin, std::cout, std::cerr};
  ctx.terminal_width = terminal_width();
  supanalyze::cli::keep_analyses_until_exit(); // one command per process: exit frees it all at once
  return supanalyze::cli::run(args, ctx);
}
