// SPDX-License-Identifier: MIT
#include <supanalyze/diagnostics.hpp>

#include <algorithm>

namespace supanalyze {

std::string Diagnostic::to_string() const {
  return where.to_string() + (severity == Severity::error ? ": error: " : ": warning: ") + message;
}

void Diagnostics::error(SourceLocation where, std::string message) {
  if (m_errors < m_listed_errors) m_items.push_back({Severity::error, std::move(where), std::move(message)});
  ++m_errors;
}

void Diagnostics::warning(SourceLocation where, std::string message) {
  m_items.push_back({Severity::warning, std::move(where), std::move(message)});
  ++m_warnings;
}

void Diagnostics::throw_if_errors() const {
  for (const auto &d : m_items) {
    if (d.severity != Severity::error) continue;
    std::string message = d.message;
    if (m_errors > 1) message += " (and " + std::to_string(m_errors - 1) + " more errors)";
    throw InputError(d.where, message);
  }
}

namespace {
std::size_t edit_distance(const std::string &a, const std::string &b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
} // namespace

std::string closest_match(const std::string &word, const std::vector<std::string> &candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 2) + 1;
  for (const auto &c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string unknown_id_message(const std::string &what, const std::string &id, const std::vector<std::string> &known) {
  const std::string hint = closest_match(id, known);
  std::string list;
  for (const auto &k : known)
    list += (list.empty() ? "" : ", ") + k;
  return "unknown " + what + " '" + id + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
         "; known: " + list;
}

} // namespace supanalyze
