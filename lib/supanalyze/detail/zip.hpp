// SPDX-License-Identifier: MIT
#pragma once
// Zip archives in memory with libzip, shared by the Word report and the REFI-QDA project.
// Internal: libzip appears in no public header.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

struct zip;

namespace supanalyze::detail {

// The most bytes one entry of an archive may unpack to, and all the entries read from one
// archive together (docs/limits.md). A zip header may state any size (a damaged one said
// 3.5 GB), and a deflated entry unpacks to up to 1,000 times its size on disk.
inline constexpr std::uint64_t k_max_entry_bytes = std::uint64_t{512} << 20;
inline constexpr std::uint64_t k_max_unzipped_bytes = std::uint64_t{1} << 30;

// How zip_parts stores its entries: deflated (what files are written with), or stored as they
// are (the qdpx fuzz target: zlib's set-up for every entry of every input cost more than the
// reading it fuzzes).
enum class ZipMethod { deflate, store };

// Zips `parts` (name, bytes) in order into memory, deflated (or as `method` says), every entry
// dated 2000-01-01 00:00 so the bytes never change. Errors throw Error prefixed with `what`.
std::string zip_parts(const std::vector<std::pair<std::string, std::string>> &parts, const std::string &what,
                      ZipMethod method = ZipMethod::deflate);

// The entries of the zip archive `bytes` (name -> content) that `wanted` accepts (every one when
// it is empty); directories are left out. A damaged archive throws InputError naming `file` and,
// for a bad entry, the entry ("file!entry"); so does an entry past k_max_entry_bytes and entries
// past k_max_unzipped_bytes together.
std::map<std::string, std::string> unzip(const std::string &bytes, const std::string &file,
                                         const std::function<bool(const std::string &)> &wanted = {});

// The bytes of entry `index` of the open `archive`, read in chunks and never past
// k_max_entry_bytes nor past the size its header states (`where` names it in errors). An
// encrypted, oversized or damaged entry throws InputError.
std::string read_entry(zip *archive, std::uint64_t index, const std::string &where);

} // namespace supanalyze::detail
