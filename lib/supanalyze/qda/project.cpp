// SPDX-License-Identifier: MIT
#include <supanalyze/detail/uuid.hpp>
#include <supanalyze/detail/xml_writer.hpp>
#include <supanalyze/detail/zip.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/qda/codebook.hpp>
#include <supanalyze/qda/project.hpp>
#include <supanalyze/qda/xml.hpp>
#include <supanalyze/text/utf8.hpp>

namespace supanalyze::qda {

namespace {

constexpr const char *k_date = "2000-01-01T00:00:00Z";

std::string guid_of(const std::string &name) {
  return supanalyze::detail::uuid_v5(supanalyze::detail::k_uuid_namespace_url, "supanalyze:" + name);
}

std::string user_name() { return std::string("supanalyze ") + SUPANALYZE_VERSION; }

} // namespace

SourceText source_text(const corpus::Answer &answer) {
  SourceText out;
  for (std::size_t s = 0; s < answer.segments.size(); ++s) {
    const auto &segment = answer.segments[s];
    if (!segment.label.empty() && (s == 0 || answer.segments[s - 1].label != segment.label)) {
      out.text += "### ";
      out.label_start.push_back(out.text.size());
      out.text += segment.label + "\n";
    } else {
      // A bare "###" ends the label above (as in a transcript), so a reader of the text alone
      // does not carry it on to these segments.
      if (segment.label.empty() && s > 0 && !answer.segments[s - 1].label.empty()) out.text += "###\n";
      out.label_start.push_back(std::string::npos);
    }
    out.text_start.push_back(out.text.size());
    out.text += segment.text + "\n";
  }
  return out;
}

std::string source_name(const corpus::Corpus &corpus, const corpus::Answer &answer) {
  const auto &inst = corpus.instruments[answer.instrument];
  return inst.id + "/" + inst.questions[answer.question].id + "/" + corpus.provinces[answer.province].id;
}

ProjectWriter::ProjectWriter(const corpus::Corpus &corpus, const codebook::Codebook &codebook, Language lang,
                             std::vector<bool> theme_selected)
    : m_corpus(corpus), m_codebook(codebook), m_lang(lang), m_theme_selected(std::move(theme_selected)) {}

void ProjectWriter::add(const corpus::Answer &answer,
                        const std::vector<std::vector<codebook::Coding>> &segment_codings) {
  Source source;
  source.answer_instrument = answer.instrument;
  source.answer_question = answer.question;
  source.province = answer.province;
  source.name = source_name(m_corpus, answer);
  source.guid = guid_of("corpus/" + m_corpus.id + "/answer/" + source.name);
  const SourceText st = source_text(answer);
  source.text = st.text;
  for (std::size_t s = 0; s < segment_codings.size() && s < answer.segments.size(); ++s) {
    for (const auto &c : segment_codings[s]) {
      if (!m_theme_selected.empty() && !m_theme_selected[c.theme]) continue;
      const std::size_t base = c.in_label ? st.label_start[s] : st.text_start[s];
      if (base == std::string::npos) throw Error("qdpx: a label coding in " + source.name + " has no label line");
      Selection sel;
      sel.start = text::code_point_count(std::string_view(st.text).substr(0, base + c.start));
      sel.end = sel.start + text::code_point_count(std::string_view(st.text).substr(base + c.start, c.end - c.start));
      sel.theme = c.theme;
      sel.key = source.name + "/" + std::to_string(s + 1) + "/" + (c.in_label ? "label/" : "") +
                m_codebook.themes[c.theme].id + "/" + std::to_string(c.start) + "-" + std::to_string(c.end);
      source.selections.push_back(std::move(sel));
    }
  }
  m_sources.push_back(std::move(source));
}

std::string ProjectWriter::finish() {
  const std::string user_guid = guid_of("user/" + user_name());
  const char *k_variables[] = {"instrument", "question", "province"};
  supanalyze::detail::XmlWriter x("qdpx", true);
  x.start("Project")
      .attr("xmlns", k_project_namespace)
      .attr("name", m_corpus.id + " · " + m_codebook.id + " " + m_codebook.version)
      .attr("origin", user_name())
      .attr("creatingUserGUID", user_guid)
      .attr("creationDateTime", k_date);
  x.start("Users").start("User").attr("guid", user_guid).attr("name", user_name()).end().end();
  x.start("CodeBook");
  detail::write_codes(x, m_codebook, m_lang == Language::en);
  x.end();
  x.start("Variables");
  for (const char *v : k_variables)
    x.start("Variable")
        .attr("guid", guid_of(std::string("variable/") + v))
        .attr("name", v)
        .attr("typeOfVariable", "Text")
        .end();
  x.end();
  x.start("Cases");
  for (std::size_t p = 0; p < m_corpus.provinces.size(); ++p) {
    const auto &province = m_corpus.provinces[p];
    x.start("Case")
        .attr("guid", guid_of("corpus/" + m_corpus.id + "/province/" + province.id))
        .attr("name", province.id);
    if (!province.th.empty()) x.start("Description").text(province.th).end();
    for (const auto &source : m_sources)
      if (source.province == p) x.empty("SourceRef", "targetGUID", source.guid);
    x.end();
  }
  x.end();
  x.start("Sources");
  for (const auto &source : m_sources) {
    const auto &inst = m_corpus.instruments[source.answer_instrument];
    x.start("TextSource")
        .attr("guid", source.guid)
        .attr("name", source.name)
        .attr("plainTextPath", "internal://" + source.guid + ".txt")
        .attr("creatingUser", user_guid)
        .attr("creationDateTime", k_date);
    for (const auto &sel : source.selections) {
      x.start("PlainTextSelection")
          .attr("guid", guid_of("selection/" + m_corpus.id + "/" + sel.key))
          .attr("startPosition", std::to_string(sel.start))
          .attr("endPosition", std::to_string(sel.end))
          .attr("creatingUser", user_guid)
          .attr("creationDateTime", k_date);
      x.start("Coding")
          .attr("guid", guid_of("coding/" + m_corpus.id + "/" + sel.key))
          .attr("creatingUser", user_guid)
          .attr("creationDateTime", k_date);
      x.empty("CodeRef", "targetGUID", theme_guid(m_codebook, sel.theme));
      x.end().end();
    }
    const std::string values[] = {inst.id, inst.questions[source.answer_question].id,
                                  m_corpus.provinces[source.province].id};
    for (std::size_t v = 0; v < 3; ++v) {
      x.start("VariableValue");
      x.empty("VariableRef", "targetGUID", guid_of(std::string("variable/") + k_variables[v]));
      x.start("TextValue").text(values[v]).end();
      x.end();
    }
    x.end();
  }
  x.end();
  x.end();
  std::vector<std::pair<std::string, std::string>> parts;
  parts.emplace_back("project.qde", x.finish());
  for (const auto &source : m_sources)
    parts.emplace_back("Sources/" + source.guid + ".txt", source.text);
  return supanalyze::detail::zip_parts(parts, "qdpx");
}

} // namespace supanalyze::qda
