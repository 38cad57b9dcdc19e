// SPDX-License-Identifier: MIT
// `supanalyze report` on the bundled corpus: every question's themes, order and counts are what
// `freq` prints, and every quote is a segment that `code` codes with that theme, highlighted
// exactly where `code` says, from the provinces and segments the selection rule names.
#include "test_support.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/io.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

// One `code` row: which theme, where.
struct CodeRow {
  std::string question, province, theme;
  std::size_t segment, start, end;
  bool in_label; // the span is in the segment's ### label
};

std::vector<CodeRow> code_rows() {
  const auto r = run_cli({"code"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<CodeRow> rows;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::size_t at = 0, tab;
    while ((tab = line.find('\t', at)) != std::string::npos) {
      f.push_back(line.substr(at, tab - at));
      at = tab + 1;
    }
    f.push_back(line.substr(at));
    rows.push_back(
        {f[2] + "/" + f[3], f[4], f[6], std::stoul(f[5]), std::stoul(f[8]), std::stoul(f[9]), f.at(11) == "label"});
  }
  return rows;
}

struct HtmlQuote {
  std::string segment, province;
  std::vector<std::tuple<bool, std::size_t, std::size_t, std::string>> marks; // in label, start, end, text
};
struct HtmlTheme {
  std::string theme;
  int count = 0;
  bool majority = false;
  std::vector<std::string> provinces;
  std::vector<HtmlQuote> quotes;
  bool marked = false; // shows the "ผู้ให้ข้อมูลส่วนใหญ่" tag
};
struct HtmlQuestion {
  std::string id;
  int of = 0;
  std::vector<HtmlTheme> themes;
  std::vector<std::string> bars; // the chart's themes, top to bottom
};

std::string unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
    std::size_t at = 0;
    while ((at = s.find(from, at)) != std::string::npos) {
      s.replace(at, std::string(from).size(), to);
      at += std::string(to).size();
    }
  }
  return s;
}

// Reads the report back from the data-* attributes the HTML writer puts on its elements.
std::vector<HtmlQuestion> parse_html(const std::string &html) {
  std::vector<HtmlQuestion> out;
  const std::regex question(R"~(<section class="question" data-question="([^"]+)" data-of="(\d+)")~");
  const std::regex theme(
      R"~(<li class="theme" data-theme="([^"]+)" data-count="(\d+)" data-majority="([01])" data-provinces="([^"]*)">)~");
  const std::regex quote(R"~(<blockquote data-segment="([^"]+)" data-province="([^"]+)">)~");
  const std::regex mark(R"~(<mark data-in="(text|label)" data-start="(\d+)" data-end="(\d+)">([^<]*)</mark>)~");
  const std::regex bar(R"~(<g class="bar" data-theme="([^"]+)">)~");
  std::istringstream in(html);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, question)) {
      out.push_back({m[1], std::stoi(m[2]), {}, {}});
    } else if (std::regex_search(line, m, bar)) {
      out.back().bars.push_back(m[1]);
    } else if (std::regex_search(line, m, theme)) {
      HtmlTheme t{m[1], std::stoi(m[2]), m[3] == "1", {}, {}, false};
      std::istringstream ps(m[4].str());
      for (std::string p; ps >> p;)
        t.provinces.push_back(p);
      t.marked = line.find("<span class=\"majority\">ผู้ให้ข้อมูลส่วนใหญ่</span>") != std::string::npos;
      out.back().themes.push_back(std::move(t));
    } else if (std::regex_search(line, m, quote)) {
      HtmlQuote q{m[1], m[2], {}};
      for (auto it = std::sregex_iterator(line.begin(), line.end(), mark); it != std::sregex_iterator(); ++it)
        q.marks.emplace_back((*it)[1] == "label", std::stoul((*it)[2]), std::stoul((*it)[3]), unescape((*it)[4]));
      out.back().themes.back().quotes.push_back(std::move(q));
    }
  }
  return out;
}

class ReportOnBundledCorpus : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir = new fs::path(fresh_temp_dir("report-test-bundled"));
    const auto r = run_cli({"report", "-o", (*dir / "r.html").string(), "-j", "3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    html = new std::string(supanalyze::read_file(*dir / "r.html"));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir);
    delete dir;
    delete html;
  }
  static fs::path *dir;
  static std::string *html;
};
fs::path *ReportOnBundledCorpus::dir = nullptr;
std::string *ReportOnBundledCorpus::html = nullptr;

TEST_F(ReportOnBundledCorpus, EveryQuestionListsFreqsThemesInFreqsOrder) {
  const auto r = run_cli({"freq", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto freq = nlohmann::json::parse(r.out);
  const auto report = parse_html(*html);
  ASSERT_EQ(report.size(), freq["questions"].size());
  ASSERT_EQ(report.size(), 25u);
  std::size_t majorities = 0;
  for (std::size_t i = 0; i < report.size(); ++i) {
    const auto &fq = freq["questions"][i];
    const auto &rq = report[i];
    SCOPED_TRACE(rq.id);
    EXPECT_EQ(rq.id, fq["instrument"].get<std::string>() + "/" + fq["question"].get<std::string>());
    EXPECT_EQ(rq.of, fq["denominator"].get<int>());
    ASSERT_EQ(rq.themes.size(), fq["themes"].size());
    EXPECT_EQ(rq.bars.size(), rq.themes.size());
    for (std::size_t k = 0; k < rq.themes.size(); ++k) {
      EXPECT_EQ(rq.themes[k].theme, fq["themes"][k]["theme"].get<std::string>());
      EXPECT_EQ(rq.themes[k].count, fq["themes"][k]["count"].get<int>());
      EXPECT_EQ(rq.themes[k].majority, fq["themes"][k]["majority"].get<bool>());
      EXPECT_EQ(rq.themes[k].marked, rq.themes[k].majority);
      EXPECT_EQ(rq.bars[k], rq.themes[k].theme);
      EXPECT_EQ(rq.themes[k].provinces.size(), static_cast<std::size_t>(rq.themes[k].count));
      majorities += rq.themes[k].majority;
    }
    // The question's own text is its heading.
    EXPECT_NE(html->find(fq["label"].get<std::string>()), std::string::npos);
  }
  EXPECT_GT(majorities, 10u); // e.g. centre1300 q4: resources, budget, training, rosters, staffing, coordination
}

TEST_F(ReportOnBundledCorpus, ProvincesAndQuotesAreWhatCodeFinds) {
  const auto &cb = supanalyze::codebook::default_codebook();
  const auto corpus = supanalyze::corpus::read_corpus(supanalyze::testing::bundled_corpus());
  // question -> theme (rolled up) -> province -> segment -> (in label, start, end)
  using Spans = std::set<std::tuple<bool, std::size_t, std::size_t>>;
  std::map<std::string, std::map<std::string, std::map<std::string, std::map<std::size_t, Spans>>>> coded;
  for (const auto &row : code_rows()) {
    const auto t = cb.index_of(row.theme);
    ASSERT_TRUE(t) << row.theme;
    for (std::size_t a : cb.self_and_ancestors(*t))
      coded[row.question][cb.themes[a].id][row.province][row.segment].insert({row.in_label, row.start, row.end});
  }
  std::map<std::string, std::pair<std::string, std::string>> segments_by_id; // (text, label)
  for (const auto &a : corpus.answers)
    for (std::size_t s = 0; s < a.segments.size(); ++s)
      segments_by_id[corpus.segment_id(a, s + 1)] = {a.segments[s].text, a.segments[s].label};
  auto segment = [&](const std::string &segment_id) -> std::pair<std::string, std::string> {
    const auto it = segments_by_id.find(segment_id);
    if (it != segments_by_id.end()) return it->second;
    ADD_FAILURE() << "no segment " << segment_id;
    return {};
  };
  std::size_t quotes = 0, labels = 0;
  for (const auto &q : parse_html(*html)) {
    for (const auto &t : q.themes) {
      SCOPED_TRACE(q.id + " " + t.theme);
      const auto &by_province = coded[q.id][t.theme];
      // The provinces named are those `code` codes with the theme, in corpus order.
      std::vector<std::string> expected;
      for (const auto &p : corpus.provinces)
        if (by_province.count(p.id)) expected.push_back(p.id);
      EXPECT_EQ(t.provinces, expected);
      // Quotes: the first three of those provinces, each its longest coded segment.
      ASSERT_EQ(t.quotes.size(), std::min<std::size_t>(3, expected.size()));
      for (std::size_t k = 0; k < t.quotes.size(); ++k) {
        const auto &quote = t.quotes[k];
        EXPECT_EQ(quote.province, expected[k]);
        const auto &segments = by_province.at(quote.province);
        std::size_t longest = 0, longest_length = 0;
        for (const auto &[n, spans] : segments) {
          const std::size_t length = segment(q.id + "/" + quote.province + "/" + std::to_string(n)).first.size();
          if (length > longest_length) longest = n, longest_length = length;
        }
        EXPECT_EQ(quote.segment, q.id + "/" + quote.province + "/" + std::to_string(longest));
        // The marks are the coded spans, those in the label first, merged where they overlap,
        // and show those bytes of the label or the text.
        std::vector<std::tuple<bool, std::size_t, std::size_t>> merged;
        for (const auto &[in_label, start, end] : segments.at(longest)) {
          if (!merged.empty() && std::get<0>(merged.back()) == in_label && start <= std::get<2>(merged.back()))
            std::get<2>(merged.back()) = std::max(std::get<2>(merged.back()), end);
          else
            merged.emplace_back(in_label, start, end);
        }
        std::stable_partition(merged.begin(), merged.end(), [](const auto &s) { return std::get<0>(s); });
        const auto [text, label] = segment(quote.segment);
        ASSERT_EQ(quote.marks.size(), merged.size());
        for (std::size_t m = 0; m < merged.size(); ++m) {
          const auto &[in_label, start, end, shown] = quote.marks[m];
          EXPECT_EQ(in_label, std::get<0>(merged[m]));
          EXPECT_EQ(start, std::get<1>(merged[m]));
          EXPECT_EQ(end, std::get<2>(merged[m]));
          EXPECT_EQ(shown, (in_label ? label : text).substr(start, end - start));
          labels += in_label;
        }
        ++quotes;
      }
    }
  }
  EXPECT_GT(quotes, 300u);
  EXPECT_GT(labels, 0u); // themes named in a ### label (centre1300 q1's areas) are marked there
}

TEST_F(ReportOnBundledCorpus, IsOneSelfContainedPageWithChartsAppendixAndIdentity) {
  EXPECT_EQ(html->find("<script"), std::string::npos);
  EXPECT_EQ(html->find("http://"), html->find("http://www.w3.org/2000/svg")); // only the SVG namespace
  EXPECT_EQ(html->find("https://"), std::string::npos);
  EXPECT_EQ(html->find("@import"), std::string::npos);
  EXPECT_EQ(html->find("url("), std::string::npos);
  EXPECT_NE(html->find("@page { size: A4"), std::string::npos);
  std::size_t heatmaps = 0;
  for (std::size_t at = 0;
       (at = html->find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\"", at)) != std::string::npos; ++at)
    ++heatmaps;
  EXPECT_EQ(heatmaps, 4u); // one per instrument
  // The appendix: 25 tables of provinces, and a seed answer in full (table 4, kanchanaburi).
  EXPECT_NE(html->find("ตาราง 25 · "), std::string::npos);
  EXPECT_EQ(html->find("ตาราง 26 · "), std::string::npos);
  EXPECT_NE(html->find("ไม่มีงบสนับสนุนในการดำเนินงาน"), std::string::npos);
  // The identity section carries the same hashes as run's manifest.
  const fs::path out = *dir / "run";
  const auto r = run_cli({"run", std::string(SUPANALYZE_EXAMPLES) + "/ssw3-2564.yaml", "-o", out.string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto manifest = nlohmann::json::parse(supanalyze::read_file(out / "manifest.json"));
  EXPECT_NE(html->find(manifest["corpus"]["sha256"].get<std::string>()), std::string::npos);
  EXPECT_NE(html->find(manifest["codebook"]["sha256"].get<std::string>()), std::string::npos);
  EXPECT_NE(html->find("supanalyze " + manifest["tool"]["version"].get<std::string>()), std::string::npos);
}

TEST(Report, SameBytesForEveryFormatAndThreadCount) {
  const fs::path dir = fresh_temp_dir("report-test-bytes");
  for (const char *ext : {"html", "docx", "md"}) {
    SCOPED_TRACE(ext);
    const std::string a = (dir / (std::string("a.") + ext)).string(), b = (dir / (std::string("b.") + ext)).string();
    ASSERT_EQ(run_cli({"report", "-o", a, "-j", "1"}).exit_code, 0);
    ASSERT_EQ(run_cli({"report", "-o", b, "-j", "4"}).exit_code, 0);
    const std::string first = supanalyze::read_file(a);
    EXPECT_GT(first.size(), 10000u);
    EXPECT_EQ(first, supanalyze::read_file(b));
  }
  fs::remove_all(dir);
}

TEST(Report, MarkdownHasTheSameThemesCountsAndQuotes) {
  const fs::path dir = fresh_temp_dir("report-test-md");
  ASSERT_EQ(run_cli({"report", "-q", "centre1300/q4", "-o", (dir / "r.md").string()}).exit_code, 0);
  const std::string md = supanalyze::read_file(dir / "r.md");
  const auto freq = nlohmann::json::parse(run_cli({"freq", "-q", "centre1300/q4", "--format", "json"}).out);
  const auto &themes = freq["questions"][0]["themes"];
  ASSERT_GT(themes.size(), 5u);
  std::size_t at = md.find("### ประเด็นที่ 4 : ");
  ASSERT_NE(at, std::string::npos);
  for (std::size_t k = 0; k < themes.size(); ++k) {
    const std::string row = "| " + std::to_string(k + 1) + " | " + themes[k]["label"].get<std::string>() + " | " +
                            std::to_string(themes[k]["count"].get<int>()) + "/8 (";
    const std::size_t found = md.find(row, at);
    ASSERT_NE(found, std::string::npos) << row;
    EXPECT_EQ(md.find("ผู้ให้ข้อมูลส่วนใหญ่ |", found) < md.find('\n', found), themes[k]["majority"].get<bool>()) << row;
    at = found;
  }
  // centre1300 q4 budget: the first province coded with it is kanchanaburi, "ไม่มีงบสนับสนุน...".
  EXPECT_NE(md.find("   > 3. **ไม่มีงบ**สนับสนุนในการดำเนินงาน พยายามหา**สนับสนุนงบ**ประมาณ"), std::string::npos);
  EXPECT_NE(md.find("| กาญจนบุรี | "), std::string::npos); // the appendix table
  fs::remove_all(dir);
}

TEST(Report, EnglishLabels) {
  const fs::path dir = fresh_temp_dir("report-test-en");
  ASSERT_EQ(run_cli({"report", "-q", "centre1300/q4", "--lang", "en", "-o", (dir / "r.html").string()}).exit_code, 0);
  const std::string html = supanalyze::read_file(dir / "r.html");
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("Most informants raised Resources (7 of 8 provinces: "), std::string::npos);
  EXPECT_NE(html.find("Question 4: "), std::string::npos);
  fs::remove_all(dir);
}

TEST(Report, BadInputIsExit2AndWritesNothing) {
  const fs::path dir = fresh_temp_dir("report-test-bad");
  // A filter that selects nothing: no centre1300 answer is a vulnerable question.
  auto r = run_cli({"report", "-i", "centre1300", "-q", "vulnerable/q5", "-o", (dir / "r.html").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("select no answer"), std::string::npos) << r.err;
  // An extension the report cannot write, an unknown format, an unwritable folder.
  r = run_cli({"report", "-o", (dir / "r.pdf").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".html, .docx or .md"), std::string::npos) << r.err;
  r = run_cli({"report", "--format", "pdf", "-o", (dir / "r.html").string()});
  EXPECT_EQ(r.exit_code, 2);
  r = run_cli({"report", "-o", (dir / "no" / "such" / "r.html").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(fs::is_empty(dir));
  // A failed run leaves an existing report as it was.
  supanalyze::write_file_atomically(dir / "r.md", "old");
  r = run_cli({"report", "-p", "nowhere", "-o", (dir / "r.md").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(supanalyze::read_file(dir / "r.md"), "old");
  fs::remove_all(dir);
}

} // namespace
