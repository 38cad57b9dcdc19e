// SPDX-License-Identifier: MIT
// REFI-QDA projects: `code -o x.qdpx` on the bundled corpus, read back by `agree`, damaged files.
#include "test_support.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/detail/zip.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/qda/codebook.hpp>
#include <supanalyze/qda/project_reader.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <sstream>

#include <unistd.h>

namespace {

using supanalyze::testing::run_cli;
namespace fs = std::filesystem;
namespace qda = supanalyze::qda;

fs::path temp_path(const std::string &name) {
  return fs::temp_directory_path() / ("supanalyze-qdpx-" + std::to_string(::getpid()) + "-" + name);
}

// Code points [start, end) of UTF-8 `text`.
std::string cut(const std::string &text, std::size_t start, std::size_t end) {
  std::size_t cp = 0, from = std::string::npos, to = text.size();
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (cp == start && from == std::string::npos) from = i;
    if (cp == end) {
      to = i;
      break;
    }
    ++cp;
  }
  return text.substr(from, to - from);
}

std::vector<std::vector<std::string>> tsv(const std::string &text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::size_t at = 0;
    for (std::size_t tab; (tab = line.find('\t', at)) != std::string::npos; at = tab + 1)
      fields.push_back(line.substr(at, tab - at));
    fields.push_back(line.substr(at));
    rows.push_back(fields);
  }
  return rows;
}

struct Coded {
  std::string tsv_path, qdpx_path, tsv_text, qdpx_bytes;
};

const Coded &coded() {
  static const Coded c = [] {
    Coded out{temp_path("auto.tsv").string(), temp_path("auto.qdpx").string(), {}, {}};
    EXPECT_EQ(run_cli({"code", "-o", out.tsv_path}).exit_code, 0);
    const auto r = run_cli({"code", "-o", out.qdpx_path, "-j", "2"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    out.tsv_text = supanalyze::read_file(out.tsv_path);
    out.qdpx_bytes = supanalyze::read_file(out.qdpx_path);
    return out;
  }();
  return c;
}

TEST(QdpxExport, EverySelectionCutFromItsSourceIsTheCodingsSpan) {
  const auto &c = coded();
  const qda::Project project = qda::read_qdpx(c.qdpx_bytes, c.qdpx_path);
  const auto &cb = supanalyze::codebook::default_codebook();
  const auto rows = tsv(c.tsv_text);
  ASSERT_GT(rows.size(), 100u);
  const auto &header = rows.front();
  ASSERT_EQ(header[10], "text");
  ASSERT_EQ(header[11], "in");
  std::size_t row = 1, labels = 0;
  for (const auto &source : project.sources) {
    EXPECT_NE(source.text.rfind("\xEF\xBB\xBF", 0), 0u) << "no BOM";
    EXPECT_EQ(source.variables.size(), 3u);
    for (const auto &sel : source.selections) {
      ASSERT_LT(row, rows.size());
      const auto &r = rows[row++];
      EXPECT_EQ(source.name, r[2] + "/" + r[3] + "/" + r[4]);
      EXPECT_EQ(cut(source.text, sel.start, sel.end), r[10]) << source.name << " " << sel.start << "-" << sel.end;
      ASSERT_EQ(sel.code_guids.size(), 1u);
      EXPECT_EQ(sel.code_guids[0], qda::theme_guid(cb, *cb.index_of(r[6])));
      if (r[11] == "label") {
        ++labels;
        // The label line: "### " and the label, the coded span inside it.
        const std::size_t line_start = source.text.rfind('\n', cut(source.text, 0, sel.start).size());
        EXPECT_EQ(source.text.compare(line_start == std::string::npos ? 0 : line_start + 1, 4, "### "), 0);
      }
    }
  }
  EXPECT_EQ(row, rows.size());                              // every coding is a selection
  EXPECT_GT(labels, 0u);                                    // and label codings are among them
  EXPECT_EQ(project.codes.themes.size(), cb.themes.size()); // the codebook is embedded
}

TEST(QdpxExport, ProjectLayoutIsDeterministic) {
  const auto &c = coded();
  const auto again = temp_path("again.qdpx");
  ASSERT_EQ(run_cli({"code", "-o", again.string(), "-j", "1"}).exit_code, 0);
  EXPECT_EQ(supanalyze::read_file(again), c.qdpx_bytes); // any -j, same bytes
  fs::remove(again);
  const auto entries = supanalyze::detail::unzip(c.qdpx_bytes, "auto.qdpx");
  const std::string &qde = entries.at("project.qde");
  EXPECT_NE(qde.find("<Project xmlns=\"urn:QDA-XML:project:1.0\""), std::string::npos);
  EXPECT_NE(qde.find("<User guid="), std::string::npos);
  EXPECT_NE(qde.find("name=\"supanalyze "), std::string::npos);
  EXPECT_NE(qde.find("<Case guid="), std::string::npos);
  EXPECT_NE(qde.find("name=\"ratchaburi\""), std::string::npos);
  EXPECT_NE(qde.find("<Variable guid="), std::string::npos);
  EXPECT_NE(qde.find("creationDateTime=\"2000-01-01T00:00:00Z\""), std::string::npos);
  std::size_t sources = 0;
  for (const auto &[name, bytes] : entries)
    sources += name.rfind("Sources/", 0) == 0;
  EXPECT_EQ(sources, qda::read_qdpx(c.qdpx_bytes, "auto.qdpx").sources.size());
}

TEST(QdpxAgree, TsvAgainstQdpxIsPerfectAgreement) {
  const auto &c = coded();
  const auto r = run_cli({"agree", c.tsv_path, c.qdpx_path, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_TRUE(doc["disagreements"].empty());
  EXPECT_GT(doc["overall"]["both"].get<double>(), 100);
  EXPECT_EQ(doc["overall"]["only_a"].get<double>(), 0);
  EXPECT_EQ(doc["overall"]["only_b"].get<double>(), 0);
}

// A copy of the tool's project with `edit` applied to project.qde (or the whole archive).
std::string damaged(const std::function<void(std::map<std::string, std::string> &)> &edit) {
  auto entries = supanalyze::detail::unzip(coded().qdpx_bytes, "auto.qdpx");
  edit(entries);
  std::vector<std::pair<std::string, std::string>> parts(entries.begin(), entries.end());
  return supanalyze::detail::zip_parts(parts, "test");
}

void expect_refused(const std::string &bytes, const std::vector<std::string> &expected) {
  const auto in = temp_path("damaged.qdpx"), out = temp_path("damaged-agree.txt");
  supanalyze::write_file_atomically(in, bytes);
  const auto r = run_cli({"agree", coded().tsv_path, in.string(), "-o", out.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(in.string()), std::string::npos) << r.err;
  for (const auto &e : expected)
    EXPECT_NE(r.err.find(e), std::string::npos) << e << "\n" << r.err;
  EXPECT_FALSE(fs::exists(out));
  fs::remove(in);
}

TEST(QdpxImport, DamagedProjectsNameFileAndElement) {
  expect_refused("PK\x03\x04 this is not a zip archive", {"not a zip archive"});
  expect_refused(damaged([](auto &e) { e.erase("project.qde"); }), {"no project.qde in the archive"});
  expect_refused(damaged([](auto &e) {
                   std::string &qde = e.at("project.qde");
                   const auto at = qde.find("endPosition=\"") + 13;
                   qde.replace(at, qde.find('"', at) - at, "999999");
                 }),
                 {"!project.qde:", ": element Project/Sources/TextSource", "/PlainTextSelection",
                  "-999999 is out of its source's range 0-"});
  expect_refused(damaged([](auto &e) {
                   std::string &qde = e.at("project.qde");
                   const auto at = qde.find("<CodeRef targetGUID=\"") + 21;
                   qde.replace(at, 36, "00000000-0000-0000-0000-000000000000");
                 }),
                 {"!project.qde:", "/Coding/CodeRef: CodeRef to 00000000-0000-0000-0000-000000000000, which no code"});
}

} // namespace

namespace {

TEST(QdpxOtherTools, AtlasCodebookOnlyProjectImports) {
  const std::string path = supanalyze::testing::test_data("refi-qda/atlas-codebook-only.qdpx");
  const auto project = qda::read_qdpx(supanalyze::read_file(path), path);
  const auto entries = supanalyze::detail::unzip(supanalyze::read_file(path), path);
  EXPECT_NE(entries.at("project.qde").find("\r\n"), std::string::npos); // ATLAS.ti's CRLF
  EXPECT_TRUE(project.sources.empty());
  ASSERT_EQ(project.codes.themes.size(), 2u);
  EXPECT_EQ(project.codes.themes[0].label_th, "อัตรากำลังและภาระงาน");
  EXPECT_EQ(project.codes.themes[0].description, "staff shortage"); // no CR left from CRLF
  EXPECT_EQ(project.codes.themes[1].parent_id, project.codes.themes[0].id);
  // Its first code is the default codebook's staffing theme by GUID, in upper case.
  std::vector<std::string> unmatched;
  const auto &cb = supanalyze::codebook::default_codebook();
  const auto coding = qda::project_coding(project, supanalyze::corpus::Corpus{}, cb, unmatched);
  EXPECT_TRUE(coding.marks.empty());
  ASSERT_EQ(unmatched.size(), 1u); // "Overtime" is no theme: reported
  EXPECT_NE(unmatched[0].find("'Overtime'"), std::string::npos) << unmatched[0];
}

TEST(QdpxOtherTools, QualCoderSourceWithBomImportsAsACorpus) {
  const std::string path = supanalyze::testing::test_data("refi-qda/qualcoder-bom.qdpx");
  const auto project = qda::read_qdpx(supanalyze::read_file(path), path);
  ASSERT_EQ(project.sources.size(), 1u);
  // QualCoder's layout: project.qde and the texts start with a BOM; a category holds codes.
  const auto entries = supanalyze::detail::unzip(supanalyze::read_file(path), path);
  EXPECT_EQ(entries.at("project.qde").rfind("\xEF\xBB\xBF<?xml", 0), 0u);
  ASSERT_EQ(project.codes.themes.size(), 4u);
  EXPECT_EQ(project.codes.themes[2].label_th, "budget");
  EXPECT_EQ(project.codes.themes[2].parent_id, project.codes.themes[1].id);
  const auto &source = project.sources[0];
  EXPECT_EQ(source.text.rfind("งบประมาณ", 0), 0u); // the BOM is gone
  ASSERT_EQ(source.selections.size(), 2u);
  EXPECT_EQ(cut(source.text, source.selections[0].start, source.selections[0].end), "งบประมาณ");
  EXPECT_EQ(cut(source.text, source.selections[1].start, source.selections[1].end), "เจ้าหน้าที่มีจำนวนจำกัด");

  const auto dir = temp_path("qualcoder-corpus");
  const auto r = run_cli({"corpus", "import", path, "--year", "2565", "-o", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto exported = run_cli({"corpus", "export", dir.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto rows = tsv(exported.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][4], "ratchaburi_interview");
  EXPECT_EQ(rows[1][6], "งบประมาณไม่เพียงพอ");
  EXPECT_EQ(rows[2][6], "เจ้าหน้าที่มีจำนวนจำกัด");
  fs::remove_all(dir);
}

TEST(QdpxCorpus, ProjectOfTheBundledCorpusImportsAsTheSameCorpus) {
  const auto dir = temp_path("bundled-corpus");
  const auto r =
      run_cli({"corpus", "import", coded().qdpx_path, "--id", "ssw3-2564", "--year", "2564", "-o", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto original = run_cli({"corpus", "export"});
  const auto imported = run_cli({"corpus", "export", dir.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.out, original.out);
  fs::remove_all(dir);
}

} // namespace
