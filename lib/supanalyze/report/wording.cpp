// SPDX-License-Identifier: MIT
#include <supanalyze/report/wording.hpp>
#include <supanalyze/text/utf8.hpp>

#include <fmt/format.h>

#include <cctype>

namespace supanalyze::report {

const Words &words(bool english) {
  static const Words th{"รายงานผลการวิเคราะห์ข้อมูลจากการสนทนากลุ่ม",
                        "ผลการนิเทศ ติดตาม ประเมินผลตามนโยบายและภารกิจ",
                        "ผลการนิเทศ ติดตามและประเมินผล",
                        "ประเด็นที่",
                        "สัดส่วนจังหวัดที่ระบุแต่ละประเด็น (เส้นประ = ครึ่งหนึ่งของจังหวัด)",
                        "ผู้ให้ข้อมูลส่วนใหญ่",
                        "ครึ่งหนึ่ง",
                        "ไม่พบประเด็นตามรหัสประเด็น (codebook) ในคำตอบของข้อนี้",
                        "ประเด็นที่พบจำแนกตามจังหวัด",
                        "ตัวเลขในช่อง = จำนวนข้อคำถามที่จังหวัดระบุประเด็นนั้น จาก",
                        "ภาคผนวก: ข้อมูลจากการสนทนากลุ่ม",
                        "คำตอบของแต่ละจังหวัดตามข้อคำถาม (ข้อความหลังการปรับแก้ตัวอักษร)",
                        "ตาราง",
                        "จังหวัด",
                        "คำตอบ",
                        "ประเด็น",
                        "จังหวัด",
                        "สัดส่วน",
                        "ตัวอย่างข้อความ",
                        "ที่มาของข้อมูลและเครื่องมือ",
                        "รายงานนี้สร้างจากข้อมูลและรหัสประเด็นต่อไปนี้ ค่าแฮช SHA-256 ใช้ตรวจสอบว่ารายงานฉบับพิมพ์มาจากข้อมูลชุดใด",
                        "(ไม่มีคำตอบ)"};
  static const Words en{
      "Focus-group analysis report",
      "Results of the supervision, follow-up and evaluation",
      "",
      "Question",
      "Share of provinces that raised each theme (dashed line = half of the provinces)",
      "most informants",
      "half",
      "No codebook theme was found in the answers to this question.",
      "Themes by province",
      "Each cell = the number of questions in which the province raised the theme, of",
      "Appendix: focus-group answers",
      "Each province's answer to each question (text after normalization).",
      "Table",
      "Province",
      "Answer",
      "Theme",
      "Provinces",
      "Share",
      "Evidence",
      "Sources and tool",
      "This report was made from the inputs below; their SHA-256 hashes tie a printed copy to its data.",
      "(no answer)"};
  return english ? en : th;
}

std::string province_name(const Report &report, std::size_t province) {
  const auto &p = report.corpus->provinces[province];
  return p.label(report.english);
}

std::string question_heading(const Report &report, const QuestionSection &q) {
  const auto &question = report.corpus->instruments[q.instrument].questions[q.question];
  std::string number = question.id;
  if (!number.empty() && (number[0] == 'q' || number[0] == 'Q')) number = number.substr(1);
  return words(report.english).question_prefix + " " + number + (report.english ? ": " : " : ") +
         question.text_in(report.english);
}

std::string instrument_heading(const Report &report, std::size_t position, std::size_t instrument) {
  const auto &inst = report.corpus->instruments[instrument];
  if (report.english) return fmt::format("{}. {}", position, inst.en.empty() ? inst.th : inst.en);
  return fmt::format("{}. {}{}", position, words(false).instrument_prefix, inst.th);
}

std::string join_names(const std::vector<std::string> &names, bool english) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      if (i + 1 == names.size())
        out += english ? " and " : " และ";
      else
        out += english ? ", " : " ";
    }
    out += names[i];
  }
  return out;
}

std::string count_text(std::uint64_t count, std::uint64_t of) {
  if (of == 0) return fmt::format("{}/{}", count, of);
  return fmt::format("{}/{} ({:.1f}%)", count, of, 100.0 * static_cast<double>(count) / static_cast<double>(of));
}

std::string theme_sentence(const Report &report, const QuestionSection &q, const ThemeFinding &f) {
  std::vector<std::string> names;
  for (std::size_t p : f.provinces)
    names.push_back(province_name(report, p));
  const auto &label = report.codebook->themes[f.theme].label(report.english);
  const std::string list = join_names(names, report.english);
  if (report.english) {
    const char *who = f.count == q.denominator ? "All informants" : f.majority ? "Most informants" : "Some informants";
    return fmt::format("{} raised {} ({} of {} provinces: {}).", who, label, f.count, q.denominator, list);
  }
  const char *who = f.count == q.denominator ? "ผู้ให้ข้อมูลทุกจังหวัด" : f.majority ? "ผู้ให้ข้อมูลส่วนใหญ่" : "ผู้ให้ข้อมูลบางส่วน";
  return fmt::format("{}ระบุประเด็น{} ({} จาก {} จังหวัด ได้แก่ {})", who, label, f.count, q.denominator, list);
}

std::string question_summary(const Report &report, const QuestionSection &q) {
  std::vector<std::string> labels;
  for (const auto &f : q.themes)
    if (f.majority) labels.push_back(report.codebook->themes[f.theme].label(report.english));
  if (report.english) {
    if (labels.empty()) return fmt::format("No theme was raised by more than half of the {} provinces.", q.denominator);
    return fmt::format("Most informants (more than half of the {} provinces) raised {}.", q.denominator,
                       join_names(labels, true));
  }
  if (labels.empty()) return fmt::format("ไม่มีประเด็นใดที่ผู้ให้ข้อมูลเกินครึ่งหนึ่งของ {} จังหวัดระบุ", q.denominator);
  return fmt::format("ผู้ให้ข้อมูลส่วนใหญ่ (เกินครึ่งหนึ่งของ {} จังหวัด) ระบุประเด็น{}", q.denominator, join_names(labels, false));
}

std::string theme_colour(const Report &report, std::size_t theme) {
  const std::string &c = report.codebook->themes[theme].colour;
  bool ok = c.size() == 7 && c[0] == '#';
  for (std::size_t i = 1; ok && i < c.size(); ++i)
    ok = std::isxdigit(static_cast<unsigned char>(c[i])) != 0;
  if (!ok) return "#7f7f7f";
  return text::ascii_lower(c);
}

namespace {

std::vector<std::pair<std::string, bool>> pieces(const std::string &text, const std::vector<Span> &spans) {
  std::vector<std::pair<std::string, bool>> out;
  std::size_t at = 0;
  for (const Span &s : spans) {
    if (s.start > at) out.emplace_back(text.substr(at, s.start - at), false);
    out.emplace_back(text.substr(s.start, s.end - s.start), true);
    at = s.end;
  }
  if (at < text.size()) out.emplace_back(text.substr(at), false);
  return out;
}

} // namespace

std::vector<std::pair<std::string, bool>> quote_pieces(const Report &report, const Quote &quote) {
  return pieces(report.corpus->answers[quote.answer].segments[quote.segment].text, quote.spans);
}

std::vector<std::pair<std::string, bool>> quote_label_pieces(const Report &report, const Quote &quote) {
  return pieces(report.corpus->answers[quote.answer].segments[quote.segment].label, quote.label_spans);
}

} // namespace supanalyze::report
