// SPDX-License-Identifier: MIT
#pragma once
// The report's words, in Thai (the seed report's own phrases) or English, shared by every
// format so the HTML, DOCX and Markdown reports say the same thing.

#include <supanalyze/report/model.hpp>

#include <string>
#include <vector>

namespace supanalyze::report {

// Fixed labels of the report in one language.
struct Words {
  std::string title; // the document title
  std::string part3; // "ผลการนิเทศ ติดตาม ประเมินผล" heading
  std::string instrument_prefix;
  std::string question_prefix; // "ประเด็นที่"
  std::string chart_caption;   // under a bar chart
  std::string majority;        // "ผู้ให้ข้อมูลส่วนใหญ่"
  std::string majority_line;   // the 50% line's label
  std::string no_theme;
  std::string heatmap_title;
  std::string heatmap_caption;
  std::string appendix;
  std::string appendix_intro;
  std::string table; // "ตาราง"
  std::string province;
  std::string answer;
  std::string theme;
  std::string provinces; // count column
  std::string share;
  std::string evidence;
  std::string identity;
  std::string identity_intro;
  std::string no_answer;
};

const Words &words(bool english);

// A province's name in the report's language (its Thai name, or its id in English).
std::string province_name(const Report &report, std::size_t province);
// "ประเด็นที่ 4 : <question text>" / "Question 4: <question text>"
std::string question_heading(const Report &report, const QuestionSection &q);
// "1. ผลการนิเทศ ติดตามและประเมินผล<instrument>" / "1. <instrument in English>"
std::string instrument_heading(const Report &report, std::size_t position, std::size_t instrument);
// Names joined as a list: "ก ข และ ค" / "A, B and C".
std::string join_names(const std::vector<std::string> &names, bool english);
// The part-3 sentence of a theme: who raised it, how many provinces of how many, which.
std::string theme_sentence(const Report &report, const QuestionSection &q, const ThemeFinding &f);
// The question's opening line when some theme is raised by more than half of the provinces.
std::string question_summary(const Report &report, const QuestionSection &q);
// "6/8 (75%)"
std::string count_text(std::uint64_t count, std::uint64_t of);
// A theme's colour as #rrggbb (a neutral grey when the codebook gives none or a bad one).
std::string theme_colour(const Report &report, std::size_t theme);

// Pieces of a quote's text: (text, highlighted) in order, split at the spans' edges.
std::vector<std::pair<std::string, bool>> quote_pieces(const Report &report, const Quote &quote);
// The same for the quoted segment's ### label (no pieces when it has none): shown before the
// text, as the seed's tables show a row label before its cells.
std::vector<std::pair<std::string, bool>> quote_label_pieces(const Report &report, const Quote &quote);

} // namespace supanalyze::report
