// SPDX-License-Identifier: MIT
#pragma once
// Zip archives in memory with libzip, shared by the Word report and the REFI-QDA project.
// Internal: libzip appears in no public header.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace supanalyze::detail {

// Zips `parts` (name, bytes) in order into memory, deflated, every entry dated 2000-01-01 00:00
// so the bytes never change. Errors throw Error prefixed with `what`.
std::string zip_parts(const std::vector<std::pair<std::string, std::string>> &parts, const std::string &what);

// The entries of the zip archive `bytes` (name -> content); directories are left out. A damaged
// archive throws InputError naming `file` and, for a bad entry, the entry.
std::map<std::string, std::string> unzip(const std::string &bytes, const std::string &file);

} // namespace supanalyze::detail
