// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/corpus/model.hpp>

#include <functional>
#include <vector>

namespace supanalyze::coding {

// The codings of one answer, one list per segment.
struct AnswerCodings {
  std::size_t answer = 0; // index into Corpus::answers
  std::vector<std::vector<codebook::Coding>> segments;
};

// Number of worker threads to use for `requested` (0: all cores).
unsigned resolve_threads(unsigned requested);

// Codes every answer of `corpus` with `threads` workers (each with its own MatchSession) and
// hands the results to `on_answer` one answer at a time, in corpus order, so the output is the
// same bytes whatever the thread count. Only a bounded batch of answers is held at once.
void code_corpus(const corpus::Corpus& corpus, const codebook::Matcher& matcher, unsigned threads,
                 const std::function<void(const AnswerCodings&)>& on_answer);

// Codes one text (normalized) with a fresh session: for tests, examples and kwic.
std::vector<codebook::Coding> code_text(const codebook::Matcher& matcher, std::string_view normalized);

} // namespace supanalyze::coding
