// SPDX-License-Identifier: MIT
#include <supanalyze/detail/zip.hpp>
#include <supanalyze/error.hpp>

#include <zip.h>

#include <algorithm>
#include <ctime>

namespace supanalyze::detail {

std::string zip_parts(const std::vector<std::pair<std::string, std::string>> &parts, const std::string &what,
                      ZipMethod method) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw Error(what + ": " + zip_error_strerror(&error));
  zip_t *archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(buffer);
    throw Error(what + ": " + zip_error_strerror(&error));
  }
  zip_source_keep(buffer);
  // libzip writes the DOS date of the local time of this time_t: ask mktime for the instant
  // that is 2000-01-01 00:00 locally, so every time zone writes the same date.
  std::tm date{};
  date.tm_year = 100;
  date.tm_mday = 1;
  date.tm_isdst = 0;
  const std::time_t when = std::mktime(&date);
  auto fail = [&](const std::string &where) {
    const std::string message = what + ": " + where + ": " + zip_strerror(archive);
    zip_discard(archive);
    zip_source_free(buffer);
    throw Error(message);
  };
  for (const auto &[name, bytes] : parts) {
    zip_source_t *source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (!source) fail(name);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      fail(name);
    }
    if (zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                 method == ZipMethod::store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 method == ZipMethod::store ? 0 : 6) < 0 ||
        zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), when, 0) < 0)
      fail(name);
  }
  if (zip_close(archive) < 0) fail("writing the archive");
  std::string out;
  if (zip_source_open(buffer) < 0) {
    zip_source_free(buffer);
    throw Error(what + ": cannot read the archive back");
  }
  char chunk[65536];
  zip_int64_t n;
  while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0)
    out.append(chunk, static_cast<std::size_t>(n));
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (n < 0) throw Error(what + ": cannot read the archive back");
  return out;
}

std::string read_entry(zip_t *archive, std::uint64_t index, const std::string &where) {
  auto bad = [&](const std::string &message) { return InputError(SourceLocation{where, 0, 0}, message); };
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, index, 0, &stat) != 0) throw bad(std::string("cannot read: ") + zip_strerror(archive));
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
    throw bad("encrypted zip member: remove the password and save the file again");
  // The stated size is not trusted to allocate; a member past the limit is refused before it is
  // read, and one shorter than stated is damaged.
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > k_max_entry_bytes)
    throw bad("zip member of " + std::to_string(stat.size) + " bytes unpacked, more than the " +
              std::to_string(k_max_entry_bytes >> 20) + " MB one part of a file may have");
  zip_file_t *f = zip_fopen_index(archive, index, 0);
  if (!f) throw bad(std::string("cannot read: ") + zip_strerror(archive));
  std::string out;
  char buffer[1 << 16];
  zip_int64_t got = 0;
  const std::uint64_t stated = (stat.valid & ZIP_STAT_SIZE) ? stat.size : k_max_entry_bytes + 1;
  while (out.size() < stated && out.size() <= k_max_entry_bytes &&
         (got = zip_fread(f, buffer, std::min<std::uint64_t>(sizeof buffer, stated - out.size()))) > 0)
    out.append(buffer, static_cast<std::size_t>(got));
  const std::string reason = got < 0 ? zip_file_strerror(f) : "";
  zip_fclose(f);
  if (out.size() > k_max_entry_bytes)
    throw bad("zip member of more than " + std::to_string(k_max_entry_bytes >> 20) +
              " MB unpacked, more than one part of a file may have");
  if (got < 0 || ((stat.valid & ZIP_STAT_SIZE) && out.size() != stat.size))
    throw bad("damaged zip member (cannot be decompressed" + (reason.empty() ? "" : ": " + reason) + ")");
  return out;
}

std::map<std::string, std::string> unzip(const std::string &bytes, const std::string &file,
                                         const std::function<bool(const std::string &)> &wanted) {
  auto bad = [&](const std::string &message) { return InputError(SourceLocation{file, 0, 0}, message); };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t *source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) throw bad(std::string("not a zip archive (") + zip_error_strerror(&error) + ")");
  zip_t *archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) {
    const std::string message = std::string("not a zip archive (") + zip_error_strerror(&error) + ")";
    zip_error_fini(&error);
    zip_source_free(source);
    throw bad(message);
  }
  std::map<std::string, std::string> entries;
  std::uint64_t total = 0;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  try {
    for (zip_int64_t i = 0; i < count; ++i) {
      const char *name = zip_get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
      if (!name) continue;
      std::string entry_name(name);
      if ((!entry_name.empty() && entry_name.back() == '/') || (wanted && !wanted(entry_name))) continue;
      std::string content = read_entry(archive, static_cast<zip_uint64_t>(i), file + "!" + entry_name);
      total += content.size();
      if (total > k_max_unzipped_bytes)
        throw InputError(SourceLocation{file + "!" + entry_name, 0, 0}, "the archive's members unpack to more than " +
                                                                            std::to_string(k_max_unzipped_bytes >> 20) +
                                                                            " MB together");
      entries.emplace(std::move(entry_name), std::move(content));
    }
  } catch (...) {
    zip_discard(archive);
    throw;
  }
  zip_discard(archive);
  return entries;
}

} // namespace supanalyze::detail
