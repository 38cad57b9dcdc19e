// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/text/dictionary.hpp>
#include <supanalyze/text/utf8.hpp>

#include <supanalyze/text/datrie_words.hpp>
#include <supanalyze/text/word_trie.hpp>

#include <algorithm>
#include <cstdlib>

namespace supanalyze::embedded {
extern const std::string_view domain_words;
// lib/tools/compile_wordlist.cpp: libthai's word list as the arrays of a text::WordTrieView
extern const std::uint16_t thai_words_labels[];
extern const std::uint32_t thai_words_links[];
extern const std::size_t thai_words_nodes;
extern const std::size_t thai_words_count;
} // namespace supanalyze::embedded

namespace supanalyze::text {

void Dictionary::add(std::string_view word) {
  if (word.empty()) return;
  std::int32_t node = 0;
  for (char c : word) {
    const unsigned char b = fold(static_cast<unsigned char>(c));
    std::int32_t next = child(node, b);
    if (next < 0) {
      next = static_cast<std::int32_t>(m_nodes.size());
      m_nodes.emplace_back();
      Node &parent = m_nodes[static_cast<std::size_t>(node)];
      auto &kids = parent.children;
      kids.insert(std::upper_bound(kids.begin(), kids.end(), std::make_pair(b, std::int32_t{-1})), {b, next});
      if (parent.dense < 0 && kids.size() > k_dense_after) {
        parent.dense = static_cast<std::int32_t>(m_dense.size());
        m_dense.emplace_back();
        m_dense.back().fill(-1);
        for (const auto &[byte, target] : kids)
          m_dense.back()[byte] = target;
      } else if (parent.dense >= 0) {
        m_dense[static_cast<std::size_t>(parent.dense)][b] = next;
      }
    }
    node = next;
  }
  const auto *w = reinterpret_cast<const unsigned char *>(word.data());
  if (word.size() >= 3 && w[0] == 0xE0 && (w[1] == 0xB8 || w[1] == 0xB9) && (w[2] & 0xC0) == 0x80) {
    std::int32_t first = 0; // the node after the word's first code point (ids never change)
    for (std::size_t k = 0; k < 3; ++k)
      first = child(first, w[k]);
    m_thai_first[static_cast<std::size_t>(((w[1] - 0xB8) << 6) | (w[2] & 0x3F))] = first;
  }
  auto &terminal = m_nodes[static_cast<std::size_t>(node)].terminal;
  if (!terminal) {
    terminal = true;
    m_words.emplace_back(word);
  }
}

void Dictionary::add_lines(std::string_view text) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') add(line);
    pos = end + 1;
  }
}

void Dictionary::add_lines(std::string_view text, const std::string &name) {
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++line_no;
    const std::string_view line = text.substr(pos, end - pos);
    const std::size_t chars = code_point_count(line);
    if (chars > k_max_word_chars && line.front() != '#')
      throw InputError({name, line_no, 1}, "a word of " + std::to_string(chars) +
                                               " characters (a word list holds words "
                                               "of at most " +
                                               std::to_string(k_max_word_chars) + ")");
    pos = end + 1;
  }
  add_lines(text);
}

bool Dictionary::contains(std::string_view word) const {
  bool found = false;
  for_each_prefix(word, [&](std::size_t len) { found = found || len == word.size(); });
  return found;
}

std::size_t Dictionary::encode(char32_t c, char *out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

std::string_view Dictionary::domain_default_text() { return embedded::domain_words; }

const Dictionary &Dictionary::domain_default() {
  static const Dictionary dict = [] {
    Dictionary d;
    d.add_lines(embedded::domain_words);
    return d;
  }();
  return dict;
}

// --- libthai's word list ------------------------------------------------------------------------

struct ThaiWordList::Trie {
  WordTrieData data; // the arrays of `view` when read from a file
  WordTrieView view;
};

ThaiWordList::ThaiWordList(const std::string &path) {
  std::vector<std::u32string> words;
  WordTrieData data;
  if (path.empty() || !read_datrie_words(path, words) || !build_word_trie(words, data)) return;
  m_trie = new Trie{std::move(data), {}};
  m_trie->view = m_trie->data.view();
}

ThaiWordList::~ThaiWordList() { delete m_trie; }

std::string ThaiWordList::libthai_path() {
  const char *dir = std::getenv("LIBTHAI_DICTDIR");
  return std::string(dir && *dir ? dir : SUPANALYZE_LIBTHAI_DICTDIR) + "/thbrk.tri";
}

const ThaiWordList &ThaiWordList::libthai() {
  static const ThaiWordList *const chosen = []() -> const ThaiWordList * {
    const char *dir = std::getenv("LIBTHAI_DICTDIR");
    if ((dir && *dir) || embedded::thai_words_nodes <= 1) {
      static const ThaiWordList from_file(libthai_path());
      return &from_file;
    }
    // The list compiled into the binary (lib/tools/compile_wordlist.cpp): its arrays, read in place.
    static ThaiWordList built_in{std::string()};
    built_in.m_trie =
        new Trie{{}, {embedded::thai_words_labels, embedded::thai_words_links, embedded::thai_words_nodes}};
    return &built_in;
  }();
  return *chosen;
}

void ThaiWordList::prefix_lengths(std::u32string_view text, std::vector<std::uint32_t> &lengths) const {
  if (!m_trie) return;
  m_trie->view.for_each_prefix(text, [&](std::size_t n) { lengths.push_back(static_cast<std::uint32_t>(n)); });
}

bool ThaiWordList::contains(std::u32string_view word) const {
  std::vector<std::uint32_t> lengths;
  prefix_lengths(word, lengths);
  return !lengths.empty() && lengths.back() == word.size();
}

} // namespace supanalyze::text
