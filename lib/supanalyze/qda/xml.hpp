// SPDX-License-Identifier: MIT
#pragma once
// Internal helpers of the REFI-QDA readers: a parsed libxml2 document and element walking with
// errors that name the file, the line and the element.

#include <supanalyze/error.hpp>

#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace supanalyze::qda::detail {

struct DocFree {
  void operator()(xmlDoc *doc) const { xmlFreeDoc(doc); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

// Parses `bytes` (no network, no entities from outside); a syntax error throws InputError at
// `file`'s line and column.
Doc parse_xml(const std::string &bytes, const std::string &file);

// The element's local name ("Code").
std::string name_of(const xmlNode *node);
// Element children named `name` (any namespace), in order.
std::vector<xmlNode *> children(const xmlNode *node, const char *name);
// The first element child named `name`, or nullptr.
xmlNode *child(const xmlNode *node, const char *name);
std::optional<std::string> attribute(const xmlNode *node, const char *name);
std::string text_of(const xmlNode *node);
// "CodeBook/Codes/Code[2]/Code[1]": where `node` sits, for messages.
std::string path_of(const xmlNode *node);
// An InputError at `node`: "file:line: element PATH: message".
InputError error_at(const std::string &file, const xmlNode *node, const std::string &message);
// A required attribute, else error_at.
std::string required_attribute(const std::string &file, const xmlNode *node, const char *name);

} // namespace supanalyze::qda::detail

namespace supanalyze::detail {
class XmlWriter;
}

namespace supanalyze::codebook {
struct Codebook;
}

namespace supanalyze::qda::detail {

// Writes <Codes> with the theme tree (shared by the codebook and the project writers).
void write_codes(supanalyze::detail::XmlWriter &x, const codebook::Codebook &cb, bool english);
// Reads the <Codes> under `codebook_element` (a <CodeBook> of either namespace) into `cb`.
void read_codes(const std::string &file, const xmlNode *codebook_element, codebook::Codebook &cb);

} // namespace supanalyze::qda::detail
