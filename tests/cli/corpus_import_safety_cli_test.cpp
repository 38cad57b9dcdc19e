// SPDX-License-Identifier: MIT
// corpus import keeps every row or refuses it with its line (a row without text was dropped
// while the message counted it; a CSV field with a newline became two segments), never merges
// into a folder that holds files, and tables refuse what they used to take in silence: a second
// text column, NUL bytes. --dict word lists are checked (UTF-8, word length).
#include "test_support.hpp"

#include <supanalyze/io.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace std::string_literals;
using supanalyze::testing::bundled_corpus;
using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;

namespace {

fs::path scratch(const std::string &name) {
  const fs::path dir = fresh_temp_dir("import-" + name);
  fs::copy_file(fs::path(bundled_corpus()) / "corpus.yaml", dir / "corpus.yaml");
  return dir;
}

const std::string k_header = "instrument\tquestion\tprovince\tsegment\ttext\n";
const std::string k_row1 = "centre1300\tq4\tkanchanaburi\t1\tไม่มีงบสนับสนุนในการดำเนินงาน\n";

} // namespace

TEST(ImportSafety, ARowWithoutTextIsRefusedWithItsLine) {
  const fs::path dir = scratch("empty-text");
  supanalyze::write_file_atomically(dir / "t.tsv", k_header + k_row1 + "centre1300\tq4\tkanchanaburi\t2\t\n" +
                                                       "centre1300\tq4\tkanchanaburi\t3\tขาดบุคลากร\n");
  const auto r = run_cli({"corpus", "import", (dir / "t.tsv").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find((dir / "t.tsv").string() + ":3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("centre1300/q4/kanchanaburi/2: a row without text"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "centre1300"));
  fs::remove_all(dir);
}

TEST(ImportSafety, ACsvFieldWithANewlineIsRefusedNotSplit) {
  const fs::path dir = scratch("csv-newline");
  supanalyze::write_file_atomically(dir / "t.csv", "instrument,question,province,segment,text\n"
                                                   "centre1300,q4,kanchanaburi,1,\"ไม่มีงบ\nสนับสนุน\"\n"
                                                   "centre1300,q4,kanchanaburi,2,ขาดบุคลากร\n");
  const auto r = run_cli({"corpus", "import", (dir / "t.csv").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("centre1300/q4/kanchanaburi/1: text with a line break"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "centre1300"));
  fs::remove_all(dir);
}

TEST(ImportSafety, AFolderWithFilesIsNotMergedInto) {
  const fs::path dir = scratch("non-empty");
  supanalyze::write_file_atomically(dir / "t.tsv", k_header + k_row1);
  fs::create_directories(dir / "out");
  supanalyze::write_file_atomically(dir / "out" / "notes.txt", "mine\n");
  const auto r = run_cli({"corpus", "import", (dir / "t.tsv").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "out").string() + ": the folder is not empty"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "corpus.yaml"));
  // An empty folder, or a new one, is fine.
  fs::remove(dir / "out" / "notes.txt");
  const auto ok = run_cli({"corpus", "import", (dir / "t.tsv").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(fs::exists(dir / "out" / "centre1300" / "kanchanaburi.md"));
  fs::remove_all(dir);
}

TEST(ImportSafety, ASecondTextColumnIsRefused) {
  const fs::path dir = scratch("two-text");
  supanalyze::write_file_atomically(dir / "t.tsv", "instrument\tquestion\tprovince\ttext\tข้อความ\n"
                                                   "centre1300\tq4\tkanchanaburi\tงบ\tบุคลากร\n");
  const auto r = run_cli({"freq", (dir / "t.tsv").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "t.tsv").string() + ":1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a second 'text' column (column 5; the first is column 4)"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

TEST(ImportSafety, ANulByteInTextIsRefusedWithItsColumn) {
  const fs::path dir = scratch("nul");
  supanalyze::write_file_atomically(dir / "t.tsv", k_header + k_row1 + "centre1300\tq4\tkanchanaburi\t2\tงบ\0x\n"s);
  const auto r = run_cli({"corpus", "export", (dir / "t.tsv").string(), "-f", "tsv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "t.tsv").string() + ":3:32: a NUL byte (field 5)"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find('\0'), std::string::npos);
  // In a transcript too.
  fs::copy(bundled_corpus(), dir / "folder", fs::copy_options::recursive);
  const fs::path md = dir / "folder" / "centre1300" / "kanchanaburi.md";
  supanalyze::write_file_atomically(md, supanalyze::read_file(md) + "เพิ่ม\0\n"s);
  const auto f = run_cli({"corpus", "check", (dir / "folder").string()});
  EXPECT_EQ(f.exit_code, 2);
  EXPECT_NE(f.out.find(md.string() + ":"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("a NUL byte"), std::string::npos) << f.out;
  fs::remove_all(dir);
}

TEST(ImportSafety, DictionaryFilesAreCheckedForUtf8AndWordLength) {
  const fs::path dir = scratch("dict");
  supanalyze::write_file_atomically(dir / "bad.txt", "ข้อมูล\n\xc3(\n");
  const auto bad = run_cli({"tokenize", "--dict", (dir / "bad.txt").string()}, "ข้อมูล\n");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find((dir / "bad.txt").string() + ":2:1:"), std::string::npos) << bad.err;
  std::string word;
  for (int i = 0; i < 32000; ++i)
    word += "ก";
  supanalyze::write_file_atomically(dir / "long.txt", "# words\nข้อมูล\n" + word + "\n");
  for (const char *command : {"tokenize", "normalize"}) {
    const auto r = run_cli({command, "--dict", (dir / "long.txt").string()}, "ข้อมูล\n");
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_NE(r.err.find((dir / "long.txt").string() +
                         ":3:1: a word of 32000 characters (a word list holds words of at "
                         "most 100)"),
              std::string::npos)
        << command << ": " << r.err;
  }
  fs::remove_all(dir);
}

TEST(ImportSafety, MalformedCsvNamesTheColumn) {
  const fs::path dir = scratch("bad-csv");
  supanalyze::write_file_atomically(dir / "t.csv", "instrument,question,province,text\n"
                                                   "centre1300,q4,kanchanaburi,\"งบ\"x\n");
  const auto r = run_cli({"freq", (dir / "t.csv").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "t.csv").string() + ":2:32: malformed CSV"), std::string::npos) << r.err;
  fs::remove_all(dir);
}
