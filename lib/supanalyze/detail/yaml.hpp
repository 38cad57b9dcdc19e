// SPDX-License-Identifier: MIT
#pragma once
// yaml-cpp helpers shared by the corpus and codebook loaders: locations, typed reads and
// "unknown key (did you mean ...)" checks. Internal: yaml-cpp never appears in public headers.

#include <supanalyze/diagnostics.hpp>
#include <supanalyze/error.hpp>

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <limits>
#include <optional>
#include <string>

namespace supanalyze::detail {

// The most aliases (*name) and the deepest nesting of maps and lists in one YAML file
// (docs/limits.md).
inline constexpr std::size_t k_max_yaml_aliases = 1000;
inline constexpr std::size_t k_max_yaml_depth = 64;
// The most values (scalars, maps, lists) a YAML file may have once its aliases are expanded.
inline constexpr std::size_t k_max_yaml_nodes = 1000000;

// Parses `text` of `file`; a syntax error becomes InputError with the file's line and column,
// and so does a file past k_max_yaml_aliases or k_max_yaml_depth.
YAML::Node parse_yaml(const std::string &text, const std::string &file);

SourceLocation location_of(const YAML::Node &node, const std::string &file);

// The yaml-cpp version found at build time (yaml-cpp offers no version call).
std::string yaml_cpp_version();

// Runs `read` (which reads parsed YAML of `file`) and turns a yaml-cpp exception it lets out
// (a "bad conversion") into InputError at that node's line and column.
template <typename Read> auto with_locations(const std::string &file, Read &&read) -> decltype(read()) {
  try {
    return read();
  } catch (const YAML::Exception &e) {
    const SourceLocation where = e.mark.is_null() ? SourceLocation{file, 0, 0}
                                                  : SourceLocation{file, static_cast<std::size_t>(e.mark.line + 1),
                                                                   static_cast<std::size_t>(e.mark.column + 1)};
    throw InputError(where, "cannot read this value: " + e.msg);
  }
}

// Reads YAML with one file name and reports problems as "path: message" at the node.
class YamlReader {
public:
  YamlReader(std::string file, Diagnostics &diagnostics) : m_file(std::move(file)), m_diagnostics(diagnostics) {}

  // Reports keys of the map `node` that are not in `known`, suggesting the closest known key
  // (or the key that `aliases` maps a close word to: {"keywords", "terms"}), keys given twice
  // (with the line and column of the first) and keys that are not text.
  void check_keys(const YAML::Node &node, const std::string &path, std::initializer_list<const char *> known,
                  std::initializer_list<std::pair<const char *, const char *>> aliases = {});
  // A required or optional scalar string at node[key].
  std::optional<std::string> string(const YAML::Node &node, const std::string &path, const char *key, bool required);
  // A required or optional whole number at node[key], which must lie in [min, max] (the
  // message gives the range): nothing read from YAML wraps around.
  std::optional<long> integer(const YAML::Node &node, const std::string &path, const char *key, bool required,
                              long min = std::numeric_limits<long>::min(), long max = std::numeric_limits<long>::max());
  // node[key] as a sequence of strings (a single string is accepted as one item).
  std::vector<std::string> strings(const YAML::Node &node, const std::string &path, const char *key);
  // Requires the document `root` to be a map with at least one of the `known` keys; otherwise
  // reports "not a KIND" without quoting the file (which may be any file: /etc/shadow).
  bool expect_document(const YAML::Node &root, const std::string &kind, std::initializer_list<const char *> known);
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
