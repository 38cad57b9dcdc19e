// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>

#include <cerrno>
#include <cstring>
#include <random>
#include <sstream>

#include <unistd.h>

namespace supanalyze {

namespace fs = std::filesystem;

std::string read_file(const fs::path &path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw Error(path.string() + ": is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string() + ": cannot read: " + std::strerror(errno));
  std::error_code size_ec;
  if (const auto size = fs::file_size(path, size_ec); !size_ec && fs::is_regular_file(path, size_ec)) {
    std::string bytes(size, '\0'); // one allocation, one read
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw Error(path.string() + ": read error");
    return bytes;
  }
  std::ostringstream buffer; // a pipe or device: size unknown
  buffer << in.rdbuf();
  if (in.bad()) throw Error(path.string() + ": read error");
  return std::move(buffer).str();
}

OutputSink::OutputSink(const std::string &path, std::ostream &fallback) : m_fallback(fallback) {
  if (path.empty() || path == "-") return;
  m_target = path;
  const fs::path dir = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(path + ": cannot write: folder " + dir.string() + " does not exist");
  std::random_device rd;
  m_temporary = dir / ("." + m_target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                       std::to_string(rd() % 100000));
  m_file = std::make_unique<std::ofstream>(m_temporary, std::ios::binary | std::ios::trunc);
  if (!*m_file) throw Error(path + ": cannot write: " + std::strerror(errno));
}

OutputSink::~OutputSink() {
  if (m_file && !m_committed) {
    m_file.reset();
    std::error_code ec;
    fs::remove(m_temporary, ec);
  }
}

void OutputSink::commit() {
  if (!m_file) {
    m_fallback.flush();
    m_committed = true;
    return;
  }
  m_file->flush();
  const bool ok = static_cast<bool>(*m_file);
  m_file->close();
  if (!ok) throw Error(m_target.string() + ": write failed");
  std::error_code ec;
  fs::rename(m_temporary, m_target, ec);
  if (ec) throw Error(m_target.string() + ": cannot write: " + ec.message());
  m_committed = true;
}

void write_file_atomically(const fs::path &path, std::string_view content) {
  std::ostringstream unused;
  OutputSink sink(path.string(), unused);
  sink.stream() << content;
  sink.commit();
}

fs::path data_directory() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec); // Linux: the real file, links resolved
  if (ec || exe.empty()) return {};
  return exe.parent_path().parent_path() / "share" / "supanalyze";
}

} // namespace supanalyze
