// SPDX-License-Identifier: MIT
#pragma once
// yaml-cpp helpers shared by the corpus and codebook loaders: locations, typed reads and
// "unknown key (did you mean ...)" checks. Internal: yaml-cpp never appears in public headers.

#include <supanalyze/diagnostics.hpp>

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>

namespace supanalyze::detail {

// Parses `text` of `file`; a syntax error becomes InputError with the file's line and column.
YAML::Node parse_yaml(const std::string &text, const std::string &file);

SourceLocation location_of(const YAML::Node &node, const std::string &file);

// The yaml-cpp version found at build time (yaml-cpp offers no version call).
std::string yaml_cpp_version();

// Reads YAML with one file name and reports problems as "path: message" at the node.
class YamlReader {
public:
  YamlReader(std::string file, Diagnostics &diagnostics) : m_file(std::move(file)), m_diagnostics(diagnostics) {}

  // Reports keys of the map `node` that are not in `known`, suggesting the closest known key
  // (or the key that `aliases` maps a close word to: {"keywords", "terms"}).
  void check_keys(const YAML::Node &node, const std::string &path, std::initializer_list<const char *> known,
                  std::initializer_list<std::pair<const char *, const char *>> aliases = {});
  // A required or optional scalar string at node[key].
  std::optional<std::string> string(const YAML::Node &node, const std::string &path, const char *key, bool required);
  std::optional<long> integer(const YAML::Node &node, const std::string &path, const char *key, bool required);
  // node[key] as a sequence of strings (a single string is accepted as one item).
  std::vector<std::string> strings(const YAML::Node &node, const std::string &path, const char *key);
  // Requires `node` to be a map / a sequence; reports otherwise.
  bool expect_map(const YAML::Node &node, const std::string &path);
  bool expect_sequence(const YAML::Node &node, const std::string &path);

  void error(const YAML::Node &node, const std::string &path, const std::string &message);
  SourceLocation where(const YAML::Node &node) const { return location_of(node, m_file); }
  const std::string &file() const { return m_file; }

private:
  std::string m_file;
  Diagnostics &m_diagnostics;
};

} // namespace supanalyze::detail
