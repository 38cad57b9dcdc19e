// SPDX-License-Identifier: MIT
// run and diff in-process: the yearly rerun of examples/ssw3-2564.yaml is byte-for-byte
// repeatable and equals the committed results; one edited answer is named exactly by diff.
#include "test_support.hpp"

#include "progress.hpp"

#include <supanalyze/io.hpp>
#include <supanalyze/sha256.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using supanalyze::read_file;
using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;

namespace {

const std::string k_examples = SUPANALYZE_EXAMPLES;
const std::string k_config = k_examples + "/ssw3-2564.yaml";
// The third problem kanchanaburi named for the 1300 centre: the only money problem it raised.
const std::string k_budget_segment = "3. ไม่มีงบสนับสนุนในการดำเนินงาน พยายามหาสนับสนุนงบประมาณในการดำเนินงาน";

// A copy of the bundled corpus where kanchanaburi's centre1300 q4 answer no longer mentions money.
fs::path edited_corpus(const fs::path &dir) {
  const fs::path corpus = dir / "ssw3-2564";
  fs::copy(supanalyze::testing::bundled_corpus(), corpus, fs::copy_options::recursive);
  const fs::path file = corpus / "centre1300" / "kanchanaburi.md";
  std::string text = read_file(file);
  const auto at = text.find(k_budget_segment);
  EXPECT_NE(at, std::string::npos);
  text.replace(at, k_budget_segment.size(), "3. ปัญหานี้ยังคงอยู่และต้องหาทางแก้ไขต่อไป");
  supanalyze::write_file_atomically(file, text);
  return corpus;
}

std::map<std::string, std::string> folder_bytes(const fs::path &dir) {
  std::map<std::string, std::string> out;
  for (const auto &e : fs::directory_iterator(dir))
    out[e.path().filename().string()] = read_file(e.path());
  return out;
}

TEST(Run, TwiceGivesByteIdenticalTablesAndManifestsAndMatchesTheCommittedResults) {
  const auto dir = fresh_temp_dir("run-twice");
  const auto a = run_cli({"run", k_config, "-o", (dir / "a").string(), "-j", "1"});
  const auto b = run_cli({"run", k_config, "-o", (dir / "b").string(), "-j", "2"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.err, "") << "no progress bar when standard error is not a terminal";
  const auto first = folder_bytes(dir / "a"), second = folder_bytes(dir / "b");
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.size(), 12u); // 11 tables + manifest.json
  for (const auto &[name, bytes] : first)
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << "temporary file left: " << name;

  // The manifest: tool, codebook and corpus with hashes, and the hash of every file.
  const auto manifest = nlohmann::json::parse(first.at("manifest.json"));
  EXPECT_EQ(manifest["schema"], "supanalyze.manifest/1");
  EXPECT_EQ(manifest["tool"]["version"], SUPANALYZE_VERSION);
  EXPECT_EQ(manifest["codebook"]["id"], "msdhs-2564");
  EXPECT_EQ(manifest["codebook"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(manifest["corpus"]["id"], "ssw3-2564");
  EXPECT_EQ(manifest["corpus"]["answers"], 200);
  EXPECT_EQ(manifest.dump().find("supanalyze-run-"), std::string::npos) << "no output path in the manifest";
  std::size_t files = 0;
  for (const auto &output : manifest["outputs"])
    for (const auto &f : output["files"]) {
      EXPECT_EQ(f["sha256"], supanalyze::sha256_hex(first.at(f["file"].get<std::string>()))) << f["file"];
      ++files;
    }
  EXPECT_EQ(files, 11u);
  // Standard output: what was written, as sha256sum prints it.
  EXPECT_NE(
      a.out.find(supanalyze::sha256_hex(first.at("freq.json")) + "  " + (dir / "a" / "freq.json").string() + "\n"),
      std::string::npos)
      << a.out;

  // The tables are exactly what freq and matrix print.
  EXPECT_EQ(first.at("freq.json"), run_cli({"freq", "--format", "json"}).out);
  EXPECT_EQ(first.at("freq.txt"), run_cli({"freq"}).out);
  EXPECT_EQ(first.at("centre1300-problems.txt"), run_cli({"matrix", "--question", "centre1300/q4"}).out);
  EXPECT_EQ(first.at("themes-by-province.md"),
            run_cli({"matrix", "--rows", "theme", "--cols", "province", "--unit", "answers", "--format", "md"}).out);

  // The committed results are up to date: the CI gate of examples/pipeline.sh passes.
  const auto gate = run_cli({"diff", k_examples + "/results/ssw3-2564", (dir / "a").string(), "--fail-on-change"});
  EXPECT_EQ(gate.exit_code, 0) << gate.out << gate.err;
  EXPECT_NE(gate.out.find("No changes"), std::string::npos) << gate.out;
  fs::remove_all(dir);
}

TEST(Diff, OneEditedAnswerIsNamedExactlyAndFailsTheGate) {
  const auto dir = fresh_temp_dir("run-edited");
  const auto corpus = edited_corpus(dir);

  // Two corpora: exactly centre1300/q4, budget, kanchanaburi.
  const auto c = run_cli({"diff", "--corpora", supanalyze::testing::bundled_corpus(), corpus.string(),
                          "--fail-on-change", "--format", "json"});
  EXPECT_EQ(c.exit_code, 1) << c.err;
  const auto doc = nlohmann::json::parse(c.out);
  EXPECT_EQ(doc["schema"], "supanalyze.diff/1");
  EXPECT_TRUE(doc["shape"].empty()) << doc["shape"].dump();
  ASSERT_EQ(doc["changes"].size(), 1u) << doc["changes"].dump(1);
  const auto &change = doc["changes"][0];
  EXPECT_EQ(change["question"], "centre1300/q4");
  EXPECT_EQ(change["theme"], "budget");
  EXPECT_EQ(change["old"], 6);
  EXPECT_EQ(change["new"], 5);
  EXPECT_EQ(change["disappeared"], nlohmann::json::array({"kanchanaburi"}));
  EXPECT_TRUE(change["appeared"].empty());
  // Without --fail-on-change a change is a finding, not a failure.
  EXPECT_EQ(run_cli({"diff", "--corpora", supanalyze::testing::bundled_corpus(), corpus.string()}).exit_code, 0);
  // A threshold of 2 ignores a move of one province.
  const auto small = run_cli({"diff", "--corpora", supanalyze::testing::bundled_corpus(), corpus.string(),
                              "--fail-on-change", "--threshold", "2"});
  EXPECT_EQ(small.exit_code, 0) << small.out;
  EXPECT_NE(small.out.find("1 moved by less than the threshold 2"), std::string::npos) << small.out;

  // Two run folders: the example configuration on the edited corpus against the committed results.
  std::string config = read_file(k_config);
  config.replace(config.find("corpus: ../corpora/ssw3-2564"), 28, "corpus: ssw3-2564");
  config.replace(config.find("output: results/ssw3-2564"), 25, "output: results");
  supanalyze::write_file_atomically(dir / "edited.yaml", config);
  const auto ran = run_cli({"run", (dir / "edited.yaml").string(), "--quiet"});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  const auto r = run_cli(
      {"diff", k_examples + "/results/ssw3-2564", (dir / "results").string(), "--fail-on-change", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto runs = nlohmann::json::parse(r.out);
  EXPECT_TRUE(runs["shape"].empty()) << runs["shape"].dump();
  std::set<std::string> tables;
  for (const auto &g : runs["changes"]) {
    tables.insert(g["table"].get<std::string>());
    EXPECT_EQ(g["theme"], "budget") << g.dump();
    EXPECT_TRUE(g["question"] == "centre1300/q4" || g["question"] == "") << g.dump();
    EXPECT_EQ(g["change"], -1) << g.dump();
    for (const char *key : {"appeared", "disappeared", "moved"})
      for (const auto &p : g[key])
        EXPECT_EQ(p.is_string() ? p : p["province"], "kanchanaburi") << g.dump();
  }
  EXPECT_EQ(tables, (std::set<std::string>{"freq.json", "themes-by-question.json", "themes-by-province.json",
                                           "centre1300-problems.json"}));
  bool corpus_note = false;
  for (const auto &note : runs["notes"])
    corpus_note = corpus_note || note.get<std::string>().rfind("corpus sha256 changed", 0) == 0;
  EXPECT_TRUE(corpus_note) << runs["notes"].dump();

  // Two JSON tables: the same change in the terminal form.
  const auto t = run_cli({"diff", k_examples + "/results/ssw3-2564/centre1300-problems.json",
                          (dir / "results" / "centre1300-problems.json").string()});
  EXPECT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("centre1300/q4  budget"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("-kanchanaburi"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("1 count changed, 0 differences in shape"), std::string::npos) << t.out;
  fs::remove_all(dir);
}

TEST(Diff, DifferencesInShapeAreReportedNotCrashedOn) {
  const auto r = run_cli({"diff", "--corpora", supanalyze::testing::bundled_corpus(), k_examples + "/corpora/ssw3-2565",
                          "--format", "json", "--fail-on-change"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::set<std::string> shape;
  for (const auto &s : doc["shape"])
    shape.insert(s["what"].get<std::string>() + " " + s["id"].get<std::string>());
  for (const char *expected :
       {"province suphanburi", "province samutsakhon", "instrument onehome", "instrument provplan",
        "question centre1300/q1", "question centre1300/q6", "question text vulnerable/q6"})
    EXPECT_TRUE(shape.count(expected)) << expected << " in " << doc["shape"].dump(1);
  // The 2565 example drops COVID-19 from the vulnerable-household problems.
  bool covid = false;
  for (const auto &g : doc["changes"])
    if (g["question"] == "vulnerable/q5" && g["theme"] == "covid19") {
      covid = true;
      EXPECT_EQ(g["new"], 0);
      EXPECT_EQ(g["disappeared"], nlohmann::json::array({"nakhonpathom", "kanchanaburi", "ratchaburi", "phetchaburi"}));
    }
  EXPECT_TRUE(covid);

  // Tables with other filters: the themes of one only, and the filters, are differences in shape.
  const auto dir = fresh_temp_dir("run-shape");
  ASSERT_EQ(run_cli({"matrix", "--question", "centre1300/q4", "--theme", "budget", "--format", "json", "-o",
                     (dir / "a.json").string()})
                .exit_code,
            0);
  ASSERT_EQ(run_cli({"matrix", "--question", "centre1300/q4", "--theme", "resources", "--format", "json", "-o",
                     (dir / "b.json").string()})
                .exit_code,
            0);
  const auto m = run_cli({"diff", (dir / "a.json").string(), (dir / "b.json").string(), "--format", "json"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  std::set<std::string> found;
  const auto shape_doc = nlohmann::json::parse(m.out);
  for (const auto &s : shape_doc["shape"])
    found.insert(s["what"].get<std::string>() + " " + s["id"].get<std::string>());
  EXPECT_EQ(found, (std::set<std::string>{"filters ", "theme resources", "theme staffing", "theme equipment"}));
  // A freq table against a matrix: another kind, reported.
  ASSERT_EQ(run_cli({"freq", "--format", "json", "-o", (dir / "f.json").string()}).exit_code, 0);
  const auto k = run_cli({"diff", (dir / "f.json").string(), (dir / "a.json").string(), "--fail-on-change"});
  EXPECT_EQ(k.exit_code, 1) << k.err;
  EXPECT_NE(k.out.find("kind"), std::string::npos) << k.out;
  fs::remove_all(dir);
}

TEST(Diff, UsageErrorsSayWhatToDo) {
  const auto corpus = run_cli({"diff", supanalyze::testing::bundled_corpus(), k_examples + "/corpora/ssw3-2565"});
  EXPECT_EQ(corpus.exit_code, 2);
  EXPECT_NE(corpus.err.find("add --corpora"), std::string::npos) << corpus.err;
  const auto mixed = run_cli({"diff", k_examples + "/results/ssw3-2564", k_examples + "/results/ssw3-2564/freq.json"});
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("not a file with a folder"), std::string::npos) << mixed.err;
  const auto missing = run_cli({"diff", "no-such.json", "other.json"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no-such.json: no such file or folder"), std::string::npos) << missing.err;
  const auto common =
      run_cli({"diff", "--common", k_examples + "/results/ssw3-2564", k_examples + "/results/ssw3-2564"});
  EXPECT_EQ(common.exit_code, 2);
  EXPECT_NE(common.err.find("--common compares corpora only"), std::string::npos) << common.err;
  const auto empty = run_cli({"diff", k_examples, k_examples});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("no JSON tables to compare"), std::string::npos) << empty.err;
  const auto notjson = run_cli({"diff", k_config, k_config});
  EXPECT_EQ(notjson.exit_code, 2);
  EXPECT_NE(notjson.err.find("ssw3-2564.yaml: not valid JSON"), std::string::npos) << notjson.err;
}

// `table: report` writes the analysts' report beside the tables, listed in the manifest; its
// numbers are freq's (the report command's own tests check that in detail).
TEST(Run, WritesTheReportAsOneOfItsOutputs) {
  const auto dir = fresh_temp_dir("run-report");
  supanalyze::write_file_atomically(dir / "report.yaml",
                                    "corpus: " + supanalyze::testing::bundled_corpus() +
                                        "\noutput: out\noutputs:\n  - name: freq\n    table: freq\n"
                                        "  - name: report\n    table: report\n    formats: [md, html]\n"
                                        "    filters: {question: centre1300/q4}\n");
  const auto r = run_cli({"run", (dir / "report.yaml").string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string md = read_file(dir / "out" / "report.md");
  const std::string html = read_file(dir / "out" / "report.html");
  EXPECT_NE(md.find("ท่านคิดว่าปัญหาหรืออุปสรรคของโครงการนโยบายศูนย์ช่วยเหลือทางสังคม 1300"), std::string::npos);
  EXPECT_NE(md.find("6 จาก 8"), std::string::npos) << "staffing, budget, training, duty roster: 6 of 8 provinces";
  EXPECT_NE(html.find("<svg"), std::string::npos);
  const std::string manifest = read_file(dir / "out" / "manifest.json");
  EXPECT_NE(manifest.find("\"report.md\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"report.html\""), std::string::npos) << manifest;
  const auto again = run_cli({"run", (dir / "report.yaml").string(), "--quiet", "-o", (dir / "again").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_file(dir / "again" / "report.md"), md);
  // A report takes no unit, and only the report's formats.
  supanalyze::write_file_atomically(dir / "bad.yaml", "corpus: " + supanalyze::testing::bundled_corpus() +
                                                          "\noutput: bad\noutputs:\n  - name: r\n    table: report\n"
                                                          "    unit: segments\n    formats: [csv]\n");
  const auto bad = run_cli({"run", (dir / "bad.yaml").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("outputs[0].unit: a report takes no unit"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir / "bad"));
  fs::remove_all(dir);
}

TEST(Run, ConfigErrorsPointAtTheFile) {
  const auto dir = fresh_temp_dir("run-errors");
  supanalyze::write_file_atomically(
      dir / "bad.yaml", "corpus: " + supanalyze::testing::bundled_corpus() +
                            "\noutput: out\noutputs:\n  - name: freq\n    table: freq\n    fromats: [md]\n");
  const auto bad = run_cli({"run", (dir / "bad.yaml").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.yaml:6:5: outputs[0].fromats: unknown key (did you mean 'formats'?)"), std::string::npos)
      << bad.err;
  supanalyze::write_file_atomically(dir / "filter.yaml",
                                    "corpus: " + supanalyze::testing::bundled_corpus() +
                                        "\noutput: out\noutputs:\n  - name: freq\n    table: freq\n"
                                        "  - name: q9\n    table: matrix\n    filters: {question: centre1300/q9}\n");
  const auto filter = run_cli({"run", (dir / "filter.yaml").string()});
  EXPECT_EQ(filter.exit_code, 2);
  EXPECT_NE(filter.err.find("filter.yaml:6:5: output 'q9': unknown question 'centre1300/q9'"), std::string::npos)
      << filter.err;
  EXPECT_FALSE(fs::exists(dir / "out")) << "nothing is written when an output cannot be made";
  EXPECT_EQ(run_cli({"run", (dir / "none.yaml").string()}).exit_code, 2);
  fs::remove_all(dir);
}

TEST(ProgressBar, DrawsOnlyWhenEnabledAndClearsItsLine) {
  std::ostringstream on, off;
  {
    supanalyze::cli::ProgressBar bar(on, true);
    bar.start("coding answers", 4);
    bar.update(2);
    bar.update(2);
    bar.update(4);
  }
  EXPECT_NE(on.str().find("coding answers [###############...............] 2/4"), std::string::npos) << on.str();
  EXPECT_NE(on.str().find("] 4/4"), std::string::npos);
  EXPECT_EQ(on.str().find("2/4"), on.str().rfind("2/4")) << "no redraw when nothing moved";
  EXPECT_EQ(on.str().substr(on.str().size() - 4), "\r\033[K") << "the line is cleared at the end";
  {
    supanalyze::cli::ProgressBar bar(off, false);
    bar.start("coding answers", 4);
    bar.update(4);
  }
  EXPECT_EQ(off.str(), "");
}

TEST(Help, RunAndDiffDescribeThemselvesWithExamples) {
  for (const char *cmd : {"run", "diff"}) {
    const auto r = run_cli({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Examples:"), std::string::npos) << cmd;
    EXPECT_NE(r.out.find("supanalyze " + std::string(cmd)), std::string::npos) << cmd;
  }
}

} // namespace
