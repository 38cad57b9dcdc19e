// SPDX-License-Identifier: MIT
// What the codebook loader used to accept in silence or answer without a location: duplicate
// keys (the first won: a second `terms:` list was dropped), a glob of punctuation only ("-*"
// matched every token), a term too long for the matcher ("pattern longer than 256 characters"
// with no location), a key that is a list (yaml-cpp's "bad conversion"), a file that is no
// codebook at all (its first line was echoed: /etc/shadow), and the work that grew with the
// square of the input (duplicate themes, aliases).
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/text/utf8.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

#define HEAD "id: t\nversion: \"1\"\nthemes:\n  - id: a\n    label: {th: ก, en: A}\n    description: d\n"

// Runs `freq` with the codebook `yaml`: its exit code and standard error.
supanalyze::testing::CliResult with_codebook(const std::string &name, const std::string &yaml,
                                             fs::path *file_out = nullptr) {
  static const fs::path dir = supanalyze::testing::fresh_temp_dir("cb-hard");
  const fs::path file = dir / (name + ".yaml");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << yaml;
  if (file_out) *file_out = file;
  auto r = run_cli({"freq", "-c", file.string(), "-q", "centre1300/q4"});
  if (!file_out) fs::remove(file);
  return r;
}

void expect_error(const std::string &name, const std::string &yaml, const std::string &expected) {
  fs::path file;
  const auto r = with_codebook(name, yaml, &file);
  EXPECT_EQ(r.exit_code, 2) << name << ": " << r.err;
  EXPECT_NE(r.err.find("supanalyze: error: " + file.string() + expected), std::string::npos)
      << name << ": expected '" << expected << "' in " << r.err;
  fs::remove(file);
}

} // namespace

TEST(CodebookHardening, ADuplicateKeyIsRefusedWithBothLocations) {
  expect_error("dup-terms", HEAD "    terms: [งบประมาณ]\n    terms: [บุคลากร]\n",
               ":8:5: themes.a.terms: duplicate key (first at line 7, column 5)");
  expect_error("dup-root", "id: t\nid: u\nversion: \"1\"\nthemes: []\n",
               ":2:1: id: duplicate key (first at line 1, column 1)");
}

TEST(CodebookHardening, AGlobOfPunctuationOnlyIsRefused) {
  expect_error("glob", HEAD "    terms: [\"-*\"]\n",
               ":7:13: themes.a.terms[0]: a glob needs a letter or a digit besides '*'");
  // A glob with a letter still loads.
  const auto r = with_codebook("glob-ok", HEAD "    terms: [\"งบ*\"]\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CodebookHardening, ATermTooLongForTheMatcherIsRefusedWithItsLocation) {
  std::string term;
  for (int i = 0; i < 300; ++i)
    term += "ก";
  expect_error("long", HEAD "    terms: [" + term + "]\n",
               ":7:13: themes.a.terms[0]: a term may have at most 256 characters, this one has 300");
}

TEST(CodebookHardening, AKeyThatIsNotTextIsALocatedErrorNotABadConversion) {
  fs::path file;
  const auto r = with_codebook("list-key", HEAD "    [x, y]: z\n    terms: [งบ]\n", &file);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(file.string() + ":7:5: themes.a: a key must be a text value"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("bad conversion"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  fs::remove(file);
}

TEST(CodebookHardening, AFileThatIsNoCodebookIsNotEchoed) {
  // The shape of /etc/shadow: a YAML map whose one key is the whole first line.
  const std::string secret = "root:$6$c2VjcmV0aGFzaA$Zm9vYmFyYmF6cXV4:19000:0:99999:7:::\n";
  fs::path file;
  const auto r = with_codebook("shadow", secret, &file);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(file.string() + ":1:1: not a codebook (it has none of the keys id, version, title, description, "
                                       "themes)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("c2VjcmV0"), std::string::npos) << r.err;
  fs::remove(file);
  // The same in a run configuration's codebook.
  const fs::path dir = supanalyze::testing::fresh_temp_dir("cb-hard-run");
  std::ofstream(dir / "shadow", std::ios::binary) << secret;
  std::ofstream(dir / "run.yaml", std::ios::binary)
      << "corpus: " << supanalyze::testing::bundled_corpus() << "\ncodebook: shadow\noutput: out\noutputs:\n"
      << "  - name: f\n    table: freq\n";
  const auto run = run_cli({"run", (dir / "run.yaml").string(), "--quiet"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("not a codebook"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("c2VjcmV0"), std::string::npos) << run.err;
  fs::remove_all(dir);
}

TEST(CodebookHardening, ManyDuplicateThemesGiveOneErrorEachAndAtMostTwentyListed) {
  std::string yaml = HEAD "    terms: [งบ]\n";
  for (int i = 0; i < 3000; ++i)
    yaml += "  - id: a\n    label: {th: ก, en: A}\n    description: d\n    terms: [งบ]\n";
  supanalyze::Diagnostics diagnostics;
  supanalyze::codebook::parse_codebook(yaml, "dup.yaml", diagnostics);
  EXPECT_EQ(diagnostics.error_count(), 3000u); // one per duplicate, not one per pair (4.5 million)
  EXPECT_EQ(diagnostics.items().size(), 20u);
  EXPECT_EQ(diagnostics.unlisted_errors(), 2980u);
  try {
    diagnostics.throw_if_errors();
    FAIL();
  } catch (const supanalyze::InputError &e) {
    EXPECT_NE(std::string(e.what()).find("duplicate theme id (and 2999 more errors)"), std::string::npos) << e.what();
  }
}

// yaml-cpp 0.7 answered a ',' that opens a document with endless empty documents (the fuzzer's
// " , so CI" ran into the million-values cap after 1.7 s and 420 MB), and YAML::Load dropped a
// second document in silence.
TEST(CodebookHardening, AStrayCommaOrASecondDocumentIsRefusedWhereItStands) {
  expect_error("comma", " , so CI\n", ":1:2: YAML cannot read a ',' here");
  expect_error("comma-after-anchor", "&a ,\n", ":1:4: YAML cannot read a ',' here");
  expect_error("second", HEAD "---\n" HEAD, ":7:1: a second YAML document starts here");
  const auto ended = with_codebook("ended", "---\n" HEAD "    terms: [งบ]\n...\n");
  EXPECT_EQ(ended.exit_code, 0) << ended.err;
}

TEST(CodebookHardening, AliasesAndNestingAreCapped) {
  std::string yaml = HEAD "    terms: &t [งบ]\n";
  for (int i = 0; i < 1001; ++i)
    yaml += "  - id: t" + std::to_string(i) + "\n    label: {th: ก, en: A}\n    description: d\n    terms: *t\n";
  expect_error("aliases", yaml, ":4011:12: YAML more than 1000 aliases (*name)");
  // Ten lists of ten aliases of the one before: a billion values once expanded.
  std::string laughs = "x0: &a0 [งบ, งบ, งบ, งบ, งบ, งบ, งบ, งบ, งบ, งบ]\n";
  for (int level = 1; level < 10; ++level) {
    const std::string prev = "*a" + std::to_string(level - 1);
    laughs += "x" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int k = 0; k < 10; ++k)
      laughs += (k ? ", " : "") + prev;
    laughs += "]\n";
  }
  expect_error("laughs", laughs + HEAD, ":6:55: YAML with its aliases expanded has more than 1000000 values");
  std::string deep;
  for (int i = 0; i < 100; ++i)
    deep += "[";
  expect_error("deep", HEAD "    terms: " + deep + "\n", ":7:43: YAML nested more than 64 levels deep");
}

TEST(CodebookHardening, ARegexOverItsTimeLimitNamesTheSegmentAndKeepsValidUtf8) {
  const fs::path dir = supanalyze::testing::fresh_temp_dir("cb-hard-regex");
  fs::copy(supanalyze::testing::bundled_corpus(), dir / "corpus", fs::copy_options::recursive);
  const fs::path md = dir / "corpus" / "centre1300" / "kanchanaburi.md";
  std::string slow; // a run of one Thai letter that an exponential pattern backtracks over
  for (int i = 0; i < 120; ++i)
    slow += "ก";
  std::string text = supanalyze::read_file(md);
  const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  supanalyze::write_file_atomically(md, text + "4. ข " + slow + "ค\n");
  std::ofstream(dir / "cb.yaml") << HEAD "    patterns: ['(ก|กก)+ข']\n";
  const auto r = run_cli({"freq", (dir / "corpus").string(), "-c", (dir / "cb.yaml").string(), "-j", "1"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("supanalyze: error: " + md.string() + ":" + std::to_string(lines + 1) + ":1: pattern "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("exceeded its time limit on: 4. ข กกก"), std::string::npos) << r.err;
  EXPECT_TRUE(supanalyze::text::find_invalid_utf8(r.err) == std::nullopt) << "the message is cut inside a character";
  fs::remove_all(dir);
}
