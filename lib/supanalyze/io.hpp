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
std::string read_file(const std::filesystem::path &path);

// Temporary files and folders of this process that a SIGINT, SIGTERM or SIGHUP removes before
// the process ends (a stopped run never leaves a 35 MB ".out.tsv.tmp-..." behind). The
// registry is a fixed table that the signal handler reads without locks or allocation;
// registering is best effort (a path too long, or a full table, is simply not registered).
class TemporaryPath {
public:
  explicit TemporaryPath(const std::filesystem::path &path);
  ~TemporaryPath(); // unregisters (the path itself is left as it is)
  TemporaryPath(const TemporaryPath &) = delete;
  TemporaryPath &operator=(const TemporaryPath &) = delete;

private:
  int m_slot = -1;
};

// Installs the SIGINT/SIGTERM/SIGHUP handler that removes the registered temporary paths, then
// ends the process by the same signal. Called once by the program's main().
void remove_temporaries_on_signals();

// Where a command writes its result: standard output, or a file written atomically (a
// temporary file beside it, renamed over it by commit()). Without commit() the temporary file
// is removed, so a failed run never leaves a half-written output file. A symbolic link is
// followed: its target is replaced and the link stays. Something that is not a regular file
// (a FIFO, a device such as /dev/null) is written to directly, never replaced.
class OutputSink {
public:
  // `path` empty or "-" means `fallback` (usually std::cout).
  OutputSink(const std::string &path, std::ostream &fallback);
  ~OutputSink();
  OutputSink(const OutputSink &) = delete;
  OutputSink &operator=(const OutputSink &) = delete;

  std::ostream &stream() { return m_file ? *m_file : m_fallback; }
  // Flushes and, for a file, renames it into place; throws Error when that fails.
  void commit();

private:
  std::ostream &m_fallback;
  std::filesystem::path m_target;
  std::filesystem::path m_temporary;
  std::unique_ptr<TemporaryPath> m_registered; // removed on SIGINT/SIGTERM
  std::unique_ptr<std::ofstream> m_file;
  bool m_through = false; // m_file is m_target itself (not a regular file)
  bool m_committed = false;
};

// Writes `content` to `path` atomically (temp + rename).
void write_file_atomically(const std::filesystem::path &path, std::string_view content);

// The folder of the data installed with the tool (the bundled corpus, the codebook):
// `../share/supanalyze` from the folder of the running executable, as `cmake --install` lays it
// out (bin/ and share/ side by side) and as the build tree mirrors it (build/cli/ and
// build/share/). Holds no path of the source tree, so a moved checkout or an installed copy
// still finds its data. Empty when the executable's path cannot be read.
std::filesystem::path data_directory();

} // namespace supanalyze
