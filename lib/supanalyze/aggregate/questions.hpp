// SPDX-License-Identifier: MIT
#pragma once
// Question numbers: every question of a corpus numbered 0, 1, ... across its instruments in
// corpus order (instrument-major). The one numbering every counter and table uses.

#include <supanalyze/corpus/model.hpp>

#include <cstddef>
#include <string>
#include <utility>

namespace supanalyze::aggregate {

// The number of question `question` of instrument `instrument`.
std::size_t question_number(const corpus::Corpus &corpus, std::size_t instrument, std::size_t question);
// (instrument, question) indices of a question number; throws Error when out of range.
std::pair<std::size_t, std::size_t> question_of(const corpus::Corpus &corpus, std::size_t number);
// "centre1300/q4" for a question number.
std::string question_id(const corpus::Corpus &corpus, std::size_t number);

} // namespace supanalyze::aggregate
