// SPDX-License-Identifier: MIT
#include <supanalyze/aggregate/questions.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/report/model.hpp>
#include <supanalyze/run/manifest.hpp>

#include <algorithm>

namespace supanalyze::report {

std::vector<Span> theme_spans(const codebook::Codebook &codebook, const std::vector<codebook::Coding> &codings,
                              std::size_t theme, bool in_label) {
  std::vector<Span> spans;
  for (const auto &c : codings) // a coding in the segment's ### label has its offsets in the label
    if (c.in_label == in_label && codebook.is_within(c.theme, theme)) spans.push_back({c.start, c.end});
  std::sort(spans.begin(), spans.end(),
            [](const Span &a, const Span &b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
  std::vector<Span> merged;
  for (const Span &s : spans) {
    if (!merged.empty() && s.start <= merged.back().end)
      merged.back().end = std::max(merged.back().end, s.end);
    else
      merged.push_back(s);
  }
  return merged;
}

ReportBuilder::ReportBuilder(const corpus::Corpus &corpus, const codebook::Codebook &codebook,
                             std::vector<bool> theme_selected, std::size_t max_quotes)
    : m_corpus(corpus), m_codebook(codebook), m_theme_selected(std::move(theme_selected)), m_max_quotes(max_quotes) {
  const std::size_t questions = corpus.question_count();
  m_best.assign(questions, std::vector<std::vector<std::uint32_t>>(
                               codebook.themes.size(), std::vector<std::uint32_t>(corpus.provinces.size(), 0)));
  m_answers.resize(questions);
}

void ReportBuilder::add(const corpus::Answer &answer, const coding::AnswerCodings &coded) {
  const std::size_t q = aggregate::question_number(m_corpus, answer.instrument, answer.question);
  m_answers[q].push_back(coded.answer);
  for (std::size_t s = 0; s < coded.segments.size(); ++s) {
    // Every theme coded in the segment, rolled up to its ancestors, once.
    std::vector<std::size_t> themes;
    for (const auto &c : coded.segments[s])
      for (std::size_t t : m_codebook.self_and_ancestors(c.theme))
        themes.push_back(t);
    std::sort(themes.begin(), themes.end());
    themes.erase(std::unique(themes.begin(), themes.end()), themes.end());
    const std::size_t length = answer.segments[s].text.size();
    for (std::size_t t : themes) {
      if (!m_theme_selected[t]) continue;
      auto &best = m_best[q][t][answer.province];
      // The longest segment of the answer that has the theme; the first of equal ones.
      if (best != 0 && m_candidates[best - 1].length >= length) continue;
      Candidate candidate{coded.answer, s, length, theme_spans(m_codebook, coded.segments[s], t),
                          theme_spans(m_codebook, coded.segments[s], t, true)};
      if (best == 0) {
        m_candidates.push_back(std::move(candidate));
        best = static_cast<std::uint32_t>(m_candidates.size());
      } else {
        m_candidates[best - 1] = std::move(candidate);
      }
    }
  }
}

Report ReportBuilder::build(const std::vector<aggregate::QuestionFrequency> &questions,
                            const std::vector<aggregate::Matrix> &heatmaps, Identity identity, bool english) const {
  Report r;
  r.corpus = &m_corpus;
  r.codebook = &m_codebook;
  r.english = english;
  r.identity = std::move(identity);
  for (const auto &qc : questions) {
    if (r.instruments.empty() || r.instruments.back().instrument != qc.instrument) {
      r.instruments.emplace_back();
      r.instruments.back().instrument = qc.instrument;
    }
    const std::size_t number = aggregate::question_number(m_corpus, qc.instrument, qc.question);
    QuestionSection section;
    section.instrument = qc.instrument;
    section.question = qc.question;
    section.denominator = qc.denominator;
    section.answers = m_answers[number];
    for (const auto &[theme, count] : qc.themes) {
      ThemeFinding f;
      f.theme = theme;
      f.count = count;
      f.majority = aggregate::is_majority(aggregate::Unit::provinces, count, qc.denominator);
      for (std::size_t p = 0; p < m_corpus.provinces.size(); ++p) {
        const std::uint32_t best = m_best[number][theme][p];
        if (best == 0) continue;
        f.provinces.push_back(p);
        if (f.quotes.size() >= m_max_quotes) continue;
        const Candidate &c = m_candidates[best - 1];
        const auto &answer = m_corpus.answers[c.answer];
        f.quotes.push_back(
            {p, c.answer, c.segment, m_corpus.segment_id(answer, c.segment + 1), c.spans, c.label_spans});
      }
      if (f.provinces.size() != count)
        throw Error("report: theme '" + m_codebook.themes[theme].id + "' of " + m_corpus.instruments[qc.instrument].id +
                    "/" + m_corpus.instruments[qc.instrument].questions[qc.question].id + " is counted in " +
                    std::to_string(count) + " provinces but coded in " + std::to_string(f.provinces.size()));
      section.themes.push_back(std::move(f));
    }
    r.instruments.back().questions.push_back(std::move(section));
  }
  if (heatmaps.size() != r.instruments.size()) throw Error("report: one heatmap per instrument is needed");
  for (std::size_t i = 0; i < r.instruments.size(); ++i) {
    const aggregate::Matrix &m = heatmaps[i];
    Heatmap &h = r.instruments[i].heatmap;
    h.provinces = m.col_items;
    h.questions = r.instruments[i].questions.size();
    for (std::size_t row = 0; row < m.row_items.size(); ++row) {
      if (std::all_of(m.cells[row].begin(), m.cells[row].end(), [](std::uint64_t v) { return v == 0; })) continue;
      h.themes.push_back(m.row_items[row]);
      h.cells.push_back(m.cells[row]);
    }
  }
  return r;
}

Identity identify(const corpus::Corpus &corpus, const codebook::Codebook &codebook, std::string corpus_source,
                  std::string codebook_source, std::string filters) {
  Identity id;
  id.tool_version = SUPANALYZE_VERSION;
  id.corpus_id = corpus.id;
  id.corpus_title = corpus.title;
  id.corpus_source = std::move(corpus_source);
  id.corpus_year = corpus.year_be;
  id.corpus_sha256 = run::corpus_sha256(corpus);
  id.answers = corpus.answers.size();
  id.segments = corpus.segment_count();
  id.codebook_id = codebook.id;
  id.codebook_version = codebook.version;
  id.codebook_title = codebook.title;
  id.codebook_source = std::move(codebook_source);
  id.codebook_sha256 = run::codebook_sha256(codebook);
  id.filters = std::move(filters);
  return id;
}

Report make_report(const corpus::Corpus &corpus, const codebook::Codebook &codebook, const codebook::Matcher &matcher,
                   const aggregate::Selection &selection, unsigned threads, Identity identity, bool english) {
  if (std::none_of(corpus.answers.begin(), corpus.answers.end(),
                   [&](const corpus::Answer &a) { return selection.selected(a); }))
    throw Error("report: the filters" + (identity.filters.empty() ? std::string() : " (" + identity.filters + ")") +
                " select no answer of corpus " + corpus.id + "; nothing written");

  // The counts: freq's table (themes x questions in provinces) and, per instrument, a theme x
  // province heatmap in answers (under how many of its questions a province raised a theme).
  aggregate::TableCount freq(corpus, codebook, selection, aggregate::Axis::theme, aggregate::Axis::question,
                             aggregate::Unit::provinces);
  std::vector<aggregate::TableCount> heat;
  heat.reserve(corpus.instruments.size());
  for (std::size_t i = 0; i < corpus.instruments.size(); ++i) {
    aggregate::Selection one = selection;
    for (std::size_t k = 0; k < one.instrument_ok.size(); ++k)
      one.instrument_ok[k] = one.instrument_ok[k] && k == i;
    heat.emplace_back(corpus, codebook, std::move(one), aggregate::Axis::theme, aggregate::Axis::province,
                      aggregate::Unit::answers);
  }
  ReportBuilder builder(corpus, codebook, selection.theme_selected);
  coding::code_corpus(corpus, matcher, threads, [&](const coding::AnswerCodings &coded) {
    const corpus::Answer &answer = corpus.answers[coded.answer];
    if (!selection.selected(answer)) return;
    builder.add(answer, coded);
    freq.add(answer, coded);
    heat[answer.instrument].add(answer, coded);
  });

  const std::vector<aggregate::QuestionFrequency> questions = aggregate::question_frequencies(corpus, freq);
  std::vector<aggregate::Matrix> heatmaps;
  for (std::size_t k = 0; k < questions.size(); ++k)
    if (k == 0 || questions[k].instrument != questions[k - 1].instrument)
      heatmaps.push_back(heat[questions[k].instrument].finish());
  return builder.build(questions, heatmaps, std::move(identity), english);
}

} // namespace supanalyze::report
