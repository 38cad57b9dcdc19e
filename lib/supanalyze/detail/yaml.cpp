// SPDX-License-Identifier: MIT
#include <supanalyze/detail/yaml.hpp>

namespace supanalyze::detail {

YAML::Node parse_yaml(const std::string &text, const std::string &file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception &e) {
    throw InputError({file, static_cast<std::size_t>(e.mark.line + 1), static_cast<std::size_t>(e.mark.column + 1)},
                     "invalid YAML: " + e.msg);
  }
}

std::string yaml_cpp_version() { return SUPANALYZE_YAML_CPP_VERSION; }

SourceLocation location_of(const YAML::Node &node, const std::string &file) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file, 0, 0};
  return {file, static_cast<std::size_t>(mark.line + 1), static_cast<std::size_t>(mark.column + 1)};
}

void YamlReader::error(const YAML::Node &node, const std::string &path, const std::string &message) {
  m_diagnostics.error(where(node), path.empty() ? message : path + ": " + message);
}

bool YamlReader::expect_map(const YAML::Node &node, const std::string &path) {
  if (node.IsMap()) return true;
  error(node, path, "expected a mapping (key: value)");
  return false;
}

bool YamlReader::expect_sequence(const YAML::Node &node, const std::string &path) {
  if (node.IsSequence()) return true;
  error(node, path, "expected a list");
  return false;
}

void YamlReader::check_keys(const YAML::Node &node, const std::string &path, std::initializer_list<const char *> known,
                            std::initializer_list<std::pair<const char *, const char *>> aliases) {
  if (!node.IsMap()) return;
  std::vector<std::string> names(known.begin(), known.end());
  std::vector<std::string> candidates = names;
  for (const auto &[alias, target] : aliases)
    candidates.emplace_back(alias);
  for (const auto &entry : node) {
    const std::string key = entry.first.as<std::string>();
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    std::string hint = closest_match(key, candidates);
    for (const auto &[alias, target] : aliases)
      if (hint == alias) hint = target;
    const std::string key_path = path.empty() ? key : path + "." + key;
    m_diagnostics.error(where(entry.first),
                        key_path + ": unknown key" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
  }
}

std::optional<std::string> YamlReader::string(const YAML::Node &node, const std::string &path, const char *key,
                                              bool required) {
  const YAML::Node value = node[key];
  const std::string key_path = path.empty() ? key : path + "." + key;
  if (!value || value.IsNull()) {
    if (required) error(node, key_path, "missing required key");
    return std::nullopt;
  }
  if (!value.IsScalar()) {
    error(value, key_path, "expected a text value");
    return std::nullopt;
  }
  return value.as<std::string>();
}

std::optional<long> YamlReader::integer(const YAML::Node &node, const std::string &path, const char *key,
                                        bool required) {
  const auto text = string(node, path, key, required);
  if (!text) return std::nullopt;
  try {
    std::size_t used = 0;
    const long v = std::stol(*text, &used);
    if (used == text->size()) return v;
  } catch (const std::exception &) {
  }
  error(node[key], path.empty() ? key : path + "." + key, "expected a whole number, not '" + *text + "'");
  return std::nullopt;
}

std::vector<std::string> YamlReader::strings(const YAML::Node &node, const std::string &path, const char *key) {
  std::vector<std::string> out;
  const YAML::Node value = node[key];
  const std::string key_path = path.empty() ? key : path + "." + key;
  if (!value || value.IsNull()) return out;
  if (value.IsScalar()) {
    out.push_back(value.as<std::string>());
    return out;
  }
  if (!value.IsSequence()) {
    error(value, key_path, "expected a list of text values");
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].IsScalar()) {
      error(value[i], key_path + "[" + std::to_string(i) + "]", "expected a text value");
      continue;
    }
    out.push_back(value[i].as<std::string>());
  }
  return out;
}

} // namespace supanalyze::detail
