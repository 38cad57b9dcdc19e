// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/coding/ordered_pool.hpp>
#include <supanalyze/corpus/model.hpp>

#include <functional>
#include <memory>
#include <vector>

namespace supanalyze::coding {

// The codings of one answer, one list per segment. A segment's list starts with the codings of
// its `###` label when the segment is the first under that label (a label is coded once, where
// it stands), then the codings of its text.
struct AnswerCodings {
  std::size_t answer = 0; // index into Corpus::answers (StreamCoder: arrival order)
  std::vector<std::vector<codebook::Coding>> segments;
};

// Number of worker threads to use for `requested` (0: all cores); more than max_threads()
// throws Error.
unsigned resolve_threads(unsigned requested);

// Codes every answer of `corpus` with `threads` workers (each with its own MatchSession) and
// hands the results to `on_answer` one answer at a time, in corpus order, on the calling
// thread, so the output is the same bytes whatever the thread count. Only a bounded window of
// answers is held at once.
// `code_labels` false leaves the labels uncoded.
void code_corpus(const corpus::Corpus &corpus, const codebook::Matcher &matcher, unsigned threads,
                 const std::function<void(const AnswerCodings &)> &on_answer, bool code_labels = true);

// Codes answers as they arrive (from corpus::stream_corpus) on `threads` workers and hands
// each to `on_answer`, with its codings, in arrival order on the calling thread: the same bytes
// for any thread count, and memory bounded by a window of answers, not by the corpus. The
// workers overlap the reading: add() returns as soon as the window has room.
class StreamCoder {
public:
  using Callback = std::function<void(const corpus::Answer &, const AnswerCodings &)>;
  // With `normalize`, answers arrive with raw text and the workers normalize each segment (and
  // label) before coding it: the text handed to `on_answer` is then normalized.
  StreamCoder(const codebook::Matcher &matcher, unsigned threads, Callback on_answer, bool normalize = false,
              bool code_labels = true);
  ~StreamCoder();
  void add(corpus::Answer answer);
  // Codes and hands on what is left. Call once after the last add().
  void finish();

private:
  struct Batch;
  void submit();
  std::vector<codebook::MatchSession> m_sessions;
  Callback m_on_answer;
  bool m_normalize;
  bool m_code_labels;
  std::shared_ptr<Batch> m_batch;
  std::size_t m_arrived = 0;
  std::size_t m_submitted = 0; // batches handed to the pool
  OrderedPool m_pool;          // last: its threads stop before the sessions go
};

// The text a coding spans: in the segment's label or in its text.
std::string_view coded_text(const corpus::Segment &segment, const codebook::Coding &coding);

// Codes one text (normalized) with a fresh session: for tests, examples and kwic.
std::vector<codebook::Coding> code_text(const codebook::Matcher &matcher, std::string_view normalized);

} // namespace supanalyze::coding
