// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/error.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace supanalyze {

enum class Severity { warning, error };

// One finding about a user's file, with where it is.
struct Diagnostic {
  Severity severity;
  SourceLocation where;
  std::string message;

  // "file:line:col: error: message"
  std::string to_string() const;
};

// Findings collected while reading or checking input, in the order they were found. Only the
// first `listed_errors` errors are kept (all are counted), so that a file with 5,000 copies of a
// mistake costs no more memory than one with 20 (docs/limits.md).
class Diagnostics {
public:
  static constexpr std::size_t k_listed_errors = 20;
  explicit Diagnostics(std::size_t listed_errors = k_listed_errors) : m_listed_errors(listed_errors) {}

  void error(SourceLocation where, std::string message);
  void warning(SourceLocation where, std::string message);

  bool has_errors() const { return m_errors > 0; }
  std::size_t error_count() const { return m_errors; }
  std::size_t warning_count() const { return m_warnings; }
  // Errors counted but not kept in items().
  std::size_t unlisted_errors() const { return m_errors - std::min(m_errors, m_listed_errors); }
  const std::vector<Diagnostic> &items() const { return m_items; }

  // Throws InputError for the first error, mentioning how many more there are.
  void throw_if_errors() const;

private:
  std::size_t m_listed_errors;
  std::vector<Diagnostic> m_items;
  std::size_t m_errors = 0;
  std::size_t m_warnings = 0;
};

// The closest of `candidates` to `word` by edit distance, or "" when none is close.
std::string closest_match(const std::string &word, const std::vector<std::string> &candidates);

// "unknown province 'x' (did you mean 'y'?); known: a, b": the message for an id that is not
// one of `known`, shared by every reader and filter.
std::string unknown_id_message(const std::string &what, const std::string &id, const std::vector<std::string> &known);

} // namespace supanalyze
