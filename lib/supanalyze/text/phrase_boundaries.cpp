// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/text/phrase_boundaries.hpp>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <string>

namespace supanalyze::text {

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

} // namespace

PhraseBoundaries::PhraseBoundaries() {
  UErrorCode status = U_ZERO_ERROR;
  m_breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale("th"), status));
  if (U_FAILURE(status) || !m_breaker)
    throw Error(std::string("cannot create the ICU word break iterator: ") + u_errorName(status));
}

PhraseBoundaries::~PhraseBoundaries() {
  if (m_utext) utext_close(m_utext);
}

PhraseBoundaries::PhraseBoundaries(const PhraseBoundaries &other) : m_breaker(other.m_breaker->clone()) {}

PhraseBoundaries::PhraseBoundaries(PhraseBoundaries &&other) noexcept
    : m_segment(other.m_segment), m_breaker(std::move(other.m_breaker)), m_utext(other.m_utext),
      m_bits(std::move(other.m_bits)), m_done(std::move(other.m_done)), m_cleared(other.m_cleared),
      m_last_begin(other.m_last_begin), m_last_end(other.m_last_end) {
  other.m_utext = nullptr;
}

void PhraseBoundaries::reset(std::string_view segment) {
  m_segment = segment;
  m_cleared = false;
  m_last_begin = m_last_end = 0;
}

void PhraseBoundaries::compute(std::size_t begin, std::size_t end) {
  if (!m_cleared) {
    m_bits.assign(m_segment.size() / 64 + 1, 0);
    m_done.assign(m_segment.size() / 64 + 1, 0);
    m_cleared = true;
  }
  if ((m_done[begin / 64] >> (begin % 64)) & 1) return;
  m_done[begin / 64] |= std::uint64_t{1} << (begin % 64);
  UErrorCode status = U_ZERO_ERROR;
  m_utext = utext_openUTF8(m_utext, m_segment.data() + begin, static_cast<int64_t>(end - begin), &status);
  m_breaker->setText(m_utext, status);
  if (U_FAILURE(status)) throw Error(std::string("ICU word breaking failed: ") + u_errorName(status));
  for (std::int32_t at = m_breaker->first(); at != icu::BreakIterator::DONE; at = m_breaker->next()) {
    const std::size_t i = begin + static_cast<std::size_t>(at);
    m_bits[i / 64] |= std::uint64_t{1} << (i % 64);
  }
}

bool PhraseBoundaries::is_boundary(std::size_t pos) {
  const std::string_view s = m_segment;
  if (pos == 0 || pos >= s.size() || is_ascii_space(s[pos]) || is_ascii_space(s[pos - 1])) return true;
  if (!(m_last_begin < pos && pos < m_last_end)) {
    std::size_t b = pos;
    while (b > 0 && !is_ascii_space(s[b - 1]))
      --b;
    std::size_t e = pos;
    while (e < s.size() && !is_ascii_space(s[e]))
      ++e;
    m_last_begin = b;
    m_last_end = e;
  }
  compute(m_last_begin, m_last_end);
  return (m_bits[pos / 64] >> (pos % 64)) & 1;
}

} // namespace supanalyze::text
