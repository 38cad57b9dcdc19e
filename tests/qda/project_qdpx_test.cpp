// SPDX-License-Identifier: MIT
// REFI-QDA projects: `code -o x.qdpx` on the bundled corpus, read back by `agree`, damaged files.
#include "test_support.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/detail/zip.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/qda/codebook.hpp>
#include <supanalyze/qda/project.hpp>
#include <supanalyze/qda/project_reader.hpp>
#include <supanalyze/text/utf8.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace {

using supanalyze::testing::run_cli;
namespace fs = std::filesystem;
namespace qda = supanalyze::qda;

// `name` in this process's own temporary folder.
fs::path temp_path(const std::string &name) {
  static const fs::path dir = supanalyze::testing::fresh_temp_dir("qdpx");
  return dir / name;
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

// Stored entries (detail::ZipMethod::store, as the qdpx fuzz target zips its parts) read as the
// deflated ones do; the stored archive holds project.qde's XML as it is.
TEST(QdpxImport, AProjectWithStoredEntriesReadsAsTheDeflatedOne) {
  const auto entries = supanalyze::detail::unzip(coded().qdpx_bytes, "auto.qdpx");
  const std::vector<std::pair<std::string, std::string>> parts(entries.begin(), entries.end());
  const std::string stored = supanalyze::detail::zip_parts(parts, "test", supanalyze::detail::ZipMethod::store);
  const std::string deflated = supanalyze::detail::zip_parts(parts, "test");
  const std::string &qde = entries.at("project.qde");
  EXPECT_NE(stored.find(qde), std::string::npos);
  EXPECT_EQ(deflated.find(qde.substr(0, 200)), std::string::npos);
  EXPECT_GT(stored.size(), deflated.size());
  const auto a = qda::read_qdpx(stored, "stored.qdpx"), b = qda::read_qdpx(deflated, "deflated.qdpx");
  ASSERT_EQ(a.sources.size(), b.sources.size());
  ASSERT_GT(a.sources.size(), 100u);
  for (std::size_t i = 0; i < a.sources.size(); ++i) {
    EXPECT_EQ(a.sources[i].text, b.sources[i].text);
    EXPECT_EQ(a.sources[i].selections.size(), b.sources[i].selections.size());
  }
}

TEST(QdpxImport, AProjectQdeNamedAfterTheProjectIsRead) {
  // ATLAS.ti names the .qde after the project (QualCoder issue #1369): the only .qde is the project.
  const std::string renamed = "Environmental Attitudes Interviews.qde";
  const auto rename = [&](auto &e) {
    e[renamed] = e.at("project.qde");
    e.erase("project.qde");
  };
  const auto in = temp_path("renamed.qdpx");
  supanalyze::write_file_atomically(in, damaged(rename));
  const auto r = run_cli({"agree", coded().tsv_path, in.string(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::parse(r.out)["disagreements"].empty());
  fs::remove(in);
  // Its errors name it; two .qde and no project.qde is refused.
  expect_refused(damaged([&](auto &e) {
                   std::string &qde = e.at("project.qde");
                   const auto at = qde.find("endPosition=\"") + 13;
                   qde.replace(at, qde.find('"', at) - at, "999999");
                   rename(e);
                 }),
                 {"!" + renamed + ":", "-999999 is out of its source's range 0-"});
  expect_refused(damaged([&](auto &e) {
                   e["second.qde"] = e.at("project.qde");
                   rename(e);
                 }),
                 {"no project.qde in the archive, and 2 other .qde files"});
}

// The first source text file of the tool's project (a line of Thai text on its line 2).
std::string first_source(const std::map<std::string, std::string> &entries) {
  for (const auto &[name, text] : entries)
    if (name.rfind("Sources/", 0) == 0) return name;
  return {};
}

// `corpus import` of a damaged project: refused with `expected` in the message, nothing written.
void expect_import_refused(const std::string &bytes, const std::string &expected) {
  const auto in = temp_path("damaged-import.qdpx"), out = temp_path("damaged-import");
  supanalyze::write_file_atomically(in, bytes);
  const auto r = run_cli({"corpus", "import", in.string(), "--year", "2564", "-o", out.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(in.string() + "!" + expected), std::string::npos) << expected << "\n" << r.err;
  EXPECT_FALSE(fs::exists(out));
  fs::remove(in);
}

// A source's text file with a NUL byte or bytes that are not UTF-8: refused at the file in the
// archive, its line and column, as a transcript's would be (the NUL was written raw into the
// imported transcripts).
TEST(QdpxImport, ASourceTextWithANulOrBadUtf8IsRefusedAtItsLine) {
  const auto entries = supanalyze::detail::unzip(coded().qdpx_bytes, "auto.qdpx");
  const std::string source = first_source(entries);
  ASSERT_FALSE(source.empty());
  const std::string &text = entries.at(source);
  const std::size_t line2 = text.find('\n') + 1;
  std::size_t at = line2 + 9; // on a character's first byte
  while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
    ++at;
  ASSERT_LT(at, text.find('\n', line2));
  const std::string column = std::to_string(supanalyze::text::code_point_count(text.substr(line2, at - line2)) + 1);
  expect_import_refused(damaged([&](auto &e) { e.at(source).insert(at, 1, '\0'); }),
                        source + ":2:" + column + ": a NUL byte in the text of TextSource '");
  expect_import_refused(damaged([&](auto &e) { e.at(source).insert(at, "\xE0\xB8"); }), source + ":2:" + column + ": ");
}

// A source's zip header claiming 4 GB unpacked: refused before anything is allocated (and
// unpacking stops at the 512 MB limit whatever a header says).
TEST(QdpxImport, AnEntryClaimingAHugeSizeIsRefused) {
  std::string bytes = coded().qdpx_bytes;
  const std::string source = first_source(supanalyze::detail::unzip(bytes, "auto.qdpx"));
  const std::size_t local = bytes.find(source) - 30, central = bytes.find(source, local + 31) - 46;
  ASSERT_EQ(bytes.substr(local, 4), "PK\x03\x04");
  ASSERT_EQ(bytes.substr(central, 4), "PK\x01\x02");
  for (const std::size_t size_at : {local + 22, central + 24}) // uncompressed size, little-endian
    bytes.replace(size_at, 4, std::string("\0\0\0\xF0", 4));
  expect_import_refused(bytes, source + ": zip member of 4026531840 bytes unpacked, more than the 512 MB");
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

namespace {

// A real export by QualCoder 4.0 Beta (tests/data/refi-qda/make_qualcoder_export.py drives
// QualCoder's own code): three answers of the bundled corpus, one imported from a file with a
// BOM and CRLF line ends; a category holding two theme-named codes, a third theme-named code,
// a code that is no theme; six selections made in QualCoder's text editor.
std::string qualcoder_path() { return supanalyze::testing::test_data("refi-qda/qualcoder-export.qdpx"); }

TEST(QdpxQualCoderExport, SourcesInItsLowerCaseFolderAreRead) {
  const std::string path = qualcoder_path();
  const auto entries = supanalyze::detail::unzip(supanalyze::read_file(path), path);
  // QualCoder's layout: a "sources/" folder (not "Sources/"), texts written with a BOM.
  EXPECT_EQ(entries.count("Sources/"), 0u);
  std::size_t with_bom = 0;
  for (const auto &[name, bytes] : entries) {
    EXPECT_NE(name.rfind("Sources/", 0), 0u) << name;
    with_bom += name.rfind("sources/", 0) == 0 && bytes.rfind("\xEF\xBB\xBF", 0) == 0;
  }
  EXPECT_GE(with_bom, 3u);
  const auto project = qda::read_qdpx(supanalyze::read_file(path), path);
  ASSERT_EQ(project.sources.size(), 3u);
  for (const auto &source : project.sources) {
    EXPECT_NE(source.text.rfind("\xEF\xBB\xBF", 0), 0u) << source.name;
    EXPECT_EQ(source.text.find('\r'), std::string::npos) << source.name; // QualCoder made CRLF LF
  }
  EXPECT_EQ(project.sources[2].name, "centre1300_q4_kanchanaburi.txt");
  EXPECT_EQ(project.sources[2].variables.at("province"), "kanchanaburi");
}

TEST(QdpxQualCoderExport, SelectionsAreTheThaiTextQualCoderMarked) {
  const std::string path = qualcoder_path();
  const auto project = qda::read_qdpx(supanalyze::read_file(path), path);
  ASSERT_EQ(project.sources.size(), 3u);
  // The phrases the driver selected in QualCoder's editor, cut here by code point positions.
  const std::vector<std::vector<std::string>> expected = {
      {"เจ้าหน้าที่ขาดทักษะในบริการให้คำปรึกษา", "ควรมีการอบรมเจ้าหน้าที่", "ระยะห่างของสถานที่ตั้ง"},
      {"ตำแหน่ง/อัตรากำลัง"},
      {"การบูรณาการความร่วมมือกับหน่วยงานภายนอก", "จัดอบรมเพื่อเพิ่มทักษะในการให้คำปรึกษา"}};
  for (std::size_t s = 0; s < 3; ++s) {
    const auto &source = project.sources[s];
    ASSERT_EQ(source.selections.size(), expected[s].size()) << source.name;
    for (std::size_t i = 0; i < expected[s].size(); ++i) {
      const auto &sel = source.selections[i];
      EXPECT_EQ(cut(source.text, sel.start, sel.end), expected[s][i]) << source.name << " " << i;
    }
  }
  // Positions are code points, not bytes: the first phrase of kanchanaburi starts at 125.
  EXPECT_EQ(project.sources[2].selections[0].start, 125u);

  // Matched to the default codebook by name (QualCoder's GUIDs are its own): the codings land on
  // the right answer, segment and theme; the code that is no theme and the category are reported.
  const auto &cb = supanalyze::codebook::default_codebook();
  const auto corpus = supanalyze::corpus::read_corpus(supanalyze::testing::bundled_corpus());
  std::vector<std::string> unmatched;
  const auto coding = qda::project_coding(project, corpus, cb, unmatched);
  std::vector<std::string> marks;
  for (const auto &m : coding.marks)
    marks.push_back(qda::source_name(corpus, corpus.answers[m.answer]) + "/" +
                    std::to_string(m.segment.value_or(99) + 1) + " " + cb.themes[m.theme].id);
  EXPECT_EQ(marks, (std::vector<std::string>{
                       "centre1300/q4/ratchaburi/1 staffing", "centre1300/q4/ratchaburi/1 training",
                       "centre1300/q5/ratchaburi/1 staffing", "centre1300/q4/kanchanaburi/2 coordination",
                       "centre1300/q4/kanchanaburi/4 training"}));
  ASSERT_EQ(unmatched.size(), 2u);
  EXPECT_NE(unmatched[0].find("'ข้อสังเกตผู้ทบทวน'"), std::string::npos) << unmatched[0];
  EXPECT_NE(unmatched[0].find(": 1 codings not compared"), std::string::npos) << unmatched[0];
  EXPECT_NE(unmatched[1].find("'ทรัพยากรบุคคล'"), std::string::npos) << unmatched[1];
}

TEST(QdpxQualCoderExport, AgreeReadsItAsTheReference) {
  const auto r = run_cli({"agree", coded().tsv_path, qualcoder_path(), "-i", "centre1300", "-q", "q4", "-q", "q5", "-p",
                          "ratchaburi", "-p", "kanchanaburi", "--unit", "segment", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("code 'ข้อสังเกตผู้ทบทวน'"), std::string::npos) << r.err; // reported, not dropped
  const auto doc = nlohmann::json::parse(r.out);
  // The themes are the three QualCoder codes named after themes; B's yes per theme as marked.
  std::map<std::string, double> b_yes;
  for (const auto &t : doc["themes"])
    b_yes[t["theme"].get<std::string>()] = t["both"].get<double>() + t["only_b"].get<double>();
  EXPECT_EQ(b_yes, (std::map<std::string, double>{{"coordination", 1}, {"staffing", 2}, {"training", 2}}));
}

// Issue 17: QualCoder's project holds three of the corpus's 200 answers (a reviewer who imported
// only some). The 197 it does not hold are no "no" of the reviewer: they are left out, as a cell
// table's missing answers are, and the output says how many answers were compared.
TEST(QdpxQualCoderExport, APartialProjectIsComparedOnlyOnTheAnswersItHolds) {
  const auto whole = run_cli({"agree", coded().tsv_path, qualcoder_path(), "--format", "json"});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  const auto doc = nlohmann::json::parse(whole.out);
  EXPECT_EQ(doc["units"], 3);
  EXPECT_EQ(doc["answers"], nlohmann::json::parse(R"({"compared": 3, "only_a": 197, "only_b": 0, "neither": 0})"));
  EXPECT_NE(whole.err.find("197 answers judged by one side only are left out (A 197, B 0); compared: 3"),
            std::string::npos)
      << whole.err;
  const std::set<std::string> held{"centre1300/q4/ratchaburi", "centre1300/q5/ratchaburi",
                                   "centre1300/q4/kanchanaburi"};
  for (const auto &t : doc["themes"])
    EXPECT_EQ(t["units"], 3) << t["theme"];
  for (const auto &d : doc["disagreements"])
    EXPECT_EQ(held.count(d["unit"].get<std::string>()), 1u) << d["unit"];
  // Narrowing the selection to the project's four nearest answers (q5/kanchanaburi is not in it)
  // gives the same table: the answers outside the project weigh nothing either way.
  const auto narrowed = run_cli({"agree", coded().tsv_path, qualcoder_path(), "-i", "centre1300", "-q", "q4", "-q",
                                 "q5", "-p", "ratchaburi", "-p", "kanchanaburi", "--format", "json"});
  ASSERT_EQ(narrowed.exit_code, 0) << narrowed.err;
  const auto near = nlohmann::json::parse(narrowed.out);
  EXPECT_EQ(near["answers"], nlohmann::json::parse(R"({"compared": 3, "only_a": 1, "only_b": 0, "neither": 0})"));
  EXPECT_EQ(near["themes"], doc["themes"]);
  EXPECT_EQ(near["overall"], doc["overall"]);
  EXPECT_EQ(near["disagreements"], doc["disagreements"]);
  // The tool said yes to these themes in many answers the reviewer never saw; none of them is an
  // "only A" cell (before issue 17 they all were, and kappa fell with them).
  EXPECT_LE(doc["overall"]["only_a"].get<int>(), 3 * 3);
  // With the project as A the sides swap; the table output says it in a note.
  const auto swapped = run_cli({"agree", qualcoder_path(), coded().tsv_path, "-t", "staffing"});
  ASSERT_EQ(swapped.exit_code, 0) << swapped.err;
  EXPECT_NE(swapped.out.find("Answers compared: 3 (judged by both); on one side only: 197 (A 0, B 197)"),
            std::string::npos)
      << swapped.out;
}

// The same rule on a partial project supanalyze writes itself: the answers of one province,
// against the whole corpus's coding, agree perfectly on exactly those answers.
TEST(QdpxAgree, AProjectOfOneProvinceAgreesPerfectlyOnItsAnswers) {
  const auto part = temp_path("ratchaburi.qdpx");
  ASSERT_EQ(run_cli({"code", "-p", "ratchaburi", "-o", part.string()}).exit_code, 0);
  const auto corpus = supanalyze::corpus::read_corpus(supanalyze::testing::bundled_corpus());
  const auto province = corpus.province_index("ratchaburi");
  ASSERT_TRUE(province);
  const auto held = static_cast<int>(std::count_if(corpus.answers.begin(), corpus.answers.end(),
                                                   [&](const auto &a) { return a.province == *province; }));
  ASSERT_GT(held, 10);
  for (const std::string unit : {"answer", "segment"}) {
    const auto r = run_cli({"agree", coded().tsv_path, part.string(), "--unit", unit, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["answers"]["compared"], held) << unit;
    EXPECT_EQ(doc["answers"]["only_a"], static_cast<int>(corpus.answers.size()) - held) << unit;
    EXPECT_TRUE(doc["disagreements"].empty()) << unit << ": " << doc["disagreements"].dump().substr(0, 300);
    EXPECT_GT(doc["overall"]["both"].get<int>(), 10) << unit;
    EXPECT_EQ(doc["overall"]["kappa"], 1.0) << unit;
  }
  fs::remove(part);
}

TEST(QdpxQualCoderExport, OurProjectThroughQualCoderAndBackIsPerfectAgreement) {
  // supanalyze's project of two answers, imported by QualCoder and exported again unchanged
  // (make_qualcoder_export.py roundtrip): QualCoder gives every code a new GUID, so each is
  // matched to its theme by name; every source's text must still be the corpus's answer.
  const std::string rt = supanalyze::testing::test_data("refi-qda/qualcoder-roundtrip.qdpx");
  const std::string ours = supanalyze::testing::test_data("refi-qda/qualcoder-roundtrip-supanalyze.tsv");
  const auto project = qda::read_qdpx(supanalyze::read_file(rt), rt);
  ASSERT_EQ(project.sources.size(), 2u);
  const auto &cb = supanalyze::codebook::default_codebook();
  for (const auto &code : project.codes.themes)
    for (std::size_t t = 0; t < cb.themes.size(); ++t)
      EXPECT_NE(code.guid, qda::theme_guid(cb, t)) << code.label_th; // no GUID survives
  for (const std::string unit : {"answer", "segment"}) {
    const auto r = run_cli({"agree", ours, rt, "-i", "centre1300", "-q", "q4", "-p", "ratchaburi", "-p", "kanchanaburi",
                            "--unit", unit, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("matches no theme"), std::string::npos) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_TRUE(doc["disagreements"].empty()) << unit;
    EXPECT_GT(doc["overall"]["both"].get<double>(), 5) << unit;
    EXPECT_EQ(doc["overall"]["only_a"].get<double>(), 0) << unit;
    EXPECT_EQ(doc["overall"]["only_b"].get<double>(), 0) << unit;
  }
}

TEST(QdpxQualCoderExport, CorpusImportGivesTheAnswersTextsExactly) {
  const auto dir = temp_path("qualcoder-export-corpus");
  const auto r = run_cli({"corpus", "import", qualcoder_path(), "--year", "2564", "-o", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto imported = run_cli({"corpus", "export", dir.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto bundled = run_cli({"corpus", "export"});
  std::map<std::string, std::vector<std::string>> original; // instrument/question/province/segment -> row
  for (const auto &row : tsv(bundled.out))
    if (row.size() >= 8) original[row[2] + "/" + row[3] + "/" + row[4] + "/" + row[5]] = row;
  const auto rows = tsv(imported.out);
  ASSERT_EQ(rows.size(), 13u); // 12 segments of 3 answers
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto key = rows[i][2] + "/" + rows[i][3] + "/" + rows[i][4] + "/" + rows[i][5];
    ASSERT_TRUE(original.count(key)) << key;
    EXPECT_EQ(rows[i][6], original[key][6]) << key; // text
    EXPECT_EQ(rows[i][7], original[key][7]) << key; // label
  }
  // The answer QualCoder read from a file with a BOM and CRLF, byte for byte.
  const auto found = std::find_if(rows.begin(), rows.end(), [](const auto &row) {
    return row[2] == "centre1300" && row[3] == "q4" && row[4] == "kanchanaburi" && row[5] == "2";
  });
  ASSERT_NE(found, rows.end());
  EXPECT_EQ((*found)[6], "2. การบูรณาการความร่วมมือกับหน่วยงานภายนอกที่ยังไม่เป็นรูปธรรม "
                         "ทั้งนี้ควรมีแนวทางในการเชื่อมโยงเครือข่ายการทำงานร่วมกัน");
  fs::remove_all(dir);
}

TEST(QdpxQualCoderExport, CodebookImportGivesItsTree) {
  const std::string qdc = supanalyze::testing::test_data("refi-qda/qualcoder-export.qdc");
  EXPECT_EQ(supanalyze::read_file(qdc).rfind("\xEF\xBB\xBF<?xml", 0), 0u); // QualCoder writes a BOM
  const auto cb = qda::read_qdc(supanalyze::read_file(qdc), qdc);
  ASSERT_EQ(cb.themes.size(), 5u);
  std::vector<std::string> tree;
  for (const auto &t : cb.themes)
    tree.push_back((t.parent ? "  " : "") + t.label_th);
  EXPECT_EQ(tree, (std::vector<std::string>{"การบูรณาการและการประสานงาน", "ข้อสังเกตผู้ทบทวน", "ทรัพยากรบุคคล",
                                            "  อัตรากำลังและภาระงาน", "  การอบรมและการพัฒนาความรู้ทักษะ"}));
  EXPECT_EQ(cb.themes[3].parent, std::optional<std::size_t>(2));
  EXPECT_NE(supanalyze::read_file(qdc).find("color=\"" + cb.themes[0].colour + "\""), std::string::npos);
  // Through the CLI: the skeleton's YAML keeps the tree (the two codes under the category).
  const auto yaml = temp_path("qualcoder.yaml");
  const auto r = run_cli({"codebook", "import", qdc, "-o", yaml.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string text = supanalyze::read_file(yaml);
  std::size_t children = 0;
  for (std::size_t at = 0; (at = text.find("parent: " + cb.themes[2].id + "\n", at)) != std::string::npos; ++at)
    ++children;
  EXPECT_EQ(children, 2u) << text;
  fs::remove(yaml);
}

} // namespace
