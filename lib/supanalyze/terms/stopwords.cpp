// SPDX-License-Identifier: MIT
#include "stopwords.hpp"

#include <supanalyze/error.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/utf8.hpp>

namespace supanalyze::embedded {
extern const std::string_view thai_stopwords;
extern const std::string_view thai_generic_words;
} // namespace supanalyze::embedded

namespace supanalyze::terms {

std::string fold_case(std::string_view word) {
  std::string out(word);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

StopWords StopWords::parse(std::string_view text, const std::string &source) {
  text::require_valid_utf8(text, source);
  StopWords out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') out.m_words.insert(fold_case(text::normalize(line)));
    pos = end + 1;
  }
  return out;
}

const StopWords &StopWords::thai_default() {
  static const StopWords words = parse(embedded::thai_stopwords, "<default stop words>");
  return words;
}

const StopWords &StopWords::thai_generic() {
  static const StopWords words = parse(embedded::thai_generic_words, "<generic words>");
  return words;
}

} // namespace supanalyze::terms
