// SPDX-License-Identifier: MIT
// Every .qdc and .qde supanalyze writes, validated with libxml2 against the REFI-QDA schemas
// committed in schemas/refi-qda/ (Codebook.xsd, Project-mrt2019.xsd); other tools' projects too.
#include "test_support.hpp"

#include <supanalyze/detail/zip.hpp>
#include <supanalyze/io.hpp>

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <filesystem>
#include <memory>
#include <string>

namespace {

using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

// `name` in this process's own temporary folder.
fs::path temp_path(const std::string &name) {
  static const fs::path dir = supanalyze::testing::fresh_temp_dir("xsd");
  return dir / name;
}

std::string schema_path(const std::string &file) { return std::string(SUPANALYZE_REFI_SCHEMAS) + "/" + file; }

void collect(void *out, const xmlError *error) {
  auto &text = *static_cast<std::string *>(out);
  text += "line " + std::to_string(error->line) + ": " + (error->message ? error->message : "?");
}

// A schema parsed once per test binary; its parse errors, if any, in `errors`.
struct Schema {
  xmlSchemaPtr schema = nullptr;
  std::string errors;
  explicit Schema(const std::string &path) {
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(path.c_str());
    xmlSchemaSetParserStructuredErrors(parser, reinterpret_cast<xmlStructuredErrorFunc>(collect), &errors);
    schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
  }
  ~Schema() { xmlSchemaFree(schema); }
  Schema(const Schema &) = delete;
  Schema &operator=(const Schema &) = delete;
};

const Schema &codebook_schema() {
  static const Schema s(schema_path("Codebook.xsd"));
  return s;
}
const Schema &project_schema() {
  static const Schema s(schema_path("Project-mrt2019.xsd"));
  return s;
}

// "" when `xml` is valid under `schema`, else libxml2's messages.
std::string validate(const Schema &schema, const std::string &xml, const std::string &name) {
  if (!schema.schema) return "schema not loaded: " + schema.errors;
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), name.c_str(), nullptr, XML_PARSE_NONET), xmlFreeDoc);
  if (!doc) return "not well-formed";
  std::string errors;
  xmlSchemaValidCtxtPtr ctxt = xmlSchemaNewValidCtxt(schema.schema);
  xmlSchemaSetValidStructuredErrors(ctxt, reinterpret_cast<xmlStructuredErrorFunc>(collect), &errors);
  const int rc = xmlSchemaValidateDoc(ctxt, doc.get());
  xmlSchemaFreeValidCtxt(ctxt);
  if (rc != 0 && errors.empty()) errors = "invalid (libxml2 code " + std::to_string(rc) + ")";
  return errors;
}

TEST(RefiSchemas, BothSchemasLoadInLibxml2) {
  EXPECT_NE(codebook_schema().schema, nullptr) << codebook_schema().errors;
  EXPECT_NE(project_schema().schema, nullptr) << project_schema().errors;
}

TEST(RefiSchemas, ValidatorRejectsWhatTheSchemasForbid) {
  // The faults the issue names: an empty <Sets/>, a lower-case element, a broken GUID.
  const std::string good = R"(<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>)"
                           R"(<Code guid="a249fd8b-0c24-5359-a7e4-ba82b6dcf702" name="x" isCodable="true"/>)"
                           R"(</Codes></CodeBook>)";
  EXPECT_EQ(validate(codebook_schema(), good, "good.qdc"), "");
  std::string empty_sets = good;
  empty_sets.insert(empty_sets.find("</CodeBook>"), "<Sets/>");
  EXPECT_NE(validate(codebook_schema(), empty_sets, "sets.qdc"), "");
  std::string bad_guid = good;
  bad_guid.replace(bad_guid.find("a249fd8b"), 8, "a249fd8");
  EXPECT_NE(validate(codebook_schema(), bad_guid, "guid.qdc"), "");
  std::string braced = good;
  braced.replace(braced.find("a249fd8b"), 36, "{A249FD8B-0C24-5359-A7E4-BA82B6DCF702}");
  EXPECT_EQ(validate(codebook_schema(), braced, "braced.qdc"), ""); // braces and upper case are allowed
  EXPECT_NE(validate(project_schema(), R"(<Project xmlns="urn:QDA-XML:project:1.0"/>)", "p.qde"), ""); // name
}

TEST(RefiSchemas, CodebookExportValidatesInBothLanguages) {
  for (const std::string lang : {"th", "en"}) {
    const auto out = temp_path("cb-" + lang + ".qdc");
    const auto r = run_cli({"codebook", "export", "--lang", lang, "-o", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(validate(codebook_schema(), supanalyze::read_file(out), out.string()), "") << lang;
    fs::remove(out);
  }
}

TEST(RefiSchemas, SkeletonImportedFromAnotherToolExportsValid) {
  // ATLAS.ti-style codebook (CRLF, upper-case GUIDs, Sets with a member) -> skeleton -> .qdc.
  const auto qdc = temp_path("atlas.qdc"), yaml = temp_path("atlas.yaml"), again = temp_path("again.qdc");
  const std::string atlas =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
      "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"ATLAS.ti for Windows 23.2.3.27778\">\r\n"
      "  <Codes>\r\n"
      "    <Code guid=\"A182CD3A-D83C-4D8C-BC80-26D9103EC6D6\" name=\"อัตรากำลัง\" isCodable=\"true\" "
      "color=\"#1F77B4\">\r\n"
      "      <Code guid=\"2D2466F0-D77F-4F8C-BDF9-628966B6B74D\" name=\"Overtime\" isCodable=\"true\" />\r\n"
      "    </Code>\r\n"
      "  </Codes>\r\n"
      "  <Sets>\r\n"
      "    <Set guid=\"ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0\" name=\"group\">\r\n"
      "      <MemberCode guid=\"2D2466F0-D77F-4F8C-BDF9-628966B6B74D\" />\r\n"
      "    </Set>\r\n"
      "  </Sets>\r\n"
      "</CodeBook>\r\n";
  EXPECT_EQ(validate(codebook_schema(), atlas, "atlas.qdc"), ""); // the input is valid to begin with
  supanalyze::write_file_atomically(qdc, atlas);
  ASSERT_EQ(run_cli({"codebook", "import", qdc.string(), "-o", yaml.string()}).exit_code, 0);
  const auto r = run_cli({"codebook", "export", "-c", yaml.string(), "-o", again.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(validate(codebook_schema(), supanalyze::read_file(again), again.string()), "");
  for (const auto &p : {qdc, yaml, again})
    fs::remove(p);
}

TEST(RefiSchemas, ProjectOfTheBundledCorpusValidates) {
  const auto out = temp_path("x.qdpx");
  const auto r = run_cli({"code", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto entries = supanalyze::detail::unzip(supanalyze::read_file(out), out.string());
  ASSERT_TRUE(entries.count("project.qde"));
  EXPECT_EQ(validate(project_schema(), entries.at("project.qde"), "project.qde"), "");
  fs::remove(out);
}

TEST(RefiSchemas, OtherToolsFixturesAreValidProjects) {
  // The fixtures in other tools' layouts, and the project QualCoder itself exported, are valid.
  for (const std::string name :
       {"atlas-codebook-only.qdpx", "qualcoder-bom.qdpx", "qualcoder-export.qdpx", "qualcoder-roundtrip.qdpx"}) {
    const std::string path = supanalyze::testing::test_data("refi-qda/" + name);
    const auto entries = supanalyze::detail::unzip(supanalyze::read_file(path), path);
    ASSERT_TRUE(entries.count("project.qde")) << name;
    EXPECT_EQ(validate(project_schema(), entries.at("project.qde"), name), "") << name;
  }
}

TEST(RefiSchemas, QualCoderCodebookExportIsValid) {
  // The .qdc QualCoder itself wrote (make_qualcoder_export.py), BOM and all.
  const std::string path = supanalyze::testing::test_data("refi-qda/qualcoder-export.qdc");
  EXPECT_EQ(validate(codebook_schema(), supanalyze::read_file(path), path), "");
}

} // namespace
