// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/codebook/model.hpp>

#include <string>

namespace supanalyze::codebook {

// `cb` as codebook YAML (docs/codebook-format.md) that parse_codebook reads back: id, version,
// title, and per theme id, label, description, colour, guid, parent and terms (patterns,
// rules, exclusions and examples are not written: the writer serves codebook skeletons).
std::string write_codebook_yaml(const Codebook &cb, const std::string &comment = {});

} // namespace supanalyze::codebook
