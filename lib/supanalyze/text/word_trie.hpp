// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::text {

// A set of words over code points as a flat, read-only trie: the nodes in breadth-first order,
// so the children of a node are consecutive and sorted by code point. Two arrays describe it,
// which can live in the binary itself (the table that lib/tools/compile_wordlist.cpp makes at
// build time from libthai's word list) or in memory (WordTrieData): `labels[n]` is the code
// point that leads to node n (root: 0), and `links[n]` is its first child's index times two,
// plus one when a word ends at n; `links` has one entry more than there are nodes, so the
// children of n are [links[n] / 2, links[n + 1] / 2). Header-only: the build-time tool links
// nothing of the library.
struct WordTrieView {
  const std::uint16_t *labels = nullptr;
  const std::uint32_t *links = nullptr;
  std::size_t nodes = 0;

  bool empty() const { return nodes <= 1; }

  // Calls `on_match(length)` for every word that is a prefix of `text` (length in code
  // points), shortest first.
  template <typename F> void for_each_prefix(std::u32string_view text, F &&on_match) const {
    if (empty()) return;
    std::uint32_t node = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char32_t c = text[i];
      if (c > 0xFFFF) return;
      const std::uint16_t *first = labels + (links[node] >> 1), *last = labels + (links[node + 1] >> 1);
      const std::uint16_t *at = std::lower_bound(first, last, static_cast<std::uint16_t>(c));
      if (at == last || *at != c) return;
      node = static_cast<std::uint32_t>(at - labels);
      if (links[node] & 1) on_match(i + 1);
    }
  }

  // Calls `on_word(word)` for every word, in code point order.
  template <typename F> void for_each_word(F &&on_word) const {
    if (empty()) return;
    std::u32string word;
    walk(0, word, on_word);
  }

private:
  template <typename F> void walk(std::uint32_t node, std::u32string &word, F &on_word) const {
    if (node != 0 && (links[node] & 1)) on_word(std::u32string_view(word));
    for (std::uint32_t child = links[node] >> 1; child < (links[node + 1] >> 1); ++child) {
      word.push_back(labels[child]);
      walk(child, word, on_word);
      word.pop_back();
    }
  }
};

// A WordTrieView's arrays, owned.
struct WordTrieData {
  std::vector<std::uint16_t> labels;
  std::vector<std::uint32_t> links;

  WordTrieView view() const { return {labels.data(), links.data(), labels.size()}; }
};

// Lays out `words` (any order, repeats ignored) as a WordTrieData. Returns false, leaving
// `out` empty, when a word holds a code point beyond U+FFFF or there are more than 2^31 nodes.
inline bool build_word_trie(const std::vector<std::u32string> &words, WordTrieData &out) {
  out = {};
  struct Node {
    std::map<char32_t, std::uint32_t> children;
    bool terminal = false;
  };
  std::vector<Node> nodes(1);
  for (const auto &word : words) {
    std::uint32_t n = 0;
    for (char32_t c : word) {
      if (c > 0xFFFF) return false;
      auto it = nodes[n].children.find(c);
      if (it == nodes[n].children.end()) {
        it = nodes[n].children.emplace(c, static_cast<std::uint32_t>(nodes.size())).first;
        nodes.emplace_back();
      }
      n = it->second;
    }
    if (!word.empty()) nodes[n].terminal = true;
  }
  if (nodes.size() >= (std::size_t{1} << 31)) return false;
  // Breadth first: `order` lists the old indices in their new order.
  std::vector<std::uint32_t> order{0};
  out.labels.push_back(0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const Node &node = nodes[order[k]];
    out.links.push_back(static_cast<std::uint32_t>(order.size() << 1) | (node.terminal ? 1u : 0u));
    for (const auto &[c, child] : node.children) {
      order.push_back(child);
      out.labels.push_back(static_cast<std::uint16_t>(c));
    }
  }
  out.links.push_back(static_cast<std::uint32_t>(order.size() << 1));
  return true;
}

} // namespace supanalyze::text
