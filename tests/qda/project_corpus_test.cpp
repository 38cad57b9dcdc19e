// SPDX-License-Identifier: MIT
#include <supanalyze/qda/project_reader.hpp>

#include <gtest/gtest.h>

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

} // namespace
