// SPDX-License-Identifier: MIT
#include <supanalyze/aggregate/questions.hpp>
#include <supanalyze/error.hpp>

namespace supanalyze::aggregate {

std::size_t question_number(const corpus::Corpus &corpus, std::size_t instrument, std::size_t question) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < instrument; ++i)
    n += corpus.instruments[i].questions.size();
  return n + question;
}

std::pair<std::size_t, std::size_t> question_of(const corpus::Corpus &corpus, std::size_t number) {
  for (std::size_t i = 0; i < corpus.instruments.size(); ++i) {
    if (number < corpus.instruments[i].questions.size()) return {i, number};
    number -= corpus.instruments[i].questions.size();
  }
  throw Error("question number out of range");
}

std::string question_id(const corpus::Corpus &corpus, std::size_t number) {
  const auto [i, q] = question_of(corpus, number);
  return corpus.instruments[i].id + "/" + corpus.instruments[i].questions[q].id;
}

} // namespace supanalyze::aggregate
