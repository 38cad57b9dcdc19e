// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/text/automaton.hpp>

#include <algorithm>
#include <map>
#include <queue>

namespace supanalyze::text {

std::uint32_t TermAutomaton::intern_class(char32_t cp) {
  cp = fold(cp);
  std::uint32_t* slot = nullptr;
  if (cp < 0x80) slot = &m_small[cp];
  else if (cp >= 0x0E00 && cp < 0x0E80) slot = &m_small[0x80 + (cp - 0x0E00)];
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
  for (char32_t& c : cps) {
    c = fold(c);
    intern_class(c);
  }
  m_patterns.emplace_back(std::move(cps), id);
}

void TermAutomaton::build() {
  // Trie with sparse children first, then breadth-first failure links into a dense table.
  std::vector<std::map<std::uint32_t, std::uint32_t>> children(1);
  std::vector<std::vector<Output>> outputs(1);
  for (const auto& [cps, id] : m_patterns) {
    std::uint32_t node = 0;
    for (char32_t c : cps) {
      const std::uint32_t cls = class_of(c);
      auto it = children[node].find(cls);
      if (it == children[node].end()) {
        it = children[node].emplace(cls, static_cast<std::uint32_t>(children.size())).first;
        children.emplace_back();
        outputs.emplace_back();
      }
      node = it->second;
    }
    outputs[node].push_back({id, static_cast<std::uint32_t>(cps.size())});
  }
  const std::size_t states = children.size();
  m_delta.assign(states * m_classes, 0);
  std::vector<std::uint32_t> fail(states, 0);
  std::queue<std::uint32_t> queue;
  for (const auto& [cls, child] : children[0]) {
    m_delta[cls] = child;
    queue.push(child);
  }
  while (!queue.empty()) {
    const std::uint32_t s = queue.front();
    queue.pop();
    // Outputs of the longest proper suffix that is a pattern prefix come after our own.
    for (const Output& o : outputs[fail[s]]) outputs[s].push_back(o);
    for (std::uint32_t cls = 0; cls < m_classes; ++cls) {
      const auto it = children[s].find(cls);
      if (it == children[s].end()) {
        m_delta[s * m_classes + cls] = m_delta[fail[s] * m_classes + cls];
      } else {
        fail[it->second] = m_delta[fail[s] * m_classes + cls];
        m_delta[s * m_classes + cls] = it->second;
        queue.push(it->second);
      }
    }
  }
  // States renumbered breadth-first: the shallow states, where a scan spends most of its steps,
  // get neighbouring rows. The table holds 16-bit states when they fit: half the memory, so a
  // large codebook's table stays in cache longer.
  std::vector<std::uint32_t> order(1, 0), renumber(states, 0);
  for (std::size_t k = 0; k < order.size(); ++k)
    for (const auto& [cls, child] : children[order[k]]) {
      renumber[child] = static_cast<std::uint32_t>(order.size());
      order.push_back(child);
    }
  std::vector<std::uint32_t> delta(states * m_classes);
  for (std::size_t k = 0; k < states; ++k)
    for (std::uint32_t cls = 0; cls < m_classes; ++cls)
      delta[k * m_classes + cls] = renumber[m_delta[order[k] * m_classes + cls]];
  if (states <= 0x10000) {
    m_delta16.assign(delta.begin(), delta.end());
    m_delta.clear();
  } else {
    m_delta = std::move(delta);
    m_delta16.clear();
  }
  m_out_begin.assign(states + 1, 0);
  m_has_output.assign(states / 64 + 1, 0);
  m_outputs.clear();
  for (std::size_t k = 0; k < states; ++k) {
    auto& out = outputs[order[k]];
    if (!out.empty()) m_has_output[k / 64] |= std::uint64_t{1} << (k % 64);
    std::stable_sort(out.begin(), out.end(), [](const Output& a, const Output& b) { return a.length > b.length; });
    m_out_begin[k] = static_cast<std::uint32_t>(m_outputs.size());
    m_outputs.insert(m_outputs.end(), out.begin(), out.end());
  }
  m_out_begin[states] = static_cast<std::uint32_t>(m_outputs.size());
}

} // namespace supanalyze::text
