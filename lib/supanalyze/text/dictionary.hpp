// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::text {

// A set of words (domain terms) looked up by prefix in a byte trie. ASCII letters are stored
// and compared case-folded, so "TPmap" finds "tpmap". Words are expected normalized.
class Dictionary {
public:
  Dictionary() = default;

  // Adds `word` (ignored when empty or already present).
  void add(std::string_view word);
  // Adds one word per line of `text`; blank lines and lines starting with '#' are skipped.
  void add_lines(std::string_view text);
  // The same for a user's word list named `name` (a --dict file), refusing a word longer than
  // k_max_word_chars with InputError at its line: one 32,000-character word took 27 s and 6.6 GB.
  void add_lines(std::string_view text, const std::string &name);

  // The longest word of a user's word list, in characters (docs/limits.md).
  static constexpr std::size_t k_max_word_chars = 100;

  bool contains(std::string_view word) const;
  std::size_t size() const { return m_words.size(); }
  bool empty() const { return m_words.empty(); }
  // The words in insertion order, as given.
  const std::vector<std::string> &words() const { return m_words; }

  // Calls `on_match(length)` for every word that is a prefix of `text`, shortest first.
  template <typename F> void for_each_prefix(std::string_view text, F &&on_match) const {
    std::int32_t node = 0;
    std::size_t i = 0;
    // A Thai code point (E0 B8 xx, E0 B9 xx) first: one lookup instead of three steps. The
    // tokenizer asks at every code point of a phrase, and at most of them no word starts.
    const auto *b = reinterpret_cast<const unsigned char *>(text.data());
    if (text.size() >= 3 && b[0] == 0xE0 && (b[1] == 0xB8 || b[1] == 0xB9) && (b[2] & 0xC0) == 0x80) {
      node = m_thai_first[static_cast<std::size_t>(((b[1] - 0xB8) << 6) | (b[2] & 0x3F))];
      if (node < 0) return;
      if (m_nodes[static_cast<std::size_t>(node)].terminal) on_match(3);
      i = 3;
    }
    for (; i < text.size(); ++i) {
      node = child(node, fold(static_cast<unsigned char>(text[i])));
      if (node < 0) return;
      if (m_nodes[static_cast<std::size_t>(node)].terminal) on_match(i + 1);
    }
  }

  // Calls `on_match(length)` for every word that is a prefix of `text` (code points; length in
  // code points), shortest first. Walks the same byte trie as for_each_prefix.
  template <typename F> void for_each_prefix(std::u32string_view text, F &&on_match) const {
    std::int32_t node = 0;
    char bytes[4];
    for (std::size_t i = 0; i < text.size(); ++i) {
      const std::size_t n = encode(text[i], bytes);
      for (std::size_t k = 0; k < n && node >= 0; ++k)
        node = child(node, fold(static_cast<unsigned char>(bytes[k])));
      if (node < 0) return;
      if (m_nodes[static_cast<std::size_t>(node)].terminal) on_match(i + 1);
    }
  }

  // The default domain word list embedded in the binary (terms that must stay whole).
  static const Dictionary &domain_default();
  static std::string_view domain_default_text();

private:
  struct Node {
    std::vector<std::pair<unsigned char, std::int32_t>> children; // sorted by byte
    std::int32_t dense = -1;                                      // index into m_dense once the node has many children
    bool terminal = false;
  };
  static unsigned char fold(unsigned char b) { return (b >= 'A' && b <= 'Z') ? b + 32 : b; }
  static std::size_t encode(char32_t c, char *out);
  std::int32_t child(std::int32_t node, unsigned char b) const {
    const Node &n = m_nodes[static_cast<std::size_t>(node)];
    if (n.dense >= 0) return m_dense[static_cast<std::size_t>(n.dense)][b];
    for (const auto &[byte, next] : n.children) {
      if (byte == b) return next;
      if (byte > b) break;
    }
    return -1;
  }

  // Nodes with more than this many children get a 256-entry table (the trie's hot fan-out
  // nodes: a Thai code point's last byte has up to 64 siblings).
  static constexpr std::size_t k_dense_after = 6;

  static std::array<std::int32_t, 128> no_nodes() {
    std::array<std::int32_t, 128> a;
    a.fill(-1);
    return a;
  }

  std::vector<Node> m_nodes{Node{}};
  // The node after a Thai code point from the root, by its last byte and the bit of its second
  // (E0 B8 80-BF, E0 B9 80-BF: U+0E00-U+0E7F); -1 when no word starts with it.
  std::array<std::int32_t, 128> m_thai_first = no_nodes();
  std::vector<std::array<std::int32_t, 256>> m_dense;
  std::vector<std::string> m_words;
};

// The Thai word list of libthai (Debian's libthai-data: about 25,000 words in thbrk.tri, a
// libdatrie trie), compiled into the binary at build time as a flat trie read in place
// (text/word_trie.hpp); another file is read through libdatrie. Keyed by code point.
class ThaiWordList {
public:
  // Opens the trie file at `path`; an unreadable or missing file gives an empty list.
  explicit ThaiWordList(const std::string &path);
  ~ThaiWordList();
  ThaiWordList(const ThaiWordList &) = delete;
  ThaiWordList &operator=(const ThaiWordList &) = delete;

  // libthai's own dictionary: $LIBTHAI_DICTDIR/thbrk.tri when that variable is set (as libthai
  // itself reads it), else the list compiled in (the installed file when the build found none).
  // Opened on the first call, then shared; safe to read from several threads.
  static const ThaiWordList &libthai();
  // The file libthai() reads when it has no list compiled in or the variable is set.
  static std::string libthai_path();

  bool empty() const { return m_trie == nullptr; }
  bool contains(std::u32string_view word) const;
  // Appends to `lengths` the length (in code points) of every word that is a prefix of `text`,
  // shortest first.
  void prefix_lengths(std::u32string_view text, std::vector<std::uint32_t> &lengths) const;

private:
  struct Trie;
  Trie *m_trie = nullptr;
};

} // namespace supanalyze::text
