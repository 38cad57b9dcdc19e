// SPDX-License-Identifier: MIT
#include <supanalyze/qda/xml.hpp>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <cstring>

namespace supanalyze::qda::detail {

Doc parse_xml(const std::string &bytes, const std::string &file) {
  xmlResetLastError();
  xmlDoc *doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), file.c_str(), nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) {
    const xmlError *e = xmlGetLastError();
    std::string message = e && e->message ? e->message : "not well-formed XML";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    throw InputError(
        SourceLocation{file, e ? static_cast<std::size_t>(e->line) : 0, e ? static_cast<std::size_t>(e->int2) : 0},
        "not well-formed XML: " + message);
  }
  return Doc(doc);
}

std::string name_of(const xmlNode *node) {
  return node && node->name ? reinterpret_cast<const char *>(node->name) : "";
}

std::vector<xmlNode *> children(const xmlNode *node, const char *name) {
  std::vector<xmlNode *> out;
  for (xmlNode *c = node ? node->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && name_of(c) == name) out.push_back(c);
  return out;
}

xmlNode *child(const xmlNode *node, const char *name) {
  for (xmlNode *c = node ? node->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && name_of(c) == name) return c;
  return nullptr;
}

std::optional<std::string> attribute(const xmlNode *node, const char *name) {
  xmlChar *value = xmlGetProp(node, BAD_CAST name);
  if (!value) return std::nullopt;
  std::string out(reinterpret_cast<const char *>(value));
  xmlFree(value);
  return out;
}

std::string text_of(const xmlNode *node) {
  xmlChar *value = xmlNodeGetContent(node);
  if (!value) return {};
  std::string out(reinterpret_cast<const char *>(value));
  xmlFree(value);
  return out;
}

std::string path_of(const xmlNode *node) {
  std::string path;
  for (const xmlNode *n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
    std::string step = name_of(n);
    if (n->parent && n->parent->type == XML_ELEMENT_NODE) {
      std::size_t index = 0, same = 0;
      for (const xmlNode *s = n->parent->children; s; s = s->next) {
        if (s->type != XML_ELEMENT_NODE || name_of(s) != step) continue;
        ++same;
        if (s == n) index = same;
      }
      if (same > 1) step += "[" + std::to_string(index) + "]";
    }
    path = path.empty() ? step : step + "/" + path;
  }
  return path;
}

InputError error_at(const std::string &file, const xmlNode *node, const std::string &message) {
  const long line = node ? xmlGetLineNo(node) : 0;
  return InputError(SourceLocation{file, line > 0 ? static_cast<std::size_t>(line) : 0, 0},
                    "element " + path_of(node) + ": " + message);
}

std::string required_attribute(const std::string &file, const xmlNode *node, const char *name) {
  auto value = attribute(node, name);
  if (!value) throw error_at(file, node, std::string("missing attribute '") + name + "'");
  return *value;
}

} // namespace supanalyze::qda::detail
