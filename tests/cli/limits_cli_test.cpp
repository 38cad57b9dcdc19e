// SPDX-License-Identifier: MIT
// Every number is checked where it is read, and the message gives the allowed range: -j is
// capped at 4 threads per core (33,000 threads aborted the tool; 4294967295 allocated without
// bound), --context, --broad, --min-kappa, --threshold and --year refuse values out of range and
// NaN, a codebook's `within` cannot wrap to a negative int, and diff refuses a negative count
// instead of printing it as 18446744073709551607.
#include "test_support.hpp"

#include <supanalyze/corpus/model.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/numbers.hpp>

#include <gtest/gtest.h>

#include <filesystem>

using supanalyze::testing::bundled_corpus;
using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

void expect_usage_error(const std::vector<std::string> &args, const std::string &message) {
  const auto r = run_cli(args);
  EXPECT_EQ(r.exit_code, 2) << args[0] << " " << args.back() << "\n" << r.err;
  EXPECT_NE(r.err.find(message), std::string::npos) << "expected '" << message << "' in " << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 200);
}

} // namespace

TEST(Limits, ThreadsAreCappedAtFourPerCore) {
  const std::string max = std::to_string(supanalyze::max_threads());
  for (const char *j : {"33000", "4294967295", "-1", "99999999999999999999999"})
    expect_usage_error({"freq", bundled_corpus(), "-j", j},
                       "is not a whole number from 0 to " + max + " (at most 4 worker threads per core");
  for (const std::vector<std::string> &command : {std::vector<std::string>{"run", "x.yaml"},
                                                  {"report", bundled_corpus()},
                                                  {"codebook", "lint"},
                                                  {"corpus", "stats", bundled_corpus()},
                                                  {"diff", "a", "b"}})
    expect_usage_error(
        [&] {
          auto args = command;
          args.insert(args.end(), {"-j", "33000"});
          return args;
        }(),
        "--threads: '33000' is not a whole number from 0 to " + max);
  // The cap itself is accepted, and gives the same bytes.
  const auto capped = run_cli({"freq", bundled_corpus(), "-q", "centre1300/q4", "-j", max});
  const auto one = run_cli({"freq", bundled_corpus(), "-q", "centre1300/q4", "-j", "1"});
  EXPECT_EQ(capped.exit_code, 0) << capped.err;
  EXPECT_EQ(capped.out, one.out);
}

TEST(Limits, OptionNumbersOutOfRangeOrNaNAreRefused) {
  expect_usage_error({"kwic", bundled_corpus(), "--term", "งบ", "--context", "4294967295"},
                     "--context: '4294967295' is not a whole number from 0 to 1000");
  expect_usage_error({"kwic", bundled_corpus(), "--term", "งบ", "--context", "-3"},
                     "--context: '-3' is not a whole number from 0 to 1000");
  expect_usage_error({"codebook", "lint", "--broad", "nan"}, "--broad: 'nan' is not a number from 0 to 1");
  expect_usage_error({"codebook", "lint", "--broad", "1.5"}, "--broad: '1.5' is not a number from 0 to 1");
  expect_usage_error({"agree", "a.tsv", "b.tsv", "--min-kappa", "nan"},
                     "--min-kappa: 'nan' is not a number from -1 to 1");
  expect_usage_error({"agree", "a.tsv", "b.tsv", "--min-kappa", "inf"},
                     "--min-kappa: 'inf' is not a number from -1 to 1");
  expect_usage_error({"diff", "a", "b", "--threshold", "0"}, "--threshold: '0' is not a whole number from 1 to");
  expect_usage_error({"corpus", "import", "x.qdpx", "-o", "out", "--year", "2147483648"},
                     "--year: '2147483648' is not a whole number from 1 to 9999");
  // Values in range still work.
  const auto r = run_cli({"kwic", bundled_corpus(), "--term", "งบประมาณ", "--context", "1000", "-f", "tsv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Limits, ACodebookWithinThatWouldWrapIsRefusedWithItsLocation) {
  const fs::path dir = fresh_temp_dir("limits-within");
  const fs::path cb = dir / "cb.yaml";
  supanalyze::write_file_atomically(cb, "id: t\nversion: \"1\"\nthemes:\n  - id: a\n    label: {th: ก, en: A}\n"
                                        "    description: d\n    rules:\n      - near: [งบ, เงิน]\n"
                                        "        within: 2147483648\n");
  const auto r = run_cli({"freq", bundled_corpus(), "-c", cb.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(
      r.err.find(cb.string() + ":9:17: themes.a.rules[0].within: '2147483648' is not a whole number from 0 to 1000"),
      std::string::npos)
      << r.err;
  fs::remove_all(dir);
}

TEST(Limits, DiffRefusesANegativeCountInsteadOfWrappingIt) {
  const fs::path dir = fresh_temp_dir("limits-diff");
  const auto table = run_cli({"freq", bundled_corpus(), "-q", "centre1300/q4", "-f", "json"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  std::string edited = table.out;
  const auto at = edited.find("\"count\": ");
  ASSERT_NE(at, std::string::npos);
  const auto end = edited.find_first_of(",\n}", at + 9);
  edited.replace(at + 9, end - (at + 9), "-9");
  supanalyze::write_file_atomically(dir / "old.json", table.out);
  supanalyze::write_file_atomically(dir / "new.json", edited);
  const auto r = run_cli({"diff", (dir / "old.json").string(), (dir / "new.json").string()});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("new.json: not a freq or matrix table of supanalyze: 'count' must be a whole number of 0 or "
                       "more, not -9"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("18446744073709551607"), std::string::npos);
  // A field of the wrong type names its key, not nlohmann's type_error.302.
  std::string bad_year = table.out;
  const auto year = bad_year.find("\"year\": ");
  ASSERT_NE(year, std::string::npos);
  bad_year.insert(year + 8, "\"x");
  bad_year.insert(bad_year.find_first_of(",\n", year + 10), "\"");
  supanalyze::write_file_atomically(dir / "year.json", bad_year);
  const auto y = run_cli({"diff", (dir / "old.json").string(), (dir / "year.json").string()});
  EXPECT_EQ(y.exit_code, 2);
  EXPECT_NE(y.err.find("year.json: not a freq or matrix table of supanalyze: 'year' must be a whole number"),
            std::string::npos)
      << y.err;
  EXPECT_EQ(y.err.find("type_error"), std::string::npos) << y.err;
  fs::remove_all(dir);
}

// A segment past 1 MB is refused at its line and column, in a table and in a transcript; a
// 50 MB one took 900 MB and minutes, a few GB ran out of memory with no file named.
TEST(Limits, ASegmentPastOneMegabyteIsRefusedWithItsLocation) {
  const fs::path dir = fresh_temp_dir("limits-segment");
  fs::copy_file(fs::path(bundled_corpus()) / "corpus.yaml", dir / "corpus.yaml");
  std::string text;
  while (text.size() <= supanalyze::corpus::k_max_segment_bytes)
    text += "ขาดบุคลากร ";
  const std::string size = std::to_string(text.size());
  supanalyze::write_file_atomically(dir / "t.tsv", "instrument\tquestion\tprovince\tsegment\ttext\n"
                                                   "centre1300\tq4\tkanchanaburi\t1\tไม่มีงบ\n"
                                                   "centre1300\tq4\tkanchanaburi\t2\t" +
                                                       text + "\n");
  const auto table = run_cli({"freq", (dir / "t.tsv").string()});
  EXPECT_EQ(table.exit_code, 2);
  EXPECT_NE(table.err.find((dir / "t.tsv").string() + ":3:30: a segment of " + size +
                           " bytes, more than the 1 MB one segment may have"),
            std::string::npos)
      << table.err.substr(0, 400);
  fs::create_directories(dir / "folder" / "centre1300");
  fs::copy_file(dir / "corpus.yaml", dir / "folder" / "corpus.yaml");
  supanalyze::write_file_atomically(dir / "folder" / "centre1300" / "kanchanaburi.md", "## q4\n\n- " + text + "\n");
  const auto folder = run_cli({"freq", (dir / "folder").string()});
  EXPECT_EQ(folder.exit_code, 2);
  EXPECT_NE(folder.err.find((dir / "folder" / "centre1300" / "kanchanaburi.md").string() + ":3:1: a segment of " +
                            std::to_string(text.size() + 2) + " bytes"),
            std::string::npos)
      << folder.err.substr(0, 400);
  fs::remove_all(dir);
}
