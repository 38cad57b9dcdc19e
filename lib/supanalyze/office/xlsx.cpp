// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/numbers.hpp>
#include <supanalyze/office/package.hpp>
#include <supanalyze/office/xlsx.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace supanalyze::office {

namespace {

using namespace detail;

// Excel's last column (XFD) and last row.
constexpr std::size_t k_max_column = 16384;
constexpr std::size_t k_max_row = 1048576;

// The column of a cell reference ("B7" -> 2); 0 when it names none: no letters first, or past
// XFD (a cell row would grow without bound).
std::size_t column_of(const std::string &ref) {
  std::size_t column = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (column > k_max_column) return 0;
  }
  return column;
}

// The number of a row whose `r` attribute is `attribute_value`: that number, from 1 to
// 1,048,576 after the sheet's previous row, or `next_row` when it has none (writers may leave
// `r` out), which must not pass row 1,048,576 either. Rows out of order would put one answer's
// segments in another order than the sheet shows.
std::size_t row_number(const std::string &attribute_value, std::size_t next_row, const std::string &where) {
  if (attribute_value.empty()) {
    if (next_row > k_max_row)
      throw InputError({where, next_row, 1}, "a row without a number after row " + std::to_string(next_row - 1) +
                                                 ", the last a sheet may have");
    return next_row;
  }
  const auto n = parse_digits(attribute_value);
  if (!n || *n == 0 || *n > k_max_row)
    throw InputError({where, next_row, 1},
                     "row number '" + attribute_value.substr(0, 20) + "' is not a row (1 to 1048576)");
  if (*n < next_row)
    throw InputError({where, static_cast<std::size_t>(*n), 1}, "row " + std::to_string(*n) + " comes after row " +
                                                                   std::to_string(next_row - 1) +
                                                                   ": a sheet lists its rows in order");
  return static_cast<std::size_t>(*n);
}

// A number as Excel stores it ("2564", "2.5", "1E-3"): integers lose a trailing ".0".
std::string number_text(const std::string &stored) {
  double value = 0;
  const auto [end, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), value);
  if (ec != std::errc() || end != stored.data() + stored.size()) return stored;
  if (std::floor(value) == value && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  return stored;
}

// The code unit of an escape "_xHHHH_" at `at` of `s`, or -1 when there is none.
long escape_at(const std::string &s, std::size_t at) {
  if (at + 7 > s.size() || s[at] != '_' || s[at + 1] != 'x' || s[at + 6] != '_') return -1;
  long unit = 0;
  for (std::size_t k = at + 2; k < at + 6; ++k) {
    const int digit = hex_digit_value(s[k]);
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

// A cell's text as Excel means it: XML cannot hold control characters, so Excel (and
// libxlsxwriter) write them as "_x000D_", and a literal "_x" as "_x005F_x" (ECMA-376's
// ST_Xstring). A surrogate pair is two escapes; a lone surrogate stays as written.
std::string unescaped(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    long unit = escape_at(s, i);
    std::size_t used = 7;
    if (unit >= 0xDC00 && unit <= 0xDFFF) unit = -1;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const long low = escape_at(s, i + 7);
      unit = low >= 0xDC00 && low <= 0xDFFF ? 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00) : -1;
      used = 14;
    }
    if (unit < 0) {
      out += s[i++];
      continue;
    }
    text::append_utf8(out, static_cast<char32_t>(unit));
    i += used;
  }
  return out;
}

// Where a sheet's XML is: workbook relationship targets are relative to xl/ or absolute.
std::string sheet_member(const std::string &target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  return "xl/" + target;
}

// The sheets of the workbook in order, each as its name and relationship id.
std::vector<std::pair<std::string, std::string>> workbook_sheets(const Package &package, const std::string &file) {
  const auto workbook_xml = package.member("xl/workbook.xml");
  if (!workbook_xml)
    throw InputError({file, 0, 0}, "a zip archive but not an .xlsx workbook (it has no xl/workbook.xml)");
  const auto workbook = parse_xml(*workbook_xml, file, "xl/workbook.xml");
  std::vector<std::pair<std::string, std::string>> sheets;
  const xmlNode *root = xmlDocGetRootElement(workbook.get());
  for (const xmlNode *s = child(child(root, "sheets"), "sheet"); s; s = s->next)
    if (is(s, "sheet")) sheets.emplace_back(attribute(s, "name"), attribute(s, "id"));
  if (sheets.empty()) throw InputError({file, 0, 0}, "the workbook has no sheet");
  return sheets;
}

// The index in `sheets` of the sheet named `sheet_name`, or of the first when it is empty.
std::size_t chosen_sheet(const std::vector<std::pair<std::string, std::string>> &sheets, const std::string &sheet_name,
                         const std::string &file) {
  if (sheet_name.empty()) return 0;
  std::string names;
  for (const auto &[name, id] : sheets)
    names += (names.empty() ? "" : ", ") + name;
  auto found = std::find_if(sheets.begin(), sheets.end(), [&](const auto &s) { return s.first == sheet_name; });
  if (found == sheets.end()) throw InputError({file, 0, 0}, "no sheet '" + sheet_name + "' (sheets: " + names + ")");
  return static_cast<std::size_t>(found - sheets.begin());
}

// The package member holding the XML of sheet `index` with relationship id `id`: where the
// workbook's relationships point, else where Excel puts it.
std::string sheet_xml_member(const Package &package, const std::string &id, std::size_t index,
                             const std::string &file) {
  std::string member;
  if (const auto rels_xml = package.member("xl/_rels/workbook.xml.rels")) {
    const auto rels = parse_xml(*rels_xml, file, "xl/_rels/workbook.xml.rels");
    for (const xmlNode *r = xmlDocGetRootElement(rels.get())->children; r; r = r->next)
      if (is(r, "Relationship") && attribute(r, "Id") == id) member = sheet_member(attribute(r, "Target"));
  }
  return member.empty() ? "xl/worksheets/sheet" + std::to_string(index + 1) + ".xml" : member;
}

// The workbook's shared strings, unescaped.
std::vector<std::string> shared_strings(const Package &package, const std::string &file) {
  std::vector<std::string> shared;
  if (const auto shared_xml = package.member("xl/sharedStrings.xml")) {
    const auto doc = parse_xml(*shared_xml, file, "xl/sharedStrings.xml");
    for (const xmlNode *si = xmlDocGetRootElement(doc.get())->children; si; si = si->next)
      if (is(si, "si")) {
        shared.emplace_back();
        append_text(si, shared.back(), "rPh"); // rich text runs joined; phonetic hints left out
        shared.back() = unescaped(std::move(shared.back()));
      }
  }
  return shared;
}

// The value of cell `c` at row `row`, column `column` of the sheet `where`, by its type `t`.
std::string cell_value(const xmlNode *c, const std::vector<std::string> &shared, const std::string &where,
                       std::size_t row, std::size_t column) {
  const std::string type = attribute(c, "t");
  const xmlNode *v = child(c, "v");
  std::string stored;
  if (v && v->children && v->children->content) stored = reinterpret_cast<const char *>(v->children->content);
  if (type == "s") {
    const auto index = parse_digits(stored);
    if (!index || *index >= shared.size())
      throw InputError({where, row, column}, "shared string '" + stored + "' does not exist (the workbook has " +
                                                 std::to_string(shared.size()) + ")");
    return shared[*index];
  }
  if (type == "inlineStr") {
    std::string value;
    if (const xmlNode *is_node = child(c, "is")) append_text(is_node, value, "rPh");
    return unescaped(std::move(value));
  }
  if (type == "b") return stored == "1" ? "TRUE" : "FALSE";
  if (type == "str" || type == "e") return unescaped(stored);
  return number_text(stored);
}

// Row `r` of the sheet `where`; `next_row` is the number a row without one has.
SheetRow read_row(const xmlNode *r, std::size_t next_row, const std::vector<std::string> &shared,
                  const std::string &where) {
  SheetRow row;
  row.number = row_number(attribute(r, "r"), next_row, where);
  std::size_t next_column = 1;
  for (const xmlNode *c = r->children; c; c = c->next) {
    if (!is(c, "c")) continue;
    const std::string ref = attribute(c, "r");
    const std::size_t column = ref.empty() ? next_column : column_of(ref);
    if (ref.empty() && column > k_max_column)
      throw InputError({where, row.number, column}, "a cell without a reference after column XFD, the last a "
                                                    "sheet may have");
    if (column == 0 || column > k_max_column)
      throw InputError({where, row.number, next_column},
                       "cell reference '" + ref.substr(0, 20) + "' names no column (A to XFD)");
    next_column = column + 1;
    std::string value = cell_value(c, shared, where, row.number, column);
    if (row.cells.size() < column) row.cells.resize(column);
    row.cells[column - 1] = std::move(value);
  }
  while (!row.cells.empty() && row.cells.back().empty())
    row.cells.pop_back();
  return row;
}

} // namespace

Sheet read_xlsx(const std::string &bytes, const std::string &file, const std::string &sheet_name) {
  Package package(bytes, file, "an .xlsx workbook");
  const auto sheets = workbook_sheets(package, file);
  const std::size_t chosen = chosen_sheet(sheets, sheet_name, file);
  Sheet sheet{sheets[chosen].first, {}};
  const std::string where = file + "[" + sheet.name + "]";
  const std::string member = sheet_xml_member(package, sheets[chosen].second, chosen, file);
  const auto sheet_xml = package.member(member);
  if (!sheet_xml) throw InputError({where, 0, 0}, "the workbook names the sheet but has no " + member);
  const std::vector<std::string> shared = shared_strings(package, file);

  const auto doc = parse_xml(*sheet_xml, file, member);
  std::size_t next_row = 1;
  for (const xmlNode *r = child(child(xmlDocGetRootElement(doc.get()), "sheetData"), "row"); r; r = r->next) {
    if (!is(r, "row")) continue;
    SheetRow row = read_row(r, next_row, shared, where);
    next_row = row.number + 1;
    if (!row.cells.empty()) sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

} // namespace supanalyze::office
