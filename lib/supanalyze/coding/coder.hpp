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

// Codes answers as they arrive (from corpus::stream_corpus), a batch at a time on `threads`
// workers, and hands each to `on_answer` with its codings in arrival order: the same bytes for
// any thread count, and memory bounded by the batch, not the corpus.
class StreamCoder {
public:
  using Callback = std::function<void(const corpus::Answer&, const AnswerCodings&)>;
  StreamCoder(const codebook::Matcher& matcher, unsigned threads, Callback on_answer);
  // Takes a copy of `answer`; codes the batch when it is full.
  void add(const corpus::Answer& answer);
  // Codes what is left. Call once after the last add().
  void finish();

private:
  void flush();
  std::vector<codebook::MatchSession> m_sessions;
  Callback m_on_answer;
  std::vector<corpus::Answer> m_batch;
  std::vector<AnswerCodings> m_results;
  std::size_t m_capacity;
};

// Codes one text (normalized) with a fresh session: for tests, examples and kwic.
std::vector<codebook::Coding> code_text(const codebook::Matcher& matcher, std::string_view normalized);

} // namespace supanalyze::coding
