// SPDX-License-Identifier: MIT
#include <supanalyze/text/ascii_id.hpp>

namespace supanalyze::text {

std::string ascii_id(std::string_view name, const IdRules &rules) {
  std::string id;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || rules.kept.find(c) != std::string_view::npos) {
      id.push_back(c);
    } else if (rules.other == IdOther::refuse) {
      return {};
    } else if (rules.other == IdOther::separate && !id.empty() && id.back() != '_') {
      id.push_back('_');
    }
  }
  const auto first = id.find_first_not_of(rules.trimmed);
  if (first == std::string::npos) return {};
  return id.substr(first, id.find_last_not_of(rules.trimmed) - first + 1);
}

} // namespace supanalyze::text
