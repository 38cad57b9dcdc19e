// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/numbers.hpp>
#include <supanalyze/office/docx.hpp>
#include <supanalyze/office/package.hpp>

#include <algorithm>

namespace supanalyze::office {

namespace {

using namespace detail;

bool on(const xmlNode *toggle) {
  if (!toggle) return false;
  const std::string value = attribute(toggle, "val");
  return value.empty() || (value != "0" && value != "false" && value != "off");
}

// A run's or paragraph's text: w:t, with tabs and breaks as spaces.
void run_text(const xmlNode *node, std::string &out) {
  for (const xmlNode *c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, "t")) {
      for (const xmlNode *t = c->children; t; t = t->next)
        if (t->content) out += reinterpret_cast<const char *>(t->content);
    } else if (is(c, "tab") || is(c, "br") || is(c, "cr")) {
      out += ' ';
    } else if (!is(c, "rPr") && !is(c, "pPr") && !is(c, "del") && !is(c, "instrText")) {
      run_text(c, out); // hyperlinks, inserted text, smart tags
    }
  }
}

// Whether every run of `p` that has text is bold.
bool all_bold(const xmlNode *node, bool &any_text) {
  bool bold = true;
  for (const xmlNode *c = node->children; c; c = c->next) {
    if (is(c, "r")) {
      std::string text;
      run_text(c, text);
      if (text.find_first_not_of(' ') == std::string::npos) continue;
      any_text = true;
      if (!on(child(child(c, "rPr"), "b"))) bold = false;
    } else if (is(c, "hyperlink") || is(c, "ins") || is(c, "smartTag")) {
      bold = all_bold(c, any_text) && bold;
    }
  }
  return bold;
}

Paragraph paragraph(const xmlNode *p) {
  Paragraph out;
  run_text(p, out.text);
  const xmlNode *properties = child(p, "pPr");
  out.style = attribute(child(properties, "pStyle"), "val");
  if (const xmlNode *numbering = child(properties, "numPr")) {
    out.list = attribute(child(numbering, "numId"), "val");
    out.numbered = !out.list.empty() && out.list != "0";
  }
  if (!out.numbered && out.style.rfind("ListNumber", 0) == 0) { // numbering through the style
    out.numbered = true;
    out.list = out.style;
  }
  bool any_text = false;
  out.bold = all_bold(p, any_text) && any_text;
  return out;
}

// Word's most columns in one table.
constexpr unsigned long k_max_columns = 63;

// `where`: the document part, for messages ("report.docx/word/document.xml").
Table table(const xmlNode *tbl, const std::string &where) {
  Table out;
  for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
    if (!is(tr, "tr")) continue;
    out.rows.emplace_back();
    for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
      if (!is(tc, "tc")) continue;
      TableCell cell;
      const xmlNode *properties = child(tc, "tcPr");
      if (const xmlNode *span = child(properties, "gridSpan")) {
        // Word's tables have at most 63 columns; a larger span would run the grid past its end.
        const std::string value = attribute(span, "val");
        const auto n = parse_digits(value);
        if (!n || *n == 0 || *n > k_max_columns)
          throw InputError({where, static_cast<std::size_t>(std::max(0L, xmlGetLineNo(span))), 0},
                           "a table cell's gridSpan '" + value.substr(0, 20) + "' is not a column count (1 to " +
                               std::to_string(k_max_columns) + ")");
        cell.span = *n;
      }
      if (const xmlNode *merge = child(properties, "vMerge"))
        cell.continues_above = attribute(merge, "val") != "restart";
      for (const xmlNode *p = tc->children; p; p = p->next)
        if (is(p, "p")) cell.paragraphs.push_back(paragraph(p));
      out.rows.back().push_back(std::move(cell));
    }
  }
  return out;
}

} // namespace

Document read_docx(const std::string &bytes, const std::string &file) {
  Package package(bytes, file, "a .docx document");
  const auto xml = package.member("word/document.xml");
  if (!xml) throw InputError({file, 0, 0}, "a zip archive but not a .docx document (it has no word/document.xml)");
  const auto doc = parse_xml(*xml, file, "word/document.xml");
  Document out;
  std::vector<Paragraph> before;
  const xmlNode *body = child(xmlDocGetRootElement(doc.get()), "body");
  for (const xmlNode *n = body ? body->children : nullptr; n; n = n->next) {
    if (is(n, "p")) {
      before.push_back(paragraph(n));
    } else if (is(n, "tbl")) {
      out.tables.push_back(table(n, file + "/word/document.xml"));
      out.tables.back().before = std::move(before);
      before.clear();
    }
  }
  return out;
}

} // namespace supanalyze::office
