// SPDX-License-Identifier: MIT
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/codebook/prefilter.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/text/automaton.hpp>
#include <supanalyze/text/cluster.hpp>
#include <supanalyze/text/thai.hpp>
#include <supanalyze/text/utf8.hpp>

#include <unicode/regex.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <unordered_map>

namespace supanalyze::codebook {

namespace {

// The start of `text` for a message: at most 80 bytes, never cut inside a UTF-8 character.
std::string excerpt(std::string_view text) {
  if (text.size() <= 80) return std::string(text);
  std::size_t cut = 80;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(text.substr(0, cut)) + "...";
}

// Milliseconds-order budget of ICU's match engine for one find() (RegexMatcher::setTimeLimit).
constexpr std::int32_t k_regex_step_limit = 2000;

enum class UseKind : std::uint8_t { theme_term, rule_term, exclusion };

// What a term found in the text means: a theme's term, a term of a rule (or of its `not`
// list), or a theme's exclusion.
struct Use {
  UseKind kind;
  bool negated = false;
  std::uint32_t theme = 0;
  std::uint32_t source = 0; // theme terms: label index
  std::uint32_t rule = 0;   // rule terms: global rule index
  std::uint32_t slot = 0;   // rule terms: position in the rule's term list
};

struct Glob {
  std::string pattern; // folded; '*' matches any run of characters
  std::vector<Use> uses;
};

struct PatternInfo {
  std::uint32_t theme;
  std::uint32_t source;
  std::unique_ptr<icu::RegexPattern> regex;
  std::uint32_t sets_begin = 0, sets_end = 0; // its required literal sets, in Compiled::literal_sets
};

// A set of literals every match of a pattern holds one of (required_literal_groups).
struct LiteralSet {
  std::vector<std::string> literals;
  bool in_automaton = false; // each is short enough for the automaton pass, which finds them
};

// Whether `pattern` sets a flag inline ("(?i)", "(?x:"...): the literals of a case-insensitive
// or free-spacing pattern are not its text, so no literal is required of it.
bool sets_flags(std::string_view pattern) {
  for (std::size_t i = 0; i + 2 < pattern.size(); ++i)
    if (pattern[i] == '(' && pattern[i + 1] == '?' &&
        (std::isalpha(static_cast<unsigned char>(pattern[i + 2])) || pattern[i + 2] == '-'))
      return true;
  return false;
}

// The literals that every match of `pattern` must contain, outside groups and classes (each
// run of plain characters, minus a last character made optional), or none when unsure: a
// top-level alternation or an inline flag. Segments without them skip the regex engine, as
// ripgrep does with literals before regexes.
std::vector<std::string> top_level_literals(std::string_view pattern) {
  if (sets_flags(pattern)) return {};
  std::vector<std::string> pieces;
  std::string current;
  int depth = 0;
  auto finish = [&] {
    if (!current.empty()) pieces.push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < pattern.size();) {
    const std::size_t at = i;
    const char32_t c = text::decode_at(pattern, i);
    if (c == U'\\') {
      finish();
      if (i < pattern.size()) text::decode_at(pattern, i);
    } else if (c == U'[') {
      finish();
      while (i < pattern.size() && pattern[i] != ']')
        i += pattern[i] == '\\' ? 2 : 1;
      ++i;
    } else if (c == U'(') {
      finish();
      ++depth;
    } else if (c == U')') {
      finish();
      --depth;
    } else if (c == U'|') {
      if (depth == 0) return {};
      finish();
    } else if (c == U'?' || c == U'*' || c == U'{') {
      // the previous character is optional: drop it from the literal
      while (!current.empty() && (static_cast<unsigned char>(current.back()) & 0xC0) == 0x80)
        current.pop_back();
      if (!current.empty()) current.pop_back();
      finish();
      if (c == U'{') { // {m,n} holds no literal
        const std::size_t close = pattern.find('}', i);
        i = close == std::string_view::npos ? pattern.size() : close + 1;
      }
    } else if (c == U'+' || c == U'.' || c == U'^' || c == U'$') {
      finish();
    } else if (depth == 0) {
      current.append(pattern.substr(at, i - at));
    }
  }
  finish();
  return pieces;
}

// The longest of them, or "" when there is none.
std::string required_literal(std::string_view pattern) {
  std::string best;
  for (std::string &piece : top_level_literals(pattern))
    if (piece.size() > best.size()) best = std::move(piece);
  return best;
}

// The index of the last character of the escape (`\x`) or character class (`[...]`) that
// starts at `i`: the scans below step over them whole.
std::size_t last_of_escape_or_class(std::string_view pattern, std::size_t i) {
  if (pattern[i] == '\\') return i + 1;
  while (i + 1 < pattern.size() && pattern[i + 1] != ']')
    i += pattern[i + 1] == '\\' ? 2 : 1;
  return i + 1;
}

// The alternatives of the top-level group that opens at `open` (its '(' ), when it is a plain
// or non-capturing group that must occur (no quantifier allowing zero after it) and each
// alternative has a required literal; else none. Sets `close` to the index after its ')'.
std::vector<std::string> group_literals(std::string_view pattern, std::size_t open, std::size_t &close) {
  std::size_t body = open + 1;
  const bool lookaround =
      pattern.substr(body, 2) == "?<" || pattern.substr(body, 2) == "?=" || pattern.substr(body, 2) == "?!";
  if (pattern.substr(body, 2) == "?:") body += 2;
  std::vector<std::size_t> bars;
  int depth = 1;
  std::size_t i = open + 1;
  for (; i < pattern.size() && depth > 0; ++i) {
    const char c = pattern[i];
    if (c == '\\' || c == '[') {
      i = last_of_escape_or_class(pattern, i);
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 1) {
      bars.push_back(i);
    }
  }
  close = i;
  if (depth != 0 || lookaround || pattern.substr(body, 1) == "?") return {};
  if (close < pattern.size() && (pattern[close] == '?' || pattern[close] == '*' || pattern[close] == '{')) return {};
  std::vector<std::string> literals;
  std::size_t from = body;
  bars.push_back(close - 1);
  for (const std::size_t bar : bars) {
    std::string literal = required_literal(pattern.substr(from, bar - from));
    if (literal.empty()) return {};
    literals.push_back(std::move(literal));
    from = bar + 1;
  }
  return literals;
}

} // namespace

// Literals one of which every match of `pattern` contains, or none when unsure: the longest
// top-level literal, or the alternatives of a top-level group that must occur, whichever has
// the longer shortest member. `(ครู|แพทย์|พยาบาล)\s?\d+` then runs its regex only on the
// segments that name one of them, not on every segment.
std::vector<std::string> required_literals(std::string_view pattern) {
  if (sets_flags(pattern)) return {};
  std::vector<std::string> best;
  std::size_t best_score = 0;
  if (std::string single = required_literal(pattern); !single.empty()) {
    best_score = single.size();
    best.push_back(std::move(single));
  }
  std::size_t depth_zero_bars = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' || c == '[') {
      i = last_of_escape_or_class(pattern, i);
    } else if (c == '|') {
      ++depth_zero_bars;
    } else if (c == '(') {
      std::size_t close = 0;
      std::vector<std::string> literals = group_literals(pattern, i, close);
      std::size_t shortest = SIZE_MAX;
      for (const std::string &literal : literals)
        shortest = std::min(shortest, literal.size());
      if (!literals.empty() && shortest > best_score) {
        best_score = shortest;
        best = std::move(literals);
      }
      i = close - 1;
    }
  }
  if (depth_zero_bars > 0) return {}; // a top-level alternative may contain none of them
  return best;
}

// Every set of literals of which each match of `pattern` holds one: each top-level literal
// (a set of one) and the alternatives of each top-level group that must occur. A segment
// lacking any one set cannot match, so the regex runs only where every set has a member.
std::vector<std::vector<std::string>> required_literal_groups(std::string_view pattern) {
  if (sets_flags(pattern)) return {};
  std::vector<std::vector<std::string>> groups;
  for (std::string &piece : top_level_literals(pattern))
    groups.push_back({std::move(piece)});
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' || c == '[') {
      i = last_of_escape_or_class(pattern, i);
    } else if (c == '|') {
      return {}; // a top-level alternative may contain none of them
    } else if (c == '(') {
      std::size_t close = 0;
      std::vector<std::string> literals = group_literals(pattern, i, close);
      if (!literals.empty()) groups.push_back(std::move(literals));
      i = close - 1;
    }
  }
  return groups;
}

namespace {

struct RuleInfo {
  std::uint32_t theme;
  std::uint32_t source;
  RuleKind kind;
  int within;
  std::uint32_t slots;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

} // namespace

struct Matcher::Compiled {
  Codebook codebook;
  text::Tokenizer tokenizer;
  std::vector<std::string> labels;
  std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>> key_ids;
  std::vector<std::string> key_of_id;
  std::unordered_map<std::uint64_t, std::int32_t> edges; // (node << 32 | key) -> node
  std::vector<std::vector<Use>> node_uses{{}};           // node 0 is the root
  // Thai-only terms, matched as text. Ids [0, thai_terms.size()) are terms; ids above are
  // first keys of key-trie terms, whose presence means the segment needs tokens.
  text::TermAutomaton automaton;
  std::vector<std::string> thai_terms;
  std::unordered_map<std::string, std::uint32_t> thai_id; // a term's index in thai_terms
  std::vector<std::vector<Use>> thai_uses;
  // What the cluster and ICU checks need of each Thai term, computed once rather than per match.
  struct ThaiFacts {
    char32_t first, last; // its first and last code points (text::on_cluster_boundaries)
    bool thai_first;      // it starts with a Thai character
    bool short_term;      // text::is_short_term: must sit on ICU boundaries too
  };
  std::vector<ThaiFacts> thai_facts;
  std::vector<std::vector<std::string>> key_terms; // the keys of each key-trie term
  // Keys of key-trie terms that the automaton can find as text (ASCII or Thai: folded as the
  // automaton folds); automaton id thai_terms.size() + k is trigger_keys[k].
  std::vector<std::string> trigger_keys;
  std::vector<std::vector<std::uint32_t>> trigger_needs; // per key-trie term: its trigger keys
  std::vector<std::vector<std::uint32_t>> trigger_users; // per trigger key: the terms needing it
  // Per key-trie term: its keys in order as trigger keys, when all are findable (else empty).
  std::vector<std::vector<std::uint32_t>> trigger_chain;
  bool always_tokenize = false;         // a key-trie term none of whose keys the automaton can find
  std::uint32_t literal_base = 0;       // automaton id of literal_sets[0]
  std::vector<LiteralSet> literal_sets; // of every pattern, in pattern order
  std::vector<Glob> globs;
  std::vector<PatternInfo> patterns;
  std::vector<RuleInfo> rules;

  Compiled(const Codebook &cb, text::Dictionary dictionary) : codebook(cb), tokenizer(std::move(dictionary)) {}

  std::int32_t intern(std::string_view key) {
    if (auto it = key_ids.find(key); it != key_ids.end()) return it->second;
    const auto id = static_cast<std::int32_t>(key_ids.size());
    key_ids.emplace(std::string(key), id);
    key_of_id.emplace_back(key);
    return id;
  }

  std::uint32_t label(const std::string &text) {
    labels.push_back(text);
    return static_cast<std::uint32_t>(labels.size() - 1);
  }

  // The key strings of `term` as the tokenizer cuts it.
  std::vector<std::string> keys_of(std::string_view term) const {
    std::vector<std::string> keys;
    std::string scratch;
    for (const auto &token : tokenizer.tokenize(term))
      text::for_each_key(term, token, scratch, [&](auto, auto, std::string_view k) { keys.emplace_back(k); });
    return keys;
  }

  // Adds `term` to the trie (or the glob list) with `use`.
  void add(const Term &term, Use use) {
    if (term.is_glob()) {
      std::string folded;
      for (std::size_t i = 0; i < term.text.size();) {
        const char32_t c = text::decode_at(term.text, i);
        if (c == U'*' || text::detail::key_class(c) != text::detail::KeyClass::none)
          text::detail::append_folded(folded, c);
      }
      auto it = std::find_if(globs.begin(), globs.end(), [&](const Glob &g) { return g.pattern == folded; });
      if (it == globs.end()) it = globs.insert(globs.end(), Glob{folded, {}});
      it->uses.push_back(use);
      return;
    }
    if (thai_only(term.text)) {
      const auto [it, added] = thai_id.emplace(term.text, static_cast<std::uint32_t>(thai_terms.size()));
      if (added) {
        thai_terms.push_back(term.text);
        thai_uses.emplace_back();
      }
      thai_uses[it->second].push_back(use);
      return;
    }
    const auto keys = keys_of(term.text);
    if (keys.empty()) throw InputError(term.where, "term '" + term.text + "' has no letters or digits to match");
    key_terms.push_back(keys);
    std::int32_t node = 0;
    for (const auto &key : keys) {
      const std::uint64_t edge = (static_cast<std::uint64_t>(node) << 32) | static_cast<std::uint32_t>(intern(key));
      auto it = edges.find(edge);
      if (it == edges.end()) {
        it = edges.emplace(edge, static_cast<std::int32_t>(node_uses.size())).first;
        node_uses.emplace_back();
      }
      node = it->second;
    }
    node_uses[static_cast<std::size_t>(node)].push_back(use);
  }

  void compile_theme(std::uint32_t t) {
    const Theme &theme = codebook.themes[t];
    for (const Term &term : theme.terms)
      add(term, {UseKind::theme_term, false, t, label(term.text), 0, 0});
    for (const Term &term : theme.exclude)
      add(term, {UseKind::exclusion, false, t, 0, 0, 0});
    for (const Rule &rule : theme.rules) {
      const auto r = static_cast<std::uint32_t>(rules.size());
      rules.push_back({t, label(rule.display()), rule.kind, rule.within, rule.slot_count()});
      for (std::size_t s = 0; s < rule.terms.size(); ++s)
        add(rule.terms[s], {UseKind::rule_term, false, t, 0, r, rule.slot(s)});
      for (const Term &term : rule.not_terms)
        add(term, {UseKind::rule_term, true, t, 0, r, 0});
    }
    for (const Term &pattern : theme.patterns) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError parse_error;
      std::unique_ptr<icu::RegexPattern> regex(
          icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern.text), 0, parse_error, status));
      if (U_FAILURE(status))
        throw InputError(pattern.where, "invalid regular expression '" + pattern.text + "': " + u_errorName(status));
      const auto begin = static_cast<std::uint32_t>(literal_sets.size());
      for (auto &literals : required_literal_groups(pattern.text))
        literal_sets.push_back({std::move(literals), false});
      patterns.push_back({t, label("/" + pattern.text + "/"), std::move(regex), begin,
                          static_cast<std::uint32_t>(literal_sets.size())});
    }
  }

  void build_automaton() {
    for (std::uint32_t id = 0; id < thai_terms.size(); ++id) {
      const std::string &term = thai_terms[id];
      automaton.add(term, id);
      std::size_t p = 0;
      const char32_t first = text::decode_at(term, p);
      p = term.size();
      do {
        --p;
      } while (p > 0 && (static_cast<unsigned char>(term[p]) & 0xC0) == 0x80);
      const char32_t last = text::decode_at(term, p);
      thai_facts.push_back({first, last, text::thai::is_thai(first), text::is_short_term(term)});
    }
    // A key-trie term can only match where each of its keys occurs as text (case-folded): the
    // segment is tokenized only when all of some term's keys were found. Keys with letters the
    // automaton does not fold (non-ASCII Latin, ...) are not looked for.
    auto findable = [](const std::string &key) {
      for (std::size_t i = 0; i < key.size();) {
        const char32_t c = text::decode_at(key, i);
        if (c >= 0x80 && !(c >= 0x0E00 && c < 0x0E80)) return false;
      }
      return true;
    };
    std::unordered_map<std::string, std::uint32_t> trigger_of;
    for (std::uint32_t t = 0; t < key_terms.size(); ++t) {
      trigger_needs.emplace_back();
      trigger_chain.emplace_back();
      bool chainable = true;
      for (const auto &k : key_terms[t]) {
        if (!findable(k)) {
          chainable = false;
          continue;
        }
        auto [it, inserted] = trigger_of.emplace(k, static_cast<std::uint32_t>(trigger_keys.size()));
        if (inserted) {
          trigger_keys.push_back(k);
          trigger_users.emplace_back();
          automaton.add(k, static_cast<std::uint32_t>(thai_terms.size()) + it->second);
        }
        auto &needs = trigger_needs.back();
        if (std::find(needs.begin(), needs.end(), it->second) == needs.end()) {
          needs.push_back(it->second);
          trigger_users[it->second].push_back(t);
        }
        trigger_chain.back().push_back(it->second);
      }
      if (trigger_needs.back().empty()) always_tokenize = true;
      if (!chainable) trigger_chain.back().clear();
    }
    // The patterns' required literals are looked for in the same pass (ids after the trigger
    // keys): a segment without one of a pattern's sets skips its regex, with no second scan.
    literal_base = static_cast<std::uint32_t>(thai_terms.size() + trigger_keys.size());
    for (std::uint32_t k = 0; k < literal_sets.size(); ++k) {
      LiteralSet &set = literal_sets[k];
      set.in_automaton = std::all_of(set.literals.begin(), set.literals.end(), [](const std::string &literal) {
        return text::to_u32(literal).size() <= text::TermAutomaton::k_window;
      });
      if (set.in_automaton)
        for (const std::string &literal : set.literals)
          automaton.add(literal, literal_base + k);
    }
    automaton.build();
  }

  // Terms of Thai letters (and spaces) only are matched as text, on cluster boundaries, so a
  // term is found inside or across dictionary tokens (แพร่ระบาด in การแพร่ระบาด); terms with
  // Latin letters or digits go through match keys, so COVID-19 and covid 19 meet.
  static bool thai_only(std::string_view term) {
    bool thai = false;
    for (std::size_t i = 0; i < term.size();) {
      const char32_t c = text::decode_at(term, i);
      if (text::thai::is_thai(c) && !text::thai::is_thai_digit(c))
        thai = true;
      else if (c != U' ')
        return false;
    }
    return thai;
  }
};

namespace {

text::Dictionary dictionary_for(const Codebook &cb, const text::Dictionary &base) {
  text::Dictionary dict = base;
  auto add = [&](const Term &t) {
    if (!t.is_glob() && t.text.find(' ') == std::string::npos) dict.add(t.text);
  };
  for (const Theme &theme : cb.themes) {
    for (const Term &t : theme.terms)
      add(t);
    for (const Term &t : theme.exclude)
      add(t);
    for (const Rule &r : theme.rules) {
      for (const Term &t : r.terms)
        add(t);
      for (const Term &t : r.not_terms)
        add(t);
    }
  }
  return dict;
}

} // namespace

Matcher::Matcher(const Codebook &codebook, const text::Dictionary &base)
    : m_compiled(std::make_unique<Compiled>(codebook, dictionary_for(codebook, base))) {
  for (std::uint32_t t = 0; t < codebook.themes.size(); ++t)
    m_compiled->compile_theme(t);
  m_compiled->build_automaton();
}

Matcher::~Matcher() = default;
const Codebook &Matcher::codebook() const { return m_compiled->codebook; }
const text::Tokenizer &Matcher::tokenizer() const { return m_compiled->tokenizer; }
const std::string &Matcher::source_label(std::uint32_t s) const { return m_compiled->labels.at(s); }
std::size_t Matcher::source_count() const { return m_compiled->labels.size(); }

// --- matching ----------------------------------------------------------------------------------

namespace {

struct KeyRef {
  std::int32_t id; // -1: not a codebook key
  std::uint32_t start, end;
  std::uint32_t text_begin, text_end; // in State::key_text (for globs)
};

struct RuleHit {
  std::uint32_t rule, slot;
  bool negated;
  std::uint32_t start, end;
};

struct Span {
  std::uint32_t theme, start, end;
};

struct RawMatch {
  std::uint32_t start, end, id;
};

} // namespace

struct MatchSession::State {
  const Matcher::Compiled &c;
  text::Tokenizer tokenizer;
  std::vector<std::unique_ptr<icu::RegexMatcher>> regexes;
  UText *utext = nullptr;
  text::PhraseBoundaries boundaries; // ICU boundaries of the segment's phrases, shared with the tokenizer
  std::vector<text::Token> tokens;
  std::vector<KeyRef> keys;
  std::string key_text, scratch;
  std::vector<Coding> candidates;
  std::vector<RuleHit> rule_hits;
  std::vector<Span> exclusions;
  std::string_view current_text;
  std::vector<text::Token> window_tokens;
  std::vector<std::uint8_t> trigger_seen;   // per trigger key: found in this segment
  std::vector<std::uint32_t> seen_triggers; // the trigger keys found, to reset
  struct TriggerHit {
    std::uint32_t key, start, end;
    bool operator<(const TriggerHit &o) const { return std::tie(key, start, end) < std::tie(o.key, o.start, o.end); }
  };
  std::vector<TriggerHit> trigger_hits;        // where the trigger keys are, sorted by key then start
  std::array<std::vector<RawMatch>, 2> paired; // code_pair: each text's automaton matches
  std::vector<std::uint32_t> candidate_terms;  // key-trie terms whose keys all occur
  std::vector<std::uint8_t> literal_seen;      // per literal set: one of its literals occurs
  icu::UnicodeString utf16;                    // the segment in UTF-16, for the regexes (fast path)
  std::vector<std::uint32_t> utf16_bytes;      // per UTF-16 unit (and the end): its byte offset
  bool utf16_ready = false;                    // utf16 holds this segment
  bool literals_scanned = false;               // literal_seen is of this segment (fast path)
  bool keys_ready = false;
  std::vector<std::uint32_t> key_starts; // segment_key_starts()
  bool key_starts_ready = false;
  bool reference = false;

  explicit State(const Matcher::Compiled &compiled)
      : c(compiled), tokenizer(compiled.tokenizer), trigger_seen(compiled.trigger_keys.size(), 0) {
    for (const auto &p : c.patterns) {
      UErrorCode status = U_ZERO_ERROR;
      regexes.emplace_back(p.regex->matcher(status));
      if (U_FAILURE(status)) throw Error(std::string("cannot create a regex matcher: ") + u_errorName(status));
      regexes.back()->setTimeLimit(k_regex_step_limit, status);
    }
  }
  ~State() {
    if (utext) utext_close(utext);
  }

  void apply(const Use &use, std::uint32_t start, std::uint32_t end) {
    switch (use.kind) {
    case UseKind::theme_term:
      candidates.push_back({use.theme, use.source, start, end});
      break;
    case UseKind::exclusion:
      exclusions.push_back({use.theme, start, end});
      break;
    case UseKind::rule_term:
      rule_hits.push_back({use.rule, use.slot, use.negated, start, end});
      break;
    }
  }

  void collect_keys(std::string_view text) {
    keys_ready = true;
    tokens.clear();
    keys.clear();
    key_text.clear();
    tokenizer.tokenize(text, tokens, boundaries);
    const bool need_text = !c.globs.empty();
    for (const auto &token : tokens)
      text::for_each_key(text, token, scratch, [&](std::uint32_t s, std::uint32_t e, std::string_view k) {
        const auto it = c.key_ids.find(k);
        const auto begin = static_cast<std::uint32_t>(key_text.size());
        if (need_text) key_text += k;
        keys.push_back(
            {it == c.key_ids.end() ? -1 : it->second, s, e, begin, static_cast<std::uint32_t>(key_text.size())});
      });
  }

  void walk_trie() {
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
      if (keys[i].id < 0) continue;
      std::int32_t node = 0;
      for (std::uint32_t j = i; j < keys.size() && keys[j].id >= 0; ++j) {
        const auto edge =
            c.edges.find((static_cast<std::uint64_t>(node) << 32) | static_cast<std::uint32_t>(keys[j].id));
        if (edge == c.edges.end()) break;
        node = edge->second;
        for (const Use &use : c.node_uses[static_cast<std::size_t>(node)])
          apply(use, keys[i].start, keys[j].end);
      }
    }
  }

  // Index of the key holding byte `offset` (for rule distances); collect_keys() first.
  std::uint32_t key_at(std::uint32_t offset) const {
    const auto it = std::upper_bound(keys.begin(), keys.end(), offset,
                                     [](std::uint32_t o, const KeyRef &k) { return o < k.start; });
    return it == keys.begin() ? 0 : static_cast<std::uint32_t>(it - keys.begin() - 1);
  }

  // A Thai term found as text counts where both edges fall on cluster boundaries, and a short
  // one where they are ICU boundaries of its phrase too (cluster.hpp, PhraseBoundaries). The
  // reference decodes the text around both edges; the fast path knows the term's own first and
  // last code points and reads the text's neighbours as bytes.
  void accept_thai(std::string_view text, std::uint32_t id, std::uint32_t start, std::uint32_t end) {
    if (reference) {
      if (!cluster_start(text, start) || !cluster_end(text, end)) return;
      if (text::is_short_term(text.substr(start, end - start)) && !boundaries.on_boundaries(start, end)) return;
    } else {
      const auto &facts = c.thai_facts[id];
      if (!facts.thai_first || !text::on_cluster_boundaries(text, start, end, facts.first, facts.last)) return;
      if (facts.short_term && !boundaries.on_boundaries(start, end)) return;
    }
    for (const Use &use : c.thai_uses[id])
      apply(use, start, end);
  }

  // One automaton pass: Thai terms, and whether a key-trie term can occur at all.
  // `recorded`: the automaton's matches in `text` when a paired scan already found them.
  bool scan_automaton(std::string_view text, const std::vector<RawMatch> *recorded) {
    const auto thai_count = static_cast<std::uint32_t>(c.thai_terms.size());
    seen_triggers.clear();
    literal_seen.assign(c.literal_sets.size(), 0);
    literals_scanned = true;
    auto on_match = [&](std::uint32_t start, std::uint32_t end, std::uint32_t id) {
      if (id < thai_count) {
        accept_thai(text, id, start, end);
      } else if (id >= c.literal_base) {
        literal_seen[id - c.literal_base] = 1; // case-folded: may say yes where case differs, never no
      } else {
        const std::uint32_t key = id - thai_count;
        trigger_hits.push_back({key, start, end});
        if (!trigger_seen[key]) {
          trigger_seen[key] = 1;
          seen_triggers.push_back(key);
        }
      }
    };
    if (recorded) {
      for (const RawMatch &m : *recorded)
        on_match(m.start, m.end, m.id);
    } else {
      c.automaton.scan(text, on_match);
    }
    bool keys_needed = c.always_tokenize;
    // Terms whose keys all occur; only then are the keys' places sorted and their order checked.
    candidate_terms.clear();
    for (const std::uint32_t k : seen_triggers)
      for (const std::uint32_t t : c.trigger_users[k])
        if (std::all_of(c.trigger_needs[t].begin(), c.trigger_needs[t].end(),
                        [&](std::uint32_t n) { return trigger_seen[n] != 0; }))
          candidate_terms.push_back(t);
    if (!keys_needed && !candidate_terms.empty()) {
      std::sort(trigger_hits.begin(), trigger_hits.end());
      keys_needed = std::any_of(candidate_terms.begin(), candidate_terms.end(),
                                [&](std::uint32_t t) { return keys_may_chain(text, c.trigger_chain[t]); });
    }
    for (const std::uint32_t k : seen_triggers)
      trigger_seen[k] = 0;
    trigger_hits.clear();
    return keys_needed;
  }

  // Whether the keys of a key-trie term (`chain`, in order; empty: unknown) occur one after the
  // other in `text` with nothing that makes a key between them: a token sequence can only give
  // those keys in a row where that holds, so a segment where it does not needs no tokens.
  bool keys_may_chain(std::string_view text, const std::vector<std::uint32_t> &chain) const {
    if (chain.empty()) return true;
    auto hits_of = [&](std::uint32_t key) {
      return std::equal_range(trigger_hits.begin(), trigger_hits.end(), TriggerHit{key, 0, 0},
                              [](const TriggerHit &a, const TriggerHit &b) { return a.key < b.key; });
    };
    const auto [first, last] = hits_of(chain[0]);
    for (auto hit = first; hit != last; ++hit) {
      std::uint32_t end = hit->end;
      bool whole = true;
      for (std::size_t i = 1; i < chain.size() && whole; ++i) {
        const std::uint32_t next = next_key_char(text, end);
        const auto [from, to] = hits_of(chain[i]);
        const auto at = std::lower_bound(from, to, TriggerHit{chain[i], next, 0});
        whole = at != to && at->start == next;
        if (whole) end = at->end;
      }
      if (whole) return true;
    }
    return false;
  }

  // The first byte at or after `pos` that starts a character of a key (letter or digit).
  static std::uint32_t next_key_char(std::string_view text, std::uint32_t pos) {
    for (std::size_t i = pos; i < text.size();) {
      const std::size_t at = i;
      if (text::detail::key_class(text::decode_at(text, i)) != text::detail::KeyClass::none)
        return static_cast<std::uint32_t>(at);
    }
    return static_cast<std::uint32_t>(text.size());
  }

  // The reference for scan_automaton: every term searched on its own.
  bool scan_naive(std::string_view text) {
    literals_scanned = false;
    for (std::uint32_t id = 0; id < c.thai_terms.size(); ++id) {
      const std::string &term = c.thai_terms[id];
      for (auto at = text.find(term); at != std::string_view::npos; at = text.find(term, at + 1))
        accept_thai(text, id, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + term.size()));
    }
    return true;
  }

  // A Thai term starts on a Thai letter at a cluster boundary and ends at one (cluster.hpp).
  static bool cluster_start(std::string_view s, std::size_t i) {
    std::size_t p = i;
    return i < s.size() && text::thai::is_thai(text::decode_at(s, p)) && text::is_cluster_boundary_at(s, i);
  }
  static bool cluster_end(std::string_view s, std::size_t i) { return text::is_cluster_boundary_at(s, i); }

  void match_globs() {
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
      const std::string_view k(key_text.data() + keys[i].text_begin, keys[i].text_end - keys[i].text_begin);
      for (const Glob &g : c.globs)
        if (glob_match(g.pattern, k))
          for (const Use &use : g.uses)
            apply(use, keys[i].start, keys[i].end);
    }
  }

  // Whether every required literal set of pattern `p` has a member in `text` (fast path).
  bool literals_present(std::string_view text, const PatternInfo &p) const {
    for (std::uint32_t k = p.sets_begin; k < p.sets_end; ++k) {
      const LiteralSet &set = c.literal_sets[k];
      if (set.in_automaton && literals_scanned) {
        if (!literal_seen[k]) return false;
      } else if (std::none_of(set.literals.begin(), set.literals.end(), [&](const std::string &literal) {
                   return ::memmem(text.data(), text.size(), literal.data(), literal.size()) != nullptr;
                 })) {
        return false;
      }
    }
    return true;
  }

  // The segment in UTF-16 with the byte offset of each unit: ICU's regex engine matches a
  // UTF-16 string held whole several times faster than a UTF-8 UText, which it reads through
  // a small window with a native index to map at every step.
  void prepare_utf16(std::string_view text) {
    if (utf16_ready) return;
    utf16_ready = true;
    utf16.remove();
    utf16_bytes.clear();
    for (std::size_t i = 0; i < text.size();) {
      const auto at = static_cast<std::uint32_t>(i);
      const char32_t cp = text::decode_at(text, i);
      utf16.append(static_cast<UChar32>(cp));
      utf16_bytes.push_back(at);
      if (cp > 0xFFFF) utf16_bytes.push_back(at); // the low surrogate: no match edge falls there
    }
    utf16_bytes.push_back(static_cast<std::uint32_t>(text.size()));
  }

  void match_patterns(std::string_view text) {
    if (regexes.empty()) return;
    UErrorCode status = U_ZERO_ERROR;
    utf16_ready = false;
    if (reference) utext = utext_openUTF8(utext, text.data(), static_cast<int64_t>(text.size()), &status);
    for (std::size_t p = 0; p < regexes.size(); ++p) {
      auto &m = *regexes[p];
      status = U_ZERO_ERROR;
      if (reference) {
        m.reset(utext); // the plain way: every pattern on every segment, through a UTF-8 UText
      } else {
        if (!literals_present(text, c.patterns[p])) continue;
        prepare_utf16(text);
        m.reset(utf16);
      }
      while (m.find(status) && U_SUCCESS(status)) {
        auto s = static_cast<std::uint32_t>(m.start64(status));
        auto e = static_cast<std::uint32_t>(m.end64(status));
        if (!reference) s = utf16_bytes[s], e = utf16_bytes[e];
        if (e > s) candidates.push_back({c.patterns[p].theme, c.patterns[p].source, s, e});
      }
      if (status == U_REGEX_TIME_OUT)
        throw Error("pattern " + c.labels[c.patterns[p].source] + " of theme '" +
                    c.codebook.themes[c.patterns[p].theme].id + "' exceeded its time limit on: " + excerpt(text));
    }
  }

  // Where the segment's keys start, in order: the keys collect_keys() found, else the
  // segment's tokens, cut once per segment for all its `near` windows (with the boundaries the
  // short-term checks already asked ICU for).
  const std::vector<std::uint32_t> &segment_key_starts() {
    if (key_starts_ready) return key_starts;
    key_starts_ready = true;
    key_starts.clear();
    if (keys_ready) {
      for (const KeyRef &k : keys)
        key_starts.push_back(k.start);
      return key_starts;
    }
    window_tokens.clear();
    tokenizer.tokenize(current_text, window_tokens, boundaries);
    for (const auto &token : window_tokens)
      text::for_each_key(current_text, token, scratch,
                         [&](std::uint32_t ks, std::uint32_t, std::string_view) { key_starts.push_back(ks); });
    return key_starts;
  }

  // Keys strictly between a hit ending at `earlier_end` and one starting at `later_start`, as
  // the whole segment's tokenization counts them: those starting after the earlier hit's last
  // byte, up to the later hit's start, less the one the later hit starts. Phrases are
  // tokenized independently, so the reference tokenizes only the phrases the window touches.
  long keys_between(std::uint32_t earlier_end, std::uint32_t later_start) {
    if (later_start < earlier_end) return -1; // overlapping hits
    const std::uint32_t last = earlier_end == 0 ? 0 : earlier_end - 1;
    if (!reference) {
      const auto &starts = segment_key_starts();
      const auto upto = [&](std::uint32_t at) { return std::upper_bound(starts.begin(), starts.end(), at); };
      return static_cast<long>(upto(later_start) - upto(last)) - 1;
    }
    const std::string_view text = current_text;
    std::size_t b = text.rfind(' ', last);
    b = b == std::string_view::npos ? 0 : b + 1;
    std::size_t e = text.find(' ', later_start);
    if (e == std::string_view::npos) e = text.size();
    window_tokens.clear();
    tokenizer.tokenize(text.substr(b, e - b), window_tokens);
    long first = -1, second = -1, index = -1;
    for (const auto &token : window_tokens)
      text::for_each_key(text.substr(b, e - b), token, scratch, [&](std::uint32_t ks, std::uint32_t, std::string_view) {
        ++index;
        if (b + ks <= last) first = index;
        if (b + ks <= later_start) second = index;
      });
    return second - first - 1;
  }

  void evaluate_rules() {
    if (rule_hits.empty()) return;
    std::sort(rule_hits.begin(), rule_hits.end(), [](const RuleHit &a, const RuleHit &b) {
      return std::tie(a.rule, a.start, a.slot, a.end) < std::tie(b.rule, b.start, b.slot, b.end);
    });
    for (std::size_t from = 0; from < rule_hits.size();) {
      std::size_t to = from;
      while (to < rule_hits.size() && rule_hits[to].rule == rule_hits[from].rule)
        ++to;
      evaluate_rule(rule_hits[from].rule, from, to);
      from = to;
    }
  }

  void evaluate_rule(std::uint32_t r, std::size_t from, std::size_t to) {
    const RuleInfo &rule = c.rules[r];
    std::vector<const RuleHit *> hits;
    for (std::size_t k = from; k < to; ++k) {
      if (rule_hits[k].negated) return; // a `not` term is present
      hits.push_back(&rule_hits[k]);
    }
    auto emit = [&](std::uint32_t start, std::uint32_t end) {
      candidates.push_back({rule.theme, rule.source, start, end});
    };
    if (rule.kind == RuleKind::any_of) {
      emit(hits.front()->start, hits.front()->end);
      return;
    }
    if (rule.kind == RuleKind::all_of) {
      std::vector<const RuleHit *> first(rule.slots, nullptr);
      for (const RuleHit *h : hits)
        if (!first[h->slot]) first[h->slot] = h;
      if (std::find(first.begin(), first.end(), nullptr) != first.end()) return;
      std::uint32_t start = UINT32_MAX, end = 0;
      for (const RuleHit *h : first)
        start = std::min(start, h->start), end = std::max(end, h->end);
      emit(start, end);
      return;
    }
    // near: the first window holding every term, at most `within` keys between its ends.
    std::vector<bool> present(rule.slots, false);
    for (const RuleHit *h : hits)
      present[h->slot] = true;
    if (std::find(present.begin(), present.end(), false) != present.end()) return;
    for (std::size_t l = 0; l < hits.size(); ++l) {
      std::vector<bool> seen(rule.slots, false);
      std::size_t missing = rule.slots;
      std::uint32_t end = 0;
      for (std::size_t k = l; k < hits.size(); ++k) {
        const long gap = k > l ? keys_between(hits[l]->end, hits[k]->start) : 0;
        if (k > l && gap > rule.within) break;
        end = std::max(end, hits[k]->end);
        if (!seen[hits[k]->slot]) seen[hits[k]->slot] = true, --missing;
        if (missing == 0) {
          emit(hits[l]->start, end);
          return;
        }
      }
    }
  }

  void code(std::string_view text, std::vector<Coding> &out, const std::vector<RawMatch> *recorded);

  void select(std::vector<Coding> &out) {
    if (!exclusions.empty())
      candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                      [&](const Coding &cd) {
                                        return std::any_of(exclusions.begin(), exclusions.end(), [&](const Span &x) {
                                          return x.theme == cd.theme && x.start < cd.end && cd.start < x.end;
                                        });
                                      }),
                       candidates.end());
    std::sort(candidates.begin(), candidates.end(), [](const Coding &a, const Coding &b) {
      return std::make_tuple(a.theme, a.start, b.end, a.source) < std::make_tuple(b.theme, b.start, a.end, b.source);
    });
    out.clear();
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      const Coding &cd = candidates[k];
      if (!out.empty() && out.back().theme == cd.theme && cd.start < out.back().end) continue;
      out.push_back(cd);
    }
    std::sort(out.begin(), out.end(), [](const Coding &a, const Coding &b) {
      return std::tie(a.start, a.theme, a.end, a.source) < std::tie(b.start, b.theme, b.end, b.source);
    });
  }
};

MatchSession::MatchSession(const Matcher &matcher, Mode mode) : m_state(std::make_unique<State>(matcher.compiled())) {
  m_state->reference = mode == Mode::reference;
}
MatchSession::~MatchSession() = default;
MatchSession::MatchSession(MatchSession &&) noexcept = default;

void MatchSession::State::code(std::string_view text, std::vector<Coding> &out, const std::vector<RawMatch> *recorded) {
  candidates.clear();
  rule_hits.clear();
  exclusions.clear();
  current_text = text;
  keys_ready = false;
  key_starts_ready = false;
  boundaries.reset(text);
  const bool keys_needed = reference ? scan_naive(text) : scan_automaton(text, recorded);
  if (keys_needed || !c.globs.empty()) {
    collect_keys(text);
    walk_trie();
    if (!c.globs.empty()) match_globs();
  }
  match_patterns(text);
  evaluate_rules();
  select(out);
}

void MatchSession::code(std::string_view text, std::vector<Coding> &out) { m_state->code(text, out, nullptr); }

void MatchSession::code_pair(std::string_view a, std::vector<Coding> &out_a, std::string_view b,
                             std::vector<Coding> &out_b) {
  State &s = *m_state;
  if (s.reference || !s.c.automaton.large()) {
    s.code(a, out_a, nullptr);
    s.code(b, out_b, nullptr);
    return;
  }
  s.paired[0].clear();
  s.paired[1].clear();
  s.c.automaton.scan_pair(
      a,
      [&](std::uint32_t start, std::uint32_t end, std::uint32_t id) {
        s.paired[0].push_back({start, end, id});
      },
      b,
      [&](std::uint32_t start, std::uint32_t end, std::uint32_t id) {
        s.paired[1].push_back({start, end, id});
      });
  s.code(a, out_a, &s.paired[0]);
  s.code(b, out_b, &s.paired[1]);
}

} // namespace supanalyze::codebook
