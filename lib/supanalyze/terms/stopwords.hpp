// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

namespace supanalyze::terms {

// Words left out of term counts (function words: ที่, และ, ของ, ...), compared after
// normalization, Latin letters case-folded.
class StopWords {
public:
  StopWords() = default;

  // One word per line; blank lines and lines starting with '#' are skipped. Each word is
  // normalized (text::normalize) and Latin letters are case-folded. `source` names the text in
  // an error (invalid UTF-8 throws InputError with its line).
  static StopWords parse(std::string_view text, const std::string &source);
  // The embedded default: the stopwords-th collection (stopwords-iso, MIT licence), see
  // lib/supanalyze/terms/stopwords-th.txt for its source.
  static const StopWords &thai_default();
  // The embedded generic Thai words that the stopwords-th collection lacks (modal verbs, degree
  // and manner adverbs, light verbs, connectives: ควร, ค่อนข้าง, โดยตรง, เกิด), see
  // lib/supanalyze/terms/generic-th.txt: never suggested as a term, nor at a phrase's edge.
  static const StopWords &thai_generic();

  bool contains(std::string_view word) const { return m_words.count(std::string(word)) > 0; }
  std::size_t size() const { return m_words.size(); }

private:
  std::unordered_set<std::string> m_words;
};

// `word` with ASCII letters lower-cased: the form term counts compare words in.
std::string fold_case(std::string_view word);

} // namespace supanalyze::terms
