// SPDX-License-Identifier: MIT
// -o picks the format from the file name for every command that writes a file, --format
// overrides it, an extension a command cannot write is a usage error that leaves no file, and
// --bom puts a UTF-8 byte order mark before CSV/TSV.
#include "test_support.hpp"

#include <supanalyze/io.hpp>
#include <supanalyze/output/format.hpp>

#include <gtest/gtest.h>

#include <filesystem>

using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string> &more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::size_t files_in(const fs::path &dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

struct Command {
  std::vector<std::string> args;    // without -o/--format
  std::vector<std::string> formats; // what it writes, by --format name
};

const std::string k_seed_excerpt = supanalyze::testing::test_data("seed-2564.txt");

std::vector<Command> commands() {
  const std::string human = supanalyze::testing::test_data("human-coding-sample.tsv");
  return {
      {{"freq", "-q", "centre1300/q4"}, {"table", "csv", "tsv", "json", "md"}},
      {{"matrix", "-q", "centre1300/q4"}, {"table", "csv", "tsv", "json", "md"}},
      {{"kwic", "-t", "budget", "-q", "centre1300/q4"}, {"table", "csv", "tsv", "json", "md"}},
      {{"code", "-q", "centre1300/q4"}, {"tsv", "csv", "jsonl"}},
      {{"agree", human, human, "-q", "centre1300/q4"}, {"table", "csv", "tsv", "json", "md"}},
      {{"tokenize", k_seed_excerpt}, {"lines", "tsv", "json"}},
      {{"corpus", "stats"}, {"table", "csv", "tsv", "json", "md"}},
      {{"corpus", "export"}, {"tsv", "csv"}},
  };
}

TEST(OutputFormat, TheFileNameExtensionPicksTheFormatForEveryCommand) {
  const fs::path dir = fresh_temp_dir("formats-extension");
  for (const auto &cmd : commands())
    for (const auto &name : cmd.formats) {
      const auto format = supanalyze::output::parse_format(name);
      const auto expected = run_cli(with(cmd.args, {"--format", name}));
      ASSERT_EQ(expected.exit_code, 0) << cmd.args[0] << " " << name << ": " << expected.err;
      const fs::path file = dir / (cmd.args[0] + "-out." + supanalyze::output::extension(format));
      const auto written = run_cli(with(cmd.args, {"-o", file.string()}));
      ASSERT_EQ(written.exit_code, 0) << written.err;
      EXPECT_EQ(supanalyze::read_file(file), expected.out) << cmd.args[0] << " -o " << file.filename();
    }
}

TEST(OutputFormat, FormatOverridesTheExtension) {
  const fs::path dir = fresh_temp_dir("formats-override");
  const fs::path file = dir / "freq.txt";
  ASSERT_EQ(run_cli({"freq", "-q", "centre1300/q4", "--format", "csv", "-o", file.string()}).exit_code, 0);
  EXPECT_EQ(supanalyze::read_file(file), run_cli({"freq", "-q", "centre1300/q4", "--format", "csv"}).out);
  EXPECT_EQ(supanalyze::read_file(file).rfind("instrument,question,theme,label,count", 0), 0u);
  // Extensions in capitals, as Windows users write them.
  const fs::path upper = dir / "Freq.CSV";
  ASSERT_EQ(run_cli({"freq", "-q", "centre1300/q4", "-o", upper.string()}).exit_code, 0);
  EXPECT_EQ(supanalyze::read_file(upper), run_cli({"freq", "-q", "centre1300/q4", "--format", "csv"}).out);
  // No extension: the command's default format.
  const fs::path plain = dir / "freq";
  ASSERT_EQ(run_cli({"freq", "-q", "centre1300/q4", "-o", plain.string()}).exit_code, 0);
  EXPECT_EQ(supanalyze::read_file(plain), run_cli({"freq", "-q", "centre1300/q4"}).out);
}

TEST(OutputFormat, AnExtensionTheCommandCannotWriteIsAUsageErrorAndLeavesNoFile) {
  const fs::path dir = fresh_temp_dir("formats-refused");
  const auto csv_for_diff = run_cli({"diff", "a.json", "b.json", "-o", (dir / "d.csv").string()});
  EXPECT_EQ(csv_for_diff.exit_code, 2);
  EXPECT_NE(csv_for_diff.err.find("d.csv: this command cannot write .csv files; it writes .txt, .md or .json"),
            std::string::npos)
      << csv_for_diff.err;
  const auto md_for_code = run_cli({"code", "-o", (dir / "c.md").string()}); // code writes JSON (docs/json.md)
  EXPECT_EQ(md_for_code.exit_code, 2);
  EXPECT_NE(
      md_for_code.err.find("c.md: this command cannot write .md files; it writes .tsv, .csv, .json, .jsonl, .xlsx "
                           "or .qdpx"),
      std::string::npos)
      << md_for_code.err;
  const auto unknown = run_cli({"freq", "-o", (dir / "f.xyz").string()});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("'.xyz' is not a known output format; it writes .txt, .csv, .tsv, .json, .md or .xlsx"),
            std::string::npos)
      << unknown.err;
  const auto bad_format = run_cli({"matrix", "--format", "html"});
  EXPECT_EQ(bad_format.exit_code, 2);
  EXPECT_NE(bad_format.err.find("--format: the format must be table, csv, tsv, json, md or xlsx, not 'html'"),
            std::string::npos)
      << bad_format.err;
  EXPECT_EQ(files_in(dir), 0u); // nothing written, no temporary file left behind
}

TEST(OutputFormat, AnUnwritablePathIsAnInputErrorWithNoPartialFile) {
  const fs::path dir = fresh_temp_dir("formats-unwritable");
  const auto r = run_cli({"freq", "-o", (dir / "no-such-folder" / "f.csv").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("f.csv: cannot write: folder"), std::string::npos) << r.err;
  EXPECT_EQ(files_in(dir), 0u);
}

TEST(OutputFormat, BomStartsCsvAndTsvForExcel) {
  const fs::path dir = fresh_temp_dir("formats-bom");
  for (const auto &cmd : commands())
    for (const std::string ext : {"csv", "tsv"}) {
      if (std::find(cmd.formats.begin(), cmd.formats.end(), ext) == cmd.formats.end()) continue;
      const fs::path file = dir / (cmd.args[0] + "." + ext);
      ASSERT_EQ(run_cli(with(cmd.args, {"--bom", "-o", file.string()})).exit_code, 0) << cmd.args[0];
      const std::string bytes = supanalyze::read_file(file);
      EXPECT_EQ(bytes, "\xEF\xBB\xBF" + run_cli(with(cmd.args, {"--format", ext})).out) << cmd.args[0] << " " << ext;
    }
  // Thai text right after the mark, as Excel reads it.
  const std::string freq = supanalyze::read_file(dir / "freq.csv");
  EXPECT_NE(freq.find("ทรัพยากรในการปฏิบัติงาน"), std::string::npos);
  const auto refused = run_cli({"freq", "--bom", "--format", "json"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--bom applies to CSV and TSV only"), std::string::npos) << refused.err;
}

TEST(OutputFormat, SameBytesForAnyThreadCount) {
  const fs::path dir = fresh_temp_dir("formats-threads");
  for (const std::string ext : {"csv", "tsv", "json", "md", "txt"}) {
    const fs::path one = dir / ("one." + ext), four = dir / ("four." + ext);
    ASSERT_EQ(run_cli({"matrix", "--rows", "province", "--cols", "theme", "-j", "1", "-o", one.string()}).exit_code, 0);
    ASSERT_EQ(run_cli({"matrix", "--rows", "province", "--cols", "theme", "-j", "4", "-o", four.string()}).exit_code,
              0);
    EXPECT_EQ(supanalyze::read_file(one), supanalyze::read_file(four)) << ext;
  }
}

} // namespace
