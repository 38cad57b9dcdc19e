// SPDX-License-Identifier: MIT
#include <supanalyze/codebook/loader.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

TEST(DefaultCodebook, LoadsWithTheRequiredThemes) {
  const auto &cb = supanalyze::codebook::default_codebook();
  EXPECT_EQ(cb.id, "msdhs-2564");
  for (const char *id :
       {"staffing", "budget", "tpmap_data", "covid19", "training", "equipment", "publicity", "coordination"}) {
    const auto t = cb.index_of(id);
    ASSERT_TRUE(t) << id;
    EXPECT_TRUE(cb.themes[*t].has_match_definition()) << id;
    EXPECT_FALSE(cb.themes[*t].label_th.empty());
    EXPECT_FALSE(cb.themes[*t].label_en.empty());
    EXPECT_FALSE(cb.themes[*t].description.empty());
  }
}

struct Broken {
  const char *name;
  const char *yaml;
  const char *expected;
};
void PrintTo(const Broken &b, std::ostream *os) { *os << b.name; }

class BrokenCodebooks : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenCodebooks, GetPreciseErrorAndExitTwo) {
  const Broken &b = GetParam();
  const fs::path file = supanalyze::testing::fresh_temp_dir("cb") / (std::string(b.name) + ".yaml");
  std::ofstream(file, std::ios::trunc) << b.yaml;
  const auto r = run_cli({"code", "-c", file.string(), "-o", file.string() + ".tsv"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err.rfind("supanalyze: error: " + file.string() + ":", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(b.expected), std::string::npos) << "expected '" << b.expected << "' in " << r.err;
  EXPECT_FALSE(fs::exists(file.string() + ".tsv"));
}

#define THEME_HEAD "id: t\nversion: \"1\"\nthemes:\n  - id: a\n    label: {th: ก, en: A}\n    description: d\n"

INSTANTIATE_TEST_SUITE_P(
    Each, BrokenCodebooks,
    ::testing::Values(
        Broken{"bad_yaml", "id: t\nthemes: [\n", ":3:1: invalid YAML"},
        Broken{"unknown_key", THEME_HEAD "    keywrods: [งบ]\n",
               ":7:5: themes.a.keywrods: unknown key (did you mean 'terms'?)"},
        Broken{"unknown_key_terms", THEME_HEAD "    termz: [งบ]\n",
               ":7:5: themes.a.termz: unknown key (did you mean 'terms'?)"},
        Broken{"bad_regex", THEME_HEAD "    patterns: ['งบ(']\n",
               ":7:16: themes.a.patterns[0]: invalid regular expression"},
        Broken{"no_match_definition", THEME_HEAD, ":4:5: themes.a: no match definition"},
        Broken{"parent_cycle",
               THEME_HEAD "    terms: [งบ]\n    parent: b\n  - id: b\n    label: {th: ข, en: B}\n    description: d\n"
                          "    terms: [เงิน]\n    parent: a\n",
               ":4:5: themes.a.parent: parent cycle through 'a'"},
        Broken{"unknown_parent", THEME_HEAD "    terms: [งบ]\n    parent: budgt\n",
               ":4:5: themes.a.parent: unknown theme 'budgt'"},
        Broken{"duplicate_id",
               THEME_HEAD "    terms: [งบ]\n  - id: a\n    label: {th: ข, en: B}\n    description: d\n    terms: [x]\n",
               ":8:5: themes.a: duplicate theme id"},
        Broken{"near_one_term", THEME_HEAD "    rules:\n      - near: [งบ]\n        within: 2\n",
               ":8:9: themes.a.rules[0].near: near needs at least two terms"},
        Broken{"missing_label", "id: t\nversion: \"1\"\nthemes:\n  - id: a\n    description: d\n    terms: [x]\n",
               ":4:5: themes.a.label: missing required key"}),
    [](const ::testing::TestParamInfo<Broken> &info) { return info.param.name; });

} // namespace
