// SPDX-License-Identifier: MIT
#include <supanalyze/codebook/writer.hpp>

#include <yaml-cpp/yaml.h>

namespace supanalyze::codebook {

std::string write_codebook_yaml(const Codebook &cb, const std::string &comment) {
  YAML::Emitter e;
  e.SetIndent(2);
  if (!comment.empty()) e << YAML::Comment(comment) << YAML::Newline;
  e << YAML::BeginMap;
  e << YAML::Key << "id" << YAML::Value << cb.id;
  e << YAML::Key << "version" << YAML::Value << YAML::DoubleQuoted << cb.version;
  if (!cb.title.empty()) e << YAML::Key << "title" << YAML::Value << cb.title;
  e << YAML::Key << "themes" << YAML::Value << YAML::BeginSeq;
  for (const Theme &t : cb.themes) {
    e << YAML::BeginMap;
    e << YAML::Key << "id" << YAML::Value << t.id;
    e << YAML::Key << "label" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "th" << YAML::Value
      << t.label_th << YAML::Key << "en" << YAML::Value << t.label_en << YAML::EndMap;
    // Double-quoted: line ends and edge spaces come back exactly (a block scalar would not
    // keep a missing final line end).
    e << YAML::Key << "description" << YAML::Value << YAML::DoubleQuoted << t.description;
    if (!t.colour.empty()) e << YAML::Key << "colour" << YAML::Value << YAML::DoubleQuoted << t.colour;
    if (!t.guid.empty()) e << YAML::Key << "guid" << YAML::Value << t.guid;
    if (!t.parent_id.empty()) e << YAML::Key << "parent" << YAML::Value << t.parent_id;
    if (!t.terms.empty()) {
      e << YAML::Key << "terms" << YAML::Value << YAML::BeginSeq;
      for (const Term &term : t.terms)
        e << term.text;
      e << YAML::EndSeq;
    }
    e << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

} // namespace supanalyze::codebook
