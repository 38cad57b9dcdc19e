// SPDX-License-Identifier: MIT
// REFI-QDA codebooks: export of the default codebook, import as a skeleton, round trip, GUIDs.
#include "test_support.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/writer.hpp>
#include <supanalyze/detail/uuid.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/qda/codebook.hpp>

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <filesystem>
#include <functional>

namespace {

using supanalyze::Language;
using supanalyze::testing::run_cli;
namespace fs = std::filesystem;
namespace qda = supanalyze::qda;

// `name` in this process's own temporary folder.
fs::path temp_path(const std::string &name) {
  static const fs::path dir = supanalyze::testing::fresh_temp_dir("qdc");
  return dir / name;
}

std::string attr(xmlNode *n, const char *name) {
  xmlChar *v = xmlGetProp(n, BAD_CAST name);
  std::string out = v ? reinterpret_cast<const char *>(v) : "";
  xmlFree(v);
  return out;
}

// Every <Code> of a .qdc, depth first, with its depth.
std::vector<std::pair<xmlNode *, int>> codes_of(xmlNode *codes) {
  std::vector<std::pair<xmlNode *, int>> out;
  std::function<void(xmlNode *, int)> walk = [&](xmlNode *parent, int depth) {
    for (xmlNode *c = parent->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && std::string(reinterpret_cast<const char *>(c->name)) == "Code") {
        out.emplace_back(c, depth);
        walk(c, depth + 1);
      }
  };
  walk(codes, 0);
  return out;
}

TEST(Uuid, Version5MatchesPythonsUuid5) {
  // Values from Python's uuid.uuid5, an independent implementation.
  EXPECT_EQ(supanalyze::detail::uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  EXPECT_EQ(supanalyze::detail::uuid_v5(supanalyze::detail::k_uuid_namespace_url,
                                        "supanalyze:codebook/msdhs-2564/theme/staffing"),
            "a249fd8b-0c24-5359-a7e4-ba82b6dcf702");
  EXPECT_TRUE(supanalyze::detail::is_uuid("1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"));
  EXPECT_TRUE(supanalyze::detail::is_uuid("{1ff58b12-6f6f-4b0c-8be5-bbdc91f55294}"));
  EXPECT_FALSE(supanalyze::detail::is_uuid("1ff58b12-6f6f-4b0c-8be5-bbdc91f5529"));
}

TEST(QdcExport, DefaultCodebookIsTheThemeTree) {
  const auto &cb = supanalyze::codebook::default_codebook();
  const std::string qdc = qda::write_qdc(cb, Language::th);
  xmlDoc *doc = xmlReadMemory(qdc.data(), static_cast<int>(qdc.size()), "cb.qdc", nullptr, XML_PARSE_NONET);
  ASSERT_NE(doc, nullptr);
  xmlNode *root = xmlDocGetRootElement(doc);
  EXPECT_STREQ(reinterpret_cast<const char *>(root->name), "CodeBook");
  ASSERT_NE(root->ns, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char *>(root->ns->href), "urn:QDA-XML:codebook:1.0");
  EXPECT_EQ(qdc.find("Sets"), std::string::npos); // no empty <Sets/>: the schema forbids it
  xmlNode *codes = root->children;
  while (codes && codes->type != XML_ELEMENT_NODE)
    codes = codes->next;
  ASSERT_NE(codes, nullptr);
  const auto all = codes_of(codes);
  ASSERT_EQ(all.size(), cb.themes.size());
  std::size_t found_staffing = 0;
  for (const auto &[node, depth] : all) {
    const auto t = std::find_if(cb.themes.begin(), cb.themes.end(), [&](const auto &th) {
      return qda::theme_guid(cb, static_cast<std::size_t>(&th - cb.themes.data())) == attr(node, "guid");
    });
    ASSERT_NE(t, cb.themes.end()) << attr(node, "guid");
    EXPECT_EQ(attr(node, "name"), t->label_th);
    EXPECT_EQ(attr(node, "color"), t->colour);
    EXPECT_EQ(attr(node, "isCodable"), "true");
    EXPECT_EQ(depth, t->parent ? 1 : 0) << t->id;
    if (t->id == "staffing") {
      ++found_staffing;
      EXPECT_EQ(attr(node, "guid"), "a249fd8b-0c24-5359-a7e4-ba82b6dcf702");
      EXPECT_EQ(attr(node->parent, "name"), "ทรัพยากรในการปฏิบัติงาน"); // nested under resources
      xmlChar *content = xmlNodeGetContent(node->children->next);
      const std::string description(reinterpret_cast<const char *>(content));
      xmlFree(content);
      EXPECT_NE(description.find("Counts: how many people do the work"), std::string::npos);
      EXPECT_NE(description.find("\n\nTerms:\n"), std::string::npos);
      EXPECT_NE(description.find("\nโยกย้ายบ่อย\nย้ายบ่อย\n"), std::string::npos); // one term a line
    }
  }
  EXPECT_EQ(found_staffing, 1u);
  xmlFreeDoc(doc);

  const std::string english = qda::write_qdc(cb, Language::en);
  EXPECT_NE(english.find("name=\"Staffing and workload\""), std::string::npos);
  EXPECT_EQ(english.find("name=\"อัตรากำลังและภาระงาน\""), std::string::npos);
}

TEST(QdcExport, GuidsDependOnCodebookAndThemeIdsOnly) {
  const auto &cb = supanalyze::codebook::default_codebook();
  auto renamed = cb;
  for (auto &t : renamed.themes)
    t.label_th += " ใหม่";
  for (std::size_t t = 0; t < cb.themes.size(); ++t)
    EXPECT_EQ(qda::theme_guid(cb, t), qda::theme_guid(renamed, t));
  auto other = cb;
  other.id = "other-2565";
  EXPECT_NE(qda::theme_guid(cb, 0), qda::theme_guid(other, 0));
  EXPECT_EQ(qda::write_qdc(cb, Language::th), qda::write_qdc(cb, Language::th));
}

TEST(QdcImport, ExportImportExportGivesTheSameBytes) {
  const auto &cb = supanalyze::codebook::default_codebook();
  for (Language lang : {Language::th, Language::en}) {
    const std::string first = qda::write_qdc(cb, lang);
    auto skeleton = qda::read_qdc(first, "cb.qdc");
    skeleton.id = "cb";
    skeleton.version = "1";
    // Through the YAML a user edits, and back through the loader.
    const std::string yaml = supanalyze::codebook::write_codebook_yaml(skeleton);
    supanalyze::Diagnostics diagnostics;
    const auto reloaded = supanalyze::codebook::parse_codebook(yaml, "cb.yaml", diagnostics);
    EXPECT_EQ(qda::write_qdc(reloaded, lang), first);
  }
}

TEST(QdcImport, SkeletonKeepsTreeLabelsAndLintFindsNoMatchDefinitions) {
  const auto &cb = supanalyze::codebook::default_codebook();
  const auto skeleton = qda::read_qdc(qda::write_qdc(cb, Language::en), "cb.qdc");
  ASSERT_EQ(skeleton.themes.size(), cb.themes.size());
  std::size_t leaves = 0;
  for (std::size_t i = 0; i < skeleton.themes.size(); ++i) {
    const auto &t = skeleton.themes[i];
    EXPECT_TRUE(t.terms.empty());
    const auto original =
        std::find_if(cb.themes.begin(), cb.themes.end(), [&](const auto &o) { return o.label_en == t.label_en; });
    ASSERT_NE(original, cb.themes.end());
    EXPECT_EQ(t.guid, qda::theme_guid(cb, static_cast<std::size_t>(original - cb.themes.begin())));
    EXPECT_EQ(t.colour, original->colour);
    EXPECT_EQ(t.parent.has_value(), original->parent.has_value());
    if (original->parent) {
      EXPECT_EQ(skeleton.themes[*t.parent].label_en, cb.themes[*original->parent].label_en);
    }
    if (cb.children_of(static_cast<std::size_t>(original - cb.themes.begin())).empty()) ++leaves;
  }
  EXPECT_EQ(skeleton.themes[1].id, "staffing_and_workload"); // ids from the English names

  // Through the CLI: import writes YAML; lint reports each leaf as having no match definition.
  const auto qdc = temp_path("en.qdc"), yaml = temp_path("en.yaml");
  ASSERT_EQ(run_cli({"codebook", "export", "--lang", "en", "-o", qdc.string()}).exit_code, 0);
  const auto imported = run_cli({"codebook", "import", qdc.string(), "-o", yaml.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  // The skeleton exports again, to the same bytes.
  const auto again = temp_path("en-again.qdc");
  const auto exported = run_cli({"codebook", "export", "--lang", "en", "-c", yaml.string(), "-o", again.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(supanalyze::read_file(again), supanalyze::read_file(qdc));
  fs::remove(again);
  const auto lint = run_cli({"codebook", "lint", "--no-corpus", "-c", yaml.string()});
  EXPECT_EQ(lint.exit_code, 1);
  std::size_t reported = 0;
  for (std::size_t at = 0; (at = lint.out.find("no match definition", at)) != std::string::npos; ++at)
    ++reported;
  EXPECT_EQ(reported, leaves) << lint.out;
  fs::remove(qdc);
  fs::remove(yaml);
}

TEST(QdcImport, ThaiNamesGetNumberedIdsAndClashesASuffix) {
  const std::string qdc = R"(<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti Win 23.4.0">
  <Codes>
    <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="งบประมาณ" isCodable="true" color="#46AA00">
      <Description>budget</Description>
      <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55295" name="Budget" isCodable="true"/>
      <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55296" name="budget!" isCodable="true"/>
    </Code>
  </Codes>
  <Sets><Set name="g" guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0"><MemberCode guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"/></Set></Sets>
</CodeBook>)";
  const auto cb = qda::read_qdc(qdc, "atlas.qdc");
  ASSERT_EQ(cb.themes.size(), 3u);
  EXPECT_EQ(cb.themes[0].id, "code_1");
  EXPECT_EQ(cb.themes[0].label_th, "งบประมาณ");
  EXPECT_EQ(cb.themes[0].description, "budget");
  EXPECT_EQ(cb.themes[0].guid, "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"); // kept as written
  EXPECT_EQ(cb.themes[1].id, "budget");
  EXPECT_EQ(cb.themes[2].id, "budget_2");
  EXPECT_EQ(cb.themes[2].parent_id, "code_1");
}

// A name's id taken by another name's ("x 2" before two codes "x"): the first free suffix.
TEST(QdcImport, ClashesTakeTheFirstFreeSuffix) {
  std::string qdc = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>";
  for (const char *name : {"x 2", "x", "x", "X", "x 4"})
    qdc += "<Code guid=\"1ff58b12-6f6f-4b0c-8be5-bbdc91f5529" + std::to_string(qdc.size() % 10) + "\" name=\"" + name +
           "\" isCodable=\"true\"/>";
  const auto cb = qda::read_qdc(qdc + "</Codes></CodeBook>", "clash.qdc");
  std::vector<std::string> ids;
  for (const auto &t : cb.themes)
    ids.push_back(t.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"x_2", "x", "x_3", "x_4", "x_4_2"}));
}

TEST(QdcImport, BadFilesNameTheFileAndElementExit2) {
  const auto bad = temp_path("bad.qdc"), out = temp_path("bad.yaml");
  supanalyze::write_file_atomically(
      bad, "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
           "<Code guid=\"1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294\" name=\"a\" isCodable=\"true\"/>\n"
           "<Code name=\"b\" isCodable=\"true\"/></Codes></CodeBook>");
  auto r = run_cli({"codebook", "import", bad.string(), "-o", out.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad.string() + ":3: element CodeBook/Codes/Code[2]: missing attribute 'guid'"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(out));

  supanalyze::write_file_atomically(bad, "<CodeBook><Codes><Code></Codes></CodeBook>");
  r = run_cli({"codebook", "import", bad.string(), "-o", out.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad.string() + ":1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not well-formed XML"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  fs::remove(bad);
}

} // namespace
