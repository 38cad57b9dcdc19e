// SPDX-License-Identifier: MIT
#include "counter.hpp"

#include <supanalyze/audit/context.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>
#include <bit>

namespace supanalyze::terms {

namespace {

// A token that can be a word: Thai or Latin letters, more than a bare letter (a list marker).
bool is_word(std::string_view token, text::TokenKind kind) {
  if (kind != text::TokenKind::thai && kind != text::TokenKind::latin) return false;
  std::size_t pos = 0;
  text::detail::decode(token, pos);
  if (pos >= token.size()) return false; // one code point: ก (of ก.), a (of a)), ๆ
  if (kind == text::TokenKind::thai) return text::thai_letter_count(token) > 0;
  return true;
}

} // namespace

TermCounter::TermCounter(text::Tokenizer tokenizer, const StopWords &stop_words, CounterOptions options)
    : m_tokenizer(std::move(tokenizer)), m_stop_words(stop_words), m_options(options) {
  m_options.max_words = std::clamp(m_options.max_words, 1u, 3u);
}

std::uint32_t TermCounter::word_id(std::string_view word) {
  auto [it, inserted] = m_word_ids.try_emplace(fold_case(word), static_cast<std::uint32_t>(m_word_text.size()));
  if (inserted) m_word_text.emplace_back(word);
  return it->second;
}

std::string TermCounter::join(const Gram &gram, unsigned words, std::uint32_t gaps) const {
  std::string out;
  for (unsigned i = 0; i < words; ++i) {
    if (i > 0 && ((gaps >> (i - 1)) & 1u) != 0) out += ' ';
    out += m_word_text[gram[i]];
  }
  return out;
}

void TermCounter::count_term(const TermKey &key, unsigned words, std::string_view text, std::uint32_t start,
                             std::uint32_t end, bool in_target, bool near, bool has_focus,
                             std::string_view segment_id) {
  auto [it, inserted] = m_term_index.try_emplace(key, 0);
  if (inserted) {
    std::string joined = join({key[0], key[1], key[2]}, words, key[3]);
    auto [by_text, new_text] = m_text_index.try_emplace(fold_case(joined), static_cast<std::uint32_t>(m_terms.size()));
    if (new_text) {
      Term t;
      t.text = std::move(joined);
      t.words = words;
      auto is_short = [&](std::uint32_t id) {
        const std::size_t letters = text::thai_letter_count(m_word_text[id]);
        return letters > 0 && letters < 3;
      };
      t.short_edge = is_short(key[0]) || is_short(key[words - 1]);
      auto is_generic = [&](std::uint32_t id) {
        return m_options.edge_words && m_options.edge_words->contains(fold_case(m_word_text[id]));
      };
      t.generic_edge = is_generic(key[0]) || is_generic(key[words - 1]) ||
                       (m_options.edge_words && m_options.edge_words->contains(fold_case(t.text))); // ค่อน|ข้าง
      m_terms.push_back(std::move(t));
      m_last_segment.push_back(0);
    }
    it->second = by_text->second;
  }
  const std::uint32_t index = it->second;
  Term &t = m_terms[index];
  ++t.count;
  ++m_total;
  if (in_target) {
    ++t.target_count;
    ++m_target_total;
  }
  if (m_last_segment[index] != m_segments) { // m_segments is this segment's number (from 1)
    m_last_segment[index] = m_segments;
    ++t.segments;
    if (in_target) ++t.target_segments;
  }
  if (near) {
    ++t.near_count;
    ++m_near_total;
  }
  if (m_options.examples && in_target && (near || !has_focus) && t.examples.size() < 2 &&
      (t.examples.empty() || t.examples.back().segment != segment_id)) {
    t.examples.push_back(
        {std::string(segment_id), start, end, audit::left_context(text, start, m_options.example_columns),
         std::string(text.substr(start, end - start)), audit::right_context(text, end, m_options.example_columns)});
  }
}

void TermCounter::add_segment(std::string_view text, bool in_target, std::string_view segment_id,
                              const std::vector<std::pair<std::uint32_t, std::uint32_t>> &focus) {
  ++m_segments;
  if (in_target) ++m_target_segments;
  m_tokens.clear();
  m_tokenizer.tokenize(text, m_tokens);
  m_ids.clear();
  for (const auto &token : m_tokens) {
    const std::string_view word = token.in(text);
    if (!is_word(word, token.kind))
      m_ids.push_back(k_break);
    else if (m_stop_words.contains(fold_case(word)))
      m_ids.push_back(k_pad);
    else
      m_ids.push_back(word_id(word));
  }
  const std::size_t n = m_ids.size();
  m_focus.assign(n, 0);
  for (const auto &[focus_start, focus_end] : focus) {
    std::size_t first = n, last = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (m_tokens[i].start < focus_end && m_tokens[i].end > focus_start) {
        first = std::min(first, i);
        last = i;
        m_focus[i] = 1;
      }
    if (first == n) continue;
    const std::size_t from = first >= m_options.near_tokens ? first - m_options.near_tokens : 0;
    const std::size_t to = std::min(n - 1, last + m_options.near_tokens);
    for (std::size_t i = from; i <= to; ++i)
      if (m_focus[i] == 0) m_focus[i] = 2;
  }
  for (std::size_t i = 0; i < n; ++i) {
    TermKey key{0, 0, 0, 0};
    for (unsigned w = 0; w < m_options.max_words && i + w < n; ++w) {
      const std::uint32_t id = m_ids[i + w];
      if (id == k_break || id == k_pad) break;
      key[w] = id;
      if (w > 0 && m_tokens[i + w].start > m_tokens[i + w - 1].end)
        key[3] |= 1u << (w - 1); // only whitespace is between tokens
      bool inside = false, near = false;
      for (std::size_t k = i; k <= i + w; ++k) {
        inside = inside || m_focus[k] == 1;
        near = near || m_focus[k] == 2;
      }
      count_term(key, w + 1, text, m_tokens[i].start, m_tokens[i + w].end, in_target, near && !inside, !focus.empty(),
                 segment_id);
    }
    if (!m_options.collocations) continue;
    Gram sequence{0, 0, 0};
    std::uint32_t gaps = 0;
    for (unsigned w = 0; w < m_options.max_words && i + w < n; ++w) {
      if (m_ids[i + w] == k_break) break;
      sequence[w] = m_ids[i + w];
      if (w == 0) continue;
      if (m_tokens[i + w].start > m_tokens[i + w - 1].end) gaps |= 1u << (w - 1);
      auto [it, inserted] = m_sequences[w - 1].try_emplace(sequence, SequenceCount{0, gaps});
      ++it->second.count;
    }
  }
}

KeynessCounts TermCounter::keyness_counts(const Term &term) const {
  return {static_cast<double>(term.target_count), static_cast<double>(term.count - term.target_count),
          static_cast<double>(m_target_total), static_cast<double>(m_total - m_target_total)};
}

std::vector<TermCounter::Collocation> TermCounter::score_size(unsigned size, std::uint64_t min_count,
                                                              double smoothing) const {
  const auto &sequences = m_sequences[size - 1 - 1];
  const unsigned full = (1u << size) - 1;
  // margins[mask]: counts of the sequences projected on the positions of `mask` (others 0).
  std::vector<std::unordered_map<Gram, std::uint64_t, GramHash>> margins(full + 1);
  std::uint64_t total = 0;
  for (const auto &[gram, seen] : sequences) {
    const std::uint64_t count = seen.count;
    total += count;
    for (unsigned mask = 1; mask < full; ++mask) {
      Gram projected{0, 0, 0};
      for (unsigned k = 0; k < size; ++k)
        if (mask & (1u << k)) projected[k] = gram[k];
      margins[mask][projected] += count;
    }
  }
  std::vector<std::pair<Gram, SequenceCount>> eligible;
  for (const auto &[gram, seen] : sequences)
    if (seen.count >= min_count && std::find(gram.begin(), gram.begin() + size, k_pad) == gram.begin() + size)
      eligible.emplace_back(gram, seen);
  // In word-id order (ids follow first occurrence): the same order whatever the hash map's.
  std::sort(eligible.begin(), eligible.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
  std::vector<Collocation> out;
  for (const auto &[gram, seen] : eligible) {
    const std::uint64_t count = seen.count;
    // at_least[mask]: sequences that agree with `gram` at least at the positions of `mask`.
    std::array<double, 8> at_least{};
    for (unsigned mask = 0; mask <= full; ++mask) {
      if (mask == 0)
        at_least[mask] = static_cast<double>(total);
      else if (mask == full)
        at_least[mask] = static_cast<double>(count);
      else {
        Gram projected{0, 0, 0};
        for (unsigned k = 0; k < size; ++k)
          if (mask & (1u << k)) projected[k] = gram[k];
        at_least[mask] = static_cast<double>(margins[mask].at(projected));
      }
    }
    // exactly[mask] by inclusion-exclusion over the supersets of `mask`.
    std::array<double, 8> exactly{};
    for (unsigned mask = 0; mask <= full; ++mask)
      for (unsigned super = mask; super <= full; ++super)
        if ((super & mask) == mask)
          exactly[mask] += ((std::popcount(super) - std::popcount(mask)) % 2 == 0 ? 1.0 : -1.0) * at_least[super];
    out.push_back({join(gram, size, seen.gaps), size, count, collocation_score(exactly, size, smoothing)});
  }
  return out;
}

std::vector<TermCounter::Collocation> TermCounter::collocations(std::uint64_t min_count, double smoothing) const {
  std::vector<Collocation> out;
  for (unsigned size = 2; size <= m_options.max_words; ++size) {
    auto scored = score_size(size, min_count, smoothing);
    out.insert(out.end(), std::make_move_iterator(scored.begin()), std::make_move_iterator(scored.end()));
  }
  std::stable_sort(out.begin(), out.end(), [](const Collocation &x, const Collocation &y) {
    if (x.score.z != y.score.z) return x.score.z > y.score.z;
    return x.text < y.text;
  });
  return out;
}

} // namespace supanalyze::terms

namespace supanalyze::terms {

std::vector<const Term *> frequent_terms(const TermCounter &counter, std::uint64_t min_count) {
  std::vector<const Term *> listed;
  for (const auto &t : counter.terms())
    if (t.count >= min_count) listed.push_back(&t);
  std::stable_sort(listed.begin(), listed.end(), [](const Term *x, const Term *y) {
    if (x->count != y->count) return x->count > y->count;
    if (x->segments != y->segments) return x->segments > y->segments;
    return x->text < y->text;
  });
  return listed;
}

std::vector<KeyTerm> rank_keyness(const TermCounter &counter, std::uint64_t min_count) {
  std::vector<KeyTerm> out;
  for (const auto &term : counter.terms()) {
    if (term.count < min_count) continue;
    const KeynessCounts k = counter.keyness_counts(term);
    const double g2 = keyness_g2(k), chi2 = keyness_chi2(k);
    out.push_back({&term, g2, chi2_p_value(g2), chi2, chi2_p_value(chi2)});
  }
  std::stable_sort(out.begin(), out.end(), [](const KeyTerm &x, const KeyTerm &y) {
    if (x.g2 != y.g2) return x.g2 > y.g2;
    return x.term->text < y.term->text;
  });
  return out;
}

} // namespace supanalyze::terms
