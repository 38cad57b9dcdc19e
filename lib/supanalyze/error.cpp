// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>

namespace supanalyze {

std::string SourceLocation::to_string() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

InputError::InputError(SourceLocation where, const std::string &message)
    : Error(where.to_string() + ": " + message), m_where(std::move(where)), m_detail(message) {}

} // namespace supanalyze
