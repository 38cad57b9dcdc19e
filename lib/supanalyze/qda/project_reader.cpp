// SPDX-License-Identifier: MIT
#include <supanalyze/detail/uuid.hpp>
#include <supanalyze/detail/zip.hpp>
#include <supanalyze/numbers.hpp>
#include <supanalyze/qda/codebook.hpp>
#include <supanalyze/qda/project.hpp>
#include <supanalyze/qda/project_reader.hpp>
#include <supanalyze/qda/xml.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace supanalyze::qda {

namespace {

// A GUID as it is compared: lower case, without the braces some tools write around it.
std::string lower(const std::string &guid) {
  std::string s = text::ascii_lower(guid);
  if (s.size() == 38 && s.front() == '{') s = s.substr(1, 36);
  return s;
}

std::size_t parse_position(const std::string &part, const xmlNode *node, const char *name) {
  const std::string value = detail::required_attribute(part, node, name);
  const auto position = value.size() > 12 ? std::nullopt : parse_digits(value);
  if (!position)
    throw detail::error_at(part, node,
                           std::string(name) + " '" + value + "' is not a position (a whole number from 0)");
  return static_cast<std::size_t>(*position);
}

// The archive entry of a source path: "internal://x" is x in the sources folder, which REFI-QDA
// tools spell "Sources/" (supanalyze, the standard's examples) or "sources/" (QualCoder's
// exporter); ZIP names are case-sensitive, so both spellings are looked up.
std::map<std::string, std::string>::const_iterator find_internal(const std::map<std::string, std::string> &entries,
                                                                 const std::string &path) {
  if (path.rfind("internal://", 0) != 0) return entries.find(path);
  const std::string file = path.substr(11);
  auto found = entries.find("Sources/" + file);
  if (found == entries.end()) found = entries.find("sources/" + file);
  return found;
}

// A source's text file from the archive (`where`: "project.qdpx!Sources/x.txt") must be UTF-8
// without NUL bytes: a NUL would be written raw into the imported transcripts and every output.
void check_source_text(const std::string &text, const std::string &where, const std::string &source) {
  // The line and character column of byte `offset`, as an editor shows them.
  auto at = [&](std::size_t offset) {
    const std::string_view before = std::string_view(text).substr(0, offset);
    const std::size_t line_start = before.rfind('\n') + 1; // npos + 1 == 0: the first line
    const auto line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
    return SourceLocation{where, line, text::code_point_count(before.substr(line_start)) + 1};
  };
  if (const auto bad = text::find_invalid_utf8(text))
    throw InputError(at(bad->offset), bad->reason + " in the text of TextSource '" + source + "' (it must be UTF-8)");
  if (const std::size_t nul = text.find('\0'); nul != std::string::npos)
    throw InputError(at(nul), "a NUL byte in the text of TextSource '" + source + "'");
}

void collect_code_guids(const codebook::Codebook &codes, std::set<std::string> &out) {
  for (const auto &t : codes.themes)
    out.insert(lower(t.guid));
}

// The archive entries a TextSource's plainTextPath may name (find_internal looks them up).
void add_text_entries(const std::string &path, std::set<std::string> &out) {
  if (path.rfind("internal://", 0) != 0) {
    out.insert(path);
    return;
  }
  out.insert("Sources/" + path.substr(11));
  out.insert("sources/" + path.substr(11));
}

// The project's .qde as (entry name, XML): project.qde, or the only top-level .qde. Only the
// top-level .qde files are unpacked (a project may also hold PDFs, pictures or recordings).
std::pair<std::string, std::string> project_qde(const std::string &bytes, const std::string &file) {
  auto qde_entries = supanalyze::detail::unzip(bytes, file, [](const std::string &name) {
    return name.size() > 4 && name.compare(name.size() - 4, 4, ".qde") == 0 && name.find('/') == std::string::npos;
  });
  auto qde = qde_entries.find("project.qde");
  if (qde == qde_entries.end()) {
    // ATLAS.ti writes "<project name>.qde" (QualCoder issue #1369): take the only top-level .qde.
    const std::size_t found = qde_entries.size();
    if (found != 1)
      throw InputError(SourceLocation{file, 0, 0}, found == 0
                                                       ? "no project.qde in the archive"
                                                       : "no project.qde in the archive, and " + std::to_string(found) +
                                                             " other .qde files: which is the project?");
    qde = qde_entries.begin();
  }
  return {qde->first, std::move(qde->second)};
}

// The archive's text files that the TextSources of `sources` name by plainTextPath, unpacked
// (and nothing else).
std::map<std::string, std::string> source_text_entries(const std::string &bytes, const std::string &file,
                                                       const xmlNode *sources) {
  std::set<std::string> text_entries;
  for (const xmlNode *s : detail::children(sources, "TextSource"))
    if (const auto path = detail::attribute(s, "plainTextPath"); path && !detail::child(s, "PlainTextContent"))
      add_text_entries(*path, text_entries);
  if (text_entries.empty()) return {};
  return supanalyze::detail::unzip(bytes, file, [&](const std::string &name) { return text_entries.count(name) > 0; });
}

// The text of TextSource `s` (of `part`, in the archive `file`): its PlainTextContent, or the
// archive's file its plainTextPath names, without a byte order mark; a file's text is checked.
std::string source_text_of(const xmlNode *s, const std::string &part, const std::string &file,
                           const std::map<std::string, std::string> &entries, const std::string &source_name) {
  std::string text;
  std::string text_file; // the archive's file of the text, when it is one
  if (const xmlNode *content = detail::child(s, "PlainTextContent")) {
    text = detail::text_of(content); // XML: UTF-8, and no NUL
  } else if (auto path = detail::attribute(s, "plainTextPath")) {
    const auto found = find_internal(entries, *path);
    if (found == entries.end()) throw detail::error_at(part, s, "its text " + *path + " is not in the archive");
    text = found->second;
    text_file = file + "!" + found->first;
  } else {
    throw detail::error_at(part, s, "neither PlainTextContent nor plainTextPath");
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  if (!text_file.empty()) check_source_text(text, text_file, source_name);
  return text;
}

// PlainTextSelection `sel` of `source` (of `length` code points), its range and CodeRefs checked.
ProjectSelection read_selection(const xmlNode *sel, const std::string &part, const ProjectSource &source,
                                std::size_t length, const std::set<std::string> &code_guids) {
  ProjectSelection ps;
  ps.start = parse_position(part, sel, "startPosition");
  ps.end = parse_position(part, sel, "endPosition");
  ps.element = detail::path_of(sel);
  ps.where = SourceLocation{part, static_cast<std::size_t>(std::max(0L, xmlGetLineNo(sel))), 0};
  if (ps.start > ps.end || ps.end > length)
    throw detail::error_at(part, sel,
                           "selection " + std::to_string(ps.start) + "-" + std::to_string(ps.end) +
                               " is out of its source's range 0-" + std::to_string(length) + " (" + source.name + ")");
  for (const xmlNode *coding : detail::children(sel, "Coding"))
    for (const xmlNode *ref : detail::children(coding, "CodeRef")) {
      const std::string guid = detail::required_attribute(part, ref, "targetGUID");
      if (!code_guids.count(lower(guid)))
        throw detail::error_at(part, ref, "CodeRef to " + guid + ", which no code of the project's CodeBook has");
      ps.code_guids.push_back(guid);
    }
  return ps;
}

} // namespace

Project read_qdpx(const std::string &bytes, const std::string &file) {
  const auto [qde_name, qde_xml] = project_qde(bytes, file);
  const std::string part = file + "!" + qde_name;
  const detail::Doc doc = detail::parse_xml(qde_xml, part);
  const xmlNode *root = xmlDocGetRootElement(doc.get());
  if (!root || detail::name_of(root) != "Project")
    throw detail::error_at(part, root, "expected a REFI-QDA <Project> (" + std::string(k_project_namespace) + ")");
  Project project;
  project.file = file;
  project.qde = qde_name;
  if (const xmlNode *cb = detail::child(root, "CodeBook")) detail::read_codes(part, cb, project.codes);
  std::set<std::string> code_guids;
  collect_code_guids(project.codes, code_guids);
  std::map<std::string, std::string> variable_names; // guid -> name
  if (const xmlNode *vars = detail::child(root, "Variables"))
    for (const xmlNode *v : detail::children(vars, "Variable"))
      variable_names[lower(detail::required_attribute(part, v, "guid"))] = detail::required_attribute(part, v, "name");
  const xmlNode *sources = detail::child(root, "Sources");
  const auto entries = source_text_entries(bytes, file, sources);
  for (const xmlNode *s : detail::children(sources, "TextSource")) {
    ProjectSource source;
    source.guid = detail::required_attribute(part, s, "guid");
    source.name = detail::attribute(s, "name").value_or(source.guid);
    source.text = source_text_of(s, part, file, entries, source.name);
    const std::size_t length = text::code_point_count(source.text); // REFI-QDA positions count code points
    for (const xmlNode *sel : detail::children(s, "PlainTextSelection"))
      source.selections.push_back(read_selection(sel, part, source, length, code_guids));
    for (const xmlNode *vv : detail::children(s, "VariableValue")) {
      const xmlNode *ref = detail::child(vv, "VariableRef");
      const xmlNode *value = detail::child(vv, "TextValue");
      if (!ref || !value) continue;
      const auto name = variable_names.find(lower(detail::required_attribute(part, ref, "targetGUID")));
      if (name != variable_names.end()) source.variables[name->second] = detail::text_of(value);
    }
    project.sources.push_back(std::move(source));
  }
  return project;
}

agreement::Coding project_coding(const Project &project, const corpus::Corpus &corpus,
                                 const codebook::Codebook &codebook, std::vector<std::string> &unmatched) {
  agreement::Coding coding;
  coding.name = project.file;
  coding.form = agreement::InputForm::codings;
  coding.has_segments = true;
  // Code GUID -> theme: by GUID, then by name.
  std::map<std::string, std::optional<std::size_t>> theme_of;
  std::map<std::string, std::size_t> unmatched_count;
  for (const auto &code : project.codes.themes) {
    std::optional<std::size_t> theme;
    for (std::size_t t = 0; t < codebook.themes.size() && !theme; ++t)
      if (lower(theme_guid(codebook, t)) == lower(code.guid)) theme = t;
    for (std::size_t t = 0; t < codebook.themes.size() && !theme; ++t) {
      const auto &th = codebook.themes[t];
      if (code.label_en == th.label_th || code.label_en == th.label_en || code.label_en == th.id ||
          code.label_th == th.label_th)
        theme = t;
    }
    theme_of[lower(code.guid)] = theme;
    // Every code of the project's codebook was there for the coder to apply: a theme it maps
    // to was judged in every source, yes or no (agree compares the themes a coding judges).
    if (theme && std::find(coding.themes.begin(), coding.themes.end(), *theme) == coding.themes.end())
      coding.themes.push_back(*theme);
  }
  std::map<std::string, std::size_t> answer_of;
  std::vector<std::size_t> judged; // the answers the project has a source of (a partial project leaves some out)
  for (std::size_t a = 0; a < corpus.answers.size(); ++a)
    answer_of[source_name(corpus, corpus.answers[a])] = a;
  for (const auto &source : project.sources) {
    std::string name = source.name;
    if (source.variables.count("instrument") && source.variables.count("question") &&
        source.variables.count("province"))
      name = source.variables.at("instrument") + "/" + source.variables.at("question") + "/" +
             source.variables.at("province");
    const auto found = answer_of.find(name);
    if (found == answer_of.end())
      throw InputError(SourceLocation{project.file + "!" + project.qde, 0, 0},
                       "TextSource '" + source.name + "' is no answer of corpus " + corpus.id);
    const auto &answer = corpus.answers[found->second];
    judged.push_back(found->second);
    const SourceText st = source_text(answer);
    if (st.text != source.text)
      throw InputError(SourceLocation{project.file + "!" + project.qde, 0, 0},
                       "TextSource '" + source.name + "': its text is not the corpus's answer (was it edited?)");
    // Code point -> byte offsets of the text.
    std::vector<std::size_t> byte_at;
    for (std::size_t i = 0; i < st.text.size(); ++i)
      if ((static_cast<unsigned char>(st.text[i]) & 0xC0) != 0x80) byte_at.push_back(i);
    byte_at.push_back(st.text.size());
    for (const auto &sel : source.selections) {
      const std::size_t byte = byte_at[sel.start];
      std::size_t segment = 0;
      for (std::size_t s = 0; s < answer.segments.size(); ++s) {
        const std::size_t begin = st.label_start[s] != std::string::npos ? st.label_start[s] - 4 : st.text_start[s];
        if (byte >= begin) segment = s;
      }
      for (const auto &guid : sel.code_guids) {
        const auto theme = theme_of[lower(guid)];
        if (!theme) {
          ++unmatched_count[lower(guid)];
          continue;
        }
        coding.marks.push_back({found->second, segment, *theme, {}, sel.where});
      }
    }
  }
  coding.answers = agreement::distinct_answers(std::move(judged));
  for (const auto &code : project.codes.themes) {
    if (theme_of[lower(code.guid)]) continue;
    const auto n = unmatched_count[lower(code.guid)];
    unmatched.push_back("code '" + code.label_en + "' (" + code.guid + ") matches no theme of " + codebook.id + ": " +
                        std::to_string(n) + " codings not compared");
  }
  return coding;
}

} // namespace supanalyze::qda
