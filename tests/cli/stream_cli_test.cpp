// SPDX-License-Identifier: MIT
// code, freq and matrix stream a .tsv corpus answer by answer: the results must be the bytes the
// folder form gives, for any thread count and whatever the row order of the table.
#include "test_support.hpp"

#include <supanalyze/io.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using supanalyze::testing::bundled_corpus;
using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

// The bundled corpus exported as a table (rows in canonical order) into a fresh folder.
fs::path exported(const std::string &name) {
  const fs::path dir = fresh_temp_dir("stream-cli-" + name);
  const auto r =
      run_cli({"corpus", "export", bundled_corpus(), "--format", "tsv", "-o", (dir / "corpus.tsv").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  fs::copy_file(fs::path(bundled_corpus()) / "corpus.yaml", dir / "corpus.yaml");
  return dir / "corpus.tsv";
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

void write_lines(const fs::path &file, const std::vector<std::string> &lines) {
  std::ofstream out(file, std::ios::binary);
  for (const auto &l : lines)
    out << l << '\n';
}

const std::vector<std::vector<std::string>> k_commands{
    {"code"},
    {"code", "--question", "centre1300/q4", "--province", "ratchaburi", "--format", "jsonl"},
    {"freq"},
    {"freq", "--unit", "segments", "--format", "json"},
    {"freq", "--instrument", "vulnerable", "--unit", "mentions", "--all", "--format", "tsv"},
    {"matrix"},
    {"matrix", "--province", "nakhonpathom", "--province", "phetchaburi", "--format", "json"},
    {"matrix", "--rows", "question", "--cols", "province", "--unit", "segments", "--format", "csv"},
    {"matrix", "--rows", "province", "--cols", "theme", "--unit", "answers", "--theme", "staffing"},
};

void expect_same_as_folder(const fs::path &table, const std::string &what) {
  for (const auto &command : k_commands) {
    auto args = command;
    args.insert(args.begin() + 1, bundled_corpus());
    const auto folder = run_cli(args);
    ASSERT_EQ(folder.exit_code, 0) << folder.err;
    for (const std::string threads : {"1", "2", "3"}) {
      args[1] = table.string();
      args.insert(args.end(), {"-j", threads});
      const auto streamed = run_cli(args);
      args.resize(args.size() - 2);
      ASSERT_EQ(streamed.exit_code, 0) << streamed.err;
      EXPECT_EQ(streamed.out, folder.out)
          << what << ": " << command[0] << " " << command.size() << " args, -j " << threads;
    }
  }
}

TEST(Streaming, ATableInAnswerOrderGivesTheFolderResults) {
  expect_same_as_folder(exported("ordered"), "ordered table");
}

TEST(Streaming, ATableInAnyOrderGivesTheFolderResults) {
  // Rows reversed: answers out of order and their segments too far apart to stream; the
  // segment numbers must still rise within an answer, so reverse whole answers.
  const fs::path table = exported("shuffled");
  auto lines = lines_of(supanalyze::read_file(table));
  std::vector<std::vector<std::string>> answers;
  std::string key;
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const auto fields_end = lines[k].find(
        '\t', lines[k].find('\t', lines[k].find('\t', lines[k].find('\t', lines[k].find('\t') + 1) + 1) + 1) + 1);
    const std::string this_key = lines[k].substr(0, fields_end);
    if (this_key != key) answers.emplace_back();
    key = this_key;
    answers.back().push_back(lines[k]);
  }
  std::reverse(answers.begin(), answers.end());
  // ... and one answer's rows apart, so rows are not even grouped.
  const auto split = static_cast<std::size_t>(
      std::find_if(answers.begin(), answers.end(), [](const auto &rows) { return rows.size() >= 2; }) -
      answers.begin());
  ASSERT_LT(split, answers.size());
  std::vector<std::string> out{lines[0], answers[split][0]};
  for (std::size_t a = 0; a < answers.size(); ++a)
    if (a != split) out.insert(out.end(), answers[a].begin(), answers[a].end());
  out.insert(out.end(), answers[split].begin() + 1, answers[split].end());
  write_lines(table, out);
  expect_same_as_folder(table, "answers reversed, one split");
}

TEST(Streaming, CorpusStatsAndLintAreTheSameStreamedAndAtAnyThreadCount) {
  const fs::path table = exported("stats");
  const auto folder_stats = run_cli({"corpus", "stats", bundled_corpus(), "--format", "json"});
  const auto folder_lint = run_cli({"codebook", "lint", bundled_corpus(), "--format", "json"});
  ASSERT_EQ(folder_stats.exit_code, 0) << folder_stats.err;
  for (const std::string threads : {"1", "3"}) {
    EXPECT_EQ(run_cli({"corpus", "stats", table.string(), "--format", "json", "-j", threads}).out, folder_stats.out);
    EXPECT_EQ(run_cli({"codebook", "lint", bundled_corpus(), "--format", "json", "-j", threads}).out, folder_lint.out);
  }
}

TEST(Streaming, ABadRowLateInTheTableIsNamedAndNoOutputFileIsLeft) {
  const fs::path table = exported("bad-row");
  auto lines = lines_of(supanalyze::read_file(table));
  const std::size_t bad = lines.size() - 3; // 0-based index; line number bad + 1
  const auto last_tab = lines[bad].rfind('\t', lines[bad].rfind('\t') - 1);
  lines[bad].insert(last_tab + 1, "\xE0\xB8"); // a UTF-8 sequence cut short at the start of the text
  write_lines(table, lines);
  const fs::path output = table.parent_path() / "codings.tsv";
  for (const std::string threads : {"1", "2"}) {
    const auto r = run_cli({"code", table.string(), "-j", threads, "-o", output.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("corpus.tsv:" + std::to_string(bad + 1) + ":" + std::to_string(last_tab + 2)),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(output));
    for (const auto &entry : fs::directory_iterator(table.parent_path()))
      EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << "no temporary file left";
  }
}

} // namespace
