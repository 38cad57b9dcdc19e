// SPDX-License-Identifier: MIT
// docs/json.md cannot drift: every example in it is a command line (```sh, "$ supanalyze ...")
// followed by the output it prints (```json), and this test runs each one and compares the
// bytes. Every schema the commands write is documented with an example.
#include "test_support.hpp"

#include <supanalyze/io.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Example {
  std::string command; // without the leading "$ "
  std::string output;
};

std::vector<Example> examples_of(const std::string &markdown) {
  std::vector<Example> out;
  const std::string sh = "```sh\n$ supanalyze ", json = "```json\n", fence = "\n```\n";
  for (std::size_t at = markdown.find(sh); at != std::string::npos; at = markdown.find(sh, at + 1)) {
    const auto line_end = markdown.find('\n', at + sh.size());
    Example e{markdown.substr(at + 8, line_end - at - 8), ""}; // "supanalyze ..."
    const auto block = markdown.find(json, line_end);
    if (block == std::string::npos) break;
    const auto end = markdown.find(fence, block + json.size());
    e.output = markdown.substr(block + json.size(), end - block - json.size() + 1);
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace

TEST(DocsJson, EveryExampleIsWhatTheCommandPrints) {
  const auto root = supanalyze::testing::repo_root();
  const std::string doc = supanalyze::read_file(root / "docs" / "json.md");
  const auto examples = examples_of(doc);
  ASSERT_GE(examples.size(), 10U);
  struct InRoot { // the examples name files from the repository's root
    std::filesystem::path previous = std::filesystem::current_path();
    explicit InRoot(const std::filesystem::path &root) { std::filesystem::current_path(root); }
    ~InRoot() { std::filesystem::current_path(previous); }
  } in_root(root);
  std::set<std::string> schemas;
  for (const auto &e : examples) {
    std::vector<std::string> args;
    std::istringstream words(e.command);
    words.ignore(std::string("supanalyze ").size());
    for (std::string w; words >> w;)
      args.push_back(w);
    const auto r = supanalyze::testing::run_cli(args);
    ASSERT_EQ(r.exit_code, 0) << e.command << ": " << r.err;
    EXPECT_EQ(r.out, e.output) << e.command << " (scripts/update-json-doc.py rewrites the examples)";
    // The first JSON value (a document, or a JSONL row) names its schema, and the doc its section.
    const auto first = nlohmann::json::parse(r.out.substr(0, args.back() == "jsonl" ? r.out.find('\n') : r.out.size()));
    const std::string schema = first.at("schema");
    EXPECT_NE(doc.find("## `" + schema + "`"), std::string::npos) << schema;
    schemas.insert(schema);
  }
  for (const char *schema :
       {"supanalyze.freq/2", "supanalyze.matrix/2", "supanalyze.code/1", "supanalyze.kwic/2", "supanalyze.uncoded/2",
        "supanalyze.terms/2", "supanalyze.agree/3", "supanalyze.diff/1", "supanalyze.codebook/2", "supanalyze.lint/1",
        "supanalyze.tokens/1", "supanalyze.corpus-stats/1"})
    EXPECT_EQ(schemas.count(schema), 1U) << schema << " has no example in docs/json.md";
}

// Every schema a source file names (a document the code writes, or an older version `diff`
// still reads) is in docs/json.md: a new output or a bumped version cannot go undocumented.
TEST(DocsJson, EverySchemaTheCodeNamesIsDocumented) {
  const auto root = supanalyze::testing::repo_root();
  const std::string doc = supanalyze::read_file(root / "docs" / "json.md");
  const std::regex literal(R"re("(supanalyze\.[a-z-]+/[0-9]+)")re");
  std::set<std::string> named;
  for (const char *dir : {"cli", "lib"})
    for (const auto &entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
      const std::string text = supanalyze::read_file(entry.path());
      for (std::sregex_iterator m(text.begin(), text.end(), literal), end; m != end; ++m)
        named.insert((*m)[1]);
    }
  ASSERT_GE(named.size(), 13U); // the 13 documents of today, at least
  for (const auto &schema : named)
    EXPECT_NE(doc.find("`" + schema + "`"), std::string::npos) << schema << " is not in docs/json.md";
}
