// SPDX-License-Identifier: MIT
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/corpus/writer.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace supanalyze;
namespace fs = std::filesystem;

namespace {

fs::path exported_table(const std::string &name) {
  const fs::path dir = supanalyze::testing::fresh_temp_dir("stream-" + name);
  const auto c = corpus::read_corpus(supanalyze::testing::bundled_corpus());
  std::ofstream out(dir / "corpus.tsv");
  corpus::write_table(c, corpus::TableFormat::tsv, out);
  fs::copy_file(supanalyze::testing::bundled_corpus() + "/corpus.yaml", dir / "corpus.yaml");
  return dir / "corpus.tsv";
}

TEST(StreamCorpus, GivesTheSameAnswersAsReadingWhole) {
  const fs::path table = exported_table("same");
  const auto whole = corpus::read_corpus(table);
  Diagnostics d;
  const auto meta = corpus::read_metadata(table.parent_path() / "corpus.yaml", d);
  std::vector<corpus::Answer> streamed;
  corpus::stream_corpus(table, meta, d, [&](const corpus::Answer &a) { streamed.push_back(a); });
  ASSERT_EQ(streamed.size(), whole.answers.size());
  for (std::size_t k = 0; k < streamed.size(); ++k) {
    EXPECT_EQ(streamed[k].instrument, whole.answers[k].instrument);
    EXPECT_EQ(streamed[k].province, whole.answers[k].province);
    ASSERT_EQ(streamed[k].segments.size(), whole.answers[k].segments.size());
    for (std::size_t s = 0; s < streamed[k].segments.size(); ++s)
      EXPECT_EQ(streamed[k].segments[s].text, whole.answers[k].segments[s].text);
  }
}

TEST(StreamCorpus, ReadsATableNotInAnswerOrderWholeAndGivesTheSameAnswers) {
  const fs::path table = exported_table("ungrouped");
  std::ofstream(table, std::ios::app) << "ssw3-2564\t2564\tcentre1300\tq1\tnakhonpathom\t22\tอีกหนึ่งบรรทัด\t\n";
  const auto whole = corpus::read_corpus(table);
  Diagnostics d;
  const auto meta = corpus::read_metadata(table.parent_path() / "corpus.yaml", d);
  std::vector<corpus::Answer> streamed;
  corpus::stream_corpus(table, meta, d, [&](corpus::Answer &&a) { streamed.push_back(std::move(a)); });
  ASSERT_EQ(streamed.size(), whole.answers.size());
  EXPECT_EQ(streamed.front().segments.size(), 22u); // the row at the end joined its answer
  EXPECT_EQ(streamed.front().segments.back().text, "อีกหนึ่งบรรทัด");
}

TEST(StreamCorpus, DefersNormalizationWhenAsked) {
  const fs::path table = exported_table("raw");
  // One more segment for the table's last answer, with PDF damage.
  std::string last;
  for (std::ifstream in(table); std::getline(in, last) && in.peek() != EOF;) {
  }
  std::vector<std::string> fields;
  for (std::size_t from = 0;;) {
    const auto tab = last.find('\t', from);
    fields.push_back(last.substr(from, tab - from));
    if (tab == std::string::npos) break;
    from = tab + 1;
  }
  const std::size_t segments = std::stoul(fields[5]) + 1;
  std::ofstream(table, std::ios::app) << fields[0] << '\t' << fields[1] << '\t' << fields[2] << '\t' << fields[3]
                                      << '\t' << fields[4] << '\t' << segments << "\tบรูณาการ  งาน\t\n";
  Diagnostics d;
  const auto meta = corpus::read_metadata(table.parent_path() / "corpus.yaml", d);
  corpus::StreamOptions options;
  options.defer_normalization = true;
  std::string raw, normalized;
  corpus::stream_corpus(
      table, meta, d,
      [&](corpus::Answer &&a) {
        if (a.segments.size() == segments) raw = a.segments.back().text;
      },
      options);
  corpus::stream_corpus(table, meta, d, [&](corpus::Answer &&a) {
    if (a.segments.size() == segments) normalized = a.segments.back().text;
  });
  EXPECT_EQ(raw, "บรูณาการ  งาน");
  EXPECT_EQ(normalized, "บูรณาการ งาน");
}

TEST(StreamCoder, CodesLikeCodeCorpusForAnyThreadCount) {
  const auto c = corpus::read_corpus(supanalyze::testing::bundled_corpus());
  const codebook::Matcher matcher(codebook::default_codebook());
  std::vector<std::string> expected;
  coding::code_corpus(c, matcher, 1, [&](const coding::AnswerCodings &coded) {
    for (const auto &seg : coded.segments)
      for (const auto &cd : seg)
        expected.push_back(std::to_string(coded.answer) + ":" + std::to_string(cd.theme) + ":" +
                           std::to_string(cd.start));
  });
  for (unsigned threads : {1u, 2u, 3u}) {
    std::vector<std::string> got;
    std::size_t index = 0;
    coding::StreamCoder coder(matcher, threads, [&](const corpus::Answer &, const coding::AnswerCodings &coded) {
      for (const auto &seg : coded.segments)
        for (const auto &cd : seg)
          got.push_back(std::to_string(index) + ":" + std::to_string(cd.theme) + ":" + std::to_string(cd.start));
      ++index;
    });
    for (const auto &a : c.answers)
      coder.add(a);
    coder.finish();
    EXPECT_EQ(got, expected) << threads << " threads";
  }
}

} // namespace

namespace {

std::vector<std::string> diagnostic_lines(const Diagnostics &d) {
  std::vector<std::string> out;
  for (const auto &item : d.items())
    out.push_back(item.to_string());
  return out;
}

// `corpus check` streams a table in answer order: it must find what reading whole finds, in the
// same words and order, and count the same answers and segments.
void expect_check_like_whole_read(const fs::path &table) {
  Diagnostics streamed, whole;
  const auto checked = corpus::check_corpus(table, streamed);
  const auto corpus = corpus::read_corpus(table, whole);
  EXPECT_EQ(diagnostic_lines(streamed), diagnostic_lines(whole));
  EXPECT_EQ(checked.answers, corpus.answers.size());
  EXPECT_EQ(checked.segments, corpus.segment_count());
  EXPECT_EQ(checked.metadata.provinces.size(), corpus.provinces.size());
}

TEST(CheckCorpus, FindsInAStreamedTableWhatReadingWholeFinds) {
  const fs::path table = exported_table("check");
  std::vector<std::string> lines;
  for (std::ifstream in(table); lines.emplace_back(), std::getline(in, lines.back());) {
  }
  lines.pop_back();
  // Rows of one answer (the third) removed: a missing answer. A wrong year, a wrong corpus id
  // and a segment number out of order in other rows.
  auto key_of = [](const std::string &l) {
    return l.substr(0, l.find('\t', l.find('\t', l.find('\t', l.find('\t', l.find('\t') + 1) + 1) + 1) + 1));
  };
  std::string first_key = key_of(lines[1]), third_key;
  std::size_t answers = 1;
  for (std::size_t k = 2; k < lines.size() && third_key.empty(); ++k)
    if (key_of(lines[k]) != key_of(lines[k - 1]) && ++answers == 3) third_key = key_of(lines[k]);
  std::vector<std::string> kept;
  for (const auto &l : lines)
    if (key_of(l) != third_key) kept.push_back(l);
  kept[5].replace(kept[5].find("\t2564\t"), 6, "\t2565\t");
  kept[9].replace(0, kept[9].find('\t'), "ssw3-2565");
  const auto seg = kept[200].find(
      '\t', kept[200].find('\t', kept[200].find('\t', kept[200].find('\t', kept[200].find('\t') + 1) + 1) + 1) + 1);
  kept[200].replace(seg + 1, kept[200].find('\t', seg + 1) - seg - 1, "77");
  {
    std::ofstream out(table, std::ios::binary);
    for (const auto &l : kept)
      out << l << '\n';
  }
  expect_check_like_whole_read(table);
  Diagnostics d;
  corpus::check_corpus(table, d);
  const std::string all = [&] {
    std::string text;
    for (const auto &line : diagnostic_lines(d))
      text += line + "\n";
    return text;
  }();
  for (const char *expected :
       {"year '2565' does not match", "corpus 'ssw3-2565' does not match", "segment '77' of", "warning: no answer to"})
    EXPECT_NE(all.find(expected), std::string::npos) << expected << " in:\n" << all;
  EXPECT_EQ(d.warning_count(), 1u); // the missing answer
}

TEST(CheckCorpus, ReadsATableWithAnUnknownIdOrABadByteWhole) {
  const fs::path table = exported_table("check-whole");
  std::ofstream(table, std::ios::app) << "ssw3-2564\t2564\tcentre1300\tq1\tbangkok\t1\tข้อความ\t\n"
                                      << "ssw3-2564\t2564\tcentre1300\tq1\tnakhonpathom\t22\tข้อ\xE0\xB8\t\n";
  expect_check_like_whole_read(table);
}

} // namespace
