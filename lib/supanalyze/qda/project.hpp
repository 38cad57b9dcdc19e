// SPDX-License-Identifier: MIT
#pragma once
// REFI-QDA projects (.qdpx: a zip of project.qde, namespace urn:QDA-XML:project:1.0, and the
// sources' text under Sources/). See docs/qda.md for the layout and its reasons.

#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/codebook/model.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/language.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::qda {

inline constexpr const char *k_project_namespace = "urn:QDA-XML:project:1.0";

// The plain text of one answer as a project source, and where each segment sits in it. A
// segment's `###` label is a line "### <label>" before the first segment under it (as the
// coder codes it, once), and a bare "###" line where a label ends; each segment is its text
// and a line end. No BOM.
struct SourceText {
  std::string text;
  std::vector<std::size_t> label_start; // byte offset of each segment's label (after "### "), or npos
  std::vector<std::size_t> text_start;  // byte offset of each segment's text
};
SourceText source_text(const corpus::Answer &answer);

// "centre1300/q4/ratchaburi": the name of an answer's source.
std::string source_name(const corpus::Corpus &corpus, const corpus::Answer &answer);

// Builds a coded project answer by answer (in corpus order) and returns the .qdpx bytes. One
// TextSource per answer; every coding of a selected theme becomes a PlainTextSelection with
// code-point positions (end exclusive) and a Coding whose CodeRef is the theme's GUID; the user
// is "supanalyze <version>"; provinces are Cases; instrument, question and province are
// Variables; the codebook is embedded. GUIDs are name-based and dates fixed: same input, same
// bytes.
class ProjectWriter {
public:
  // `theme_selected[t]`: whether codings of theme t are written (empty: all).
  ProjectWriter(const corpus::Corpus &corpus, const codebook::Codebook &codebook, Language lang,
                std::vector<bool> theme_selected = {});
  void add(const corpus::Answer &answer, const std::vector<std::vector<codebook::Coding>> &segment_codings);
  std::string finish();

private:
  struct Selection {
    std::size_t start = 0, end = 0; // code points
    std::size_t theme = 0;
    std::string key; // for its GUIDs
  };
  struct Source {
    std::size_t answer_instrument = 0, answer_question = 0, province = 0;
    std::string name, guid, text;
    std::vector<Selection> selections;
  };
  const corpus::Corpus &m_corpus;
  const codebook::Codebook &m_codebook;
  Language m_lang;
  std::vector<bool> m_theme_selected;
  std::vector<Source> m_sources;
};

} // namespace supanalyze::qda
