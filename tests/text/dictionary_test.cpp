// SPDX-License-Identifier: MIT
#include "test_support.hpp"

#include <supanalyze/text/datrie_words.hpp>
#include <supanalyze/text/dictionary.hpp>
#include <supanalyze/text/utf8.hpp>
#include <supanalyze/text/word_trie.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

using supanalyze::text::build_word_trie;
using supanalyze::text::ThaiWordList;
using supanalyze::text::to_u32;
using supanalyze::text::WordTrieData;

namespace {

std::vector<std::uint32_t> prefixes(const WordTrieData &trie, const std::string &text) {
  std::vector<std::uint32_t> out;
  trie.view().for_each_prefix(to_u32(text), [&](std::size_t n) { out.push_back(static_cast<std::uint32_t>(n)); });
  return out;
}

// Words of the seed report (tests/data/seed-2564.txt), sharing prefixes.
TEST(WordTrie, FindsEveryWordThatStartsTheText) {
  WordTrieData trie;
  ASSERT_TRUE(build_word_trie(
      {to_u32("ความ"), to_u32("ความรู้"), to_u32("ความช่วยเหลือ"), to_u32("ช่วย"), to_u32("ความ"), to_u32("จังหวัด")}, trie));
  EXPECT_EQ(prefixes(trie, "ความรู้ความเข้าใจ"), (std::vector<std::uint32_t>{4, 7}));
  EXPECT_EQ(prefixes(trie, "ความช่วยเหลือผู้ประสบปัญหา"), (std::vector<std::uint32_t>{4, 13}));
  EXPECT_EQ(prefixes(trie, "ความช่วย"), (std::vector<std::uint32_t>{4}));
  EXPECT_TRUE(prefixes(trie, "ช่").empty());
  EXPECT_TRUE(prefixes(trie, "ประสาน").empty());
  EXPECT_TRUE(prefixes(trie, "").empty());
  std::vector<std::u32string> words;
  trie.view().for_each_word([&](std::u32string_view w) { words.emplace_back(w); });
  EXPECT_EQ(words, (std::vector<std::u32string>{to_u32("ความ"), to_u32("ความช่วยเหลือ"), to_u32("ความรู้"), to_u32("จังหวัด"),
                                                to_u32("ช่วย")}));
}

TEST(WordTrie, RefusesCodePointsBeyondTheBasicPlane) {
  WordTrieData trie;
  EXPECT_FALSE(build_word_trie({to_u32("ความ"), U"\U0001F600"}, trie));
  EXPECT_TRUE(trie.view().empty());
}

// The list compiled into the binary is the installed thbrk.tri read through libdatrie (the build
// machine's file is this machine's): every word, and no other, on the words themselves and on
// every position of the seed report's text.
TEST(ThaiWordList, CompiledInListIsTheInstalledOne) {
  const char *dir = std::getenv("LIBTHAI_DICTDIR");
  if (dir && *dir) GTEST_SKIP() << "LIBTHAI_DICTDIR is set";
  const std::string path = ThaiWordList::libthai_path();
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is not installed (libthai-data)";
  std::vector<std::u32string> words;
  ASSERT_TRUE(supanalyze::text::read_datrie_words(path, words));
  EXPECT_GT(words.size(), 20000u);
  const std::set<std::u32string> known(words.begin(), words.end());
  const ThaiWordList &built_in = ThaiWordList::libthai();
  const ThaiWordList from_file(path);
  ASSERT_FALSE(built_in.empty());
  auto lengths = [](const ThaiWordList &list, std::u32string_view text) {
    std::vector<std::uint32_t> out;
    list.prefix_lengths(text, out);
    return out;
  };
  for (const auto &word : words) {
    std::vector<std::uint32_t> expected;
    for (std::size_t n = 1; n <= word.size(); ++n)
      if (known.count(word.substr(0, n))) expected.push_back(static_cast<std::uint32_t>(n));
    ASSERT_EQ(lengths(built_in, word), expected);
  }
  const std::u32string seed = to_u32(supanalyze::testing::read_test_data("seed-2564.txt"));
  std::size_t found = 0;
  for (std::size_t i = 0; i < seed.size(); ++i) {
    const auto here = lengths(built_in, std::u32string_view(seed).substr(i, 40));
    ASSERT_EQ(here, lengths(from_file, std::u32string_view(seed).substr(i, 40))) << "at code point " << i;
    found += here.size();
  }
  EXPECT_GT(found, 10000u);
  EXPECT_TRUE(built_in.contains(to_u32("ปัญหา")));
  EXPECT_FALSE(built_in.contains(to_u32("ปญัหา"))); // the seed's damaged spelling
}

TEST(ThaiWordList, MissingFileIsAnEmptyList) {
  const ThaiWordList none("/nonexistent/thbrk.tri");
  EXPECT_TRUE(none.empty());
  std::vector<std::uint32_t> lengths;
  none.prefix_lengths(to_u32("ความ"), lengths);
  EXPECT_TRUE(lengths.empty());
}

} // namespace
