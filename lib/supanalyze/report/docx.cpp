// SPDX-License-Identifier: MIT
// The Word writer: the parts of a minimal Office Open XML package (content types, relations,
// styles, the document) written with libxml2's xmlwriter (escaping and well-formedness are
// its job) and zipped with libzip, entries dated 2000-01-01 so the bytes never change.
#include <supanalyze/detail/xml_writer.hpp>
#include <supanalyze/detail/zip.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/report/render.hpp>
#include <supanalyze/report/wording.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace supanalyze::report {

namespace {

constexpr const char *k_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// The shared libxml2 writer, named for this writer's errors.
class Xml : public detail::XmlWriter {
public:
  Xml() : detail::XmlWriter("docx") {}
};

// A colour mixed with white: `level` 1 is the colour, 0 white; as RRGGBB for w:shd.
std::string tint(const std::string &hash_rgb, double level) {
  unsigned rgb = 0;
  std::sscanf(hash_rgb.c_str() + 1, "%6x", &rgb);
  auto mix = [&](unsigned shift) {
    const double v = static_cast<double>((rgb >> shift) & 0xff);
    return static_cast<unsigned>(std::lround(255.0 - (255.0 - v) * level));
  };
  return fmt::format("{:02X}{:02X}{:02X}", mix(16), mix(8), mix(0));
}

// The document body's building blocks.
class Body {
public:
  explicit Body(Xml &x) : m_x(x) {}

  void paragraph(const std::string &text, const char *style = nullptr, bool bold = false) {
    m_x.start("w:p");
    if (style) m_x.start("w:pPr").empty("w:pStyle", "w:val", style).end();
    run(text, bold);
    m_x.end();
  }
  void run(const std::string &text, bool bold = false, bool highlight = false, bool italic = false,
           const char *colour = nullptr) {
    m_x.start("w:r");
    if (bold || highlight || italic || colour) {
      m_x.start("w:rPr");
      if (bold) m_x.empty("w:b").empty("w:bCs");
      if (italic) m_x.empty("w:i").empty("w:iCs");
      if (colour) m_x.empty("w:color", "w:val", colour);
      if (highlight) m_x.empty("w:highlight", "w:val", "yellow");
      m_x.end();
    }
    m_x.start("w:t").attr("xml:space", "preserve").text(text).end();
    m_x.end();
  }
  // A table with the grid style, `widths` in twentieths of a point.
  void table_start(const std::vector<int> &widths) {
    m_x.start("w:tbl").start("w:tblPr").empty("w:tblStyle", "w:val", "TableGrid");
    m_x.start("w:tblW").attr("w:w", "0").attr("w:type", "auto").end();
    m_x.start("w:tblLayout").attr("w:type", "fixed").end().end();
    m_x.start("w:tblGrid");
    for (int w : widths)
      m_x.empty("w:gridCol", "w:w", std::to_string(w));
    m_x.end();
    m_widths = widths;
  }
  void table_end() { m_x.end(); }
  void row_start(bool header = false) {
    m_x.start("w:tr");
    if (header)
      m_x.start("w:trPr").empty("w:tblHeader").end();
    else
      m_x.start("w:trPr").empty("w:cantSplit").end();
    m_column = 0;
  }
  void row_end() { m_x.end(); }
  // Opens a cell (its paragraphs follow); `fill` shades it (RRGGBB).
  void cell_start(const std::string &fill = {}, int span = 1) {
    int width = 0;
    for (int i = 0; i < span && m_column < m_widths.size(); ++i)
      width += m_widths[m_column++];
    m_x.start("w:tc").start("w:tcPr");
    m_x.start("w:tcW").attr("w:w", std::to_string(width)).attr("w:type", "dxa").end();
    if (span > 1) m_x.empty("w:gridSpan", "w:val", std::to_string(span));
    if (!fill.empty()) m_x.start("w:shd").attr("w:val", "clear").attr("w:color", "auto").attr("w:fill", fill).end();
    m_x.end();
  }
  void cell_end() { m_x.end(); }
  // A cell holding one paragraph of text.
  void cell(const std::string &text, bool bold = false, const std::string &fill = {}, const char *align = nullptr) {
    cell_start(fill);
    m_x.start("w:p");
    if (align) m_x.start("w:pPr").empty("w:jc", "w:val", align).end();
    if (!text.empty()) run(text, bold);
    m_x.end();
    cell_end();
  }
  Xml &xml() { return m_x; }

private:
  Xml &m_x;
  std::vector<int> m_widths;
  std::size_t m_column = 0;
};

std::string styles_xml() {
  Xml x;
  x.start("w:styles").attr("xmlns:w", k_w);
  x.start("w:docDefaults").start("w:rPrDefault").start("w:rPr");
  x.start("w:rFonts")
      .attr("w:ascii", "Tahoma")
      .attr("w:hAnsi", "Tahoma")
      .attr("w:eastAsia", "Tahoma")
      .attr("w:cs", "Tahoma")
      .end();
  x.empty("w:sz", "w:val", "20").empty("w:szCs", "w:val", "20");
  x.start("w:lang").attr("w:val", "th-TH").attr("w:eastAsia", "th-TH").attr("w:bidi", "th-TH").end();
  x.end().end().start("w:pPrDefault").start("w:pPr");
  x.start("w:spacing").attr("w:after", "80").attr("w:line", "276").attr("w:lineRule", "auto").end();
  x.end().end().end();

  auto style = [&](const char *id, const char *name, int size, bool bold, int outline, const char *colour, int before,
                   int after) {
    x.start("w:style").attr("w:type", "paragraph").attr("w:styleId", id);
    x.empty("w:name", "w:val", name)
        .empty("w:basedOn", "w:val", "Normal")
        .empty("w:next", "w:val", "Normal")
        .empty("w:qFormat");
    x.start("w:pPr").empty("w:keepNext");
    x.start("w:spacing").attr("w:before", std::to_string(before)).attr("w:after", std::to_string(after)).end();
    if (outline >= 0) x.empty("w:outlineLvl", "w:val", std::to_string(outline));
    x.end().start("w:rPr");
    if (bold) x.empty("w:b").empty("w:bCs");
    if (colour) x.empty("w:color", "w:val", colour);
    x.empty("w:sz", "w:val", std::to_string(size)).empty("w:szCs", "w:val", std::to_string(size));
    x.end().end();
  };
  x.start("w:style").attr("w:type", "paragraph").attr("w:default", "1").attr("w:styleId", "Normal");
  x.empty("w:name", "w:val", "Normal").empty("w:qFormat").end();
  style("Title", "Title", 36, true, -1, "1D2430", 0, 120);
  style("Heading1", "heading 1", 30, true, 0, "1D2430", 360, 120);
  style("Heading2", "heading 2", 26, true, 1, "1D2430", 280, 100);
  style("Heading3", "heading 3", 22, true, 2, "2B3340", 200, 80);
  style("Caption", "caption", 18, false, -1, "5B6472", 40, 120);
  x.start("w:style").attr("w:type", "paragraph").attr("w:styleId", "Quote");
  x.empty("w:name", "w:val", "Quote").empty("w:basedOn", "w:val", "Normal").empty("w:qFormat");
  // pBdr before ind: Word rejects pPr children out of the schema's order.
  x.start("w:pPr")
      .start("w:pBdr")
      .start("w:left")
      .attr("w:val", "single")
      .attr("w:sz", "12")
      .attr("w:space", "6")
      .attr("w:color", "D5D9E0")
      .end()
      .end()
      .start("w:ind")
      .attr("w:left", "567")
      .end()
      .end();
  x.start("w:rPr").empty("w:color", "w:val", "2B3340").end().end();
  x.start("w:style").attr("w:type", "table").attr("w:styleId", "TableGrid");
  x.empty("w:name", "w:val", "Table Grid").start("w:tblPr").start("w:tblBorders");
  for (const char *side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"})
    x.start(side).attr("w:val", "single").attr("w:sz", "4").attr("w:space", "0").attr("w:color", "C0C6CF").end();
  x.end().start("w:tblCellMar").start("w:left").attr("w:w", "80").attr("w:type", "dxa").end();
  x.start("w:right").attr("w:w", "80").attr("w:type", "dxa").end().end().end().end();
  x.end();
  return x.finish();
}

std::string document_xml(const Report &r) {
  const Words &w = words(r.english);
  const auto &c = *r.corpus;
  Xml x;
  x.start("w:document").attr("xmlns:w", k_w).start("w:body");
  Body b(x);
  b.paragraph(w.title, "Title");
  b.paragraph(c.title);
  b.paragraph(fmt::format("{} · {} {}{}", c.id, r.codebook->id, r.codebook->version,
                          r.identity.filters.empty() ? "" : " · " + r.identity.filters),
              "Caption");

  std::size_t position = 0;
  for (const auto &s : r.instruments) {
    b.paragraph(instrument_heading(r, ++position, s.instrument), "Heading1");
    for (const auto &q : s.questions) {
      b.paragraph(question_heading(r, q), "Heading2");
      if (q.themes.empty()) {
        b.paragraph(w.no_theme);
        continue;
      }
      b.paragraph(question_summary(r, q), nullptr, true);
      // The chart: a row per theme, `steps` cells shaded in the theme's colour for its share.
      const std::size_t steps = static_cast<std::size_t>(std::min<std::uint64_t>(q.denominator, 10));
      std::vector<int> widths{3400};
      for (std::size_t i = 0; i < steps; ++i)
        widths.push_back(static_cast<int>(3600 / std::max<std::size_t>(steps, 1)));
      widths.push_back(2000);
      b.table_start(widths);
      for (const auto &f : q.themes) {
        b.row_start();
        b.cell(r.codebook->themes[f.theme].label(r.english), f.majority);
        const double share = q.denominator ? static_cast<double>(f.count) / static_cast<double>(q.denominator) : 0.0;
        const auto filled = static_cast<std::size_t>(std::lround(share * static_cast<double>(steps)));
        for (std::size_t i = 0; i < steps; ++i)
          b.cell("", false, i < filled ? tint(theme_colour(r, f.theme), 1.0) : "F4F5F7");
        b.cell(count_text(f.count, q.denominator) + (f.majority ? " ★" : ""), f.majority);
        b.row_end();
      }
      b.table_end();
      b.paragraph(w.chart_caption + " · ★ " + w.majority, "Caption");
      for (const auto &f : q.themes) {
        x.start("w:p");
        b.run(theme_sentence(r, q, f));
        if (f.majority) b.run("  [" + w.majority + "]", true, false, false, "7A4B00");
        x.end();
        for (const auto &qt : f.quotes) {
          x.start("w:p").start("w:pPr").empty("w:pStyle", "w:val", "Quote").end();
          const auto label = quote_label_pieces(r, qt);
          for (const auto &[piece, highlighted] : label)
            b.run(piece, true, highlighted, false, "5B6472");
          if (!label.empty()) b.run(": ", true, false, false, "5B6472");
          for (const auto &[piece, highlighted] : quote_pieces(r, qt))
            b.run(piece, highlighted, highlighted);
          b.run(" — " + province_name(r, qt.province), false, false, true, "5B6472");
          x.end();
        }
      }
    }
    const Heatmap &h = s.heatmap;
    if (h.themes.empty()) continue;
    b.paragraph(w.heatmap_title, "Heading2");
    std::vector<int> widths{3000};
    const int col = static_cast<int>(6600 / std::max<std::size_t>(h.provinces.size(), 1));
    for (std::size_t i = 0; i < h.provinces.size(); ++i)
      widths.push_back(col);
    b.table_start(widths);
    b.row_start(true);
    b.cell(w.theme, true, "EEF1F5");
    for (std::size_t p : h.provinces)
      b.cell(province_name(r, p), true, "EEF1F5", "center");
    b.row_end();
    for (std::size_t i = 0; i < h.themes.size(); ++i) {
      b.row_start();
      b.cell(r.codebook->themes[h.themes[i]].label(r.english));
      for (std::uint64_t v : h.cells[i]) {
        const double level = h.questions ? static_cast<double>(v) / static_cast<double>(h.questions) : 0.0;
        b.cell(v ? std::to_string(v) : "", false,
               v ? tint(theme_colour(r, h.themes[i]), 0.25 + 0.75 * level) : "F4F5F7", "center");
      }
      b.row_end();
    }
    b.table_end();
    b.paragraph(fmt::format("{} {}", w.heatmap_caption, h.questions), "Caption");
  }

  b.paragraph(w.appendix, "Heading1");
  b.paragraph(w.appendix_intro);
  std::size_t table = 0;
  for (const auto &s : r.instruments) {
    const auto &inst = c.instruments[s.instrument];
    b.paragraph(r.english && !inst.en.empty() ? inst.en : inst.th, "Heading2");
    for (const auto &q : s.questions) {
      b.paragraph(fmt::format("{} {} · {}", w.table, ++table, inst.questions[q.question].text_in(r.english)),
                  "Heading3");
      b.table_start({2200, 7400});
      b.row_start(true);
      b.cell(w.province, true, "EEF1F5");
      b.cell(w.answer, true, "EEF1F5");
      b.row_end();
      for (std::size_t a : q.answers) {
        const auto &answer = c.answers[a];
        b.row_start();
        b.cell(province_name(r, answer.province));
        b.cell_start();
        if (answer.segments.empty()) x.start("w:p").end();
        std::string label;
        for (const auto &seg : answer.segments) {
          if (!seg.label.empty() && seg.label != label) b.paragraph(seg.label, nullptr, true);
          label = seg.label;
          b.paragraph(seg.text);
        }
        b.cell_end();
        b.row_end();
      }
      b.table_end();
    }
  }

  const Identity &id = r.identity;
  b.paragraph(w.identity, "Heading1");
  b.paragraph(w.identity_intro);
  b.table_start({2800, 6800});
  auto row = [&](const std::string &key, const std::string &value) {
    b.row_start();
    b.cell(key);
    b.cell(value);
    b.row_end();
  };
  row("tool", "supanalyze " + id.tool_version);
  row("corpus", id.corpus_id + " · " + id.corpus_title);
  row("corpus source", id.corpus_source);
  row("corpus year", std::to_string(id.corpus_year));
  row("corpus answers / segments", fmt::format("{} / {}", id.answers, id.segments));
  row("corpus sha256", id.corpus_sha256);
  row("codebook", id.codebook_id + " " + id.codebook_version + " · " + id.codebook_title);
  row("codebook source", id.codebook_source);
  row("codebook sha256", id.codebook_sha256);
  row("filters", id.filters.empty() ? "-" : id.filters);
  b.table_end();
  b.paragraph("");

  // A4 portrait, 2 cm margins.
  x.start("w:sectPr");
  x.start("w:pgSz").attr("w:w", "11906").attr("w:h", "16838").end();
  x.start("w:pgMar")
      .attr("w:top", "1134")
      .attr("w:right", "1134")
      .attr("w:bottom", "1134")
      .attr("w:left", "1134")
      .attr("w:header", "567")
      .attr("w:footer", "567")
      .attr("w:gutter", "0")
      .end();
  x.end();
  x.end().end();
  return x.finish();
}

std::string content_types_xml() {
  Xml x;
  x.start("Types").attr("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  x.start("Default")
      .attr("Extension", "rels")
      .attr("ContentType", "application/vnd.openxmlformats-package.relationships+xml")
      .end();
  x.start("Default").attr("Extension", "xml").attr("ContentType", "application/xml").end();
  x.start("Override")
      .attr("PartName", "/word/document.xml")
      .attr("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
      .end();
  x.start("Override")
      .attr("PartName", "/word/styles.xml")
      .attr("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml")
      .end();
  x.start("Override")
      .attr("PartName", "/docProps/core.xml")
      .attr("ContentType", "application/vnd.openxmlformats-package.core-properties+xml")
      .end();
  x.end();
  return x.finish();
}

std::string relationships_xml(const std::vector<std::pair<std::string, std::string>> &targets) {
  Xml x;
  x.start("Relationships").attr("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  std::size_t n = 0;
  for (const auto &[type, target] : targets)
    x.start("Relationship").attr("Id", "rId" + std::to_string(++n)).attr("Type", type).attr("Target", target).end();
  x.end();
  return x.finish();
}

// Title and creator only: no dates, so the bytes stay the same.
std::string core_xml(const Report &r) {
  Xml x;
  x.start("cp:coreProperties")
      .attr("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties")
      .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/");
  x.start("dc:title").text(words(r.english).title + " · " + r.corpus->id).end();
  x.start("dc:creator").text("supanalyze " + r.identity.tool_version).end();
  x.end();
  return x.finish();
}

} // namespace

std::string render_docx(const Report &r) {
  const std::string ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::vector<std::pair<std::string, std::string>> parts;
  parts.emplace_back("[Content_Types].xml", content_types_xml());
  parts.emplace_back(
      "_rels/.rels",
      relationships_xml({{ns + "officeDocument", "word/document.xml"},
                         {"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                          "docProps/core.xml"}}));
  parts.emplace_back("docProps/core.xml", core_xml(r));
  parts.emplace_back("word/_rels/document.xml.rels", relationships_xml({{ns + "styles", "styles.xml"}}));
  parts.emplace_back("word/styles.xml", styles_xml());
  parts.emplace_back("word/document.xml", document_xml(r));
  return detail::zip_parts(parts, "docx");
}

} // namespace supanalyze::report
