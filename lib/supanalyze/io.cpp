// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <new>
#include <random>
#include <sstream>

#include <signal.h>
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
    std::string bytes;
    try {
      bytes.resize(size); // one allocation, one read
    } catch (const std::bad_alloc &) {
      throw Error(path.string() + ": too large to read into memory (" + std::to_string(size) + " bytes)");
    }
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

namespace {

// The file a path names once its symbolic links are followed (a chain of them too): writing
// replaces that file and leaves the links in place. A link to nothing names its target.
fs::path follow_links(const fs::path &path) {
  fs::path target = path;
  std::error_code ec;
  for (int hops = 0; fs::is_symlink(fs::symlink_status(target, ec)); ++hops) {
    if (hops == 40) throw Error(path.string() + ": cannot write: too many levels of symbolic links");
    const fs::path next = fs::read_symlink(target, ec);
    if (ec) throw Error(path.string() + ": cannot write: " + ec.message());
    target = next.is_absolute() ? next : (target.has_parent_path() ? target.parent_path() : fs::path(".")) / next;
  }
  return target;
}

} // namespace

namespace {

// The registry of temporary paths: slots a signal handler can read. A slot is free (0), being
// filled (1) or holds a path (2).
constexpr int k_slots = 256;
constexpr std::size_t k_path_bytes = 1024;
struct Slot {
  std::atomic<int> state{0};
  char path[k_path_bytes];
};
Slot g_slots[k_slots];
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the slots");

extern "C" void remove_temporaries_and_reraise(int signal_number) {
  // Files first, then folders (a staging folder is empty once its files are gone).
  for (auto &slot : g_slots)
    if (slot.state.load() == 2) ::unlink(slot.path);
  for (auto &slot : g_slots)
    if (slot.state.load() == 2) ::rmdir(slot.path);
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

} // namespace

TemporaryPath::TemporaryPath(const fs::path &path) {
  const std::string &text = path.native();
  if (text.size() >= k_path_bytes) return;
  for (int i = 0; i < k_slots; ++i) {
    int free_slot = 0;
    if (!g_slots[i].state.compare_exchange_strong(free_slot, 1)) continue;
    std::memcpy(g_slots[i].path, text.c_str(), text.size() + 1);
    g_slots[i].state.store(2);
    m_slot = i;
    return;
  }
}

TemporaryPath::~TemporaryPath() {
  if (m_slot >= 0) g_slots[m_slot].state.store(0);
}

void remove_temporaries_on_signals() {
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction action {};
    action.sa_handler = remove_temporaries_and_reraise;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    ::sigaction(signal_number, &action, nullptr);
  }
}

OutputSink::OutputSink(const std::string &path, std::ostream &fallback) : m_fallback(fallback) {
  if (path.empty() || path == "-") return;
  m_target = follow_links(path);
  std::error_code ec;
  const fs::file_status status = fs::status(m_target, ec);
  if (fs::is_directory(status)) throw Error(path + ": cannot write: it is a folder");
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    // A FIFO, a terminal, a device: nothing to replace, so write to it directly (renaming a
    // file over it would destroy it).
    m_through = true;
    m_file = std::make_unique<std::ofstream>(m_target, std::ios::binary);
    if (!*m_file) throw Error(path + ": cannot write: " + std::strerror(errno));
    return;
  }
  const fs::path dir = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) throw Error(path + ": cannot write: folder " + dir.string() + " does not exist");
  std::random_device rd;
  m_temporary = dir / ("." + m_target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                       std::to_string(rd() % 100000));
  m_registered = std::make_unique<TemporaryPath>(m_temporary);
  m_file = std::make_unique<std::ofstream>(m_temporary, std::ios::binary | std::ios::trunc);
  if (!*m_file) throw Error(path + ": cannot write: " + std::strerror(errno));
  if (fs::is_regular_file(status)) // the replacement keeps the permissions of the file it replaces
    fs::permissions(m_temporary, status.permissions(), ec);
}

OutputSink::~OutputSink() {
  if (m_file && !m_committed) {
    m_file.reset();
    std::error_code ec;
    if (!m_through) fs::remove(m_temporary, ec);
  }
}

void OutputSink::commit() {
  if (!m_file) {
    m_fallback.flush();
    m_committed = true;
    return;
  }
  errno = 0;
  m_file->flush();
  const bool ok = static_cast<bool>(*m_file);
  m_file->close();
  if (!ok || !*m_file)
    throw Error(m_target.string() + ": write failed" + (errno != 0 ? std::string(": ") + std::strerror(errno) : ""));
  m_committed = true;
  if (m_through) return;
  std::error_code ec;
  fs::rename(m_temporary, m_target, ec);
  if (ec) {
    m_committed = false;
    throw Error(m_target.string() + ": cannot write: " + ec.message());
  }
  m_registered.reset();
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
