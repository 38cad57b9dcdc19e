// SPDX-License-Identifier: MIT
#include <supanalyze/detail/yaml.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/numbers.hpp>

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace supanalyze::detail {

namespace {

// Counts aliases, nesting and the nodes the document has once every alias is expanded, as the
// parser reports them, and stops at the first past a limit: an alias is read wherever it
// stands (20,000 aliases to one theme ran for minutes; ten aliases of ten aliases... grow
// exponentially), and nothing the tool reads needs deep nesting.
//
// It also allows one document per file. YAML::Load reads only the first, so a second (after
// `---`) would be dropped in silence; and yaml-cpp 0.7 answers a ',' that opens a document
// (", a") with an endless run of empty documents at that ',', never moving on.
class LimitCheck : public YAML::EventHandler {
public:
  LimitCheck(const std::string &file, const std::string &text) : m_file(file), m_text(text) {}
  void OnDocumentStart(const YAML::Mark &mark) override {
    if (m_documents++ == 0) return;
    const auto at = static_cast<std::size_t>(mark.pos);
    if (mark.pos >= 0 && at < m_text.size() && m_text[at] == ',')
      refuse(mark, "YAML cannot read a ',' here: a ',' separates items inside [ ] or { }");
    refuse(mark, "a second YAML document starts here; a file is one document (remove the '---' line)");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    if (++m_aliases > k_max_yaml_aliases)
      fail(mark, "more than " + std::to_string(k_max_yaml_aliases) + " aliases (*name)");
    const auto found = m_sizes.find(anchor);
    add(mark, found == m_sizes.end() ? 1 : found->second);
  }
  void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, const std::string &) override {
    leaf(mark, anchor);
  }
  void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    enter(mark, anchor);
  }
  void OnSequenceEnd() override { leave(); }
  void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    enter(mark, anchor);
  }
  void OnMapEnd() override { leave(); }

private:
  struct Open {
    YAML::Mark mark;
    YAML::anchor_t anchor;
    std::size_t nodes;
  };
  void leaf(const YAML::Mark &mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) m_sizes[anchor] = 1;
    add(mark, 1);
  }
  void enter(const YAML::Mark &mark, YAML::anchor_t anchor) {
    if (m_open.size() >= k_max_yaml_depth)
      fail(mark, "nested more than " + std::to_string(k_max_yaml_depth) + " levels deep");
    m_open.push_back({mark, anchor, 1});
  }
  void leave() {
    const Open done = m_open.back();
    m_open.pop_back();
    if (done.anchor != YAML::NullAnchor) m_sizes[done.anchor] = done.nodes;
    add(done.mark, done.nodes);
  }
  // Adds `nodes` to the innermost open node (saturating: sizes can grow exponentially).
  void add(const YAML::Mark &mark, std::size_t nodes) {
    std::size_t &total = m_open.empty() ? m_document : m_open.back().nodes;
    total = std::min(total + std::min(nodes, k_max_yaml_nodes), k_max_yaml_nodes + 1);
    if (total > k_max_yaml_nodes)
      fail(mark, "with its aliases expanded has more than " + std::to_string(k_max_yaml_nodes) + " values");
  }
  [[noreturn]] void fail(const YAML::Mark &mark, const std::string &what) {
    refuse(mark, "YAML " + what + " (see docs/limits.md)");
  }
  [[noreturn]] void refuse(const YAML::Mark &mark, const std::string &message) {
    throw InputError({m_file, static_cast<std::size_t>(mark.line + 1), static_cast<std::size_t>(mark.column + 1)},
                     message);
  }
  const std::string &m_file;
  const std::string &m_text;
  std::size_t m_documents = 0;
  std::size_t m_aliases = 0;
  std::size_t m_document = 0;
  std::vector<Open> m_open;
  std::map<YAML::anchor_t, std::size_t> m_sizes;
};

} // namespace

YAML::Node parse_yaml(const std::string &text, const std::string &file) {
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    LimitCheck limits(file, text);
    while (parser.HandleNextDocument(limits)) {
    }
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

namespace {

// A key for a message: at most 40 bytes of it, never cut inside a UTF-8 character, so that an
// error never echoes a whole line of a file that is not what it was taken for.
std::string shown_key(const std::string &key) {
  if (key.size() <= 40) return key;
  std::size_t cut = 40;
  while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80)
    --cut;
  return key.substr(0, cut) + "...";
}

} // namespace

bool YamlReader::expect_document(const YAML::Node &root, const std::string &kind,
                                 std::initializer_list<const char *> known) {
  if (!root.IsMap()) {
    error(root, "", "not a " + kind + ": expected a mapping (key: value)");
    return false;
  }
  for (const auto &entry : root)
    if (entry.first.IsScalar() &&
        std::any_of(known.begin(), known.end(), [&](const char *k) { return entry.first.Scalar() == k; }))
      return true;
  std::string keys;
  for (const char *k : known)
    keys += (keys.empty() ? "" : ", ") + std::string(k);
  error(root, "", "not a " + kind + " (it has none of the keys " + keys + ")");
  return false;
}

void YamlReader::check_keys(const YAML::Node &node, const std::string &path, std::initializer_list<const char *> known,
                            std::initializer_list<std::pair<const char *, const char *>> aliases) {
  if (!node.IsMap()) return;
  std::vector<std::string> names(known.begin(), known.end());
  std::vector<std::string> candidates = names;
  for (const auto &[alias, target] : aliases)
    candidates.emplace_back(alias);
  std::map<std::string, YAML::Mark> seen; // yaml-cpp keeps duplicate keys and node[key] reads the first
  for (const auto &entry : node) {
    if (!entry.first.IsScalar()) {
      error(entry.first, path, "a key must be a text value");
      continue;
    }
    const std::string &key = entry.first.Scalar();
    const std::string key_path = path.empty() ? shown_key(key) : path + "." + shown_key(key);
    if (const auto [first, inserted] = seen.emplace(key, entry.first.Mark()); !inserted) {
      m_diagnostics.error(where(entry.first), key_path + ": duplicate key (first at line " +
                                                  std::to_string(first->second.line + 1) + ", column " +
                                                  std::to_string(first->second.column + 1) + ")");
      continue;
    }
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    std::string hint = closest_match(key, candidates);
    for (const auto &[alias, target] : aliases)
      if (hint == alias) hint = target;
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

std::optional<long> YamlReader::integer(const YAML::Node &node, const std::string &path, const char *key, bool required,
                                        long min, long max) {
  const auto text = string(node, path, key, required);
  if (!text) return std::nullopt;
  try {
    return static_cast<long>(parse_integer(*text, min, max));
  } catch (const Error &e) {
    const bool unbounded = min == std::numeric_limits<long>::min() && max == std::numeric_limits<long>::max();
    const std::string shown = text->size() > 40 ? text->substr(0, 40) + "..." : *text;
    error(node[key], path.empty() ? key : path + "." + key,
          unbounded ? "expected a whole number, not '" + shown + "'" : e.what());
  }
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
