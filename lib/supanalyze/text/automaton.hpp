// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/text/utf8.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace supanalyze::text {

// Aho-Corasick automaton over code points: finds every occurrence of many literal patterns in
// one pass over a text, whatever their number.
//
// Why: it is the literal prefilter of ARCHITECTURE.md (Matching). The alphabet is the code
// points the patterns use (ASCII letters folded to lower case), so the transition table is dense
// and small and one step costs one table lookup per code point; every other code point shares
// one class.
class TermAutomaton {
public:
  // Adds `pattern` (non-empty, valid UTF-8) with the caller's `id`. Call build() after the last.
  void add(std::string_view pattern, std::uint32_t id);
  void build();
  bool empty() const { return m_patterns.empty(); }

  // Calls `on_match(start, end, id)` for every occurrence (byte offsets into `text`), ordered
  // by end, longer patterns first at the same end.
  template <typename F> void scan(std::string_view text, F &&on_match) const {
    if (m_patterns.empty()) return;
    Cursor cursor(text);
    if (!m_delta16.empty()) {
      while (cursor.more())
        step(m_delta16.data(), cursor, on_match);
    } else {
      while (cursor.more())
        step(m_delta.data(), cursor, on_match);
    }
  }

  // scan(a, on_a) and scan(b, on_b) in one loop, a step of each in turn: the two walks do not
  // depend on each other, so the processor overlaps their table loads, which is what a step
  // waits on once the table no longer fits in the core's caches (see large()).
  template <typename FA, typename FB>
  void scan_pair(std::string_view a, FA &&on_a, std::string_view b, FB &&on_b) const {
    if (m_patterns.empty()) return;
    if (!m_delta16.empty())
      scan_pair_with(m_delta16.data(), a, on_a, b, on_b);
    else
      scan_pair_with(m_delta.data(), a, on_a, b, on_b);
  }

  // A scan one code point at a time, for a caller that decodes the text itself (the
  // normalizer's clean-line check, which folds this scan into its own pass): the state after
  // `cp` from `state` (a scan starts at 0). Only on a built, non-empty automaton.
  std::uint32_t next_state(std::uint32_t state, char32_t cp) const {
    const std::uint32_t cls = class_of(cp);
    return m_delta16.empty() ? m_delta[state * m_classes + cls] : m_delta16[state * m_classes + cls];
  }
  // Whether some pattern ends at `state`: scan() reports a match there.
  bool has_output(std::uint32_t state) const { return (m_has_output[state / 64] >> (state % 64)) & 1; }

  // Whether the transition table is larger than a core's fast caches: then scan_pair pays.
  bool large() const { return (m_delta16.size() * 2 + m_delta.size() * 4) > k_large_table_bytes; }

  // Longest pattern, in code points (patterns longer than the window are rejected by add()).
  static constexpr std::size_t k_window = 256;

private:
  static constexpr std::size_t k_large_table_bytes = 512 * 1024;

  // One text being scanned: where it is, its state, and the byte offsets of its recent code
  // points (only entries already written are ever read).
  struct Cursor {
    explicit Cursor(std::string_view t) : text(t) {} // `starts` left unset: 1 KiB not to clear per text
    std::string_view text;
    std::size_t i = 0, count = 0;
    std::uint32_t state = 0;
    std::array<std::uint32_t, k_window> starts;
    bool more() const { return i < text.size(); }
  };

  // One code point of `c`: its class, the transition, and the matches ending there.
  template <typename State, typename F>
  [[gnu::always_inline]] void step(const State *delta, Cursor &c, F &on_match) const {
    const auto start = static_cast<std::uint32_t>(c.i);
    c.starts[c.count % k_window] = start;
    ++c.count;
    // ASCII and the Thai block (E0 B8 xx, E0 B9 xx) index m_small straight from their bytes.
    const auto *bytes = reinterpret_cast<const unsigned char *>(c.text.data());
    std::uint32_t cls;
    const unsigned char b0 = bytes[c.i];
    if (b0 < 0x80) {
      cls = m_small[b0 >= 'A' && b0 <= 'Z' ? b0 + 32 : b0];
      ++c.i;
    } else if (b0 == 0xE0 && (bytes[c.i + 1] == 0xB8 || bytes[c.i + 1] == 0xB9)) {
      cls = m_small[0x80 + ((static_cast<std::uint32_t>(bytes[c.i + 1] - 0xB8) << 6) | (bytes[c.i + 2] & 0x3Fu))];
      c.i += 3;
    } else {
      cls = class_of(decode_at(c.text, c.i));
    }
    c.state = delta[c.state * m_classes + cls];
    if (!((m_has_output[c.state / 64] >> (c.state % 64)) & 1)) return;
    for (std::uint32_t k = m_out_begin[c.state]; k < m_out_begin[c.state + 1]; ++k) {
      const Output &o = m_outputs[k];
      on_match(c.starts[(c.count - o.length) % k_window], static_cast<std::uint32_t>(c.i), o.id);
    }
  }

  template <typename State, typename FA, typename FB>
  void scan_pair_with(const State *delta, std::string_view a, FA &on_a, std::string_view b, FB &on_b) const {
    Cursor ca(a), cb(b);
    while (ca.more() && cb.more()) {
      step(delta, ca, on_a);
      step(delta, cb, on_b);
    }
    while (ca.more())
      step(delta, ca, on_a);
    while (cb.more())
      step(delta, cb, on_b);
  }

  struct Output {
    std::uint32_t id;
    std::uint32_t length; // code points
  };
  static char32_t fold(char32_t c) { return (c >= U'A' && c <= U'Z') ? c + 32 : c; }
  std::uint32_t class_of(char32_t cp) const {
    cp = fold(cp);
    if (cp < 0x80) return m_small[cp];
    if (cp >= 0x0E00 && cp < 0x0E80) return m_small[0x80 + (cp - 0x0E00)];
    if (m_other.empty()) return 0;
    const auto it = m_other.find(cp);
    return it == m_other.end() ? 0 : it->second;
  }
  std::uint32_t intern_class(char32_t cp);
  struct TrieNode;
  template <typename State>
  void fill(std::vector<State> &delta, const std::vector<TrieNode> &trie, const std::vector<std::uint32_t> &order,
            const std::vector<std::uint32_t> &number);

  std::vector<std::pair<std::u32string, std::uint32_t>> m_patterns;
  std::array<std::uint32_t, 0x100> m_small{}; // ASCII, then the Thai block
  std::unordered_map<char32_t, std::uint32_t> m_other;
  std::uint32_t m_classes = 1;
  std::vector<std::uint32_t> m_delta;     // state * m_classes + class -> state (breadth-first numbers)
  std::vector<std::uint16_t> m_delta16;   // the same when there are at most 65536 states
  std::vector<std::uint32_t> m_out_begin; // outputs of state s: [m_out_begin[s], m_out_begin[s+1])
  // Bit s: state s has outputs. Small enough to stay in cache, so the steps that match nothing
  // (most of them) do not touch m_out_begin.
  std::vector<std::uint64_t> m_has_output;
  std::vector<Output> m_outputs;
};

} // namespace supanalyze::text
