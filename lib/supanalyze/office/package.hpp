// SPDX-License-Identifier: MIT
#pragma once
// Internal to office/: the zip package of an Office Open XML file, and libxml2 helpers.

#include <libxml/tree.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

struct zip;

namespace supanalyze::office::detail {

// An open .xlsx/.docx package. Opening checks it is a zip (an OLE compound file, which is what
// an encrypted Office file is, gets its own message).
class Package {
public:
  Package(const std::string &bytes, std::string file, const char *kind);
  ~Package();
  Package(const Package &) = delete;
  Package &operator=(const Package &) = delete;

  // The bytes of member `name`, or nothing when the package has none.
  std::optional<std::string> member(const std::string &name) const;
  const std::string &file() const { return m_file; }

private:
  std::string m_file;
  std::string m_bytes; // libzip reads from this buffer
  zip *m_zip = nullptr;
};

struct XmlDocFree {
  void operator()(xmlDoc *doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

// Parses `bytes` (member `member` of `file`); malformed XML throws InputError.
XmlDoc parse_xml(const std::string &bytes, const std::string &file, const std::string &member);

// Element helpers: local names, ignoring namespaces (documents use varying prefixes).
bool is(const xmlNode *node, const char *local_name);
std::string attribute(const xmlNode *node, const char *local_name);
const xmlNode *child(const xmlNode *node, const char *local_name);
// The text of every `t` element below `node` (Word's w:t, Excel's t), in order; `skip` names a
// subtree to leave out (Excel's phonetic runs, rPh).
void append_text(const xmlNode *node, std::string &out, const char *skip = nullptr);

} // namespace supanalyze::office::detail
