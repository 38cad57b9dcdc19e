// SPDX-License-Identifier: MIT
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>
#include <tuple>

namespace supanalyze::corpus {

std::string segment_too_long(std::size_t bytes) {
  return "a segment of " + std::to_string(bytes) + " bytes, more than the " +
         std::to_string(k_max_segment_bytes >> 20) + " MB one segment may have (split it into lines or rows)";
}

namespace {
template <typename T> std::optional<std::size_t> index_of(const std::vector<T> &items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return i;
  return std::nullopt;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// An id in any case, or a Thai name: exact ids first (the common case costs nothing more).
template <typename T> std::optional<std::size_t> find_item(const std::vector<T> &items, std::string_view name) {
  if (auto i = index_of(items, name)) return i;
  name = trimmed(name);
  if (auto i = index_of(items, text::ascii_lower(name))) return i;
  if (name.empty()) return std::nullopt;
  const std::string normalized = text::normalize(name);
  for (std::size_t i = 0; i < items.size(); ++i)
    if (!items[i].th.empty() && items[i].th == normalized) return i;
  return std::nullopt;
}

} // namespace

std::optional<std::size_t> Corpus::find_province(std::string_view name) const { return find_item(provinces, name); }
std::optional<std::size_t> Corpus::find_instrument(std::string_view name) const { return find_item(instruments, name); }
std::optional<std::size_t> Corpus::find_question(std::size_t instrument, std::string_view name) const {
  return find_item(instruments.at(instrument).questions, name);
}

std::optional<std::size_t> Corpus::province_index(std::string_view id) const { return index_of(provinces, id); }
std::optional<std::size_t> Corpus::instrument_index(std::string_view id) const { return index_of(instruments, id); }
std::optional<std::size_t> Corpus::question_index(std::size_t instrument, std::string_view id) const {
  return index_of(instruments.at(instrument).questions, id);
}

std::string Corpus::segment_id(const Answer &a, std::size_t n) const {
  return question_key(a) + "/" + provinces[a.province].id + "/" + std::to_string(n);
}

std::string Corpus::question_key(const Answer &a) const {
  return instruments[a.instrument].id + "/" + instruments[a.instrument].questions[a.question].id;
}

std::size_t Corpus::question_count() const {
  std::size_t n = 0;
  for (const auto &i : instruments)
    n += i.questions.size();
  return n;
}

std::size_t Corpus::segment_count() const {
  std::size_t n = 0;
  for (const auto &a : answers)
    n += a.segments.size();
  return n;
}

void Corpus::sort_answers() {
  std::stable_sort(answers.begin(), answers.end(), [](const Answer &x, const Answer &y) {
    return std::tie(x.instrument, x.question, x.province) < std::tie(y.instrument, y.question, y.province);
  });
}

} // namespace supanalyze::corpus
