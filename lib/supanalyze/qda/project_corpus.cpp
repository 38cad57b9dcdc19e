// SPDX-License-Identifier: MIT
#include <supanalyze/qda/project_reader.hpp>
#include <supanalyze/text/ascii_id.hpp>
#include <supanalyze/text/normalizer.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <unordered_map>

namespace supanalyze::qda {

namespace {

const std::regex k_id("[a-z0-9][a-z0-9_-]*");

// A source's province id from its name: "Ratchaburi interview" -> "ratchaburi_interview".
std::string id_from(const std::string &name) { return text::ascii_id(name, {"-", text::IdOther::separate, "_-"}); }

// The places of a corpus list's entries by id, so that finding or adding one is not a search of
// the list: a project of tens of thousands of sources would otherwise be square work.
template <class T> class IdIndex {
public:
  // The place of `id` in `list`, appended (with its id as its name) when it is not there yet.
  std::size_t find_or_add(std::vector<T> &list, const std::string &id) {
    const auto [at, added] = m_places.try_emplace(id, list.size());
    if (added) {
      list.push_back(T{});
      list.back().id = id;
      list.back().th = id;
    }
    return at->second;
  }
  bool contains(const std::string &id) const { return m_places.count(id) != 0; }

private:
  std::unordered_map<std::string, std::size_t> m_places;
};

// `id`, or when `taken` has it, `id_N` with the first N from `first` that is free (a source's
// id is suffixed with its number; "a_3" may be a source's own id before it).
std::string free_id(const IdIndex<corpus::Province> &taken, const std::string &id, std::size_t first) {
  std::string free = id;
  for (std::size_t n = first; taken.contains(free); ++n)
    free = id + "_" + std::to_string(n);
  return free;
}

} // namespace

corpus::Corpus project_corpus(const Project &project, const std::string &id, int year_be) {
  corpus::Corpus c;
  c.id = id;
  c.title = "Imported from " + project.file;
  c.year_be = year_be;
  c.year_ce = year_be - 543;
  bool by_variables = !project.sources.empty();
  for (const auto &s : project.sources)
    for (const char *v : {"instrument", "question", "province"})
      by_variables = by_variables && s.variables.count(v) && std::regex_match(s.variables.at(v), k_id);
  IdIndex<corpus::Instrument> instruments;
  std::vector<IdIndex<corpus::Question>> questions; // per instrument
  IdIndex<corpus::Province> provinces;
  const auto question_of = [&](std::size_t instrument, const std::string &id) {
    questions.resize(c.instruments.size());
    return questions[instrument].find_or_add(c.instruments[instrument].questions, id);
  };
  for (std::size_t n = 0; n < project.sources.size(); ++n) {
    const auto &s = project.sources[n];
    corpus::Answer answer;
    if (by_variables) {
      answer.instrument = instruments.find_or_add(c.instruments, s.variables.at("instrument"));
      answer.question = question_of(answer.instrument, s.variables.at("question"));
      answer.province = provinces.find_or_add(c.provinces, s.variables.at("province"));
    } else {
      answer.instrument = instruments.find_or_add(c.instruments, "qdpx");
      c.instruments[answer.instrument].th = "REFI-QDA project";
      answer.question = question_of(answer.instrument, "q1");
      std::string pid = id_from(s.name);
      if (pid.empty() || !std::regex_match(pid, k_id)) pid = "source_" + std::to_string(n + 1);
      answer.province = provinces.find_or_add(c.provinces, free_id(provinces, pid, n + 1));
      c.provinces[answer.province].th = text::normalize(s.name);
    }
    answer.where = SourceLocation{project.file + "!" + s.name, 0, 0};
    std::string label;
    std::size_t line_no = 0;
    for (std::size_t at = 0; at <= s.text.size();) {
      std::size_t end = s.text.find('\n', at);
      if (end == std::string::npos) end = s.text.size();
      std::string line = s.text.substr(at, end - at);
      at = end + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() > corpus::k_max_segment_bytes)
        throw InputError(SourceLocation{project.file + "!" + s.name, line_no, 1},
                         corpus::segment_too_long(line.size()));
      if (line.rfind("###", 0) == 0) {
        label = text::normalize(line.size() > 3 ? line.substr(line[3] == ' ' ? 4 : 3) : "");
        continue;
      }
      std::string text = text::normalize(line);
      if (text.find_first_not_of(" \t") == std::string::npos) continue;
      answer.segments.push_back({label, std::move(text), SourceLocation{project.file + "!" + s.name, line_no, 1}});
      if (at > s.text.size()) break;
    }
    c.answers.push_back(std::move(answer));
  }
  c.sort_answers();
  return c;
}

std::string corpus_metadata_yaml(const corpus::Corpus &c) {
  YAML::Emitter e;
  e.SetIndent(2);
  e << YAML::BeginMap;
  e << YAML::Key << "id" << YAML::Value << c.id;
  e << YAML::Key << "title" << YAML::Value << YAML::DoubleQuoted << c.title;
  e << YAML::Key << "year" << YAML::Value << YAML::BeginMap << YAML::Key << "be" << YAML::Value << c.year_be
    << YAML::Key << "ce" << YAML::Value << c.year_ce << YAML::EndMap;
  e << YAML::Key << "provinces" << YAML::Value << YAML::BeginSeq;
  for (const auto &p : c.provinces)
    e << YAML::BeginMap << YAML::Key << "id" << YAML::Value << p.id << YAML::Key << "th" << YAML::Value
      << YAML::DoubleQuoted << p.th << YAML::EndMap;
  e << YAML::EndSeq;
  e << YAML::Key << "instruments" << YAML::Value << YAML::BeginSeq;
  for (const auto &i : c.instruments) {
    e << YAML::BeginMap << YAML::Key << "id" << YAML::Value << i.id << YAML::Key << "th" << YAML::Value
      << YAML::DoubleQuoted << i.th;
    e << YAML::Key << "questions" << YAML::Value << YAML::BeginSeq;
    for (const auto &q : i.questions)
      e << YAML::BeginMap << YAML::Key << "id" << YAML::Value << q.id << YAML::Key << "th" << YAML::Value
        << YAML::DoubleQuoted << q.th << YAML::EndMap;
    e << YAML::EndSeq << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

} // namespace supanalyze::qda
