// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/text/utf8.hpp>

#include <unicode/uchar.h>

namespace supanalyze::text {

namespace {

// Length of the sequence introduced by `lead`, or 0 when it cannot start one.
int sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Checks the second byte's range, which rules out overlongs, surrogates and > U+10FFFF.
bool second_byte_ok(unsigned char lead, unsigned char second) {
  switch (lead) {
  case 0xE0:
    return second >= 0xA0 && second <= 0xBF;
  case 0xED:
    return second >= 0x80 && second <= 0x9F;
  case 0xF0:
    return second >= 0x90 && second <= 0xBF;
  case 0xF4:
    return second >= 0x80 && second <= 0x8F;
  default:
    return is_continuation(second);
  }
}

} // namespace

std::optional<Utf8Problem> find_invalid_utf8(std::string_view bytes) {
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) {
      if (lead == '\n') {
        ++line;
        line_start = i + 1;
      }
      ++i;
      continue;
    }
    const int len = sequence_length(lead);
    auto problem = [&](const char *reason) { return Utf8Problem{line, i - line_start + 1, i, reason}; };
    if (len == 0)
      return problem(lead >= 0x80 && lead <= 0xBF ? "unexpected continuation byte"
                                                  : "byte that never starts a UTF-8 sequence");
    if (i + len > bytes.size()) return problem("truncated UTF-8 sequence");
    if (!second_byte_ok(lead, static_cast<unsigned char>(bytes[i + 1]))) return problem("invalid UTF-8 sequence");
    for (int k = 2; k < len; ++k)
      if (!is_continuation(static_cast<unsigned char>(bytes[i + k]))) return problem("invalid UTF-8 sequence");
    i += len;
  }
  return std::nullopt;
}

void require_valid_utf8(std::string_view bytes, const std::string &file) {
  if (auto p = find_invalid_utf8(bytes)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[p->offset]));
    throw InputError({file, p->line, p->column}, p->reason + " (byte " + hex + "); the input must be UTF-8");
  }
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void append_utf8(std::string &out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::u32string to_u32(std::string_view bytes) {
  std::u32string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();)
    out.push_back(decode_at(bytes, i));
  return out;
}

std::string to_utf8(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (char32_t c : cps)
    append_utf8(out, c);
  return out;
}

int code_point_width(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F) return 0;
  if (cp < 0x7F) return 1;
  const auto c = static_cast<UChar32>(cp);
  const auto category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR ||
      u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
    return 0;
  const auto ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = decode_at(utf8, i);
    width += static_cast<std::size_t>(code_point_width(cp));
  }
  return width;
}

} // namespace supanalyze::text
