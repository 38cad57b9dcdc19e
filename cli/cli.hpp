// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <exception>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace supanalyze {
class Diagnostics;
}

namespace supanalyze::cli {

// The streams a command reads and writes, and the exit code it asks for. Tests run commands
// in-process with string streams.
struct Context {
  std::istream &in;
  std::ostream &out;
  std::ostream &err;
  int exit_code = 0;
  std::size_t terminal_width = 0; // `out` is a terminal this wide (main sets it); 0: a file or pipe
};

// Prints the warnings in `diagnostics` (a file that is not a transcript, a missing answer, a
// table read without corpus.yaml) on the running command's standard error: every command that
// reads a corpus says what it skipped, not only `corpus check`.
void report_warnings(const Diagnostics &diagnostics);

// Parses `args` (without the program name) and runs the subcommand; returns the exit code.
// Every error is caught here and printed as "supanalyze: error: ..." (report_failure).
int run(const std::vector<std::string> &args, Context &ctx);

// Prints `failure` on ctx.err and returns its exit code: a supanalyze::Error (bad input or
// usage) its own code, usually 2; anything else is a bug in supanalyze (a std::exception the
// code did not turn into an Error) and gets k_exit_internal (70) and a "this is a bug" message.
int report_failure(std::exception_ptr failure, Context &ctx);

// One per subcommand file.
void setup_normalize(CLI::App &app, Context &ctx);
void setup_tokenize(CLI::App &app, Context &ctx);
void setup_corpus(CLI::App &app, Context &ctx);
void setup_code(CLI::App &app, Context &ctx);
void setup_freq(CLI::App &app, Context &ctx);
void setup_matrix(CLI::App &app, Context &ctx);
void setup_run(CLI::App &app, Context &ctx);
void setup_diff(CLI::App &app, Context &ctx);
void setup_agree(CLI::App &app, Context &ctx);
void setup_kwic(CLI::App &app, Context &ctx);
void setup_codebook(CLI::App &app, Context &ctx);
void setup_report(CLI::App &app, Context &ctx);
void setup_uncoded(CLI::App &app, Context &ctx);
void setup_terms(CLI::App &app, Context &ctx);
void setup_completion(CLI::App &app, Context &ctx);
void setup_manpage(CLI::App &app, Context &ctx);

} // namespace supanalyze::cli
