// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/output/format.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>
#include <filesystem>

namespace supanalyze::output {

const std::vector<FormatInfo> &format_table() {
  static const std::vector<FormatInfo> table{
      {Format::table, "table", "txt"}, {Format::lines, "lines", "txt"}, {Format::csv, "csv", "csv"},
      {Format::tsv, "tsv", "tsv"},     {Format::json, "json", "json"},  {Format::jsonl, "jsonl", "jsonl"},
      {Format::md, "md", "md"},        {Format::xlsx, "xlsx", "xlsx"},  {Format::html, "html", "html"},
      {Format::docx, "docx", "docx"},  {Format::qdpx, "qdpx", "qdpx"},
  };
  return table;
}

namespace {

const FormatInfo &info(Format format) {
  for (const auto &row : format_table())
    if (row.format == format) return row;
  return format_table().front();
}

std::string joined(const std::vector<std::string> &items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
  return out;
}

} // namespace

std::string to_string(Format format) { return info(format).name; }

std::string extension(Format format) { return info(format).extension; }

std::string format_names(const std::vector<Format> &formats) {
  std::vector<std::string> names;
  for (Format f : formats)
    names.push_back(to_string(f));
  return joined(names);
}

Format parse_format(const std::string &name) {
  std::vector<Format> all;
  for (const auto &row : format_table())
    all.push_back(row.format);
  return parse_format(name, all);
}

Format parse_format(const std::string &name, const std::vector<Format> &writable) {
  for (Format f : writable)
    if (name == to_string(f)) return f;
  throw Error("the format must be " + format_names(writable) + ", not '" + name + "'");
}

Format choose_format(const std::optional<Format> &chosen, const std::string &path, const std::vector<Format> &writable,
                     Format fallback) {
  if (chosen) return *chosen;
  if (path.empty() || path == "-") return fallback;
  const std::string ext = text::ascii_lower(std::filesystem::path(path).extension().string()); // "Freq.CSV" is CSV too
  if (ext.empty()) return fallback;
  // The command's own formats first: ".txt" is a table for freq, lines for tokenize.
  for (Format f : writable)
    if ("." + extension(f) == ext) return f;
  std::vector<std::string> extensions;
  for (Format f : writable) {
    const std::string e = "." + extension(f);
    if (std::find(extensions.begin(), extensions.end(), e) == extensions.end()) extensions.push_back(e);
  }
  const bool known = std::any_of(format_table().begin(), format_table().end(),
                                 [&](const FormatInfo &row) { return ext == "." + std::string(row.extension); });
  throw Error(path + ": " +
              (known ? "this command cannot write " + ext + " files" : "'" + ext + "' is not a known output format") +
              "; it writes " + joined(extensions) + " (--format " + format_names(writable) + ")");
}

bool is_binary(Format format) { return format == Format::xlsx || format == Format::docx || format == Format::qdpx; }

} // namespace supanalyze::output
