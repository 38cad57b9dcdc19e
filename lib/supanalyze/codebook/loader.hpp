// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/codebook/model.hpp>
#include <supanalyze/diagnostics.hpp>

#include <filesystem>
#include <string>

namespace supanalyze::codebook {

// The largest `within` of a near rule, in tokens, and the longest term, in characters (code
// points; the matcher's automaton holds no longer one): docs/limits.md.
inline constexpr long k_max_within = 1000;
inline constexpr std::size_t k_max_term_chars = 256;

// Parses and validates a codebook (docs/codebook-format.md). Every problem goes to
// `diagnostics` as "file:line:col: key.path: message": bad YAML, unknown keys (with the closest
// known key), missing keys, duplicate ids, unknown parents, parent cycles, themes with no match
// definition, empty terms, invalid regular expressions, malformed rules.
Codebook parse_codebook(const std::string &yaml_text, const std::string &file, Diagnostics &diagnostics);

// Reads `path` (empty: the embedded default) and throws InputError at the first error.
Codebook load_codebook(const std::filesystem::path &path = {});

// The default codebook embedded in the binary (codebooks/msdhs-2564.yaml), read from the table
// made of it at build time (table.hpp), so that no command parses its YAML at start-up.
const Codebook &default_codebook();
// The same codebook parsed from its embedded YAML: what the build-time table is made of.
Codebook parse_default_codebook();
std::string_view default_codebook_text();

} // namespace supanalyze::codebook
