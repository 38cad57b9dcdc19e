// SPDX-License-Identifier: MIT
#pragma once
// Output formats, their names (--format) and file name extensions (-o): one table that every
// command reads, so `-o x.csv` means CSV everywhere. A new format is one row of that table
// (format.cpp) plus the commands that write it.

#include <optional>
#include <string>
#include <vector>

namespace supanalyze::output {

// table: an aligned text table for a terminal; lines: tokenize's one token per line.
enum class Format { table, lines, csv, tsv, json, jsonl, md, xlsx, html, docx, qdpx };

struct FormatInfo {
  Format format;
  const char *name;      // as --format and run configurations spell it
  const char *extension; // file name extension, without the dot
};

// Every format, in the order help texts list them.
const std::vector<FormatInfo> &format_table();

// Parses a format name; throws Error listing every name otherwise.
Format parse_format(const std::string &name);
// Parses a format name among `writable` (what a command can write); throws Error listing those.
Format parse_format(const std::string &name, const std::vector<Format> &writable);
std::string to_string(Format format);
// The file name extension of `format`, without the dot ("txt" for table and lines).
std::string extension(Format format);
// "table, csv, tsv, json or md".
std::string format_names(const std::vector<Format> &formats);

// The format of an output written to `path` by a command that can write `writable`: `chosen`
// (--format) when given; else the format whose extension `path` has (".csv" or ".CSV" -> csv); else
// `fallback` when `path` is empty, "-" or has no extension. Throws Error (a usage error, exit 2)
// when the extension is not one of the command's, naming the extensions it can write, so that
// a terminal table never lands in a .csv file.
Format choose_format(const std::optional<Format> &chosen, const std::string &path, const std::vector<Format> &writable,
                     Format fallback);

// Whether `format` is a binary file format (xlsx, docx): written only to a file or a pipe.
bool is_binary(Format format);

// The UTF-8 byte order mark that --bom writes before CSV/TSV so that Excel reads them as UTF-8.
inline constexpr const char *k_utf8_bom = "\xEF\xBB\xBF";

} // namespace supanalyze::output
