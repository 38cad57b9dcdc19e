// SPDX-License-Identifier: MIT
// The documentation points at things that exist: every Markdown file a comment cites is in the
// repository, and ARCHITECTURE.md's layout table names every area.
#include <supanalyze/io.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path k_root = supanalyze::testing::repo_root();

bool is_source(const fs::path &p) {
  const auto ext = p.extension();
  return ext == ".cpp" || ext == ".hpp" || p.filename() == "CMakeLists.txt" || ext == ".cmake" || ext == ".sh";
}

// The comment of `line`, if any ("// ..." or "# ..." at its start, after spaces).
std::string comment_of(const std::string &line) {
  const auto first = line.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  if (line.compare(first, 2, "//") == 0 || line[first] == '#') return line.substr(first);
  return "";
}

} // namespace

TEST(Docs, CitedMarkdownFilesExist) {
  // A cited name is a path from the root (docs/run.md), or a file name found in the repository.
  std::set<std::string> names;
  for (const char *dir : {"lib", "cli", "tests", "docs", "bench", "examples", "codebooks", "corpora"})
    for (const auto &e : fs::recursive_directory_iterator(k_root / dir))
      if (e.is_regular_file()) names.insert(e.path().filename().string());
  for (const auto &e : fs::directory_iterator(k_root))
    if (e.is_regular_file()) names.insert(e.path().filename().string());
  const std::regex cited(R"(([A-Za-z0-9_./-]+)\.md\b)");
  std::size_t checked = 0;
  for (const char *dir : {"lib", "cli", "tests", "cmake"}) {
    for (const auto &e : fs::recursive_directory_iterator(k_root / dir)) {
      if (!e.is_regular_file() || !is_source(e.path())) continue;
      std::string text;
      std::istringstream lines(supanalyze::read_file(e.path()));
      for (std::string line; std::getline(lines, line);)
        text += comment_of(line) + "\n";
      for (std::sregex_iterator m(text.begin(), text.end(), cited), end; m != end; ++m) {
        std::string path = (*m)[1].str() + ".md";
        while (path.rfind("./", 0) == 0)
          path.erase(0, 2);
        const bool found = fs::exists(k_root / path) || names.count(fs::path(path).filename().string()) > 0;
        EXPECT_TRUE(found) << fs::relative(e.path(), k_root).string() << " cites " << path << ", not in the repository";
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 10u);
}

TEST(Docs, ArchitectureLayoutNamesEveryArea) {
  const std::string architecture = supanalyze::read_file(k_root / "ARCHITECTURE.md");
  for (const auto &e : fs::directory_iterator(k_root / "lib" / "supanalyze")) {
    if (!e.is_directory()) continue;
    const std::string area = e.path().filename().string();
    EXPECT_NE(architecture.find("| `lib/supanalyze/" + area + "/` | `supanalyze::" + area + "` |"), std::string::npos)
        << "ARCHITECTURE.md's layout table has no row for lib/supanalyze/" << area << "/";
  }
}
