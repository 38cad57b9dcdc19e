// SPDX-License-Identifier: MIT
#include <supanalyze/qda/project_reader.hpp>
#include <supanalyze/text/ascii_id.hpp>
#include <supanalyze/text/normalizer.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>

namespace supanalyze::qda {

namespace {

const std::regex k_id("[a-z0-9][a-z0-9_-]*");

// A source's province id from its name: "Ratchaburi interview" -> "ratchaburi_interview".
std::string id_from(const std::string &name) { return text::ascii_id(name, {"-", text::IdOther::separate, "_-"}); }

template <class T> std::size_t index_of(std::vector<T> &list, const std::string &id) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].id == id) return i;
  list.push_back(T{});
  list.back().id = id;
  list.back().th = id;
  return list.size() - 1;
}

// `id`, or when a province of `c` has it, `id_N` with the first N from `first` that none has (a
// source's id is suffixed with its number; "a_3" may be a source's own id before it).
std::string free_province_id(const corpus::Corpus &c, const std::string &id, std::size_t first) {
  const auto taken = [&](const std::string &candidate) {
    return std::any_of(c.provinces.begin(), c.provinces.end(), [&](const auto &p) { return p.id == candidate; });
  };
  std::string free = id;
  for (std::size_t n = first; taken(free); ++n)
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
  for (std::size_t n = 0; n < project.sources.size(); ++n) {
    const auto &s = project.sources[n];
    corpus::Answer answer;
    if (by_variables) {
      answer.instrument = index_of(c.instruments, s.variables.at("instrument"));
      auto &questions = c.instruments[answer.instrument].questions;
      answer.question = index_of(questions, s.variables.at("question"));
      answer.province = index_of(c.provinces, s.variables.at("province"));
    } else {
      answer.instrument = index_of(c.instruments, "qdpx");
      c.instruments[answer.instrument].th = "REFI-QDA project";
      answer.question = index_of(c.instruments[answer.instrument].questions, "q1");
      std::string pid = id_from(s.name);
      if (pid.empty() || !std::regex_match(pid, k_id)) pid = "source_" + std::to_string(n + 1);
      pid = free_province_id(c, pid, n + 1);
      answer.province = index_of(c.provinces, pid);
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
