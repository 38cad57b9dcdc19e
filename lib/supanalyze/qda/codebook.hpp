// SPDX-License-Identifier: MIT
#pragma once
// REFI-QDA codebooks (.qdc, namespace urn:QDA-XML:codebook:1.0): the exchange format that
// ATLAS.ti, MAXQDA, NVivo and QualCoder read and write. See docs/qda.md.

#include <supanalyze/codebook/model.hpp>
#include <supanalyze/language.hpp>

#include <string>

namespace supanalyze::qda {

inline constexpr const char *k_codebook_namespace = "urn:QDA-XML:codebook:1.0";

// The GUID of theme `t`: its `guid:` when the codebook gives one (kept from an import), else the
// name-based UUID v5 of "supanalyze:codebook/<codebook id>/theme/<theme id>" in the URL
// namespace, so every export on every machine gives a theme the same GUID.
std::string theme_guid(const codebook::Codebook &cb, std::size_t t);

// The codebook as a REFI-QDA Codebook document: the theme tree as nested <Code>s (name = the
// label in `lang`, color, isCodable="true", the GUID above) with a <Description> of the theme's
// description and then, after a blank line, "Terms:" and one term per line. No <Sets>.
std::string write_qdc(const codebook::Codebook &cb, Language lang);

// Reads a REFI-QDA Codebook (.qdc) of any tool into a codebook skeleton: one theme per <Code>,
// its id made from the name (a-z, 0-9, _; "code_N" when the name has no Latin letters or
// digits, N its order; "_2".. on a clash), both labels the name, the description verbatim,
// colour, guid, the tree; no terms. A file that is not such a document throws InputError naming
// `file`, the line and the element.
codebook::Codebook read_qdc(const std::string &bytes, const std::string &file);

} // namespace supanalyze::qda
