// SPDX-License-Identifier: MIT
#include <supanalyze/detail/zip.hpp>
#include <supanalyze/error.hpp>

#include <zip.h>

#include <ctime>

namespace supanalyze::detail {

std::string zip_parts(const std::vector<std::pair<std::string, std::string>> &parts, const std::string &what) {
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
    if (zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6) < 0 ||
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

std::map<std::string, std::string> unzip(const std::string &bytes, const std::string &file) {
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
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char *name = zip_get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    if (!name) continue;
    std::string entry_name(name);
    if (!entry_name.empty() && entry_name.back() == '/') continue;
    zip_file_t *entry = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    std::string content;
    zip_int64_t n = -1;
    if (entry) {
      char chunk[65536];
      while ((n = zip_fread(entry, chunk, sizeof chunk)) > 0)
        content.append(chunk, static_cast<std::size_t>(n));
      zip_fclose(entry);
    }
    if (!entry || n < 0) {
      const std::string message = "zip entry '" + entry_name + "': " + zip_strerror(archive);
      zip_discard(archive);
      throw bad(message);
    }
    entries.emplace(std::move(entry_name), std::move(content));
  }
  zip_discard(archive);
  return entries;
}

} // namespace supanalyze::detail
