// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/output/table.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>

#include <csv.h>

namespace supanalyze::output {

std::string pad(const std::string &text, std::size_t width, Align align) {
  const std::size_t w = text::display_width(text);
  if (w >= width) return text;
  const std::string fill(width - w, ' ');
  return align == Align::left ? text + fill : fill + text;
}

std::string csv_field(const std::string &text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out(text.size() * 2 + 2, '\0');
  out.resize(csv_write(out.data(), out.size(), text.data(), text.size()));
  return out;
}

void write_terminal(const Table &table, std::ostream &out) {
  std::vector<std::size_t> widths(table.columns.size(), 0);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    widths[c] = text::display_width(table.columns[c].header);
    for (const auto &row : table.rows)
      widths[c] = std::max(widths[c], text::display_width(row[c]));
  }
  auto line = [&](const std::vector<std::string> &cells, bool header) {
    std::string s;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) s += "  ";
      s += pad(cells[c], widths[c], header ? Align::left : table.columns[c].align);
    }
    while (!s.empty() && s.back() == ' ')
      s.pop_back();
    out << s << '\n';
  };
  if (!table.title.empty()) out << table.title << '\n';
  std::vector<std::string> headers;
  for (const auto &col : table.columns)
    headers.push_back(col.header);
  line(headers, true);
  std::size_t total = 0;
  for (std::size_t c = 0; c < widths.size(); ++c)
    total += widths[c] + (c > 0 ? 2 : 0);
  std::string rule;
  for (std::size_t i = 0; i < total; ++i)
    rule += "─";
  out << rule << '\n';
  for (const auto &row : table.rows)
    line(row, false);
  for (const auto &note : table.notes)
    out << note << '\n';
}

namespace {
std::string md_cell(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}
} // namespace

void write_markdown(const Table &table, std::ostream &out) {
  if (!table.title.empty()) out << "### " << md_cell(table.title) << "\n\n";
  out << '|';
  for (const auto &col : table.columns)
    out << ' ' << md_cell(col.header) << " |";
  out << "\n|";
  for (const auto &col : table.columns)
    out << (col.align == Align::right ? "---:|" : "---|");
  out << '\n';
  for (const auto &row : table.rows) {
    out << '|';
    for (const auto &cell : row)
      out << ' ' << md_cell(cell) << " |";
    out << '\n';
  }
  if (!table.notes.empty()) out << '\n';
  for (const auto &note : table.notes)
    out << note << "\n";
}

void write_delimited(const Table &table, Format format, std::ostream &out, bool with_header) {
  const char sep = format == Format::csv ? ',' : '\t';
  auto cell = [&](const std::string &text) {
    if (format == Format::csv) return csv_field(text);
    if (text.find_first_of("\t\n") != std::string::npos) throw Error("a TSV cell cannot hold a tab or line break");
    return text;
  };
  if (with_header) {
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      out << (c ? std::string(1, sep) : "") << cell(table.columns[c].key);
    out << '\n';
  }
  for (const auto &row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      out << (c ? std::string(1, sep) : "") << cell(row[c]);
    out << '\n';
  }
}

} // namespace supanalyze::output
