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

fs::path exported_table(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("supanalyze-stream-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
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
  corpus::stream_corpus(table, meta, d, [&](const corpus::Answer& a) { streamed.push_back(a); });
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
  corpus::stream_corpus(table, meta, d, [&](corpus::Answer&& a) { streamed.push_back(std::move(a)); });
  ASSERT_EQ(streamed.size(), whole.answers.size());
  EXPECT_EQ(streamed.front().segments.size(), 22u); // the row at the end joined its answer
  EXPECT_EQ(streamed.front().segments.back().text, "อีกหนึ่งบรรทัด");
}

TEST(StreamCorpus, DefersNormalizationWhenAsked) {
  const fs::path table = exported_table("raw");
  // One more segment for the table's last answer, with PDF damage.
  std::string last;
  for (std::ifstream in(table); std::getline(in, last) && in.peek() != EOF;) {}
  std::vector<std::string> fields;
  for (std::size_t from = 0;;) {
    const auto tab = last.find('\t', from);
    fields.push_back(last.substr(from, tab - from));
    if (tab == std::string::npos) break;
    from = tab + 1;
  }
  const std::size_t segments = std::stoul(fields[5]) + 1;
  std::ofstream(table, std::ios::app) << fields[0] << '\t' << fields[1] << '\t' << fields[2] << '\t' << fields[3] << '\t'
                                      << fields[4] << '\t' << segments << "\tบรูณาการ  งาน\t\n";
  Diagnostics d;
  const auto meta = corpus::read_metadata(table.parent_path() / "corpus.yaml", d);
  corpus::StreamOptions options;
  options.defer_normalization = true;
  std::string raw, normalized;
  corpus::stream_corpus(table, meta, d, [&](corpus::Answer&& a) {
    if (a.segments.size() == segments) raw = a.segments.back().text;
  }, options);
  corpus::stream_corpus(table, meta, d, [&](corpus::Answer&& a) {
    if (a.segments.size() == segments) normalized = a.segments.back().text;
  });
  EXPECT_EQ(raw, "บรูณาการ  งาน");
  EXPECT_EQ(normalized, "บูรณาการ งาน");
}

TEST(StreamCoder, CodesLikeCodeCorpusForAnyThreadCount) {
  const auto c = corpus::read_corpus(supanalyze::testing::bundled_corpus());
  const codebook::Matcher matcher(codebook::default_codebook());
  std::vector<std::string> expected;
  coding::code_corpus(c, matcher, 1, [&](const coding::AnswerCodings& coded) {
    for (const auto& seg : coded.segments)
      for (const auto& cd : seg) expected.push_back(std::to_string(coded.answer) + ":" + std::to_string(cd.theme) + ":" + std::to_string(cd.start));
  });
  for (unsigned threads : {1u, 2u, 3u}) {
    std::vector<std::string> got;
    std::size_t index = 0;
    coding::StreamCoder coder(matcher, threads, [&](const corpus::Answer&, const coding::AnswerCodings& coded) {
      for (const auto& seg : coded.segments)
        for (const auto& cd : seg) got.push_back(std::to_string(index) + ":" + std::to_string(cd.theme) + ":" + std::to_string(cd.start));
      ++index;
    });
    for (const auto& a : c.answers) coder.add(a);
    coder.finish();
    EXPECT_EQ(got, expected) << threads << " threads";
  }
}

} // namespace
