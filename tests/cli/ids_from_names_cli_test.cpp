// SPDX-License-Identifier: MIT
// The ids supanalyze makes from names where a file gives none: a corpus's from a .qdpx's file
// name, a codebook's from a .qdc's, a province's from a .qdpx source's name, an appendix
// corpus's from its .docx's file name, a theme's from a .qdc code's name. Each id lands in files
// users keep and compare with last year's (corpus.yaml, codebook YAML, theme GUIDs, outputs), so
// these pin the ids made from the bundled corpus's and codebook's names, and from names with the
// punctuation each rule treats differently: none may change.
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/corpus/appendix.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/qda/codebook.hpp>
#include <supanalyze/qda/project_reader.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace supanalyze;
using supanalyze::testing::bundled_corpus;
using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;
using supanalyze::testing::test_data;

namespace {

// The value of the first line "KEY: VALUE" of `yaml`.
std::string yaml_value(const std::string &yaml, const std::string &key) {
  const std::size_t at = yaml.find("\n" + key + ": ");
  if (at == std::string::npos) return "(no " + key + ")";
  const std::size_t start = at + key.size() + 3;
  return yaml.substr(start, yaml.find('\n', start) - start);
}

// `corpus import NAME.qdpx` without --id: the corpus id.
std::string qdpx_corpus_id(const fs::path &dir, const std::string &name) {
  if (name.find('/') != std::string::npos) return "(no file name)";
  const fs::path in = dir / (name + ".qdpx"), out = dir / "corpus";
  fs::copy_file(test_data("refi-qda/qualcoder-bom.qdpx"), in, fs::copy_options::overwrite_existing);
  fs::remove_all(out);
  const auto r = run_cli({"corpus", "import", in.string(), "--year", "2565", "-o", out.string()});
  fs::remove(in);
  if (r.exit_code != 0) return "(exit " + std::to_string(r.exit_code) + ")";
  return yaml_value("\n" + read_file(out / "corpus.yaml"), "id");
}

// `codebook import NAME.qdc`: the codebook id.
std::string qdc_codebook_id(const fs::path &dir, const std::string &name) {
  if (name.find('/') != std::string::npos) return "(no file name)";
  const fs::path in = dir / (name + ".qdc");
  fs::copy_file(test_data("refi-qda/qualcoder-export.qdc"), in, fs::copy_options::overwrite_existing);
  const auto r = run_cli({"codebook", "import", in.string()});
  fs::remove(in);
  if (r.exit_code != 0) return "(exit " + std::to_string(r.exit_code) + ")";
  return yaml_value("\n" + r.out, "id");
}

// A .qdpx source named NAME (no variables): its province id.
std::string qdpx_province_id(const std::string &name) {
  qda::Project project;
  project.file = "names.qdpx";
  project.sources.push_back({"guid", name, "งบประมาณ", {}, {}});
  return qda::project_corpus(project, "names", 2565).provinces.at(0).id;
}

// The appendix NAME.docx imported without corpus.yaml: the corpus id.
std::string appendix_corpus_id(const std::string &bytes, const std::string &name) {
  if (name.find('/') != std::string::npos) return "(no file name)";
  return corpus::import_appendix(bytes, fs::path("/appendices") / (name + ".docx"), nullptr).id;
}

// A .qdc code named NAME: its theme id.
std::string qdc_theme_id(const std::string &name) {
  std::string escaped;
  for (char c : name)
    escaped += c == '&' ? std::string("&amp;") : c == '"' ? std::string("&quot;") : std::string(1, c);
  const std::string qdc = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes><Code "
                          "guid=\"1ff58b12-6f6f-4b0c-8be5-bbdc91f55294\" name=\"" +
                          escaped + "\" isCodable=\"true\"/></Codes></CodeBook>";
  return qda::read_qdc(qdc, "names.qdc").themes.at(0).id;
}

TEST(IdsFromNames, AreTheIdsEachReaderMadeBefore) {
  // The bundled corpus's and codebook's names that are not ids already, and names with the
  // punctuation each rule treats in its own way.
  std::vector<std::string> names;
  Diagnostics diagnostics;
  const auto bundled = corpus::read_metadata(fs::path(bundled_corpus()) / "corpus.yaml", diagnostics);
  names.insert(names.end(), {bundled.id, bundled.provinces.at(0).th});
  for (const auto &i : bundled.instruments)
    names.push_back(i.th);
  for (const auto &t : codebook::default_codebook().themes)
    if (t.label_en != t.id) names.push_back(t.label_en);
  names.insert(names.end(), {"my Code-Book", "_draft", "-x-", "A  B", "a__b", "report.v2", "QualCoder Export (2565)",
                             "Staffing & workload", "ราชบุรี 2564", "x_"});

  const fs::path dir = fresh_temp_dir("ids-from-names");
  const std::string appendix = read_file(test_data("real/appendix.docx"));
  std::string table;
  for (const auto &name : names)
    table += name + " | " + qdpx_corpus_id(dir, name) + " | " + qdc_codebook_id(dir, name) + " | " +
             qdpx_province_id(name) + " | " + appendix_corpus_id(appendix, name) + " | " + qdc_theme_id(name) + "\n";
  fs::remove_all(dir);
  // name | corpus id (.qdpx file) | codebook id (.qdc file) | province id (.qdpx source) |
  // corpus id (appendix .docx file) | theme id (.qdc code)
  EXPECT_EQ(table, R"ids(ssw3-2564 | ssw3-2564 | ssw3-2564 | ssw3-2564 | ssw3-2564 | ssw3_2564
นครปฐม | imported | imported | source_1 | appendix | code_1
ศูนย์ช่วยเหลือทางสังคม 1300 | 1300 | 1300 | 1300 | appendix | 1300
โครงการบูรณาการเพื่อพัฒนาคุณภาพชีวิตกลุ่มเปราะบางรายครัวเรือน | imported | imported | source_1 | appendix | code_1
การขับเคลื่อนทีม พม. จังหวัด ภายใต้แนวคิดบ้านเดียวกัน (One Home) | onehome | ._one_home_ | one_home | appendix | one_home
แผนพัฒนาจังหวัด/กลุ่มจังหวัด | (no file name) | (no file name) | source_1 | (no file name) | code_1
Resources | resources | resources | resources | resources | resources
Staffing and workload | staffingandworkload | staffing_and_workload | staffing_and_workload | appendix | staffing_and_workload
Budget and money | budgetandmoney | budget_and_money | budget_and_money | appendix | budget_and_money
Equipment and technology | equipmentandtechnology | equipment_and_technology | equipment_and_technology | appendix | equipment_and_technology
TPmap and target-group data | tpmapandtarget-groupdata | tpmap_and_target-group_data | tpmap_and_target-group_data | appendix | tpmap_and_target_group_data
COVID-19 | covid-19 | covid-19 | covid-19 | covid-19 | covid_19
Training and knowledge | trainingandknowledge | training_and_knowledge | training_and_knowledge | appendix | training_and_knowledge
Volunteers and partner networks | volunteersandpartnernetworks | volunteers_and_partner_networks | volunteers_and_partner_networks | appendix | volunteers_and_partner_networks
Staff morale and welfare | staffmoraleandwelfare | staff_morale_and_welfare | staff_morale_and_welfare | appendix | staff_morale_and_welfare
Staff commitment and team spirit | staffcommitmentandteamspirit | staff_commitment_and_team_spirit | staff_commitment_and_team_spirit | appendix | staff_commitment_and_team_spirit
Executives and leadership | executivesandleadership | executives_and_leadership | executives_and_leadership | appendix | executives_and_leadership
Integration and coordination | integrationandcoordination | integration_and_coordination | integration_and_coordination | appendix | integration_and_coordination
Publicity and public awareness | publicityandpublicawareness | publicity_and_public_awareness | publicity_and_public_awareness | appendix | publicity_and_public_awareness
Planning | planning | planning | planning | planning | planning
Monitoring, evaluation and reporting | monitoringevaluationandreporting | monitoring_evaluation_and_reporting | monitoring_evaluation_and_reporting | appendix | monitoring_evaluation_and_reporting
Fit with strategy, criteria and local needs | fitwithstrategycriteriaandlocalneeds | fit_with_strategy_criteria_and_local_needs | fit_with_strategy_criteria_and_local_needs | appendix | fit_with_strategy_criteria_and_local_needs
Duplication and overlap | duplicationandoverlap | duplication_and_overlap | duplication_and_overlap | appendix | duplication_and_overlap
Central policy direction and orders | centralpolicydirectionandorders | central_policy_direction_and_orders | central_policy_direction_and_orders | appendix | central_policy_direction_and_orders
Duty roster, out-of-hours work and travel | dutyrosterout-of-hoursworkandtravel | duty_roster_out-of-hours_work_and_travel | duty_roster_out-of-hours_work_and_travel | appendix | duty_roster_out_of_hours_work_and_travel
Assistance to households | assistancetohouseholds | assistance_to_households | assistance_to_households | appendix | assistance_to_households
Relief in cash and kind | reliefincashandkind | relief_in_cash_and_kind | relief_in_cash_and_kind | appendix | relief_in_cash_and_kind
Housing | housing | housing | housing | housing | housing
Livelihood and self-reliance | livelihoodandself-reliance | livelihood_and_self-reliance | livelihood_and_self-reliance | appendix | livelihood_and_self_reliance
Access to rights, welfare and services | accesstorightswelfareandservices | access_to_rights_welfare_and_services | access_to_rights_welfare_and_services | appendix | access_to_rights_welfare_and_services
Speed and timeliness of help | speedandtimelinessofhelp | speed_and_timeliness_of_help | speed_and_timeliness_of_help | appendix | speed_and_timeliness_of_help
Time constraints and delays | timeconstraintsanddelays | time_constraints_and_delays | time_constraints_and_delays | appendix | time_constraints_and_delays
Field visits and fact-finding | fieldvisitsandfact-finding | field_visits_and_fact-finding | field_visits_and_fact-finding | appendix | field_visits_and_fact_finding
Family notebook | familynotebook | family_notebook | family_notebook | appendix | family_notebook
my Code-Book | mycode-book | my_code-book | my_code-book | appendix | my_code_book
_draft | imported_draft | _draft | draft | _draft | draft
-x- | imported-x- | -x- | x | -x- | x
A  B | ab | a_b | a_b | appendix | a_b
a__b | a__b | a__b | a_b | a__b | a_b
report.v2 | reportv2 | report.v2 | report_v2 | appendix | report_v2
QualCoder Export (2565) | qualcoderexport2565 | qualcoder_export_2565_ | qualcoder_export_2565 | appendix | qualcoder_export_2565
Staffing & workload | staffingworkload | staffing_workload | staffing_workload | appendix | staffing_workload
ราชบุรี 2564 | 2564 | 2564 | 2564 | appendix | 2564
x_ | x_ | x_ | x | x_ | x
)ids");
}

} // namespace
