// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/text/dictionary.hpp>
#include <supanalyze/text/utf8.hpp>

#include <datrie/trie.h>
#include <stdio_ext.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace supanalyze::embedded {
extern const std::string_view domain_words;
}

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
  ::Trie *trie;
  std::uint64_t id; // never reused, unlike an address: keys the per-thread walking state
};

ThaiWordList::ThaiWordList(const std::string &path) {
  static std::atomic<std::uint64_t> next_id{1};
  // trie_new_from_file, with the FILE read without a lock per call and through one buffer
  // the size of the file: libdatrie reads it four bytes at a time, and the locking was half of
  // the cost of opening the list, a tenth of a small command's start-up.
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file) return;
  __fsetlocking(file, FSETLOCKING_BYCALLER);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > 0 && size < (std::uintmax_t{1} << 28))
    std::setvbuf(file, nullptr, _IOFBF, static_cast<std::size_t>(size) + 1);
  ::Trie *t = trie_fread(file);
  std::fclose(file);
  if (t) m_trie = new Trie{t, next_id++};
}

ThaiWordList::~ThaiWordList() {
  if (!m_trie) return;
  trie_free(m_trie->trie);
  delete m_trie;
}

std::string ThaiWordList::libthai_path() {
  const char *dir = std::getenv("LIBTHAI_DICTDIR");
  return std::string(dir && *dir ? dir : SUPANALYZE_LIBTHAI_DICTDIR) + "/thbrk.tri";
}

const ThaiWordList &ThaiWordList::libthai() {
  static const ThaiWordList words(libthai_path());
  return words;
}

namespace {
struct StateDeleter {
  void operator()(TrieState *s) const { trie_state_free(s); }
};
} // namespace

void ThaiWordList::prefix_lengths(std::u32string_view text, std::vector<std::uint32_t> &lengths) const {
  if (!m_trie || text.empty()) return;
  // One walking state per thread and list, rewound for each call: a state is a malloc.
  thread_local std::unique_ptr<TrieState, StateDeleter> state;
  thread_local std::uint64_t owner = 0;
  if (owner != m_trie->id || !state) {
    state.reset(trie_root(m_trie->trie));
    owner = m_trie->id;
    if (!state) return;
  } else {
    trie_state_rewind(state.get());
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!trie_state_walk(state.get(), static_cast<AlphaChar>(text[i]))) return;
    if (trie_state_is_terminal(state.get())) lengths.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

bool ThaiWordList::contains(std::u32string_view word) const {
  std::vector<std::uint32_t> lengths;
  prefix_lengths(word, lengths);
  return !lengths.empty() && lengths.back() == word.size();
}

} // namespace supanalyze::text
