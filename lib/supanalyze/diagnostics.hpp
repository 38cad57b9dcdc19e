// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/error.hpp>

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

// Findings collected while reading or checking input, in the order they were found.
class Diagnostics {
public:
  void error(SourceLocation where, std::string message);
  void warning(SourceLocation where, std::string message);

  bool has_errors() const { return m_errors > 0; }
  std::size_t error_count() const { return m_errors; }
  std::size_t warning_count() const { return m_items.size() - m_errors; }
  const std::vector<Diagnostic> &items() const { return m_items; }

  // Throws InputError for the first error, mentioning how many more there are.
  void throw_if_errors() const;

private:
  std::vector<Diagnostic> m_items;
  std::size_t m_errors = 0;
};

// The closest of `candidates` to `word` by edit distance, or "" when none is close.
std::string closest_match(const std::string &word, const std::vector<std::string> &candidates);

// "unknown province 'x' (did you mean 'y'?); known: a, b": the message for an id that is not
// one of `known`, shared by every reader and filter.
std::string unknown_id_message(const std::string &what, const std::string &id, const std::vector<std::string> &known);

} // namespace supanalyze
