// SPDX-License-Identifier: MIT
#include <supanalyze/report/render.hpp>
#include <supanalyze/report/wording.hpp>
#include <supanalyze/text/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace supanalyze::report {

namespace {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// Pixels a label needs at the chart's font size: Thai letters and Latin ones are about the same
// width in the Thai fonts of the stack; combining marks take none (text::display_width).
double label_px(std::string_view label) { return 7.6 * static_cast<double>(text::display_width(label)) + 14.0; }

constexpr const char *k_style = R"(
:root { --ink: #1d2430; --muted: #5b6472; --rule: #d5d9e0; --mark: #ffe58a; }
* { box-sizing: border-box; }
html { font-family: "Sarabun", "TH Sarabun New", "Noto Sans Thai", "Noto Sans Thai UI", "Leelawadee UI", "Leelawadee",
  "Tahoma", "Loma", "Garuda", "Waree", "Norasi", "Kinnari", sans-serif; color: var(--ink); background: #fff;
  font-size: 15px; line-height: 1.65; }
body { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; line-height: 1.3; margin: 0 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2.4rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.08rem; margin: 1.8rem 0 .4rem; }
p { margin: .35rem 0; }
.subtitle { color: var(--muted); margin: 0; }
.summary { font-weight: 600; }
figure { margin: .8rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { color: var(--muted); font-size: .85rem; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; fill: var(--ink); }
ol.themes { padding-left: 1.4rem; margin: .4rem 0; }
ol.themes > li { margin: .55rem 0; break-inside: avoid; page-break-inside: avoid; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em; vertical-align: baseline; }
.majority { display: inline-block; font-size: .78rem; font-weight: 600; color: #7a4b00; background: #fff1cc;
  border: 1px solid #e6c36a; border-radius: 3px; padding: 0 .35em; margin-left: .4em; white-space: nowrap; }
blockquote { margin: .3rem 0 .3rem .2rem; padding: .15rem .7rem; border-left: 3px solid var(--rule); color: #2b3340; }
blockquote p { margin: .15rem 0; }
blockquote cite { color: var(--muted); font-style: normal; font-size: .85rem; white-space: nowrap; }
mark { background: var(--mark); padding: 0 .08em; border-radius: 2px; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #eef1f5; }
.segment { margin: .1rem 0; }
.caption { font-weight: 600; margin-top: 1.2rem; }
.label { font-weight: 600; }
.qlabel { font-weight: 600; color: var(--muted); }
.empty { color: var(--muted); }
table.identity td:first-child { width: 28%; color: var(--muted); }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .8rem; word-break: break-all; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  section.instrument, section.appendix, section.identity { break-before: page; page-break-before: always; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg, .swatch, .majority, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

// The bar chart of one question: a row per theme, the bar's length its share of provinces, a
// dashed line at one half, a star on the themes more than half raised.
void bar_chart(std::string &out, const Report &r, const QuestionSection &q) {
  const Words &w = words(r.english);
  double labels = 120;
  for (const auto &f : q.themes)
    labels = std::max(labels, label_px(r.codebook->themes[f.theme].label(r.english)));
  labels = std::min(labels, 360.0);
  const double width = 760, row = 26, top = 8, bar_x = labels + 8, bar_w = width - bar_x - 118;
  const double height = top + row * static_cast<double>(q.themes.size()) + 22;
  out += fmt::format(
      R"(<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" class="bars" role="img" width="{0}" height="{1}" viewBox="0 0 {0} {1}" aria-label="{2}">)",
      width, height, escape(w.chart_caption));
  out += '\n';
  const double half = bar_x + bar_w / 2;
  for (std::size_t i = 0; i < q.themes.size(); ++i) {
    const auto &f = q.themes[i];
    const auto &theme = r.codebook->themes[f.theme];
    const double y = top + row * static_cast<double>(i);
    const double share = q.denominator ? static_cast<double>(f.count) / static_cast<double>(q.denominator) : 0.0;
    out += fmt::format(R"(<g class="bar" data-theme="{}"><title>{}: {}</title>)", escape(theme.id),
                       escape(theme.label(r.english)), count_text(f.count, q.denominator));
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end" font-size="13"{}>{}</text>)", labels, y + 17,
                       f.majority ? R"( font-weight="700")" : "", escape(theme.label(r.english)));
    out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#eef1f5"/>)", bar_x, y + 4,
                       bar_w, row - 8);
    out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)", bar_x, y + 4,
                       bar_w * share, row - 8, theme_colour(r, f.theme));
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="12">{}{}</text>)", bar_x + bar_w + 6, y + 17,
                       count_text(f.count, q.denominator), f.majority ? " ★" : "");
    out += "</g>\n";
  }
  out += fmt::format(
      R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="#5b6472" stroke-width="1" stroke-dasharray="4 3"/>)",
      half, top, top + row * static_cast<double>(q.themes.size()));
  out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="11" text-anchor="middle" fill="#5b6472">{}</text>)",
                     half, height - 6, escape(w.majority_line));
  out += "\n</svg><figcaption>" + escape(w.chart_caption) + " · ★ " + escape(w.majority) + "</figcaption></figure>\n";
}

// The theme x province heatmap of one instrument, cells in the theme's colour, darker for more
// questions.
void heatmap(std::string &out, const Report &r, const InstrumentSection &s) {
  const Words &w = words(r.english);
  const Heatmap &h = s.heatmap;
  if (h.themes.empty()) return;
  double labels = 120;
  for (std::size_t t : h.themes)
    labels = std::max(labels, label_px(r.codebook->themes[t].label(r.english)));
  labels = std::min(labels, 340.0);
  const double cell =
      std::min(52.0, (760 - labels - 12) / static_cast<double>(std::max<std::size_t>(1, h.provinces.size())));
  const double head = 96, row = 24;
  const double width = labels + 8 + cell * static_cast<double>(h.provinces.size()) + 40;
  const double height = head + row * static_cast<double>(h.themes.size()) + 6;
  out += "<figure class=\"heatmap\">";
  out += fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" width="{0:.0f}" height="{1:.0f}" viewBox="0 0 {0:.0f} {1:.0f}" aria-label="{2}">)",
      width, height, escape(w.heatmap_title));
  out += '\n';
  for (std::size_t c = 0; c < h.provinces.size(); ++c) {
    const double x = labels + 8 + cell * (static_cast<double>(c) + 0.5);
    out += fmt::format(R"~(<text transform="translate({:.1f},{:.1f}) rotate(-45)" font-size="12">{}</text>)~", x,
                       head - 6, escape(province_name(r, h.provinces[c])));
  }
  out += '\n';
  for (std::size_t i = 0; i < h.themes.size(); ++i) {
    const auto &theme = r.codebook->themes[h.themes[i]];
    const double y = head + row * static_cast<double>(i);
    out += fmt::format(R"(<g data-theme="{}"><text x="{:.1f}" y="{:.1f}" text-anchor="end" font-size="12">{}</text>)",
                       escape(theme.id), labels, y + 16, escape(theme.label(r.english)));
    for (std::size_t c = 0; c < h.provinces.size(); ++c) {
      const std::uint64_t v = h.cells[i][c];
      const double x = labels + 8 + cell * static_cast<double>(c);
      const double level = h.questions ? static_cast<double>(v) / static_cast<double>(h.questions) : 0.0;
      if (v == 0) {
        out += fmt::format(
            R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#f4f5f7" stroke="#ffffff"/>)", x, y,
            cell, row);
        continue;
      }
      const double opacity = 0.25 + 0.75 * level;
      out += fmt::format(
          R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}" fill-opacity="{:.2f}" stroke="#ffffff"><title>{} · {}: {}</title></rect>)",
          x, y, cell, row, theme_colour(r, h.themes[i]), opacity, escape(theme.label(r.english)),
          escape(province_name(r, h.provinces[c])), v);
      out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" font-size="12"{}>{}</text>)", x + cell / 2,
                         y + 16, opacity > 0.6 ? R"( style="fill:#ffffff")" : "", v);
    }
    out += "</g>\n";
  }
  out +=
      "</svg><figcaption>" + escape(w.heatmap_caption) + fmt::format(" {}", h.questions) + "</figcaption></figure>\n";
}

void marked(std::string &out, const std::vector<std::pair<std::string, bool>> &pieces, const char *in) {
  std::size_t at = 0;
  for (const auto &[piece, highlighted] : pieces) {
    if (highlighted)
      out += fmt::format(R"(<mark data-in="{}" data-start="{}" data-end="{}">{}</mark>)", in, at, at + piece.size(),
                         escape(piece));
    else
      out += escape(piece);
    at += piece.size();
  }
}

void quote(std::string &out, const Report &r, const Quote &q) {
  out += fmt::format(R"(<blockquote data-segment="{}" data-province="{}"><p>)", escape(q.segment_id),
                     escape(r.corpus->provinces[q.province].id));
  const auto label = quote_label_pieces(r, q);
  if (!label.empty()) {
    out += "<span class=\"qlabel\">";
    marked(out, label, "label");
    out += "</span>: ";
  }
  marked(out, quote_pieces(r, q), "text");
  out += fmt::format(R"( <cite>— {}</cite></p></blockquote>)", escape(province_name(r, q.province)));
  out += '\n';
}

void answer_cell(std::string &out, const Report &r, std::size_t answer_index) {
  const auto &answer = r.corpus->answers[answer_index];
  if (answer.segments.empty()) {
    out += "<span class=\"empty\">" + escape(words(r.english).no_answer) + "</span>";
    return;
  }
  // Segments keep their own list markers (docs/corpus-format.md): one line each.
  std::string label;
  for (const auto &seg : answer.segments) {
    if (!seg.label.empty() && seg.label != label) out += "<div class=\"label\">" + escape(seg.label) + "</div>";
    label = seg.label;
    out += "<div class=\"segment\">" + escape(seg.text) + "</div>";
  }
}

} // namespace

std::string render_html(const Report &r) {
  const Words &w = words(r.english);
  const auto &c = *r.corpus;
  std::string out;
  out += "<!DOCTYPE html>\n";
  out += fmt::format("<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", r.english ? "en" : "th");
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"supanalyze " + escape(r.identity.tool_version) + "\">\n";
  out += "<title>" + escape(w.title + " · " + c.id) + "</title>\n<style>" + k_style + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>" + escape(w.title) + "</h1>\n";
  out += "<p class=\"subtitle\">" + escape(c.title) + "</p>\n";
  out += fmt::format("<p class=\"subtitle\">{} · {} {}{}</p>\n", escape(c.id), escape(r.codebook->id),
                     escape(r.codebook->version),
                     escape(r.identity.filters.empty() ? std::string() : " · " + r.identity.filters));
  out += "</header>\n";

  std::size_t position = 0;
  for (const auto &s : r.instruments) {
    out +=
        fmt::format("<section class=\"instrument\" data-instrument=\"{}\">\n", escape(c.instruments[s.instrument].id));
    out += "<h2>" + escape(instrument_heading(r, ++position, s.instrument)) + "</h2>\n";
    for (const auto &q : s.questions) {
      const auto &inst = c.instruments[q.instrument];
      out += fmt::format("<section class=\"question\" data-question=\"{0}/{1}\" data-of=\"{2}\" id=\"{0}-{1}\">\n",
                         escape(inst.id), escape(inst.questions[q.question].id), q.denominator);
      out += "<h3>" + escape(question_heading(r, q)) + "</h3>\n";
      if (q.themes.empty()) {
        out += "<p class=\"empty\">" + escape(w.no_theme) + "</p>\n</section>\n";
        continue;
      }
      out += "<p class=\"summary\">" + escape(question_summary(r, q)) + "</p>\n";
      bar_chart(out, r, q);
      out += "<ol class=\"themes\">\n";
      for (const auto &f : q.themes) {
        std::string provinces;
        for (std::size_t p : f.provinces)
          provinces += (provinces.empty() ? "" : " ") + c.provinces[p].id;
        out +=
            fmt::format(R"(<li class="theme" data-theme="{}" data-count="{}" data-majority="{}" data-provinces="{}">)",
                        escape(r.codebook->themes[f.theme].id), f.count, f.majority ? 1 : 0, escape(provinces));
        out += fmt::format(R"(<p><span class="swatch" style="background:{}"></span>{})", theme_colour(r, f.theme),
                           escape(theme_sentence(r, q, f)));
        if (f.majority) out += "<span class=\"majority\">" + escape(w.majority) + "</span>";
        out += "</p>\n";
        for (const auto &qt : f.quotes)
          quote(out, r, qt);
        out += "</li>\n";
      }
      out += "</ol>\n</section>\n";
    }
    if (!s.heatmap.themes.empty()) {
      out += "<h3>" + escape(w.heatmap_title) + "</h3>\n";
      heatmap(out, r, s);
    }
    out += "</section>\n";
  }

  out += "<section class=\"appendix\">\n<h2>" + escape(w.appendix) + "</h2>\n<p>" + escape(w.appendix_intro) + "</p>\n";
  std::size_t table = 0;
  for (const auto &s : r.instruments) {
    out += "<h3>" +
           escape(r.english && !c.instruments[s.instrument].en.empty() ? c.instruments[s.instrument].en
                                                                       : c.instruments[s.instrument].th) +
           "</h3>\n";
    for (const auto &q : s.questions) {
      const auto &question = c.instruments[q.instrument].questions[q.question];
      out += fmt::format("<p class=\"caption\">{} {} · {}</p>\n", escape(w.table), ++table,
                         escape(question.text_in(r.english)));
      out += "<table class=\"answers\"><thead><tr><th>" + escape(w.province) + "</th><th>" + escape(w.answer) +
             "</th></tr></thead><tbody>\n";
      for (std::size_t a : q.answers) {
        out += "<tr><td>" + escape(province_name(r, c.answers[a].province)) + "</td><td>";
        answer_cell(out, r, a);
        out += "</td></tr>\n";
      }
      out += "</tbody></table>\n";
    }
  }
  out += "</section>\n";

  const Identity &id = r.identity;
  out += "<section class=\"identity\">\n<h2>" + escape(w.identity) + "</h2>\n<p>" + escape(w.identity_intro) + "</p>\n";
  out += "<table class=\"identity\"><tbody>\n";
  auto row = [&](const std::string &key, const std::string &value, bool code = false) {
    out += "<tr><td>" + escape(key) + "</td><td>" + (code ? "<code>" + escape(value) + "</code>" : escape(value)) +
           "</td></tr>\n";
  };
  row("tool", "supanalyze " + id.tool_version);
  row("corpus", id.corpus_id + " · " + id.corpus_title);
  row("corpus source", id.corpus_source);
  row("corpus year", std::to_string(id.corpus_year));
  row("corpus answers / segments", fmt::format("{} / {}", id.answers, id.segments));
  row("corpus sha256", id.corpus_sha256, true);
  row("codebook", id.codebook_id + " " + id.codebook_version + " · " + id.codebook_title);
  row("codebook source", id.codebook_source);
  row("codebook sha256", id.codebook_sha256, true);
  row("filters", id.filters.empty() ? "-" : id.filters);
  out += "</tbody></table>\n</section>\n</body>\n</html>\n";
  return out;
}

} // namespace supanalyze::report
