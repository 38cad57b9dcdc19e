// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/numbers.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <thread>

namespace supanalyze {

namespace {

// `text` quoted for a message, shortened when long so that an error never echoes megabytes.
std::string quoted(std::string_view text) {
  constexpr std::size_t k_shown = 40;
  if (text.size() <= k_shown) return "'" + std::string(text) + "'";
  std::size_t cut = k_shown;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) // not inside a UTF-8 character
    --cut;
  return "'" + std::string(text.substr(0, cut)) + "...'";
}

} // namespace

long long parse_integer(std::string_view text, long long min, long long max) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  long long value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || value < min || value > max)
    throw Error(fmt::format("{} is not a whole number from {} to {}", quoted(text), min, max));
  return value;
}

double parse_real(std::string_view text, double min, double max) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value) ||
      value < min || value > max)
    throw Error(fmt::format("{} is not a number from {} to {}", quoted(text), min, max));
  return value;
}

std::optional<std::uint64_t> parse_digits(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

unsigned max_threads() { return 4 * std::max(1u, std::thread::hardware_concurrency()); }

} // namespace supanalyze
