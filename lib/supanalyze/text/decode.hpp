// SPDX-License-Identifier: MIT
#pragma once
// The one decoder every reader of a user's text file goes through (corpus transcripts and
// tables, agreement codings, word lists): the encodings and line ends spreadsheets and editors
// write, turned into checked UTF-8 lines.

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

namespace supanalyze::text {

// How a text file is encoded, from its first bytes: UTF-16 with a byte order mark (Excel's
// "Unicode Text"), else UTF-8 (a UTF-8 byte order mark, as Excel's "CSV UTF-8" writes, is
// allowed and skipped).
enum class Encoding { utf8, utf16le, utf16be };
Encoding detect_encoding(std::string_view head);

// Converts UTF-16 text (`bytes` after its byte order mark) to UTF-8 with ICU's converter. An odd
// byte count or an unpaired surrogate throws InputError naming `file`, with the line and
// character column of the bad character.
std::string utf16_to_utf8(std::string_view bytes, Encoding encoding, const std::string &file);

// The 1-based column of byte `offset` of `line` counted in characters (code points), as an
// editor shows it: a Thai letter is one column, not three bytes. `line` must be valid UTF-8 up
// to `offset`.
std::size_t character_column(std::string_view line, std::size_t offset);

// The lines of a text file, decoded: UTF-8 with or without a byte order mark, or UTF-16 LE/BE
// with one; LF or CRLF line ends (a CR before '\n' is dropped). UTF-8 files are read in large
// blocks and never held whole; UTF-16 files are converted whole. Each line is checked to be
// UTF-8 as it is read (unless `check` is false, for quick passes that only look at ASCII);
// the first bad byte throws InputError with the file, line and character column.
class TextLines {
public:
  // Reads `path`; `name` names it in messages (default: the path).
  explicit TextLines(const std::filesystem::path &path, bool check = true);
  // Lines of bytes already in memory (e.g. standard input), named `name` in messages.
  TextLines(std::string bytes, std::string name, bool check = true);
  ~TextLines();
  TextLines(const TextLines &) = delete;
  TextLines &operator=(const TextLines &) = delete;

  // The next line without its line end, valid until the next call; false at the end.
  bool next(std::string_view &line);
  // The 1-based number of the line `next` gave last.
  std::size_t line_number() const { return m_line; }
  const std::string &name() const { return m_name; }

private:
  void start();
  bool next_raw(std::string_view &line);
  void refill();

  std::string m_name;
  std::unique_ptr<std::ifstream> m_in; // null once everything is in m_buffer
  std::string m_buffer;
  std::size_t m_pos = 0, m_end = 0, m_line = 0;
  bool m_eof = false;
  bool m_check;
};

// A whole text decoded as TextLines decodes it: UTF-8 without byte order mark, LF line ends
// (only the CR of each CRLF is dropped). Throws InputError naming `name` at the first problem.
std::string decode_text(std::string bytes, const std::string &name);
// The same for a file.
std::string read_text_file(const std::filesystem::path &path);

} // namespace supanalyze::text
