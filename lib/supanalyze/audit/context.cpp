// SPDX-License-Identifier: MIT
#include <supanalyze/audit/context.hpp>
#include <supanalyze/text/tokenizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>
#include <vector>

namespace supanalyze::audit {

namespace {

struct Cluster {
  std::size_t begin, end, width;
};

// Splits `text` into base + zero-width marks clusters with their display widths.
std::vector<Cluster> clusters(std::string_view text) {
  std::vector<Cluster> out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t begin = i;
    const char32_t cp = text::decode_at(text, i);
    const int width = text::code_point_width(cp);
    if (width == 0 && !out.empty() && cp >= 0x20) {
      out.back().end = i;
      continue;
    }
    out.push_back({begin, i, static_cast<std::size_t>(cp < 0x20 ? 1 : width)});
  }
  return out;
}

std::string flatten(std::string_view text) {
  std::string out(text);
  for (char &c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

// The byte where the left context of `start` begins: the farthest cluster start that fits in
// `columns`, or with `boundaries` the farthest of those that is a word boundary.
std::size_t left_cut(std::string_view text, std::size_t start, std::size_t columns,
                     const std::vector<std::size_t> *boundaries) {
  const auto parts = clusters(text.substr(0, start));
  std::size_t width = 0, from = parts.size(), cut = start, word_cut = start;
  while (from > 0 && width + parts[from - 1].width <= columns) {
    width += parts[--from].width;
    cut = parts[from].begin;
    if (boundaries && std::binary_search(boundaries->begin(), boundaries->end(), cut)) word_cut = cut;
  }
  return boundaries && word_cut != start ? word_cut : cut;
}

// The byte where the right context of `end` ends, as left_cut.
std::size_t right_cut(std::string_view text, std::size_t end, std::size_t columns,
                      const std::vector<std::size_t> *boundaries) {
  const auto parts = clusters(text.substr(end));
  std::size_t width = 0, to = 0, cut = end, word_cut = end;
  while (to < parts.size() && width + parts[to].width <= columns) {
    width += parts[to++].width;
    cut = end + parts[to - 1].end;
    if (boundaries && std::binary_search(boundaries->begin(), boundaries->end(), cut)) word_cut = cut;
  }
  return boundaries && word_cut != end ? word_cut : cut;
}

} // namespace

std::string left_context(std::string_view text, std::size_t start, std::size_t columns) {
  const std::size_t from = left_cut(text, start, columns, nullptr);
  return flatten(text.substr(from, start - from));
}

std::string right_context(std::string_view text, std::size_t end, std::size_t columns) {
  return flatten(text.substr(end, right_cut(text, end, columns, nullptr) - end));
}

std::vector<std::size_t> word_boundaries(std::string_view text, const text::Tokenizer &tokenizer) {
  std::vector<std::size_t> out{0, text.size()};
  for (const auto &token : tokenizer.tokenize(text)) {
    out.push_back(token.start);
    out.push_back(token.end);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string left_context(std::string_view text, std::size_t start, std::size_t columns,
                         const std::vector<std::size_t> &boundaries) {
  const std::size_t from = left_cut(text, start, columns, &boundaries);
  return flatten(text.substr(from, start - from));
}

std::string right_context(std::string_view text, std::size_t end, std::size_t columns,
                          const std::vector<std::size_t> &boundaries) {
  return flatten(text.substr(end, right_cut(text, end, columns, &boundaries) - end));
}

} // namespace supanalyze::audit
