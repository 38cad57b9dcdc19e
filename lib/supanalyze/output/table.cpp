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

std::string shorten(const std::string &text, std::size_t width) {
  if (text::display_width(text) <= width) return text;
  if (width == 0) return "";
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const auto w = static_cast<std::size_t>(text::code_point_width(text::decode_at(text, i)));
    if (w > 0 && used + w > width - 1) break; // room for the "…"
    out.append(text, start, i - start);
    used += w;
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out + "…";
}

namespace {

constexpr std::size_t k_gap = 2;         // spaces between columns
constexpr std::size_t k_min_shrunk = 10; // a shortened column keeps this many display columns

std::size_t span(const std::vector<std::size_t> &widths, const std::vector<std::size_t> &columns) {
  std::size_t total = 0;
  for (std::size_t c : columns)
    total += widths[c];
  return total + (columns.empty() ? 0 : k_gap * (columns.size() - 1));
}

// Prints `columns` of `table` (header, rule, rows) at `widths`, shortening what does not fit.
void write_columns(const Table &table, const std::vector<std::size_t> &widths, const std::vector<std::size_t> &columns,
                   std::ostream &out) {
  auto line = [&](auto cell_of, bool header) {
    std::string s;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const std::size_t c = columns[k];
      if (k > 0) s.append(k_gap, ' ');
      s += pad(shorten(cell_of(c), widths[c]), widths[c], header ? Align::left : table.columns[c].align);
    }
    while (!s.empty() && s.back() == ' ')
      s.pop_back();
    out << s << '\n';
  };
  line([&](std::size_t c) { return table.columns[c].header; }, true);
  std::string rule;
  for (std::size_t i = 0, n = span(widths, columns); i < n; ++i)
    rule += "─";
  out << rule << '\n';
  for (const auto &row : table.rows)
    line([&](std::size_t c) { return row[c]; }, false);
}

} // namespace

bool write_terminal(const Table &table, std::ostream &out, std::size_t width) {
  const std::size_t n = table.columns.size();
  std::vector<std::size_t> widths(n, 0), all(n);
  for (std::size_t c = 0; c < n; ++c) {
    all[c] = c;
    widths[c] = text::display_width(table.columns[c].header);
    for (const auto &row : table.rows)
      widths[c] = std::max(widths[c], text::display_width(row[c]));
  }
  std::vector<std::size_t> cell_widths(n, 0); // the widest cell of each column, without the header
  for (std::size_t c = 0; c < n; ++c)
    for (const auto &row : table.rows)
      cell_widths[c] = std::max(cell_widths[c], text::display_width(row[c]));
  bool fitted = false;
  if (!table.title.empty()) {
    const std::string title = width > 0 ? shorten(table.title, width) : table.title;
    fitted = title != table.title;
    out << title << '\n';
  }
  if (width == 0 || span(widths, all) <= width) {
    write_columns(table, widths, all, out);
  } else {
    fitted = true;
    // Headers wider than their cells (a matrix's labels over counts) are shortened first, then
    // the widest left-aligned column after the first (a label, a text; the first holds ids),
    // one display column at a time.
    for (std::size_t c = 0; c < n; ++c)
      widths[c] = std::max(cell_widths[c], std::min(widths[c], k_min_shrunk));
    while (span(widths, all) > width) {
      std::size_t widest = n;
      for (std::size_t c = 1; c < n; ++c)
        if (table.columns[c].align == Align::left && widths[c] > k_min_shrunk &&
            (widest == n || widths[c] > widths[widest]))
          widest = c;
      if (widest == n) break;
      --widths[widest];
    }
    // Still too wide: the leading left-aligned columns label the rows; the others go in groups.
    std::vector<std::size_t> keys;
    while (keys.size() < n && table.columns[keys.size()].align == Align::left)
      keys.push_back(keys.size());
    std::vector<std::vector<std::size_t>> groups{keys};
    for (std::size_t c = keys.size(); c < n; ++c) {
      std::vector<std::size_t> candidate = groups.back();
      candidate.push_back(c);
      if (groups.back().size() > keys.size() && span(widths, candidate) > width) {
        groups.push_back(keys);
        groups.back().push_back(c);
      } else {
        groups.back() = std::move(candidate);
      }
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (g > 0) out << '\n';
      write_columns(table, widths, groups[g], out);
    }
  }
  for (const auto &note : table.notes) // prose: a terminal wraps it
    out << note << '\n';
  return fitted;
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
