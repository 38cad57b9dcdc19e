// SPDX-License-Identifier: MIT
#pragma once
// Reading REFI-QDA projects (.qdpx) from any tool: the sources' text, their selections and
// codes, as a coding for `agree` or as a corpus.

#include <supanalyze/agreement/reader.hpp>
#include <supanalyze/codebook/model.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/error.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace supanalyze::qda {

// A coded span of a source: code points from 0, end exclusive, and the GUIDs of its codes.
struct ProjectSelection {
  std::size_t start = 0, end = 0;
  std::vector<std::string> code_guids;
  SourceLocation where; // "file!project.qde:line" and the element path in `element`
  std::string element;
};

struct ProjectSource {
  std::string guid, name;
  std::string text;                             // UTF-8, a leading BOM removed
  std::map<std::string, std::string> variables; // variable name -> text value
  std::vector<ProjectSelection> selections;
};

struct Project {
  std::string file;
  std::string qde = "project.qde"; // the archive entry the project was read from
  codebook::Codebook codes;        // the project's codebook as a skeleton (guid, name, tree); may be empty
  std::vector<ProjectSource> sources;
};

// Reads a .qdpx: its project.qde or, when there is none, its only top-level .qde (ATLAS.ti
// names it after the project). Throws InputError naming `file` and the part or element for: a
// damaged zip, no such .qde, XML that is not well-formed or not a REFI-QDA <Project>, a source whose text is
// missing, a selection out of its source's range, a CodeRef to a GUID no code of the project
// has. Sources may start with a BOM (QualCoder) and use CRLF (ATLAS.ti); GUIDs of any case.
Project read_qdpx(const std::string &bytes, const std::string &file);

// The project's codings as one coder's marks for agreement::compare. Each source is an answer
// of `corpus`, found by its instrument/question/province variables or by its name
// ("centre1300/q4/ratchaburi"), whose text must be that answer's source_text(); each selection
// marks the segment it starts in. The answers with a source are the coding's judged answers
// (Coding::answers): a project that holds only some answers says nothing about the others.
// Codes are matched to themes by GUID (theme_guid), then by name (label in either language, or
// id); a code with no theme is not dropped silently: its name and number of codings go to
// `unmatched` ("'name' (guid): N codings").
agreement::Coding project_coding(const Project &project, const corpus::Corpus &corpus,
                                 const codebook::Codebook &codebook, std::vector<std::string> &unmatched);

} // namespace supanalyze::qda

namespace supanalyze::qda {

// A corpus from a project's text sources, one answer per source: with `instrument`, `question`
// and `province` variables holding valid ids (as supanalyze writes them), those; otherwise one
// instrument "qdpx" with question "q1", and each source a "province" whose id is made from its
// name (a-z, 0-9, _, -; "source_N" when none is left) and whose Thai name is the source's name.
// Text lines become segments (CRLF read as LF, blank lines skipped, normalized); a line
// "### x" is the label of the segments after it. `id` and `year_be` name the round.
corpus::Corpus project_corpus(const Project &project, const std::string &id, int year_be);

// corpus.yaml text for `corpus` (id, title, year, provinces, instruments with questions).
std::string corpus_metadata_yaml(const corpus::Corpus &corpus);

} // namespace supanalyze::qda
