// SPDX-License-Identifier: MIT
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/table.hpp>
#include <supanalyze/detail/uuid.hpp>
#include <supanalyze/detail/yaml.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <unicode/regex.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <set>

namespace supanalyze::embedded {
extern const std::string_view default_codebook;
extern const std::string_view default_codebook_table; // lib/tools/compile_codebook.cpp
} // namespace supanalyze::embedded

namespace supanalyze::codebook {

namespace {

// Whether `id` is one or more of a-z, 0-9, '_' and the characters of `extra` (no std::regex:
// compiling one at start-up cost every command more than all ids of a codebook).
bool is_id(const std::string &id, std::string_view extra) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || extra.find(c) != std::string_view::npos;
  });
}
bool is_theme_id(const std::string &id) { return is_id(id, ""); }      // [a-z0-9_]+
bool is_codebook_id(const std::string &id) { return is_id(id, ".-"); } // [a-z0-9_.-]+
// #rrggbb
bool is_colour(const std::string &c) {
  return c.size() == 7 && c[0] == '#' && std::all_of(c.begin() + 1, c.end(), [](char x) {
           return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') || (x >= 'A' && x <= 'F');
         });
}

// Whether `value` has a letter or a digit (Thai letters and marks included): a glob without
// one, such as "-*", matches every token once the punctuation is folded away.
bool has_letter_or_digit(std::string_view value) {
  for (std::size_t pos = 0; pos < value.size();) {
    const char32_t c = text::decode_at(value, pos);
    if (u_isalnum(static_cast<UChar32>(c)) || u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK) return true;
  }
  return false;
}

class Loader {
public:
  Loader(const std::string &file, Diagnostics &diagnostics) : m_yaml(file, diagnostics), m_diagnostics(diagnostics) {}

  Codebook load(const YAML::Node &root) {
    Codebook cb;
    if (!m_yaml.expect_document(root, "codebook", {"id", "version", "title", "description", "themes"})) return cb;
    m_yaml.check_keys(root, "", {"id", "version", "title", "description", "themes"});
    if (auto id = m_yaml.string(root, "", "id", true)) {
      if (!is_codebook_id(*id)) m_yaml.error(root["id"], "id", "'" + *id + "' is not a valid codebook id");
      cb.id = *id;
    }
    cb.version = m_yaml.string(root, "", "version", true).value_or("");
    cb.title = m_yaml.string(root, "", "title", false).value_or("");
    const YAML::Node themes = root["themes"];
    if (!themes) {
      m_yaml.error(root, "themes", "missing required key");
      return cb;
    }
    if (!m_yaml.expect_sequence(themes, "themes")) return cb;
    if (themes.size() == 0) m_yaml.error(themes, "themes", "a codebook needs at least one theme");
    std::vector<std::pair<std::vector<std::string>, YAML::Node>> children;
    for (std::size_t i = 0; i < themes.size(); ++i) {
      const std::string path = "themes[" + std::to_string(i) + "]";
      if (!m_yaml.expect_map(themes[i], path)) continue;
      Theme theme = load_theme(themes[i], path);
      children.emplace_back(m_yaml.strings(themes[i], path, "children"), themes[i]["children"]);
      cb.themes.push_back(std::move(theme));
    }
    resolve_hierarchy(cb, children);
    check_match_definitions(cb, children);
    return cb;
  }

private:
  std::string theme_path(const Theme &t, const std::string &fallback) const {
    return t.id.empty() ? fallback : "themes." + t.id;
  }

  std::vector<Term> terms(const YAML::Node &node, const std::string &path, const char *key, bool normalize = true) {
    std::vector<Term> out;
    append_terms(node[key], path + "." + key, normalize, out);
    return out;
  }

  // Appends the terms of `list` (a text value or a list of them) found at `list_path`.
  void append_terms(const YAML::Node &list, const std::string &list_path, bool normalize, std::vector<Term> &out) {
    if (!list || list.IsNull()) return;
    if (!list.IsScalar() && !list.IsSequence()) {
      m_yaml.error(list, list_path, "expected a list of text values");
      return;
    }
    const std::size_t count = list.IsSequence() ? list.size() : 1;
    for (std::size_t i = 0; i < count; ++i) {
      const YAML::Node item = list.IsSequence() ? list[i] : list;
      const std::string item_path = list_path + "[" + std::to_string(i) + "]";
      if (!item.IsScalar()) {
        m_yaml.error(item, item_path, "expected a text value");
        continue;
      }
      std::string value = normalize ? text::normalize(item.as<std::string>()) : item.as<std::string>();
      if (normalize) {
        while (!value.empty() && value.back() == '\n')
          value.pop_back();
      }
      if (value.empty() || value.find_first_not_of(" *") == std::string::npos) {
        m_yaml.error(item, item_path, "empty term");
        continue;
      }
      if (normalize && text::code_point_count(value) > k_max_term_chars) { // a term, not a pattern
        m_yaml.error(item, item_path,
                     "a term may have at most " + std::to_string(k_max_term_chars) + " characters, this one has " +
                         std::to_string(text::code_point_count(value)));
        continue;
      }
      if (normalize && value.find('*') != std::string::npos && !has_letter_or_digit(value)) {
        m_yaml.error(item, item_path, "a glob needs a letter or a digit besides '*' (this one matches any word)");
        continue;
      }
      out.push_back({value, m_yaml.where(item)});
    }
  }

  Theme load_theme(const YAML::Node &node, const std::string &path) {
    Theme t;
    t.where = m_yaml.where(node);
    if (auto id = m_yaml.string(node, path, "id", true)) {
      if (!is_theme_id(*id))
        m_yaml.error(node["id"], path + ".id", "'" + *id + "' is not a valid theme id (a-z, 0-9, _)");
      t.id = *id;
    }
    const std::string p = theme_path(t, path);
    m_yaml.check_keys(node, p,
                      {"id", "label", "description", "colour", "guid", "parent", "children", "terms", "patterns",
                       "rules", "exclude", "examples"},
                      {{"keywords", "terms"},
                       {"words", "terms"},
                       {"regex", "patterns"},
                       {"regexes", "patterns"},
                       {"color", "colour"},
                       {"excludes", "exclude"},
                       {"exclusions", "exclude"},
                       {"labels", "label"}});
    if (const YAML::Node label = node["label"]; !label) {
      m_yaml.error(node, p + ".label", "missing required key (label: {th: ..., en: ...})");
    } else if (m_yaml.expect_map(label, p + ".label")) {
      m_yaml.check_keys(label, p + ".label", {"th", "en"});
      t.label_th = text::normalize(m_yaml.string(label, p + ".label", "th", true).value_or(""));
      t.label_en = m_yaml.string(label, p + ".label", "en", true).value_or("");
    }
    t.description = m_yaml.string(node, p, "description", true).value_or("");
    t.colour = m_yaml.string(node, p, "colour", false).value_or("");
    if (!t.colour.empty() && !is_colour(t.colour))
      m_yaml.error(node["colour"], p + ".colour", "expected a colour as #rrggbb, not '" + t.colour + "'");
    t.guid = m_yaml.string(node, p, "guid", false).value_or("");
    if (!t.guid.empty() && !detail::is_uuid(t.guid))
      m_yaml.error(node["guid"], p + ".guid", "expected a GUID as 8-4-4-4-12 hex digits, not '" + t.guid + "'");
    t.parent_id = m_yaml.string(node, p, "parent", false).value_or("");
    t.terms = terms(node, p, "terms");
    t.patterns = terms(node, p, "patterns", false);
    for (std::size_t i = 0; i < t.patterns.size(); ++i)
      check_pattern(node["patterns"], p, i, t.patterns[i]);
    t.exclude = terms(node, p, "exclude");
    load_rules(node, p, t);
    if (const YAML::Node ex = node["examples"]; ex && m_yaml.expect_map(ex, p + ".examples")) {
      m_yaml.check_keys(ex, p + ".examples", {"match", "no_match"});
      t.examples_match = m_yaml.strings(ex, p + ".examples", "match");
      t.examples_no_match = m_yaml.strings(ex, p + ".examples", "no_match");
    }
    return t;
  }

  void check_pattern(const YAML::Node &list, const std::string &path, std::size_t i, const Term &pattern) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern.text), 0, parse_error, status));
    if (U_SUCCESS(status)) return;
    const YAML::Node item = list.IsSequence() ? list[i] : list;
    SourceLocation where = m_yaml.where(item);
    m_diagnostics.error(where, path + ".patterns[" + std::to_string(i) + "]: invalid regular expression '" +
                                   pattern.text + "': " + u_errorName(status) + " at offset " +
                                   std::to_string(parse_error.offset));
  }

  // The terms of a rule's `key`; an item that is itself a list is one slot of alternatives
  // (any of them fills it), which all_of and near then need only one of.
  void rule_slots(const YAML::Node &r, const std::string &rp, const char *key, Rule &rule) {
    const YAML::Node list = r[key];
    bool nested = false;
    for (std::size_t i = 0; list.IsSequence() && i < list.size(); ++i)
      nested = nested || list[i].IsSequence();
    if (!nested) {
      rule.terms = terms(r, rp, key);
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::size_t before = rule.terms.size();
      append_terms(list[i], rp + "." + key + "[" + std::to_string(i) + "]", true, rule.terms);
      rule.slot_of.resize(rule.terms.size(), static_cast<std::uint32_t>(i));
      if (rule.terms.size() == before)
        m_yaml.error(list[i], rp + "." + key + "[" + std::to_string(i) + "]", "an empty slot");
    }
  }

  void load_rules(const YAML::Node &node, const std::string &path, Theme &t) {
    const YAML::Node rules = node["rules"];
    if (!rules) return;
    if (!m_yaml.expect_sequence(rules, path + ".rules")) return;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const std::string rp = path + ".rules[" + std::to_string(i) + "]";
      const YAML::Node r = rules[i];
      if (!m_yaml.expect_map(r, rp)) continue;
      m_yaml.check_keys(r, rp, {"all_of", "any_of", "near", "within", "not"});
      Rule rule;
      rule.where = m_yaml.where(r);
      int kinds = 0;
      for (auto [key, kind] : {std::pair{"all_of", RuleKind::all_of}, std::pair{"any_of", RuleKind::any_of},
                               std::pair{"near", RuleKind::near}}) {
        if (!r[key]) continue;
        ++kinds;
        rule.kind = kind;
        rule_slots(r, rp, key, rule);
      }
      if (kinds != 1) {
        m_yaml.error(r, rp, "a rule needs exactly one of all_of, any_of, near");
        continue;
      }
      rule.not_terms = terms(r, rp, "not");
      if (rule.kind == RuleKind::near) {
        const auto within = m_yaml.integer(r, rp, "within", true, 0, k_max_within);
        rule.within = static_cast<int>(within.value_or(0));
        if (rule.slot_count() < 2) m_yaml.error(r, rp + ".near", "near needs at least two terms");
      } else if (r["within"]) {
        m_yaml.error(r["within"], rp + ".within", "within goes with near only");
      }
      if (rule.terms.empty()) {
        m_yaml.error(r, rp, "a rule needs at least one term");
        continue;
      }
      for (const auto &term : rule.terms)
        if (term.is_glob())
          m_diagnostics.error(term.where, rp + ": rules take literal terms, not globs ('" + term.text + "')");
      t.rules.push_back(std::move(rule));
    }
  }

  void resolve_hierarchy(Codebook &cb, const std::vector<std::pair<std::vector<std::string>, YAML::Node>> &children) {
    std::vector<std::string> ids;
    std::set<std::string> seen; // each duplicate reported once, in N log N (not N^2) steps
    for (std::size_t i = 0; i < cb.themes.size(); ++i) {
      if (!cb.themes[i].id.empty() && !seen.insert(cb.themes[i].id).second)
        m_diagnostics.error(cb.themes[i].where, "themes." + cb.themes[i].id + ": duplicate theme id");
      ids.push_back(cb.themes[i].id);
    }
    auto unknown = [&](const std::string &id) {
      const std::string hint = closest_match(id, ids);
      return "unknown theme '" + id + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)");
    };
    for (std::size_t i = 0; i < cb.themes.size(); ++i) {
      Theme &t = cb.themes[i];
      if (t.parent_id.empty()) continue;
      if (auto p = cb.index_of(t.parent_id))
        t.parent = p;
      else
        m_diagnostics.error(t.where, "themes." + t.id + ".parent: " + unknown(t.parent_id));
    }
    for (std::size_t i = 0; i < cb.themes.size(); ++i) {
      for (const auto &child_id : children[i].first) {
        const auto c = cb.index_of(child_id);
        if (!c) {
          m_diagnostics.error(m_yaml.where(children[i].second),
                              "themes." + cb.themes[i].id + ".children: " + unknown(child_id));
          continue;
        }
        Theme &child = cb.themes[*c];
        if (child.parent && *child.parent != i)
          m_diagnostics.error(m_yaml.where(children[i].second), "themes." + cb.themes[i].id + ".children: '" +
                                                                    child_id + "' already has parent '" +
                                                                    child.parent_id + "'");
        child.parent = i;
        child.parent_id = cb.themes[i].id;
      }
    }
    for (std::size_t i = 0; i < cb.themes.size(); ++i) {
      std::size_t steps = 0;
      for (auto p = cb.themes[i].parent; p; p = cb.themes[*p].parent) {
        if (++steps > cb.themes.size() || *p == i) {
          m_diagnostics.error(cb.themes[i].where,
                              "themes." + cb.themes[i].id + ".parent: parent cycle through '" + cb.themes[i].id + "'");
          for (auto &t : cb.themes)
            t.parent.reset(); // keep later code from looping
          return;
        }
      }
    }
  }

  void check_match_definitions(const Codebook &cb,
                               const std::vector<std::pair<std::vector<std::string>, YAML::Node>> &children) {
    for (std::size_t i = 0; i < cb.themes.size(); ++i) {
      const Theme &t = cb.themes[i];
      const bool has_children = !children[i].first.empty() || !cb.children_of(i).empty();
      if (!t.has_match_definition() && !has_children)
        m_diagnostics.error(t.where,
                            "themes." + t.id + ": no match definition (give terms, patterns or rules, or children)");
    }
  }

  detail::YamlReader m_yaml;
  Diagnostics &m_diagnostics;
};

} // namespace

Codebook parse_codebook(const std::string &yaml_text, const std::string &file, Diagnostics &diagnostics) {
  text::require_valid_utf8(yaml_text, file);
  const YAML::Node root = detail::parse_yaml(yaml_text, file);
  Codebook cb = detail::with_locations(file, [&] { return Loader(file, diagnostics).load(root); });
  cb.source = file;
  cb.text = yaml_text;
  return cb;
}

Codebook load_codebook(const std::filesystem::path &path) {
  if (path.empty()) return default_codebook();
  Diagnostics diagnostics;
  Codebook cb = parse_codebook(read_file(path), path.string(), diagnostics);
  diagnostics.throw_if_errors();
  return cb;
}

std::string_view default_codebook_text() { return embedded::default_codebook; }

Codebook parse_default_codebook() {
  Diagnostics diagnostics;
  Codebook c = parse_codebook(std::string(embedded::default_codebook), "<default codebook msdhs-2564>", diagnostics);
  diagnostics.throw_if_errors();
  return c;
}

const Codebook &default_codebook() {
  // The table made from the same YAML when the binary was built; parsed here only by the tool
  // that makes it (which has no table yet).
  static const Codebook cb =
      embedded::default_codebook_table.empty()
          ? parse_default_codebook()
          : read_codebook_table(embedded::default_codebook_table, std::string(embedded::default_codebook));
  return cb;
}

} // namespace supanalyze::codebook
