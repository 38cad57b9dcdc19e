// SPDX-License-Identifier: MIT
#pragma once
// A progress bar on standard error for long runs: drawn only when standard error is a terminal
// (and not --quiet), so logs and CI output stay clean and standard output holds results only.

#include "cli.hpp"

#include <cstddef>
#include <ostream>
#include <string>

namespace supanalyze::cli {

// Whether `ctx.err` is the process's standard error and that is a terminal.
bool stderr_is_terminal(const Context &ctx);

class ProgressBar {
public:
  // Draws on `out` when `enabled`; otherwise every call does nothing.
  ProgressBar(std::ostream &out, bool enabled) : m_out(out), m_enabled(enabled) {}
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar &) = delete;
  ProgressBar &operator=(const ProgressBar &) = delete;

  // Starts a stage of `total` steps named `label`.
  void start(const std::string &label, std::size_t total);
  // `done` of the stage's steps are finished; redraws when the percentage changed or the
  // stage is complete.
  void update(std::size_t done);
  // Clears the bar's line (so the terminal shows no trace of it).
  void finish();

private:
  void draw();

  std::ostream &m_out;
  bool m_enabled;
  bool m_drawn = false;
  std::string m_label;
  std::size_t m_total = 0, m_done = 0;
};

} // namespace supanalyze::cli
