// SPDX-License-Identifier: MIT
#include <supanalyze/coding/coder.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace supanalyze::coding {

unsigned resolve_threads(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

void code_answer(const corpus::Corpus& corpus, codebook::MatchSession& session, std::size_t index, AnswerCodings& out) {
  const auto& answer = corpus.answers[index];
  out.answer = index;
  out.segments.resize(answer.segments.size());
  for (std::size_t s = 0; s < answer.segments.size(); ++s) session.code(answer.segments[s].text, out.segments[s]);
}

} // namespace

void code_corpus(const corpus::Corpus& corpus, const codebook::Matcher& matcher, unsigned threads,
                 const std::function<void(const AnswerCodings&)>& on_answer) {
  threads = std::min<unsigned>(resolve_threads(threads), static_cast<unsigned>(std::max<std::size_t>(1, corpus.answers.size())));
  std::vector<codebook::MatchSession> sessions;
  for (unsigned t = 0; t < threads; ++t) sessions.emplace_back(matcher);
  const std::size_t batch = threads == 1 ? 1 : threads * 32;
  std::vector<AnswerCodings> results(batch);
  for (std::size_t first = 0; first < corpus.answers.size(); first += batch) {
    const std::size_t count = std::min(batch, corpus.answers.size() - first);
    if (threads == 1) {
      code_answer(corpus, sessions[0], first, results[0]);
    } else {
      std::atomic<std::size_t> next{0};
      std::exception_ptr failure;
      std::atomic<bool> failed{false};
      std::vector<std::thread> workers;
      for (unsigned t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
          try {
            for (std::size_t k = next++; k < count && !failed; k = next++) code_answer(corpus, sessions[t], first + k, results[k]);
          } catch (...) {
            if (!failed.exchange(true)) failure = std::current_exception();
          }
        });
      for (auto& w : workers) w.join();
      if (failure) std::rethrow_exception(failure);
    }
    for (std::size_t k = 0; k < count; ++k) on_answer(results[k]);
  }
}

std::vector<codebook::Coding> code_text(const codebook::Matcher& matcher, std::string_view normalized) {
  codebook::MatchSession session(matcher);
  std::vector<codebook::Coding> out;
  session.code(normalized, out);
  return out;
}

} // namespace supanalyze::coding
