// SPDX-License-Identifier: MIT
#include <supanalyze/detail/xml_writer.hpp>
#include <supanalyze/error.hpp>

#include <libxml/xmlwriter.h>

namespace supanalyze::detail {

namespace {
xmlBufferPtr buffer_of(void *p) { return static_cast<xmlBufferPtr>(p); }
xmlTextWriterPtr writer_of(void *p) { return static_cast<xmlTextWriterPtr>(p); }
} // namespace

XmlWriter::XmlWriter(std::string what, bool indent)
    : m_what(std::move(what)), m_buffer(xmlBufferCreate()),
      m_writer(m_buffer ? xmlNewTextWriterMemory(buffer_of(m_buffer), 0) : nullptr) {
  if (!m_writer) {
    if (m_buffer) xmlBufferFree(buffer_of(m_buffer));
    throw Error(m_what + ": cannot create an XML writer");
  }
  if (indent) {
    check(xmlTextWriterSetIndent(writer_of(m_writer), 1));
    check(xmlTextWriterSetIndentString(writer_of(m_writer), BAD_CAST "  "));
  }
  check(xmlTextWriterStartDocument(writer_of(m_writer), "1.0", "UTF-8", "yes"));
}

XmlWriter::~XmlWriter() {
  if (m_writer) xmlFreeTextWriter(writer_of(m_writer));
  if (m_buffer) xmlBufferFree(buffer_of(m_buffer));
}

XmlWriter &XmlWriter::start(const char *name) {
  return check(xmlTextWriterStartElement(writer_of(m_writer), BAD_CAST name));
}

XmlWriter &XmlWriter::attr(const char *name, const std::string &value) {
  return check(xmlTextWriterWriteAttribute(writer_of(m_writer), BAD_CAST name, BAD_CAST value.c_str()));
}

XmlWriter &XmlWriter::text(const std::string &value) {
  return check(xmlTextWriterWriteString(writer_of(m_writer), BAD_CAST value.c_str()));
}

XmlWriter &XmlWriter::end() { return check(xmlTextWriterEndElement(writer_of(m_writer))); }

XmlWriter &XmlWriter::empty(const char *name, const char *attr_name, const std::string &value) {
  start(name);
  if (attr_name) attr(attr_name, value);
  return end();
}

std::string XmlWriter::finish() {
  check(xmlTextWriterEndDocument(writer_of(m_writer)));
  xmlFreeTextWriter(writer_of(m_writer));
  m_writer = nullptr;
  return std::string(reinterpret_cast<const char *>(xmlBufferContent(buffer_of(m_buffer))),
                     static_cast<std::size_t>(xmlBufferLength(buffer_of(m_buffer))));
}

XmlWriter &XmlWriter::check(int rc) {
  if (rc < 0) throw Error(m_what + ": the XML writer failed");
  return *this;
}

} // namespace supanalyze::detail
