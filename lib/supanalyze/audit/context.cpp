// SPDX-License-Identifier: MIT
#include <supanalyze/audit/context.hpp>
#include <supanalyze/text/utf8.hpp>

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
  for (char& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

} // namespace

std::string left_context(std::string_view text, std::size_t start, std::size_t columns) {
  const auto parts = clusters(text.substr(0, start));
  std::size_t width = 0, from = parts.size();
  while (from > 0 && width + parts[from - 1].width <= columns) width += parts[--from].width;
  return flatten(text.substr(from < parts.size() ? parts[from].begin : start, start - (from < parts.size() ? parts[from].begin : start)));
}

std::string right_context(std::string_view text, std::size_t end, std::size_t columns) {
  const auto parts = clusters(text.substr(end));
  std::size_t width = 0, to = 0;
  while (to < parts.size() && width + parts[to].width <= columns) width += parts[to++].width;
  return flatten(text.substr(end, to > 0 ? parts[to - 1].end : 0));
}

} // namespace supanalyze::audit
