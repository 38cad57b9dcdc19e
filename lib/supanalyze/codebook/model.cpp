// SPDX-License-Identifier: MIT
#include <supanalyze/codebook/model.hpp>

namespace supanalyze::codebook {

std::string Rule::display() const {
  std::string out = kind == RuleKind::all_of ? "all_of(" : kind == RuleKind::any_of ? "any_of(" : "near(";
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i > 0) out += slot(i) == slot(i - 1) ? "|" : ",";
    out += terms[i].text;
  }
  if (kind == RuleKind::near) out += ";" + std::to_string(within);
  if (!not_terms.empty()) {
    out += ";not ";
    for (std::size_t i = 0; i < not_terms.size(); ++i)
      out += (i ? "," : "") + not_terms[i].text;
  }
  return out + ")";
}

std::optional<std::size_t> Codebook::index_of(std::string_view id) const {
  for (std::size_t i = 0; i < themes.size(); ++i)
    if (themes[i].id == id) return i;
  return std::nullopt;
}

std::vector<std::size_t> Codebook::self_and_ancestors(std::size_t theme) const {
  std::vector<std::size_t> out{theme};
  for (auto p = themes[theme].parent; p && out.size() <= themes.size(); p = themes[*p].parent)
    out.push_back(*p);
  return out;
}

bool Codebook::is_within(std::size_t theme, std::size_t ancestor) const {
  for (std::size_t t : self_and_ancestors(theme))
    if (t == ancestor) return true;
  return false;
}

std::vector<std::size_t> Codebook::children_of(std::size_t theme) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < themes.size(); ++i)
    if (themes[i].parent == theme) out.push_back(i);
  return out;
}

} // namespace supanalyze::codebook
