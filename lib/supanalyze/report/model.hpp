// SPDX-License-Identifier: MIT
#pragma once
// The report the analysts hand in, as data: the seed report's part 3 (per instrument and
// question, the themes ranked by share of provinces, each with a sentence and evidence quotes)
// plus a theme x province heatmap per instrument, the appendix (every answer, as tables 1-25 of
// the seed) and the identity of its inputs. Built once, then written as HTML, DOCX or Markdown
// (report/render.hpp), so every format says the same thing.
//
// The numbers are not counted here: the caller hands in the library counter's results
// (per-question ranked counts, as `freq` prints them, and per-instrument matrices), and the
// builder adds only what a count cannot give: which provinces, and which text to quote.

#include <supanalyze/aggregate/frequency.hpp>
#include <supanalyze/aggregate/tally.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/codebook/model.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/model.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace supanalyze::report {

// A highlighted byte range [start, end) of a quote's text.
struct Span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  bool operator==(const Span &) const = default;
};

// One piece of evidence: a whole segment (normalized text, as `code` reports it) with the
// theme's matched spans, merged where they touch or overlap.
struct Quote {
  std::size_t province = 0;
  std::size_t answer = 0;        // index into Corpus::answers
  std::size_t segment = 0;       // index into the answer's segments
  std::string segment_id;        // "centre1300/q4/ratchaburi/3"
  std::vector<Span> spans;       // in the segment's text
  std::vector<Span> label_spans; // in the segment's ### label (a label is coded with its first segment)
};

// One theme of one question: its count in provinces (from the counter), the provinces that
// raised it in corpus order, whether more than half did, and up to `max_quotes` quotes.
struct ThemeFinding {
  std::size_t theme = 0;
  std::uint64_t count = 0;
  bool majority = false;
  std::vector<std::size_t> provinces;
  std::vector<Quote> quotes;
};

struct QuestionSection {
  std::size_t instrument = 0, question = 0;
  std::uint64_t denominator = 0;    // provinces that answered
  std::vector<ThemeFinding> themes; // in `freq` order: count, then codebook order
  std::vector<std::size_t> answers; // the selected answers (appendix), corpus order
};

// Theme x province for one instrument: cells count the instrument's questions in whose answer
// the province raised the theme (0 .. `questions`).
struct Heatmap {
  std::vector<std::size_t> themes;    // rows: themes with at least one non-zero cell
  std::vector<std::size_t> provinces; // columns
  std::vector<std::vector<std::uint64_t>> cells;
  std::uint64_t questions = 0; // the largest possible cell
};

struct InstrumentSection {
  std::size_t instrument = 0;
  std::vector<QuestionSection> questions;
  Heatmap heatmap;
};

// What the report was made from, as `run`'s manifest.json records it.
struct Identity {
  std::string tool_version;
  std::string corpus_id, corpus_title, corpus_source, corpus_sha256;
  int corpus_year = 0;
  std::size_t answers = 0, segments = 0;
  std::string codebook_id, codebook_version, codebook_title, codebook_source, codebook_sha256;
  std::string filters; // "--instrument centre1300 --province ratchaburi", or empty
};

struct Report {
  const corpus::Corpus *corpus = nullptr;
  const codebook::Codebook *codebook = nullptr;
  bool english = false;
  std::vector<InstrumentSection> instruments;
  Identity identity;
};

// Gathers, from coded answers fed in corpus order, what the report quotes and lists; then
// assembles the report around the counter's numbers.
class ReportBuilder {
public:
  // `theme_selected` as in aggregate::tally_answer; at most `max_quotes` quotes per theme.
  ReportBuilder(const corpus::Corpus &corpus, const codebook::Codebook &codebook, std::vector<bool> theme_selected,
                std::size_t max_quotes = 3);
  // Records one selected answer (an element of `corpus.answers`) and its codings.
  void add(const corpus::Answer &answer, const coding::AnswerCodings &coded);

  // The report: one section per instrument of `questions` (in their order), each question's
  // themes exactly as counted in `questions`, and per instrument the heatmap taken from
  // `heatmaps` (theme x province matrices in unit answers, one per instrument, in the same
  // order as the instruments first appear in `questions`). Throws Error when the codings
  // disagree with a count (a theme counted in n provinces must be found in n).
  Report build(const std::vector<aggregate::QuestionFrequency> &questions,
               const std::vector<aggregate::Matrix> &heatmaps, Identity identity, bool english) const;

private:
  // Per (question number, theme, province): the best segment to quote.
  struct Candidate {
    std::size_t answer = 0, segment = 0, length = 0;
    std::vector<Span> spans, label_spans;
  };
  const corpus::Corpus &m_corpus;
  const codebook::Codebook &m_codebook;
  std::vector<bool> m_theme_selected;
  std::size_t m_max_quotes;
  // [question number][theme][province] -> candidate index + 1 into m_candidates, or 0.
  std::vector<std::vector<std::vector<std::uint32_t>>> m_best;
  std::vector<Candidate> m_candidates;
  std::vector<std::vector<std::size_t>> m_answers; // per question number
};

// What the report was made from: tool version, the corpus and codebook with their SHA-256
// (run::corpus_sha256 and run::codebook_sha256, as in run's manifest.json), their sources as
// the user named them, and the filters.
Identity identify(const corpus::Corpus &corpus, const codebook::Codebook &codebook, std::string corpus_source,
                  std::string codebook_source, std::string filters);

// The report of the answers `selection` selects from `corpus` (every answer held): codes them
// with `matcher` on `threads` workers (the same report for any number), counts each question's
// themes in provinces and each instrument's theme x province heatmap in answers with the
// library counter (aggregate::TableCount, ranked by aggregate::question_frequencies as `freq`
// ranks them), and picks the quotes. `corpus` and `codebook` must outlive the report. Throws
// Error when the selection selects no answer.
Report make_report(const corpus::Corpus &corpus, const codebook::Codebook &codebook, const codebook::Matcher &matcher,
                   const aggregate::Selection &selection, unsigned threads, Identity identity, bool english);

// The spans of `theme` (or a descendant) among one segment's codings, sorted and merged: those
// in the segment's text, or with `in_label` those in its label.
std::vector<Span> theme_spans(const codebook::Codebook &codebook, const std::vector<codebook::Coding> &codings,
                              std::size_t theme, bool in_label = false);

} // namespace supanalyze::report
