// SPDX-License-Identifier: MIT
#pragma once
// A libxml2 text writer into memory (escaping and well-formedness are libxml2's job), shared by
// the Word report and the REFI-QDA writers. Internal: libxml2 appears in no public header.

#include <string>

namespace supanalyze::detail {

// Writes one XML document into memory; every call checks libxml2's result and throws Error
// ("`what`: the XML writer failed") on failure. `indent`: one element per line, indented.
class XmlWriter {
public:
  explicit XmlWriter(std::string what, bool indent = false);
  ~XmlWriter();
  XmlWriter(const XmlWriter &) = delete;
  XmlWriter &operator=(const XmlWriter &) = delete;

  XmlWriter &start(const char *name);
  XmlWriter &attr(const char *name, const std::string &value);
  XmlWriter &text(const std::string &value);
  XmlWriter &end();
  // <name attr="value"/>
  XmlWriter &empty(const char *name, const char *attr_name = nullptr, const std::string &value = {});
  // Ends the document and returns its bytes; the writer is unusable afterwards.
  std::string finish();

private:
  XmlWriter &check(int rc);
  std::string m_what;
  void *m_buffer;
  void *m_writer;
};

} // namespace supanalyze::detail
