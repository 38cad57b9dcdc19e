// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/language.hpp>

namespace supanalyze {

Language parse_language(const std::string &name) {
  if (name == "th") return Language::th;
  if (name == "en") return Language::en;
  throw Error("the language must be th or en, not '" + name + "'");
}

std::string to_string(Language language) { return language == Language::en ? "en" : "th"; }

} // namespace supanalyze
