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

TEST(StreamCorpus, RejectsRowsNotGroupedByAnswer) {
  const fs::path table = exported_table("ungrouped");
  std::ofstream(table, std::ios::app) << "ssw3-2564\t2564\tcentre1300\tq1\tnakhonpathom\t62\tอีกหนึ่งบรรทัด\t\n";
  Diagnostics d;
  const auto meta = corpus::read_metadata(table.parent_path() / "corpus.yaml", d);
  try {
    corpus::stream_corpus(table, meta, d, [](const corpus::Answer&) {});
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("corpus.tsv:994:1: rows of centre1300/q1/nakhonpathom are not contiguous"),
              std::string::npos)
        << e.what();
  }
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
