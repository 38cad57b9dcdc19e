// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/text/automaton.hpp>

#include <algorithm>

namespace supanalyze::text {

std::uint32_t TermAutomaton::intern_class(char32_t cp) {
  cp = fold(cp);
  std::uint32_t *slot = nullptr;
  if (cp < 0x80)
    slot = &m_small[cp];
  else if (cp >= 0x0E00 && cp < 0x0E80)
    slot = &m_small[0x80 + (cp - 0x0E00)];
  if (slot) {
    if (*slot == 0) *slot = m_classes++;
    return *slot;
  }
  auto [it, inserted] = m_other.emplace(cp, m_classes);
  if (inserted) ++m_classes;
  return it->second;
}

void TermAutomaton::add(std::string_view pattern, std::uint32_t id) {
  std::u32string cps = to_u32(pattern);
  if (cps.empty()) throw Error("empty pattern");
  if (cps.size() > k_window) throw Error("pattern longer than " + std::to_string(k_window) + " characters");
  for (char32_t &c : cps) {
    c = fold(c);
    intern_class(c);
  }
  m_patterns.emplace_back(std::move(cps), id);
}

// One node of the trie: its children sorted by class, and the patterns that end there.
struct TermAutomaton::TrieNode {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> children; // (class, node)
  std::vector<std::uint32_t> patterns;                           // indices into m_patterns
};

template <typename State>
void TermAutomaton::fill(std::vector<State> &delta, const std::vector<TrieNode> &trie,
                         const std::vector<std::uint32_t> &order, const std::vector<std::uint32_t> &number) {
  // Breadth-first, so a state's failure state (shallower) already has its final row: a row
  // starts as a copy of the failure state's row and gets its own children on top.
  const std::size_t states = order.size();
  delta.assign(states * m_classes, 0);
  std::vector<std::uint32_t> fail(states, 0);
  std::vector<std::vector<Output>> outputs(states);
  for (std::size_t k = 0; k < states; ++k) {
    State *row = delta.data() + k * m_classes;
    if (k > 0) std::copy_n(delta.data() + std::size_t{fail[k]} * m_classes, m_classes, row);
    const TrieNode &node = trie[order[k]];
    for (const auto &[cls, child] : node.children) {
      fail[number[child]] = k == 0 ? 0 : row[cls];
      row[cls] = static_cast<State>(number[child]);
    }
    for (std::uint32_t p : node.patterns)
      outputs[k].push_back({m_patterns[p].second, static_cast<std::uint32_t>(m_patterns[p].first.size())});
    // Outputs of the longest proper suffix that is a pattern prefix come after our own.
    if (k > 0) outputs[k].insert(outputs[k].end(), outputs[fail[k]].begin(), outputs[fail[k]].end());
  }
  m_out_begin.assign(states + 1, 0);
  m_has_output.assign(states / 64 + 1, 0);
  m_outputs.clear();
  for (std::size_t k = 0; k < states; ++k) {
    auto &out = outputs[k];
    if (!out.empty()) m_has_output[k / 64] |= std::uint64_t{1} << (k % 64);
    std::stable_sort(out.begin(), out.end(), [](const Output &a, const Output &b) { return a.length > b.length; });
    m_out_begin[k] = static_cast<std::uint32_t>(m_outputs.size());
    m_outputs.insert(m_outputs.end(), out.begin(), out.end());
  }
  m_out_begin[states] = static_cast<std::uint32_t>(m_outputs.size());
}

void TermAutomaton::build() {
  std::vector<TrieNode> trie(1);
  for (std::uint32_t p = 0; p < m_patterns.size(); ++p) {
    std::uint32_t node = 0;
    for (char32_t c : m_patterns[p].first) {
      const std::uint32_t cls = class_of(c);
      auto &children = trie[node].children;
      auto it = std::lower_bound(children.begin(), children.end(), std::make_pair(cls, std::uint32_t{0}));
      if (it == children.end() || it->first != cls) {
        it = children.insert(it, {cls, static_cast<std::uint32_t>(trie.size())});
        node = it->second;
        trie.emplace_back(); // invalidates `children`, not `node`
      } else {
        node = it->second;
      }
    }
    trie[node].patterns.push_back(p);
  }
  // States are numbered breadth-first: the shallow states, where a scan spends most of its
  // steps, get neighbouring rows. The table holds 16-bit states when they fit: half the memory,
  // so a large codebook's table stays in cache longer.
  std::vector<std::uint32_t> order(1, 0), number(trie.size(), 0);
  for (std::size_t k = 0; k < order.size(); ++k)
    for (const auto &[cls, child] : trie[order[k]].children) {
      number[child] = static_cast<std::uint32_t>(order.size());
      order.push_back(child);
    }
  if (trie.size() <= 0x10000) {
    fill(m_delta16, trie, order, number);
    m_delta.clear();
  } else {
    fill(m_delta, trie, order, number);
    m_delta16.clear();
  }
}

} // namespace supanalyze::text
