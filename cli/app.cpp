// SPDX-License-Identifier: MIT
#include "cli.hpp"

#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/version.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <iterator>
#include <new>

namespace supanalyze::cli {

namespace {

constexpr const char *k_description =
    "supanalyze: qualitative content analysis of Thai focus-group transcripts.\n"
    "Normalizes Thai text (including PDF damage), tokenizes it with ICU word breaking, codes it\n"
    "with a YAML codebook of themes and prints per-question theme frequencies and cross-province\n"
    "matrices. Without a corpus argument, commands use the bundled corpus (ssw3-2564); without\n"
    "-c, the default codebook (msdhs-2564).";

// The command running on this thread, for report_warnings.
thread_local Context *t_current = nullptr;

constexpr const char *k_bug_message =
    "This is a bug in supanalyze, not a problem with your input. Please report it with the command\n"
    "line and `supanalyze --version`.\n";

// Flushes standard output; a write that failed (now or while the command ran: a full disk,
// /dev/full) is an error, never a silent exit 0.
int finish_output(Context &ctx, int exit_code) {
  ctx.out.flush();
  if (ctx.out) return exit_code;
  ctx.err << "supanalyze: error: cannot write to standard output\n";
  return exit_code == k_exit_internal ? exit_code : k_exit_input;
}

} // namespace

void report_warnings(const Diagnostics &diagnostics) {
  if (!t_current) return;
  for (const auto &d : diagnostics.items())
    if (d.severity == Severity::warning) t_current->err << d.to_string() << '\n';
}

int report_failure(std::exception_ptr failure, Context &ctx) {
  try {
    std::rethrow_exception(failure);
  } catch (const Error &e) {
    ctx.err << "supanalyze: error: " << e.what() << '\n';
    return e.exit_code();
  } catch (const std::bad_alloc &) {
    ctx.err << "supanalyze: error: out of memory (the input is too large for this machine's memory; fewer -j "
               "threads or a smaller input may fit)\n";
    return k_exit_internal;
  } catch (const std::exception &e) {
    ctx.err << "supanalyze: internal error: " << e.what() << '\n' << k_bug_message;
    return k_exit_internal;
  } catch (...) {
    ctx.err << "supanalyze: internal error: an unknown exception\n" << k_bug_message;
    return k_exit_internal;
  }
}

int run(const std::vector<std::string> &args, Context &ctx) {
  struct Current { // report_warnings writes to this command's stderr while it runs
    Context *previous;
    explicit Current(Context &ctx) : previous(t_current) { t_current = &ctx; }
    ~Current() { t_current = previous; }
  } current(ctx);
  // A corpus given as "-" is read from this command's standard input, once.
  corpus::set_table_input({"", [&ctx] { return std::string(std::istreambuf_iterator<char>(ctx.in), {}); }});
  CLI::App app{k_description, "supanalyze"};
  app.set_version_flag(
      "--version", [] { return version_text(); },
      "Print the version, the git commit and the library versions, and exit");
  app.require_subcommand(1);
  app.fallthrough(false);
  setup_normalize(app, ctx);
  setup_tokenize(app, ctx);
  setup_corpus(app, ctx);
  setup_code(app, ctx);
  setup_freq(app, ctx);
  setup_matrix(app, ctx);
  setup_report(app, ctx);
  setup_run(app, ctx);
  setup_diff(app, ctx);
  setup_agree(app, ctx);
  setup_kwic(app, ctx);
  setup_codebook(app, ctx);
  setup_uncoded(app, ctx);
  setup_terms(app, ctx);
  setup_completion(app, ctx);
  setup_manpage(app, ctx);

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp &e) {
    ctx.out << app.help();
    return finish_output(ctx, 0);
  } catch (const CLI::CallForAllHelp &e) {
    ctx.out << app.help("", CLI::AppFormatMode::All);
    return finish_output(ctx, 0);
  } catch (const CLI::CallForVersion &e) {
    ctx.out << e.what();
    return finish_output(ctx, 0);
  } catch (const CLI::ParseError &e) {
    // A subcommand's own --help lands here too (as CallForHelp thrown from the subcommand).
    if (e.get_exit_code() == 0) {
      ctx.out << e.what();
      return finish_output(ctx, 0);
    }
    ctx.err << "supanalyze: error: " << e.what() << '\n';
    ctx.err << "Run 'supanalyze "
            << (app.get_subcommands().empty() ? "" : app.get_subcommands().front()->get_name() + " ")
            << "--help' for usage.\n";
    return k_exit_input;
  } catch (...) {
    return finish_output(ctx, report_failure(std::current_exception(), ctx));
  }
  return finish_output(ctx, ctx.exit_code);
}

} // namespace supanalyze::cli
