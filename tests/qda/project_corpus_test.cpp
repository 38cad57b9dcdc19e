// SPDX-License-Identifier: MIT
#include <supanalyze/qda/project_reader.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace qda = supanalyze::qda;

namespace {

qda::ProjectSource source(const std::string &name) {
  qda::ProjectSource s;
  s.guid = "guid-" + name;
  s.name = name;
  s.text = "งบประมาณไม่เพียงพอ";
  return s;
}

std::vector<std::string> province_ids(const qda::Project &project) {
  std::vector<std::string> ids;
  for (const auto &p : qda::project_corpus(project, "imported", 2565).provinces)
    ids.push_back(p.id);
  return ids;
}

// Sources without variables are provinces by name; a name taken is suffixed with the source's
// number. Once that suffixed id was itself taken ("a_3" before two sources "a"), the search for
// a free id never ended.
TEST(QdpxProjectCorpus, ASuffixedIdThatIsTakenIsNotTriedForever) {
  qda::Project project;
  project.file = "taken.qdpx";
  project.sources = {source("A 3"), source("a"), source("a"), source("a")};
  EXPECT_EQ(province_ids(project), (std::vector<std::string>{"a_3", "a", "a_4", "a_5"}));
}

// Sources with variables are filed by them: each instrument has its own questions, and an id
// met again is the same entry, however many sources there are.
TEST(QdpxProjectCorpus, VariablesFileEachSourceUnderItsInstrumentQuestionAndProvince) {
  qda::Project project;
  project.file = "variables.qdpx";
  const auto with = [](const std::string &name, const std::string &instrument, const std::string &question,
                       const std::string &province) {
    auto s = source(name);
    s.variables = {{"instrument", instrument}, {"question", question}, {"province", province}};
    return s;
  };
  project.sources = {with("1", "hh", "q2", "ratchaburi"), with("2", "centre1300", "q2", "phetchaburi"),
                     with("3", "hh", "q1", "phetchaburi"), with("4", "centre1300", "q2", "ratchaburi")};
  const auto c = qda::project_corpus(project, "imported", 2565);
  ASSERT_EQ(c.instruments.size(), 2u);
  ASSERT_EQ(c.provinces.size(), 2u);
  std::vector<std::string> filed;
  for (const auto &a : c.answers)
    filed.push_back(c.instruments[a.instrument].id + "/" + c.instruments[a.instrument].questions[a.question].id + "/" +
                    c.provinces[a.province].id);
  std::sort(filed.begin(), filed.end());
  EXPECT_EQ(filed, (std::vector<std::string>{"centre1300/q2/phetchaburi", "centre1300/q2/ratchaburi",
                                             "hh/q1/phetchaburi", "hh/q2/ratchaburi"}));
  for (const auto &i : c.instruments)
    EXPECT_EQ(i.questions.size(), i.id == "hh" ? 2u : 1u) << i.id;
}

// 20,000 sources of one name: every one a province of its own, the first by its name and the
// others by their numbers (the ids were found by searching every province before: square work).
TEST(QdpxProjectCorpus, ManySourcesOfOneNameEachGetAnIdOfTheirOwn) {
  qda::Project project;
  project.file = "many.qdpx";
  project.sources.assign(20000, source("Ratchaburi"));
  const auto ids = province_ids(project);
  ASSERT_EQ(ids.size(), 20000u);
  EXPECT_EQ(ids[0], "ratchaburi");
  EXPECT_EQ(ids[1], "ratchaburi_2");
  EXPECT_EQ(ids[19999], "ratchaburi_20000");
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
}

} // namespace
