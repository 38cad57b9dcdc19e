// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/text/decode.hpp>
#include <supanalyze/text/utf8.hpp>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace supanalyze::text {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// Where the end of `converted` (UTF-16 text read so far) is, as a line and character column.
SourceLocation end_of(const std::u16string &converted, std::size_t length, const std::string &file) {
  std::size_t line = 1, column = 1;
  for (std::size_t k = 0; k < length; ++k) {
    if (converted[k] == u'\n') {
      ++line;
      column = 1;
    } else if (!U16_IS_TRAIL(converted[k])) {
      ++column;
    }
  }
  return {file, line, column};
}

} // namespace

Encoding detect_encoding(std::string_view head) {
  if (head.size() >= 2 && head[0] == '\xFF' && head[1] == '\xFE') return Encoding::utf16le;
  if (head.size() >= 2 && head[0] == '\xFE' && head[1] == '\xFF') return Encoding::utf16be;
  return Encoding::utf8;
}

std::string utf16_to_utf8(std::string_view bytes, Encoding encoding, const std::string &file) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter *converter = ucnv_open(encoding == Encoding::utf16be ? "UTF-16BE" : "UTF-16LE", &status);
  if (U_FAILURE(status)) throw Error(std::string("cannot open ICU's UTF-16 converter: ") + u_errorName(status));
  ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string converted(bytes.size() / 2 + 1, u'\0');
  UChar *target = converted.data();
  const char *source = bytes.data();
  ucnv_toUnicode(converter, &target, converted.data() + converted.size(), &source, bytes.data() + bytes.size(), nullptr,
                 /*flush=*/true, &status);
  ucnv_close(converter);
  const auto length = static_cast<std::size_t>(target - converted.data());
  if (bytes.size() % 2 != 0)
    throw InputError(end_of(converted, length, file),
                     "UTF-16 text with an odd number of bytes (" + std::to_string(bytes.size() + 2) +
                         " with the byte order mark): the last character is cut off; save the file again");
  if (U_FAILURE(status))
    throw InputError(end_of(converted, length, file),
                     std::string("invalid UTF-16 (") + u_errorName(status) + ", e.g. an unpaired surrogate)");
  std::string out;
  std::int32_t needed = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &needed, converted.data(), static_cast<std::int32_t>(length), &status);
  out.resize(static_cast<std::size_t>(needed));
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), needed, &needed, converted.data(), static_cast<std::int32_t>(length), &status);
  if (U_FAILURE(status)) throw InputError({file, 0, 0}, std::string("invalid UTF-16: ") + u_errorName(status));
  return out;
}

std::size_t character_column(std::string_view line, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t k = 0; k < offset && k < line.size(); ++k)
    if ((static_cast<unsigned char>(line[k]) & 0xC0) != 0x80) ++column;
  return column;
}

namespace {

// The read buffer for the file at `path`: 1 MiB, or the file's size when smaller. A transcript
// is a few KiB, and a fresh zeroed MiB per file was most of reading a folder corpus.
std::size_t read_buffer_size(const fs::path &path) {
  constexpr std::size_t k_max = 1 << 20, k_min = 4096;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return k_max;
  return std::clamp<std::size_t>(static_cast<std::size_t>(std::min<std::uintmax_t>(size, k_max)) + 1, k_min, k_max);
}

} // namespace

TextLines::TextLines(const fs::path &path, bool check)
    : m_name(path.string()), m_in(std::make_unique<std::ifstream>(path, std::ios::binary)),
      m_buffer(read_buffer_size(path), '\0'), m_check(check) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw Error(m_name + ": is a directory, not a file");
  if (!*m_in) throw Error(m_name + ": cannot read: " + std::strerror(errno));
  start();
}

TextLines::TextLines(std::string bytes, std::string name, bool check)
    : m_name(std::move(name)), m_buffer(std::move(bytes)), m_end(m_buffer.size()), m_eof(true), m_check(check) {
  start();
}

TextLines::~TextLines() = default;

// Looks at the first bytes: skips a UTF-8 byte order mark, converts UTF-16 whole.
void TextLines::start() {
  while (!m_eof && m_end < 4)
    refill();
  const std::string_view head(m_buffer.data(), m_end);
  const Encoding encoding = detect_encoding(head);
  if (encoding == Encoding::utf8) {
    if (head.substr(0, k_utf8_bom.size()) == k_utf8_bom) m_pos = k_utf8_bom.size();
    return;
  }
  while (!m_eof)
    refill(); // UTF-16: the whole file, converted once
  m_buffer = utf16_to_utf8(std::string_view(m_buffer.data() + 2, m_end - 2), encoding, m_name);
  m_pos = 0;
  m_end = m_buffer.size();
  m_in.reset();
}

bool TextLines::next(std::string_view &line) {
  if (!next_raw(line)) return false;
  ++m_line;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (!m_check) return true;
  if (auto problem = find_invalid_utf8(line))
    throw InputError({m_name, m_line, character_column(line, problem->offset)},
                     problem->reason + "; the file must be UTF-8 (or UTF-16 with a byte order mark)");
  if (m_line == 1 && std::memchr(line.data(), '\0', line.size()))
    throw InputError({m_name, 1,
                      character_column(line, static_cast<std::size_t>(static_cast<const char *>(
                                                                          std::memchr(line.data(), '\0', line.size())) -
                                                                      line.data()))},
                     "NUL byte: UTF-16 without a byte order mark? Save the file as UTF-8, or as Unicode text (UTF-16 "
                     "with a byte order mark)");
  return true;
}

bool TextLines::next_raw(std::string_view &line) {
  for (;;) {
    const char *begin = m_buffer.data() + m_pos;
    if (const void *newline = std::memchr(begin, '\n', m_end - m_pos)) {
      const auto length = static_cast<std::size_t>(static_cast<const char *>(newline) - begin);
      line = std::string_view(begin, length);
      m_pos += length + 1;
      return true;
    }
    if (m_eof) {
      if (m_pos == m_end) return false;
      line = std::string_view(begin, m_end - m_pos); // a last line without '\n'
      m_pos = m_end;
      return true;
    }
    refill();
  }
}

void TextLines::refill() {
  if (!m_in) {
    m_eof = true;
    return;
  }
  std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
  m_end -= m_pos;
  m_pos = 0;
  if (m_end == m_buffer.size()) m_buffer.resize(m_buffer.size() * 2); // a line longer than the buffer
  m_in->read(m_buffer.data() + m_end, static_cast<std::streamsize>(m_buffer.size() - m_end));
  if (m_in->bad()) throw Error(m_name + ": read error");
  const auto got = static_cast<std::size_t>(m_in->gcount());
  m_end += got;
  m_eof = got == 0;
}

namespace {

std::string joined(TextLines &lines) {
  std::string out;
  std::string_view line;
  while (lines.next(line)) {
    out += line;
    out += '\n';
  }
  return out;
}

} // namespace

std::string decode_text(std::string bytes, const std::string &name) {
  TextLines lines(std::move(bytes), name);
  return joined(lines);
}

std::string read_text_file(const fs::path &path) {
  TextLines lines(path);
  return joined(lines);
}

} // namespace supanalyze::text
