// SPDX-License-Identifier: MIT
#pragma once
// The language of the labels a command prints (--lang): parsed once, where the option is read.

#include <string>
#include <vector>

namespace supanalyze {

enum class Language { th, en };

// Parses "th" or "en"; throws Error listing both otherwise.
Language parse_language(const std::string &name);
std::string to_string(Language language);
// Both languages, th first: what --lang accepts and the shell completions offer.
const std::vector<Language> &all_languages();

} // namespace supanalyze
