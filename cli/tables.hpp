// SPDX-License-Identifier: MIT
#pragma once
// The tables of freq and matrix, callable from any command (freq, matrix, run): each codes
// (or reuses the codings of) a prepared analysis and writes one table in one format.

#include "analysis.hpp"

#include <supanalyze/output/table.hpp>
#include <supanalyze/output/xlsx.hpp>

#include <ostream>
#include <string>

namespace supanalyze::cli {

// What freq and matrix write.
inline const std::vector<output::Format> k_table_formats{output::Format::table, output::Format::csv,
                                                         output::Format::tsv,   output::Format::json,
                                                         output::Format::md,    output::Format::xlsx};

struct FreqOptions : AnalysisOptions {
  bool all = false; // list themes with a zero count too
};

struct MatrixOptions : AnalysisOptions {
  aggregate::Axis rows = aggregate::Axis::theme;
  aggregate::Axis cols = aggregate::Axis::province;
};

// The counts behind each table: theme x question for freq, opts.rows x opts.cols for matrix
// (throws Error when rows and cols are the same axis).
aggregate::TableCount freq_count(const Analysis &a, const FreqOptions &opts);
aggregate::TableCount matrix_count(const Analysis &a, const MatrixOptions &opts);

// Writes the per-question theme frequencies of `a` (prepared with `opts`, counted into
// `count`) to `out` in `format`: exactly what `supanalyze freq` prints.
// Terminal tables fit `width` display columns (0: no limit; see write_tables).
void write_freq(const Analysis &a, const FreqOptions &opts, const aggregate::TableCount &count, output::Format format,
                std::ostream &out, std::size_t width = 0);

// The sheets of the same tables for an XLSX workbook: one per question for freq (its text in
// the title row), one for the matrix (a colour-scale heatmap on its cells, the themes' codebook
// colours on theme labels). write_freq/write_matrix with Format::xlsx write them as a workbook;
// run puts the sheets of every table into one.
std::vector<output::Sheet> freq_sheets(const Analysis &a, const FreqOptions &opts, const aggregate::TableCount &count);
std::vector<output::Sheet> matrix_sheets(const Analysis &a, const MatrixOptions &opts,
                                         const aggregate::TableCount &count);

// Writes the `opts.rows` x `opts.cols` matrix of `a` (prepared with `opts`, counted into
// `count`) to `out` in `format`: exactly what `supanalyze matrix` prints.
void write_matrix(const Analysis &a, const MatrixOptions &opts, const aggregate::TableCount &count,
                  output::Format format, std::ostream &out, std::size_t width = 0);

} // namespace supanalyze::cli
