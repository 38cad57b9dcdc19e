// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/output/xlsx.hpp>
#include <supanalyze/text/utf8.hpp>

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <unistd.h>

namespace supanalyze::output {

namespace {

namespace fs = std::filesystem;

// 2000-01-01T00:00:00Z: the creation time of every workbook, so that the bytes depend on the
// content only (libxlsxwriter already fixes the zip entries' dates).
constexpr time_t k_created = 946684800;
constexpr std::size_t k_max_width = 60; // columns wider than this wrap nothing; they are cut off on screen

// The first `n` code points of `s`.
std::string first_code_points(const std::string &s, std::size_t n) {
  std::size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
      ++i;
    ++count;
  }
  return s.substr(0, i);
}

std::optional<double> parse_number(const std::string &text, CellKind kind) {
  if (kind == CellKind::text || text.empty()) return std::nullopt;
  std::string digits = text;
  if (kind == CellKind::percent) {
    if (digits.back() != '%') return std::nullopt;
    digits.pop_back();
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return kind == CellKind::percent ? value / 100.0 : value;
}

lxw_color_t colour_of(const std::string &hex) {
  return static_cast<lxw_color_t>(std::strtoul(hex.c_str() + 1, nullptr, 16));
}

// Black or white text, whichever reads better on `fill` (by its luma).
lxw_color_t text_on(lxw_color_t fill) {
  const double r = (fill >> 16) & 0xFF, g = (fill >> 8) & 0xFF, b = fill & 0xFF;
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? LXW_COLOR_WHITE : LXW_COLOR_BLACK;
}

void check(lxw_error error, const std::string &what) {
  if (error != LXW_NO_ERROR) throw Error("cannot write the workbook (" + what + "): " + lxw_strerror(error));
}

class Writer {
public:
  explicit Writer(const fs::path &file) : m_workbook(workbook_new(file.string().c_str())) {
    if (!m_workbook) throw Error("cannot create a workbook in " + file.parent_path().string());
    lxw_doc_properties properties{};
    properties.created = k_created;
    workbook_set_properties(m_workbook, &properties);
    m_bold = workbook_add_format(m_workbook);
    format_set_bold(m_bold);
    m_header = workbook_add_format(m_workbook);
    format_set_bold(m_header);
    format_set_bottom(m_header, LXW_BORDER_THIN);
    m_percent = workbook_add_format(m_workbook);
    format_set_num_format(m_percent, "0.0%");
  }
  ~Writer() {
    if (m_workbook) workbook_close(m_workbook); // only after a failure: close() below is the normal path
  }
  Writer(const Writer &) = delete;
  Writer &operator=(const Writer &) = delete;

  void add(const Sheet &sheet) {
    const std::string name = sheet_name(sheet.name, m_names);
    m_names.push_back(name);
    lxw_worksheet *ws = workbook_add_worksheet(m_workbook, name.c_str());
    if (!ws) throw Error("cannot add the sheet '" + name + "'");
    const Table &t = sheet.table;
    const std::size_t columns = t.columns.size();
    auto kind = [&](std::size_t c) { return c < sheet.kinds.size() ? sheet.kinds[c] : CellKind::text; };
    std::vector<std::size_t> widths(columns, 4);

    check(worksheet_write_string(ws, 0, 0, sheet.title.c_str(), m_bold), "title");
    for (std::size_t c = 0; c < columns; ++c) {
      check(worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), m_header), "header");
      widths[c] = std::max(widths[c], text::display_width(t.columns[c].header));
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 2);
      for (std::size_t c = 0; c < columns && c < t.rows[r].size(); ++c) {
        const std::string &text = t.rows[r][c];
        const auto col = static_cast<lxw_col_t>(c);
        lxw_format *format = nullptr;
        if (c == sheet.fill_column && r < sheet.row_fill.size() && !sheet.row_fill[r].empty())
          format = fill(sheet.row_fill[r]);
        if (const auto number = parse_number(text, kind(c))) {
          check(worksheet_write_number(ws, row, col, *number, kind(c) == CellKind::percent ? m_percent : format),
                "cell");
        } else if (!text.empty()) {
          check(worksheet_write_string(ws, row, col, text.c_str(), format), "cell");
        } else if (format) {
          check(worksheet_write_blank(ws, row, col, format), "cell");
        }
        widths[c] = std::max(widths[c], text::display_width(text));
      }
    }
    for (std::size_t n = 0; n < t.notes.size(); ++n)
      check(worksheet_write_string(ws, static_cast<lxw_row_t>(t.rows.size() + 3 + n), 0, t.notes[n].c_str(), nullptr),
            "note");
    for (std::size_t c = 0; c < columns; ++c)
      check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 static_cast<double>(std::min(widths[c], k_max_width) + 2), nullptr),
            "column width");
    if (columns > 0) {
      worksheet_freeze_panes(ws, 2, 0);
      check(worksheet_autofilter(ws, 1, 0, static_cast<lxw_row_t>(1 + t.rows.size()),
                                 static_cast<lxw_col_t>(columns - 1)),
            "autofilter");
    }
    if (sheet.heatmap && !t.rows.empty()) {
      const CellRange &h = *sheet.heatmap;
      lxw_conditional_format scale{};
      scale.type = LXW_CONDITIONAL_3_COLOR_SCALE;
      scale.min_color = 0xFFFFFF;
      scale.mid_color = 0xFDD49E;
      scale.max_color = 0xD7301F;
      check(worksheet_conditional_format_range(
                ws, static_cast<lxw_row_t>(h.first_row + 2), static_cast<lxw_col_t>(h.first_col),
                static_cast<lxw_row_t>(h.last_row + 2), static_cast<lxw_col_t>(h.last_col), &scale),
            "heatmap");
    }
  }

  void close() {
    lxw_workbook *wb = m_workbook;
    m_workbook = nullptr;
    check(workbook_close(wb), "close");
  }

private:
  // One format per fill colour, shared by every cell of that colour.
  lxw_format *fill(const std::string &hex) {
    for (const auto &[colour, format] : m_fills)
      if (colour == hex) return format;
    lxw_format *f = workbook_add_format(m_workbook);
    format_set_bg_color(f, colour_of(hex));
    format_set_font_color(f, text_on(colour_of(hex)));
    m_fills.emplace_back(hex, f);
    return f;
  }

  lxw_workbook *m_workbook;
  lxw_format *m_bold, *m_header, *m_percent;
  std::vector<std::pair<std::string, lxw_format *>> m_fills;
  std::vector<std::string> m_names;
};

} // namespace

std::string sheet_name(const std::string &wanted, const std::vector<std::string> &used) {
  std::string base;
  for (char c : wanted)
    base += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '-';
  while (!base.empty() && base.front() == '\'')
    base.erase(0, 1);
  if (base.empty()) base = "Sheet";
  base = first_code_points(base, 31);
  auto taken = [&](const std::string &name) { return std::find(used.begin(), used.end(), name) != used.end(); };
  if (!taken(base)) return base;
  for (std::size_t n = 2;; ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    const std::string name =
        first_code_points(base, 31 - std::min<std::size_t>(31, text::code_point_count(suffix))) + suffix;
    if (!taken(name)) return name;
  }
}

std::string xlsx_workbook(const std::vector<Sheet> &sheets) {
  std::random_device rd;
  const fs::path file =
      fs::temp_directory_path() / ("supanalyze-" + std::to_string(::getpid()) + "-" + std::to_string(rd()) + ".xlsx");
  struct Remove {
    fs::path path;
    ~Remove() {
      std::error_code ec;
      fs::remove(path, ec);
    }
  } remove{file};
  {
    Writer writer(file);
    for (const auto &sheet : sheets)
      writer.add(sheet);
    if (sheets.empty()) writer.add(Sheet{"Sheet", "", {}, {}, std::nullopt, {}, 0});
    writer.close();
  }
  return read_file(file);
}

} // namespace supanalyze::output
