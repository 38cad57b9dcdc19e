// SPDX-License-Identifier: MIT
#include <supanalyze/text/dictionary.hpp>

#include <algorithm>

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
      Node& parent = m_nodes[static_cast<std::size_t>(node)];
      auto& kids = parent.children;
      kids.insert(std::upper_bound(kids.begin(), kids.end(), std::make_pair(b, std::int32_t{-1})), {b, next});
      if (parent.dense < 0 && kids.size() > k_dense_after) {
        parent.dense = static_cast<std::int32_t>(m_dense.size());
        m_dense.emplace_back();
        m_dense.back().fill(-1);
        for (const auto& [byte, target] : kids) m_dense.back()[byte] = target;
      } else if (parent.dense >= 0) {
        m_dense[static_cast<std::size_t>(parent.dense)][b] = next;
      }
    }
    node = next;
  }
  auto& terminal = m_nodes[static_cast<std::size_t>(node)].terminal;
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

bool Dictionary::contains(std::string_view word) const {
  bool found = false;
  for_each_prefix(word, [&](std::size_t len) { found = found || len == word.size(); });
  return found;
}

std::string_view Dictionary::domain_default_text() { return embedded::domain_words; }

const Dictionary& Dictionary::domain_default() {
  static const Dictionary dict = [] {
    Dictionary d;
    d.add_lines(embedded::domain_words);
    return d;
  }();
  return dict;
}

} // namespace supanalyze::text
