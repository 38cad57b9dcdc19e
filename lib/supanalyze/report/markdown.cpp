// SPDX-License-Identifier: MIT
#include <supanalyze/report/render.hpp>
#include <supanalyze/report/wording.hpp>

#include <fmt/format.h>

#include <string>

namespace supanalyze::report {

namespace {

// Text for a table cell: no line breaks, pipes escaped.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r' || c == '\t')
      out += ' ';
    else
      out += c;
  }
  return out;
}

// Characters that Markdown would read as emphasis or markup in running text.
std::string inline_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`' || c == '\\' || c == '<' || c == '[' || c == ']') out += '\\';
    out += c;
  }
  return out;
}

std::string bar(std::uint64_t count, std::uint64_t of) {
  std::string out;
  for (std::uint64_t i = 0; i < of; ++i)
    out += i < count ? "█" : "░";
  return out;
}

} // namespace

std::string render_markdown(const Report &r) {
  const Words &w = words(r.english);
  const auto &c = *r.corpus;
  std::string out;
  out += "# " + w.title + "\n\n" + inline_text(c.title) + "\n\n";
  out += fmt::format("{} · {} {}{}\n", c.id, r.codebook->id, r.codebook->version,
                     r.identity.filters.empty() ? "" : " · " + r.identity.filters);

  std::size_t position = 0;
  for (const auto &s : r.instruments) {
    out += "\n## " + instrument_heading(r, ++position, s.instrument) + "\n";
    for (const auto &q : s.questions) {
      out += "\n### " + inline_text(question_heading(r, q)) + "\n\n";
      if (q.themes.empty()) {
        out += w.no_theme + "\n";
        continue;
      }
      out += "**" + question_summary(r, q) + "**\n\n";
      out += fmt::format("| # | {} | {} | {} | |\n|---:|---|---:|---|---|\n", w.theme, w.provinces, w.share);
      std::size_t rank = 0;
      for (const auto &f : q.themes)
        out += fmt::format("| {} | {} | {} | {} | {} |\n", ++rank, cell(r.codebook->themes[f.theme].label(r.english)),
                           count_text(f.count, q.denominator), bar(f.count, q.denominator),
                           f.majority ? "★ " + w.majority : "");
      out += "\n";
      rank = 0;
      for (const auto &f : q.themes) {
        out += fmt::format("{}. {}{}\n", ++rank, inline_text(theme_sentence(r, q, f)),
                           f.majority ? " **[" + w.majority + "]**" : "");
        for (const auto &qt : f.quotes) {
          out += "   > ";
          const auto label = quote_label_pieces(r, qt);
          for (const auto &[piece, highlighted] : label)
            out += highlighted ? "**" + inline_text(piece) + "**" : inline_text(piece);
          if (!label.empty()) out += ": ";
          for (const auto &[piece, highlighted] : quote_pieces(r, qt))
            out += highlighted ? "**" + inline_text(piece) + "**" : inline_text(piece);
          out += " — " + province_name(r, qt.province) + "\n";
        }
      }
    }
    const Heatmap &h = s.heatmap;
    if (h.themes.empty()) continue;
    out += "\n### " + w.heatmap_title + "\n\n| " + w.theme + " |";
    for (std::size_t p : h.provinces)
      out += " " + cell(province_name(r, p)) + " |";
    out += "\n|---|";
    for (std::size_t i = 0; i < h.provinces.size(); ++i)
      out += "---:|";
    out += "\n";
    for (std::size_t i = 0; i < h.themes.size(); ++i) {
      out += "| " + cell(r.codebook->themes[h.themes[i]].label(r.english)) + " |";
      for (std::uint64_t v : h.cells[i])
        out += v ? fmt::format(" {} |", v) : " · |";
      out += "\n";
    }
    out += fmt::format("\n{} {}\n", w.heatmap_caption, h.questions);
  }

  out += "\n## " + w.appendix + "\n\n" + w.appendix_intro + "\n";
  std::size_t table = 0;
  for (const auto &s : r.instruments) {
    const auto &inst = c.instruments[s.instrument];
    out += "\n### " + (r.english && !inst.en.empty() ? inst.en : inst.th) + "\n";
    for (const auto &q : s.questions) {
      out += fmt::format("\n**{} {}** · {}\n\n| {} | {} |\n|---|---|\n", w.table, ++table,
                         inline_text(inst.questions[q.question].text_in(r.english)), w.province, w.answer);
      for (std::size_t a : q.answers) {
        const auto &answer = c.answers[a];
        std::string text, label;
        for (const auto &seg : answer.segments) {
          if (!text.empty()) text += "<br>";
          if (!seg.label.empty() && seg.label != label) text += "**" + cell(inline_text(seg.label)) + "**<br>";
          label = seg.label;
          text += cell(inline_text(seg.text));
        }
        out += "| " + cell(province_name(r, answer.province)) + " | " + (text.empty() ? w.no_answer : text) + " |\n";
      }
    }
  }

  const Identity &id = r.identity;
  out += "\n## " + w.identity + "\n\n" + w.identity_intro + "\n\n| | |\n|---|---|\n";
  auto row = [&](const std::string &key, const std::string &value) {
    out += "| " + key + " | " + cell(value) + " |\n";
  };
  row("tool", "supanalyze " + id.tool_version);
  row("corpus", id.corpus_id + " · " + id.corpus_title);
  row("corpus source", id.corpus_source);
  row("corpus year", std::to_string(id.corpus_year));
  row("corpus answers / segments", fmt::format("{} / {}", id.answers, id.segments));
  row("corpus sha256", "`" + id.corpus_sha256 + "`");
  row("codebook", id.codebook_id + " " + id.codebook_version + " · " + id.codebook_title);
  row("codebook source", id.codebook_source);
  row("codebook sha256", "`" + id.codebook_sha256 + "`");
  row("filters", id.filters.empty() ? "-" : id.filters);
  return out;
}

} // namespace supanalyze::report
