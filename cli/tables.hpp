// SPDX-License-Identifier: MIT
#pragma once
// The tables of freq and matrix, callable from any command (freq, matrix, run): each codes
// (or reuses the codings of) a prepared analysis and writes one table in one format.

#include "analysis.hpp"

#include <supanalyze/output/table.hpp>

#include <ostream>
#include <string>

namespace supanalyze::cli {

struct FreqOptions : AnalysisOptions {
  bool all = false; // list themes with a zero count too
};

struct MatrixOptions : AnalysisOptions {
  std::string rows = "theme";
  std::string cols = "province";
};

// Writes the per-question theme frequencies of `a` (prepared with `opts`) to `out` in `format`:
// exactly what `supanalyze freq` prints.
void write_freq(const Analysis& a, const FreqOptions& opts, output::Format format, std::ostream& out);

// Writes the `opts.rows` x `opts.cols` matrix of `a` (prepared with `opts`) to `out` in
// `format`: exactly what `supanalyze matrix` prints. Throws Error for an unknown axis.
void write_matrix(const Analysis& a, const MatrixOptions& opts, output::Format format, std::ostream& out);

} // namespace supanalyze::cli
