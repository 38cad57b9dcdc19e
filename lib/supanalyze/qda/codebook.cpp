// SPDX-License-Identifier: MIT
#include <supanalyze/detail/uuid.hpp>
#include <supanalyze/detail/xml_writer.hpp>
#include <supanalyze/qda/codebook.hpp>
#include <supanalyze/qda/xml.hpp>
#include <supanalyze/text/ascii_id.hpp>
#include <supanalyze/text/normalizer.hpp>

#include <map>
#include <set>

namespace supanalyze::qda {

namespace {

std::string description_of(const codebook::Theme &t) {
  std::string out = t.description;
  if (!t.terms.empty()) {
    if (!out.empty()) out += "\n\n";
    out += "Terms:";
    for (const auto &term : t.terms)
      out += "\n" + term.text;
  }
  return out;
}

void write_code(supanalyze::detail::XmlWriter &x, const codebook::Codebook &cb, std::size_t t, bool english) {
  const auto &theme = cb.themes[t];
  x.start("Code").attr("guid", theme_guid(cb, t)).attr("name", theme.label(english)).attr("isCodable", "true");
  if (!theme.colour.empty()) x.attr("color", theme.colour);
  if (const std::string d = description_of(theme); !d.empty()) x.start("Description").text(d).end();
  for (std::size_t c : cb.children_of(t))
    write_code(x, cb, c, english);
  x.end();
}

// "Staffing & workload" -> "staffing_workload"; empty when the name has no Latin letter or digit.
std::string id_from_name(const std::string &name) { return text::ascii_id(name, {"", text::IdOther::separate, "_"}); }

// `ids`: the ids given so far; `next_suffix`: per id made from a name, the suffix to try first
// when it is taken (every smaller one is taken already), so N codes of one name cost N steps, not
// N² (20,000 took 470 s).
void read_code(const std::string &file, const xmlNode *node, std::optional<std::size_t> parent, codebook::Codebook &cb,
               std::set<std::string> &ids, std::map<std::string, int> &next_suffix) {
  codebook::Theme t;
  t.guid = detail::required_attribute(file, node, "guid");
  if (!supanalyze::detail::is_uuid(t.guid)) throw detail::error_at(file, node, "guid '" + t.guid + "' is not a GUID");
  const std::string name = detail::required_attribute(file, node, "name");
  t.label_th = text::normalize(name);
  t.label_en = name;
  std::string id = id_from_name(name);
  if (id.empty()) id = "code_" + std::to_string(cb.themes.size() + 1);
  std::string unique = id;
  for (int &n = next_suffix.try_emplace(id, 2).first->second; ids.count(unique); ++n)
    unique = id + "_" + std::to_string(n);
  ids.insert(unique);
  t.id = unique;
  if (const xmlNode *d = detail::child(node, "Description")) t.description = detail::text_of(d);
  if (auto colour = detail::attribute(node, "color")) t.colour = *colour;
  t.where = SourceLocation{file, static_cast<std::size_t>(std::max(0L, xmlGetLineNo(node))), 0};
  if (parent) {
    t.parent = parent;
    t.parent_id = cb.themes[*parent].id;
  }
  cb.themes.push_back(std::move(t));
  const std::size_t self = cb.themes.size() - 1;
  for (const xmlNode *c : detail::children(node, "Code"))
    read_code(file, c, self, cb, ids, next_suffix);
}

} // namespace

namespace detail {

void write_codes(supanalyze::detail::XmlWriter &x, const codebook::Codebook &cb, bool english) {
  x.start("Codes");
  for (std::size_t t = 0; t < cb.themes.size(); ++t)
    if (!cb.themes[t].parent) write_code(x, cb, t, english);
  x.end();
}

void read_codes(const std::string &file, const xmlNode *codebook_element, codebook::Codebook &cb) {
  const xmlNode *codes = child(codebook_element, "Codes");
  if (!codes) throw error_at(file, codebook_element, "missing <Codes>");
  std::set<std::string> ids;
  std::map<std::string, int> next_suffix;
  for (const xmlNode *c : children(codes, "Code"))
    read_code(file, c, std::nullopt, cb, ids, next_suffix);
}

} // namespace detail

std::string theme_guid(const codebook::Codebook &cb, std::size_t t) {
  const auto &theme = cb.themes[t];
  if (!theme.guid.empty()) return theme.guid;
  return supanalyze::detail::uuid_v5(supanalyze::detail::k_uuid_namespace_url,
                                     "supanalyze:codebook/" + cb.id + "/theme/" + theme.id);
}

std::string write_qdc(const codebook::Codebook &cb, Language lang) {
  supanalyze::detail::XmlWriter x("qdc", true);
  x.start("CodeBook")
      .attr("xmlns", k_codebook_namespace)
      .attr("origin", std::string("supanalyze ") + SUPANALYZE_VERSION);
  detail::write_codes(x, cb, lang == Language::en);
  x.end();
  return x.finish();
}

codebook::Codebook read_qdc(const std::string &bytes, const std::string &file) {
  const detail::Doc doc = detail::parse_xml(bytes, file);
  const xmlNode *root = xmlDocGetRootElement(doc.get());
  if (!root || detail::name_of(root) != "CodeBook")
    throw detail::error_at(file, root, "expected a REFI-QDA <CodeBook> (" + std::string(k_codebook_namespace) + ")");
  codebook::Codebook cb;
  cb.source = file;
  detail::read_codes(file, root, cb);
  return cb;
}

} // namespace supanalyze::qda
