// SPDX-License-Identifier: MIT
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/table.hpp>
#include <supanalyze/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace cb = supanalyze::codebook;

namespace {

// The table made at build time is the codebook its YAML gives today: a build that missed a
// change of codebooks/msdhs-2564.yaml or of the loader fails here.
TEST(CodebookTable, BuiltInTableIsTheParsedYaml) {
  const cb::Codebook parsed = cb::parse_default_codebook();
  const cb::Codebook &built_in = cb::default_codebook();
  EXPECT_EQ(built_in.text, std::string(cb::default_codebook_text()));
  ASSERT_EQ(built_in.themes.size(), parsed.themes.size());
  for (std::size_t t = 0; t < parsed.themes.size(); ++t)
    EXPECT_TRUE(built_in.themes[t] == parsed.themes[t]) << parsed.themes[t].id;
  EXPECT_TRUE(built_in == parsed);
}

// Every part of the model survives the table: the default codebook has parents, patterns,
// exclusions, examples and rules of every kind, with slots and `not` terms.
TEST(CodebookTable, RoundTripKeepsEveryField) {
  const cb::Codebook parsed = cb::parse_default_codebook();
  const auto &themes = parsed.themes;
  auto any = [&](auto pred) { return std::any_of(themes.begin(), themes.end(), pred); };
  ASSERT_TRUE(any([](const cb::Theme &t) { return t.parent.has_value(); }));
  ASSERT_TRUE(any([](const cb::Theme &t) { return !t.patterns.empty() && !t.exclude.empty(); }));
  ASSERT_TRUE(any([](const cb::Theme &t) { return !t.examples_match.empty() && !t.examples_no_match.empty(); }));
  ASSERT_TRUE(any([](const cb::Theme &t) {
    return std::any_of(t.rules.begin(), t.rules.end(),
                       [](const cb::Rule &r) { return r.kind == cb::RuleKind::near && r.within > 0; });
  }));
  ASSERT_TRUE(any([](const cb::Theme &t) {
    return std::any_of(t.rules.begin(), t.rules.end(), [](const cb::Rule &r) { return !r.slot_of.empty(); });
  }));
  const std::string table = cb::write_codebook_table(parsed);
  const cb::Codebook back = cb::read_codebook_table(table, parsed.text);
  EXPECT_TRUE(back == parsed);
  EXPECT_EQ(back.themes[0].where.line, parsed.themes[0].where.line);
  EXPECT_EQ(cb::write_codebook_table(back), table);
}

TEST(CodebookTable, TruncatedOrForeignTableIsAnError) {
  const std::string table = cb::write_codebook_table(cb::parse_default_codebook());
  EXPECT_THROW(cb::read_codebook_table(table.substr(0, table.size() - 3), ""), supanalyze::Error);
  EXPECT_THROW(cb::read_codebook_table(table + "x", ""), supanalyze::Error);
  EXPECT_THROW(cb::read_codebook_table("themes: []\n", ""), supanalyze::Error);
}

} // namespace
