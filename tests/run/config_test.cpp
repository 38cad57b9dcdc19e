// SPDX-License-Identifier: MIT
// The run configuration: paths relative to the file, defaults, and errors that point at the
// user's file with a suggestion.
#include <supanalyze/run/config.hpp>
#include <supanalyze/run/manifest.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace supanalyze;

namespace {

run::RunConfig parse(const std::string &text, Diagnostics &d, const std::string &file = "office/ssw3-2565.yaml") {
  return run::parse_run_config(text, file, d);
}

std::string first_error(const std::string &text) {
  Diagnostics d;
  parse(text, d);
  EXPECT_TRUE(d.has_errors()) << text;
  return d.has_errors() ? d.items().front().to_string() : "";
}

TEST(RunConfig, ResolvesPathsAgainstTheConfigFolderAndFillsDefaults) {
  Diagnostics d;
  const auto c = parse(R"(corpus: ../corpora/ssw3-2565
output: results/2565
outputs:
  - name: freq
    table: freq
  - name: q4-matrix
    table: matrix
    unit: answers
    rows: province
    cols: theme
    filters: {question: centre1300/q4, theme: [staffing, budget]}
    formats: [md, json]
)",
                       d);
  ASSERT_FALSE(d.has_errors()) << d.items().front().to_string();
  EXPECT_EQ(c.corpus, std::filesystem::path("corpora/ssw3-2565"));
  EXPECT_EQ(c.corpus_as_written, "../corpora/ssw3-2565");
  EXPECT_EQ(c.output, std::filesystem::path("office/results/2565"));
  EXPECT_TRUE(c.codebook.empty());
  ASSERT_EQ(c.outputs.size(), 2u);
  EXPECT_EQ(c.outputs[0].table, run::TableKind::freq);
  EXPECT_EQ(c.outputs[0].unit, aggregate::Unit::provinces);
  EXPECT_EQ(c.outputs[0].formats, std::vector<output::Format>{output::Format::json});
  EXPECT_EQ(c.outputs[1].table, run::TableKind::matrix);
  EXPECT_EQ(c.outputs[1].rows, aggregate::Axis::province);
  EXPECT_EQ(c.outputs[1].cols, aggregate::Axis::theme);
  EXPECT_EQ(c.outputs[1].questions, std::vector<std::string>{"centre1300/q4"});
  EXPECT_EQ(c.outputs[1].themes, (std::vector<std::string>{"staffing", "budget"}));
  EXPECT_EQ(c.outputs[1].formats, (std::vector<output::Format>{output::Format::md, output::Format::json}));
  EXPECT_EQ(c.outputs[1].where.line, 6u);
  EXPECT_EQ(output::extension(output::Format::table), "txt");
  EXPECT_EQ(output::extension(output::Format::md), "md");
}

TEST(RunConfig, UnknownKeysGiveFileLineColumnAndASuggestion) {
  EXPECT_EQ(first_error("corpus: c\noutput: o\noutputs:\n  - name: f\n    table: freq\n    fromats: [json]\n"),
            "office/ssw3-2565.yaml:6:5: error: outputs[0].fromats: unknown key (did you mean 'formats'?)");
  EXPECT_EQ(first_error("corpus: c\noutput: o\ncodebok: x.yaml\noutputs:\n  - {name: f, table: freq}\n"),
            "office/ssw3-2565.yaml:3:1: error: codebok: unknown key (did you mean 'codebook'?)");
  EXPECT_EQ(
      first_error(
          "corpus: c\noutput: o\noutputs:\n  - name: f\n    table: freq\n    filters: {provinces: [ratchaburi]}\n"),
      "office/ssw3-2565.yaml:6:15: error: outputs[0].filters.provinces: unknown key (did you mean 'province'?)");
}

TEST(RunConfig, BadValuesAreNamedWithTheirPlace) {
  EXPECT_NE(first_error("corpus: c\noutput: o\noutputs:\n  - {name: f, table: frq}\n")
                .find("outputs[0].table: 'frq' is not one of freq, matrix, report (did you mean 'freq'?)"),
            std::string::npos);
  EXPECT_NE(first_error("corpus: c\noutput: o\noutputs:\n  - {name: f, table: freq, formats: [json, xslx]}\n")
                .find(":4:44: error: outputs[0].formats[1]: 'xslx' is not one of table, csv, tsv, json, md, xlsx (did "
                      "you mean 'xlsx'?)"),
            std::string::npos);
  EXPECT_NE(first_error("corpus: c\noutput: o\noutputs:\n  - {name: f, table: freq, rows: theme}\n")
                .find("only a matrix has rows and cols"),
            std::string::npos);
  EXPECT_NE(first_error("corpus: c\noutput: o\noutputs:\n  - {name: f, table: matrix, unit: provnces}\n")
                .find("(did you mean 'provinces'?)"),
            std::string::npos);
  EXPECT_NE(first_error("corpus: c\noutput: o\noutputs:\n  - {name: f, table: freq}\n  - {name: f, table: matrix}\n")
                .find(":5:12: error: outputs[1].name: output name 'f' is already used"),
            std::string::npos);
  EXPECT_NE(first_error("corpus: c\noutput: o\noutputs:\n  - {name: ../f, table: freq}\n")
                .find("not a usable file name stem"),
            std::string::npos);
  EXPECT_NE(first_error("output: o\noutputs:\n  - {name: f, table: freq}\n")
                .find(":1:1: error: corpus: missing required key"),
            std::string::npos);
}

TEST(RunConfig, UnitsInThePluralOrTheSingular) {
  // The same spellings as --unit of freq, matrix and agree: both mean one unit.
  for (const auto &[written, unit] :
       {std::pair{"province", aggregate::Unit::provinces}, std::pair{"answers", aggregate::Unit::answers},
        std::pair{"segment", aggregate::Unit::segments}, std::pair{"mention", aggregate::Unit::mentions}}) {
    Diagnostics d;
    const auto c =
        parse("corpus: c\noutput: o\noutputs:\n  - {name: f, table: freq, unit: " + std::string(written) + "}\n", d);
    ASSERT_FALSE(d.has_errors()) << written << ": " << d.items().front().to_string();
    EXPECT_EQ(c.outputs[0].unit, unit) << written;
  }
}

TEST(RunConfig, BomForCsvAndTsvOnly) {
  Diagnostics d;
  const auto c =
      parse("corpus: c\noutput: o\noutputs:\n  - {name: f, table: freq, formats: [csv, json], bom: true}\n", d);
  ASSERT_FALSE(d.has_errors()) << d.items().front().to_string();
  EXPECT_TRUE(c.outputs[0].bom);
  EXPECT_NE(first_error("corpus: c\noutput: o\noutputs:\n  - {name: f, table: freq, formats: [json], bom: true}\n")
                .find("outputs[0].bom: bom applies to the csv and tsv formats only"),
            std::string::npos);
}

TEST(RunConfig, LoadThrowsInputErrorForABadFile) {
  EXPECT_THROW(run::load_run_config(std::string(SUPANALYZE_TEST_DATA) + "/no-such-config.yaml"), Error);
}

TEST(Manifest, ListsFilesPerOutputAndReadsThemBack) {
  run::Manifest m;
  m.tool_version = "9.9.9";
  m.corpus_id = "ssw3-2565";
  run::OutputSpec spec;
  spec.name = "freq";
  m.outputs = {spec};
  m.files = {{"freq", "json", "freq.json", std::string(64, 'a')}, {"freq", "md", "freq.md", std::string(64, 'b')}};
  const std::string text = run::manifest_json(m);
  EXPECT_EQ(text, run::manifest_json(m));
  EXPECT_EQ(text.find("\"schema\": \"supanalyze.manifest/1\""), 4u) << text;
  const auto files = run::manifest_files(text, "manifest.json");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[1].file, "freq.md");
  EXPECT_EQ(files[1].format, "md");
  EXPECT_EQ(files[1].sha256, std::string(64, 'b'));
  EXPECT_TRUE(run::manifest_files("{\"schema\": \"supanalyze.freq/1\"}", "x.json").empty());
}

// What diff reads of a run's inputs is what the run wrote; a year of 0 or past 99999 is none.
TEST(Manifest, InputsAreTheCorpusTheCodebookAndTheFactsItWrote) {
  run::Manifest m;
  m.tool_version = "9.9.9";
  m.corpus_id = "ssw3-2565";
  m.corpus_year = 2565;
  m.corpus_sha256 = std::string(64, 'c');
  m.codebook_id = "msdhs-2564";
  m.codebook_version = "2.3";
  const auto inputs = run::manifest_inputs(run::manifest_json(m));
  ASSERT_TRUE(inputs);
  EXPECT_EQ(inputs->corpus, "ssw3-2565");
  EXPECT_EQ(inputs->year, 2565);
  EXPECT_EQ(inputs->codebook, "msdhs-2564 2.3");
  ASSERT_EQ(inputs->facts.size(), 5u);
  EXPECT_EQ(inputs->facts[0], (std::pair<std::string, std::string>{"corpus sha256", std::string(64, 'c')}));
  EXPECT_EQ(inputs->facts[3], (std::pair<std::string, std::string>{"tool version", "9.9.9"}));
  EXPECT_EQ(run::manifest_inputs(R"({"corpus": {"year": 1e300}, "tool": 5})")->year, 0);
  EXPECT_EQ(run::manifest_inputs(R"({"corpus": {"year": 100000}})")->facts[3].second, "null");
  EXPECT_FALSE(run::manifest_inputs("[1, 2]"));
  EXPECT_FALSE(run::manifest_inputs("{not json"));
}

// diff reads a run folder's manifest.json, which a person may have edited: a value of another
// type than the manifest writes was nlohmann's type_error (an "internal error", exit 3).
TEST(Manifest, AValueOfAnotherTypeIsAnErrorNamingTheFileAndTheKey) {
  EXPECT_TRUE(run::manifest_files(R"({"schema": 5})", "m.json").empty()) << "not a manifest";
  const std::string edited =
      R"({"schema": "supanalyze.manifest/1", "outputs": [{"name": "freq", "files": [{"format": "json", "file": 7}]}]})";
  try {
    run::manifest_files(edited, "m.json");
    ADD_FAILURE() << "no error";
  } catch (const Error &e) {
    EXPECT_STREQ(e.what(), "m.json: 'file' must be a string, not 7");
  }
}

} // namespace

// N outputs with one name are N - 1 errors, each against the first (they were N² / 2).
TEST(RunConfig, RepeatedOutputNamesAreOneErrorEach) {
  std::string yaml = "corpus: c\noutput: out\noutputs:\n";
  for (int i = 0; i < 500; ++i)
    yaml += "  - name: same\n    table: freq\n";
  supanalyze::Diagnostics diagnostics;
  supanalyze::run::parse_run_config(yaml, "run.yaml", diagnostics);
  EXPECT_EQ(diagnostics.error_count(), 499u);
  ASSERT_FALSE(diagnostics.items().empty());
  EXPECT_NE(diagnostics.items()[0].message.find("is already used by outputs[0]"), std::string::npos);
}
