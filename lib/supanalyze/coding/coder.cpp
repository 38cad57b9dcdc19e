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

void code_segments(const corpus::Answer& answer, codebook::MatchSession& session, std::size_t index, AnswerCodings& out) {
  out.answer = index;
  out.segments.resize(answer.segments.size());
  for (std::size_t s = 0; s < answer.segments.size(); ++s) session.code(answer.segments[s].text, out.segments[s]);
}

// Runs `work(worker, k)` for k in [0, count) on the sessions' threads; rethrows the first failure.
template <typename F> void parallel_for(std::size_t count, std::size_t workers, F&& work) {
  if (workers <= 1) {
    for (std::size_t k = 0; k < count; ++k) work(0, k);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < workers; ++t)
    threads.emplace_back([&, t] {
      try {
        for (std::size_t k = next++; k < count && !failed; k = next++) work(t, k);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    });
  for (auto& th : threads) th.join();
  if (failure) std::rethrow_exception(failure);
}

} // namespace

void code_corpus(const corpus::Corpus& corpus, const codebook::Matcher& matcher, unsigned threads,
                 const std::function<void(const AnswerCodings&)>& on_answer) {
  threads = std::min<unsigned>(resolve_threads(threads), static_cast<unsigned>(std::max<std::size_t>(1, corpus.answers.size())));
  std::vector<codebook::MatchSession> sessions;
  for (unsigned t = 0; t < threads; ++t) sessions.emplace_back(matcher);
  const std::size_t batch = threads == 1 ? 1 : threads * 256; // threads start per batch: keep it large
  std::vector<AnswerCodings> results(batch);
  for (std::size_t first = 0; first < corpus.answers.size(); first += batch) {
    const std::size_t count = std::min(batch, corpus.answers.size() - first);
    parallel_for(count, threads, [&](std::size_t t, std::size_t k) {
      code_segments(corpus.answers[first + k], sessions[t], first + k, results[k]);
    });
    for (std::size_t k = 0; k < count; ++k) on_answer(results[k]);
  }
}

StreamCoder::StreamCoder(const codebook::Matcher& matcher, unsigned threads, Callback on_answer)
    : m_on_answer(std::move(on_answer)) {
  threads = resolve_threads(threads);
  for (unsigned t = 0; t < threads; ++t) m_sessions.emplace_back(matcher);
  m_capacity = threads == 1 ? 1 : threads * 256;
  m_results.resize(m_capacity);
}

void StreamCoder::add(const corpus::Answer& answer) {
  m_batch.push_back(answer);
  if (m_batch.size() == m_capacity) flush();
}

void StreamCoder::finish() { flush(); }

void StreamCoder::flush() {
  parallel_for(m_batch.size(), m_sessions.size(), [&](std::size_t t, std::size_t k) {
    code_segments(m_batch[k], m_sessions[t], k, m_results[k]);
  });
  for (std::size_t k = 0; k < m_batch.size(); ++k) m_on_answer(m_batch[k], m_results[k]);
  m_batch.clear();
}

std::vector<codebook::Coding> code_text(const codebook::Matcher& matcher, std::string_view normalized) {
  codebook::MatchSession session(matcher);
  std::vector<codebook::Coding> out;
  session.code(normalized, out);
  return out;
}

} // namespace supanalyze::coding
