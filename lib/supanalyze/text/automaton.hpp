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
// Why: it is the literal prefilter of design.md. The alphabet is the code points the patterns
// use (ASCII letters folded to lower case), so the transition table is dense and small and one
// step costs one table lookup per code point; every other code point shares one class.
class TermAutomaton {
public:
  // Adds `pattern` (non-empty, valid UTF-8) with the caller's `id`. Call build() after the last.
  void add(std::string_view pattern, std::uint32_t id);
  void build();
  bool empty() const { return m_patterns.empty(); }

  // Calls `on_match(start, end, id)` for every occurrence (byte offsets into `text`), ordered
  // by end, longer patterns first at the same end.
  template <typename F> void scan(std::string_view text, F&& on_match) const {
    if (m_patterns.empty()) return;
    std::array<std::uint32_t, k_window> starts{}; // byte offset of recent code points
    std::uint32_t state = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
      const auto start = static_cast<std::uint32_t>(i);
      const char32_t cp = decode_at(text, i);
      starts[count % k_window] = start;
      ++count;
      state = m_delta[state * m_classes + class_of(cp)];
      for (std::uint32_t k = m_out_begin[state]; k < m_out_begin[state + 1]; ++k) {
        const Output& o = m_outputs[k];
        on_match(starts[(count - o.length) % k_window], static_cast<std::uint32_t>(i), o.id);
      }
    }
  }

  // Longest pattern, in code points (patterns longer than the window are rejected by add()).
  static constexpr std::size_t k_window = 256;

private:
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

  std::vector<std::pair<std::u32string, std::uint32_t>> m_patterns;
  std::array<std::uint32_t, 0x100> m_small{}; // ASCII, then the Thai block
  std::unordered_map<char32_t, std::uint32_t> m_other;
  std::uint32_t m_classes = 1;
  std::vector<std::uint32_t> m_delta;     // state * m_classes + class -> state
  std::vector<std::uint32_t> m_out_begin; // outputs of state s: [m_out_begin[s], m_out_begin[s+1])
  std::vector<Output> m_outputs;
};

} // namespace supanalyze::text
