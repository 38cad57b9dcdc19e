// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

namespace supanalyze {

// Exit codes shared by every command (ARCHITECTURE.md, Contracts): 0 ok, 1 findings a CI gate asked to fail on,
// 2 usage or input error, 70 an internal failure (a bug; EX_SOFTWARE of sysexits.h).
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_findings = 1;
inline constexpr int k_exit_input = 2;
inline constexpr int k_exit_internal = 70;

// Base of every error the library throws; carries the process exit code the CLI should use.
class Error : public std::runtime_error {
public:
  explicit Error(const std::string &message, int exit_code = k_exit_input)
      : std::runtime_error(message), m_exit_code(exit_code) {}
  int exit_code() const { return m_exit_code; }

private:
  int m_exit_code;
};

// A position in a user's file. `line` and `column` are 1-based; `column` counts bytes
// unless the error says otherwise; 0 means unknown.
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;

  // "file:line:column" with the unknown parts left out.
  std::string to_string() const;
  bool operator==(const SourceLocation &) const = default;
};

// Bad input in a user's file: the message starts with its location.
class InputError : public Error {
public:
  InputError(SourceLocation where, const std::string &message);
  const SourceLocation &where() const { return m_where; }
  const std::string &detail() const { return m_detail; }

private:
  SourceLocation m_where;
  std::string m_detail;
};

} // namespace supanalyze
