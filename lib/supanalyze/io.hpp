// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace supanalyze {

// Reads a whole file; throws Error naming the file when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Where a command writes its result: standard output, or a file written atomically (a
// temporary file beside it, renamed over it by commit()). Without commit() the temporary file
// is removed, so a failed run never leaves a half-written output file.
class OutputSink {
public:
  // `path` empty or "-" means `fallback` (usually std::cout).
  OutputSink(const std::string& path, std::ostream& fallback);
  ~OutputSink();
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  std::ostream& stream() { return m_file ? *m_file : m_fallback; }
  // Flushes and, for a file, renames it into place; throws Error when that fails.
  void commit();

private:
  std::ostream& m_fallback;
  std::filesystem::path m_target;
  std::filesystem::path m_temporary;
  std::unique_ptr<std::ofstream> m_file;
  bool m_committed = false;
};

// Writes `content` to `path` atomically (temp + rename).
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

} // namespace supanalyze
