// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/codebook/model.hpp>

#include <string>
#include <string_view>

namespace supanalyze::codebook {

// A parsed codebook as a flat table of bytes, so that the built-in codebook is parsed and
// checked when the binary is built (lib/tools/compile_codebook.cpp) and read at start-up in a
// fraction of a millisecond instead of going through YAML again. Every field of the model is
// kept except `text` (the YAML itself, which the caller keeps beside the table).
std::string write_codebook_table(const Codebook &codebook);

// Reads a table written by write_codebook_table; `text` becomes the codebook's text. Throws
// Error when the table is truncated or of another format version (a stale build).
Codebook read_codebook_table(std::string_view table, std::string text);

} // namespace supanalyze::codebook
