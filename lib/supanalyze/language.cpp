// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/language.hpp>

namespace supanalyze {

const std::vector<Language> &all_languages() {
  static const std::vector<Language> languages{Language::th, Language::en};
  return languages;
}

Language parse_language(const std::string &name) {
  for (Language language : all_languages())
    if (name == to_string(language)) return language;
  throw Error("the language must be th or en, not '" + name + "'");
}

std::string to_string(Language language) { return language == Language::en ? "en" : "th"; }

} // namespace supanalyze
