// SPDX-License-Identifier: MIT
#include <supanalyze/detail/zip.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/office/package.hpp>
#include <supanalyze/office/xlsx.hpp>

#include <libxml/parser.h>
#include <zip.h>

#include <algorithm>
#include <cstring>

namespace supanalyze::office {

bool looks_like_zip(const std::string &bytes) { return bytes.rfind("PK\x03\x04", 0) == 0; }

namespace detail {

namespace {

constexpr std::string_view k_ole_magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

} // namespace

Package::Package(const std::string &bytes, std::string file, const char *kind)
    : m_file(std::move(file)), m_bytes(bytes) {
  if (std::string_view(m_bytes).substr(0, k_ole_magic.size()) == k_ole_magic)
    throw InputError({m_file, 0, 0},
                     std::string("an encrypted (password-protected) file or a legacy binary Office file, not ") + kind +
                         ": remove the password, or save it as " + kind);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t *source = zip_source_buffer_create(m_bytes.data(), m_bytes.size(), 0, &error);
  if (source) m_zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!m_zip) {
    const std::string reason =
        zip_error_code_zip(&error) == ZIP_ER_NOZIP ? "not a zip archive" : zip_error_strerror(&error);
    if (source) zip_source_free(source);
    zip_error_fini(&error);
    throw InputError({m_file, 0, 0}, std::string("not ") + kind + " (" + reason + ")");
  }
  zip_error_fini(&error);
}

Package::~Package() {
  if (m_zip) zip_discard(m_zip);
}

std::optional<std::string> Package::member(const std::string &name) const {
  const zip_int64_t index = zip_name_locate(m_zip, name.c_str(), 0);
  if (index < 0) return std::nullopt;
  return supanalyze::detail::read_entry(m_zip, static_cast<std::uint64_t>(index), m_file + "/" + name);
}

XmlDoc parse_xml(const std::string &bytes, const std::string &file, const std::string &member) {
  XmlDoc doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), member.c_str(), nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE));
  if (!doc) {
    const xmlError *error = xmlGetLastError();
    throw InputError({file + "/" + member, error ? static_cast<std::size_t>(error->line) : 0,
                      error ? static_cast<std::size_t>(error->int2) : 0},
                     std::string("malformed XML") +
                         (error && error->message ? ": " + std::string(error->message) : ""));
  }
  return doc;
}

bool is(const xmlNode *node, const char *local_name) {
  return node && node->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char *>(node->name), local_name) == 0;
}

std::string attribute(const xmlNode *node, const char *local_name) {
  if (!node) return {};
  for (const xmlAttr *a = node->properties; a; a = a->next)
    if (std::strcmp(reinterpret_cast<const char *>(a->name), local_name) == 0 && a->children && a->children->content)
      return reinterpret_cast<const char *>(a->children->content);
  return {};
}

const xmlNode *child(const xmlNode *node, const char *local_name) {
  for (const xmlNode *c = node ? node->children : nullptr; c; c = c->next)
    if (is(c, local_name)) return c;
  return nullptr;
}

void append_text(const xmlNode *node, std::string &out, const char *skip) {
  for (const xmlNode *c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (skip && is(c, skip)) continue;
    if (is(c, "t")) {
      for (const xmlNode *t = c->children; t; t = t->next)
        if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
          out += reinterpret_cast<const char *>(t->content);
      continue;
    }
    append_text(c, out, skip);
  }
}

} // namespace detail

} // namespace supanalyze::office
