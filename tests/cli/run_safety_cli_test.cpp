// SPDX-License-Identifier: MIT
// run never writes over what it reads, and writes its folder as a whole: an output named like
// its corpus table is refused, the folder may not be inside the corpus folder, and a failure
// half-way leaves every old file as it was (no new tables beside an old manifest).
#include "test_support.hpp"

#include <supanalyze/io.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;
using supanalyze::read_file;
using supanalyze::testing::bundled_corpus;
using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;

namespace {

std::map<std::string, std::string> folder_bytes(const fs::path &dir) {
  std::map<std::string, std::string> out;
  for (const auto &e : fs::directory_iterator(dir))
    out[e.path().filename().string()] = fs::is_directory(e.path()) ? "<folder>" : read_file(e.path());
  return out;
}

} // namespace

TEST(RunSafety, AnOutputThatIsTheCorpusTableIsRefused) {
  const fs::path dir = fresh_temp_dir("run-safety-corpus-table");
  const auto exported =
      run_cli({"corpus", "export", bundled_corpus(), "-f", "tsv", "-o", (dir / "corpus.tsv").string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  fs::copy_file(fs::path(bundled_corpus()) / "corpus.yaml", dir / "corpus.yaml");
  const std::string corpus_bytes = read_file(dir / "corpus.tsv");
  supanalyze::write_file_atomically(dir / "run.yaml", "corpus: corpus.tsv\noutput: .\noutputs:\n"
                                                      "  - name: corpus\n    table: freq\n    formats: [tsv]\n");
  const auto r = run_cli({"run", (dir / "run.yaml").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "run.yaml").string() + ":4:5: output 'corpus': writing "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("would overwrite the corpus"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "corpus.tsv"), corpus_bytes);
  EXPECT_FALSE(fs::exists(dir / "manifest.json"));
  fs::remove_all(dir);
}

TEST(RunSafety, TheOutputFolderMayNotBeInsideTheCorpusFolder) {
  const fs::path dir = fresh_temp_dir("run-safety-corpus-folder");
  fs::copy(bundled_corpus(), dir / "corpus", fs::copy_options::recursive);
  supanalyze::write_file_atomically(dir / "run.yaml", "corpus: corpus\noutput: corpus\noutputs:\n"
                                                      "  - name: freq\n    table: freq\n    formats: [json]\n");
  const auto before = folder_bytes(dir / "corpus");
  const auto r = run_cli({"run", (dir / "run.yaml").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("the output folder is inside the corpus folder"), std::string::npos) << r.err;
  EXPECT_EQ(folder_bytes(dir / "corpus"), before);
  fs::remove_all(dir);
}

TEST(RunSafety, AFailureHalfWayLeavesTheOldFilesAsTheyWere) {
  const fs::path dir = fresh_temp_dir("run-safety-half-way");
  const std::string head = "corpus: " + bundled_corpus() + "\noutput: out\noutputs:\n";
  supanalyze::write_file_atomically(dir / "first.yaml", head + "  - name: a\n    table: freq\n    formats: [json]\n"
                                                               "  - name: b\n    table: freq\n    formats: [json]\n");
  ASSERT_EQ(run_cli({"run", (dir / "first.yaml").string(), "--quiet"}).exit_code, 0);
  // The second run counts a differently, and cannot write b (a folder is in its place).
  fs::remove(dir / "out" / "b.json");
  fs::create_directory(dir / "out" / "b.json");
  const auto before = folder_bytes(dir / "out");
  supanalyze::write_file_atomically(dir / "second.yaml", head + "  - name: a\n    table: freq\n    unit: segments\n"
                                                                "    formats: [json]\n"
                                                                "  - name: b\n    table: freq\n    formats: [json]\n");
  const auto r = run_cli({"run", (dir / "second.yaml").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("b.json: cannot write: it is a folder"), std::string::npos) << r.err;
  EXPECT_EQ(folder_bytes(dir / "out"), before); // a.json is the old one, and no staging folder is left
  fs::remove_all(dir);
}
