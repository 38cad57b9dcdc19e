// SPDX-License-Identifier: MIT
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/numbers.hpp>
#include <supanalyze/text/normalizer.hpp>

#include <algorithm>
#include <thread>

namespace supanalyze::coding {

namespace {

// A batch is handed to one worker: large enough that the hand-over costs nothing next to the
// coding, small enough that a few of them in flight keep memory flat and both cores busy.
constexpr std::size_t k_batch_bytes = 256 * 1024;
constexpr std::size_t k_batch_answers = 512;
// The first batches are smaller, doubling up to k_batch_bytes: a small corpus (the bundled one
// has ~300 KiB of text) would otherwise be one batch, coded by one worker while the others wait.
constexpr std::size_t k_first_batch_bytes = 16 * 1024;

// The text a batch may hold when `submitted` batches went before it.
std::size_t batch_bytes(std::size_t submitted) {
  return submitted >= 4 ? k_batch_bytes : std::min(k_batch_bytes, k_first_batch_bytes << submitted);
}

std::size_t text_bytes(const corpus::Answer &answer) {
  std::size_t n = 0;
  for (const auto &s : answer.segments)
    n += s.text.size();
  return n;
}

// Puts the codings of each label in front of the first segment under it.
void prepend_label_codings(const std::vector<corpus::Segment> &segments, codebook::MatchSession &session,
                           AnswerCodings &out) {
  std::vector<codebook::Coding> in_label;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const std::string &label = segments[s].label;
    if (label.empty() || (s > 0 && segments[s - 1].label == label)) continue;
    session.code(label, in_label);
    if (in_label.empty()) continue;
    for (auto &c : in_label)
      c.in_label = true;
    out.segments[s].insert(out.segments[s].begin(), in_label.begin(), in_label.end());
  }
}

// Codes one segment; an error (a pattern over its time limit) names the segment's location.
void code_one(const corpus::Segment &segment, codebook::MatchSession &session, std::vector<codebook::Coding> &out) {
  try {
    session.code(segment.text, out);
  } catch (const InputError &) {
    throw;
  } catch (const Error &e) {
    throw InputError(segment.where, e.what());
  }
}

void code_segments(const corpus::Answer &answer, codebook::MatchSession &session, std::size_t index, AnswerCodings &out,
                   bool with_labels) {
  out.answer = index;
  const auto &segments = answer.segments;
  out.segments.resize(segments.size());
  std::size_t s = 0;
  for (; s + 1 < segments.size(); s += 2) { // two at once: see MatchSession::code_pair
    try {
      session.code_pair(segments[s].text, out.segments[s], segments[s + 1].text, out.segments[s + 1]);
    } catch (const Error &) { // find which of the two failed, for its location
      out.segments[s].clear();
      out.segments[s + 1].clear();
      code_one(segments[s], session, out.segments[s]);
      code_one(segments[s + 1], session, out.segments[s + 1]);
    }
  }
  if (s < segments.size()) code_one(segments[s], session, out.segments[s]);
  if (with_labels) prepend_label_codings(segments, session, out);
}

std::vector<codebook::MatchSession> make_sessions(const codebook::Matcher &matcher, unsigned threads) {
  std::vector<codebook::MatchSession> sessions;
  for (unsigned t = 0; t < threads; ++t)
    sessions.emplace_back(matcher);
  return sessions;
}

} // namespace

unsigned resolve_threads(unsigned requested) {
  if (requested > max_threads())
    throw Error("-j " + std::to_string(requested) + ": at most " + std::to_string(max_threads()) +
                " worker threads (4 per core)");
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

void code_corpus(const corpus::Corpus &corpus, const codebook::Matcher &matcher, unsigned threads,
                 const std::function<void(const AnswerCodings &)> &on_answer, bool code_labels) {
  const auto &answers = corpus.answers;
  threads =
      std::min<unsigned>(resolve_threads(threads), static_cast<unsigned>(std::max<std::size_t>(1, answers.size())));
  auto sessions = make_sessions(matcher, threads);
  OrderedPool pool(threads, 4 * threads);
  for (std::size_t first = 0, submitted = 0; first < answers.size(); ++submitted) {
    std::size_t last = first, bytes = 0;
    while (last < answers.size() && last - first < k_batch_answers && bytes < batch_bytes(submitted))
      bytes += text_bytes(answers[last++]);
    auto results = std::make_shared<std::vector<AnswerCodings>>(last - first);
    pool.submit(
        [&, first, results](std::size_t worker) {
          for (std::size_t k = 0; k < results->size(); ++k)
            code_segments(answers[first + k], sessions[worker], first + k, (*results)[k], code_labels);
        },
        [&, results] {
          for (const auto &coded : *results)
            on_answer(coded);
        });
    first = last;
  }
  pool.finish();
}

struct StreamCoder::Batch {
  std::vector<corpus::Answer> answers;
  std::vector<AnswerCodings> results;
  std::size_t first = 0; // arrival number of answers[0]
  std::size_t bytes = 0;
};

StreamCoder::StreamCoder(const codebook::Matcher &matcher, unsigned threads, Callback on_answer, bool normalize,
                         bool code_labels)
    : m_sessions(make_sessions(matcher, resolve_threads(threads))), m_on_answer(std::move(on_answer)),
      m_normalize(normalize), m_code_labels(code_labels), m_batch(std::make_shared<Batch>()),
      m_pool(m_sessions.size(), 4 * m_sessions.size()) {}

StreamCoder::~StreamCoder() = default;

void StreamCoder::add(corpus::Answer answer) {
  m_batch->bytes += text_bytes(answer);
  m_batch->answers.push_back(std::move(answer));
  if (m_batch->bytes >= batch_bytes(m_submitted) || m_batch->answers.size() >= k_batch_answers) submit();
}

void StreamCoder::finish() {
  if (!m_batch->answers.empty()) submit();
  m_pool.finish();
}

void StreamCoder::submit() {
  auto batch = std::move(m_batch);
  batch->first = m_arrived;
  m_arrived += batch->answers.size();
  ++m_submitted;
  m_batch = std::make_shared<Batch>();
  m_pool.submit(
      [this, batch](std::size_t worker) {
        batch->results.resize(batch->answers.size());
        for (std::size_t k = 0; k < batch->answers.size(); ++k) {
          corpus::Answer &answer = batch->answers[k];
          if (m_normalize)
            for (auto &s : answer.segments) {
              s.text = text::normalize(s.text);
              if (!s.label.empty()) s.label = text::normalize(s.label);
            }
          code_segments(answer, m_sessions[worker], batch->first + k, batch->results[k], m_code_labels);
        }
      },
      [this, batch] {
        for (std::size_t k = 0; k < batch->answers.size(); ++k)
          m_on_answer(batch->answers[k], batch->results[k]);
      });
}

std::string_view coded_text(const corpus::Segment &segment, const codebook::Coding &coding) {
  const std::string &text = coding.in_label ? segment.label : segment.text;
  return std::string_view(text).substr(coding.start, coding.end - coding.start);
}

std::vector<codebook::Coding> code_text(const codebook::Matcher &matcher, std::string_view normalized) {
  codebook::MatchSession session(matcher);
  std::vector<codebook::Coding> out;
  session.code(normalized, out);
  return out;
}

} // namespace supanalyze::coding
