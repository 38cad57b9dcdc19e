// SPDX-License-Identifier: MIT
#include <supanalyze/corpus/appendix.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/office/docx.hpp>
#include <supanalyze/text/ascii_id.hpp>
#include <supanalyze/text/normalizer.hpp>

#include <map>
#include <regex>

namespace supanalyze::corpus {

namespace fs = std::filesystem;

namespace {

std::string trimmed(const std::string &s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string paragraph_text(const office::Paragraph &p) { return text::normalize(trimmed(p.text)); }

// "1. ท่านคิดว่า..." -> "ท่านคิดว่า...": a question as the report prints it above its table.
std::string without_number(const std::string &s) {
  static const std::regex number("^[0-9]+[.)]\\s*");
  return std::regex_replace(s, number, "", std::regex_constants::format_first_only);
}

bool is_continuation(const std::string &caption) { return caption.find("(ต่อ)") != std::string::npos; }

// A caption without its "(ต่อ)" and spaces, to compare a continuation's with its first part's.
std::string caption_key(std::string caption) {
  if (const auto at = caption.find("(ต่อ)"); at != std::string::npos) caption.erase(at, std::string("(ต่อ)").size());
  std::string out;
  for (char c : caption)
    if (c != ' ') out += c;
  return out;
}

// The id of a Latin name as it is ("Ratchaburi" -> "ratchaburi"); any other name (a Thai one)
// has `fallback`, an id by position, and keeps the name as its label.
std::string id_from_name(const std::string &name, const std::string &fallback) {
  const std::string id = text::ascii_id(name, {"_-", text::IdOther::refuse, ""});
  return id.empty() ? fallback : id;
}

struct Part {
  std::size_t number; // 1-based table number in the document
  const office::Table *table;
};

struct Group {
  std::vector<Part> parts;
  std::string caption;  // the last paragraph before the first part
  std::string question; // a paragraph that may be the question's text
};

// The document's tables as one group per question: a table whose caption says "(ต่อ)" or
// repeats the previous one's continues that question.
std::vector<Group> question_groups(const office::Document &doc) {
  std::vector<Group> groups;
  for (std::size_t t = 0; t < doc.tables.size(); ++t) {
    std::string caption, question;
    for (const auto &p : doc.tables[t].before) {
      const std::string text = paragraph_text(p);
      if (text.empty()) continue;
      question = caption.empty() ? text : caption; // the paragraph before the caption
      caption = text;
    }
    const bool continues =
        !groups.empty() &&
        (is_continuation(caption) || (!caption.empty() && caption_key(caption) == caption_key(groups.back().caption)));
    if (continues) {
      groups.back().parts.push_back({t + 1, &doc.tables[t]});
      continue;
    }
    groups.push_back({{{t + 1, &doc.tables[t]}}, caption, without_number(question)});
  }
  return groups;
}

// The corpus the answers go into: `metadata` without answers, or one instrument named after
// the file with a question per group.
Corpus empty_corpus(const fs::path &path, const Corpus *metadata, const std::vector<Group> &groups) {
  if (metadata) {
    Corpus corpus = *metadata;
    corpus.answers.clear();
    return corpus;
  }
  Corpus corpus;
  corpus.id = id_from_name(path.stem().string(), "appendix");
  corpus.instruments.push_back({corpus.id, path.stem().string(), "", {}});
  for (std::size_t g = 0; g < groups.size(); ++g)
    corpus.instruments[0].questions.push_back(
        {"q" + std::to_string(g + 1), groups[g].question.empty() ? groups[g].caption : groups[g].question, ""});
  return corpus;
}

// Reads the groups' tables into a corpus's answers, keyed by (instrument, question, province).
class AppendixReader {
public:
  AppendixReader(Corpus &corpus, bool has_metadata, std::string file)
      : m_corpus(corpus), m_metadata(has_metadata), m_file(std::move(file)) {
    for (std::size_t i = 0; i < corpus.instruments.size(); ++i)
      for (std::size_t q = 0; q < corpus.instruments[i].questions.size(); ++q)
        m_questions.emplace_back(i, q);
    m_used.assign(m_questions.size(), false);
  }

  // Where table `number` is, for messages.
  std::string at(std::size_t number) const { return m_file + "[table " + std::to_string(number) + "]"; }

  void read(const std::vector<Group> &groups) {
    if (groups.size() > m_questions.size())
      throw InputError({at(groups[m_questions.size()].parts.front().number), 0, 0},
                       "more tables (" + std::to_string(groups.size()) + ") than questions in corpus.yaml (" +
                           std::to_string(m_questions.size()) + ")");
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const auto [instrument, question] = m_questions[question_of(groups[g], g)];
      for (const Part &part : groups[g].parts)
        read_table(part, instrument, question);
    }
  }

private:
  // The question whose text a paragraph before the group's table gives, else the `g`th in order;
  // one table (group) per question.
  std::size_t question_of(const Group &group, std::size_t g) {
    std::size_t k = g;
    for (std::size_t c = 0; c < m_questions.size(); ++c) {
      const auto &q = m_corpus.instruments[m_questions[c].first].questions[m_questions[c].second];
      if (!m_used[c] && !group.question.empty() && (q.th == group.question || q.th == without_number(group.caption))) {
        k = c;
        break;
      }
    }
    if (m_used[k])
      throw InputError({at(group.parts.front().number), 0, 0},
                       "this table's question (" + m_corpus.instruments[m_questions[k].first].id + "/" +
                           m_corpus.instruments[m_questions[k].first].questions[m_questions[k].second].id +
                           ") already has a table");
    m_used[k] = true;
    return k;
  }

  // The province of each grid column of the header row `header` (SIZE_MAX: none, the label
  // column); without metadata, a province is added for each new name.
  std::vector<std::size_t> provinces_of(const std::vector<std::string> &header, bool label_column,
                                        const std::string &where) {
    std::vector<std::size_t> province_of(header.size(), SIZE_MAX);
    for (std::size_t c = label_column ? 1 : 0; c < header.size(); ++c) {
      auto p = m_corpus.find_province(header[c]);
      if (!p && !m_metadata && !header[c].empty()) {
        m_corpus.provinces.push_back(
            {id_from_name(header[c], "province" + std::to_string(m_corpus.provinces.size() + 1)), header[c], ""});
        p = m_corpus.provinces.size() - 1;
      }
      if (!p) {
        std::vector<std::string> known;
        for (const auto &pr : m_corpus.provinces)
          known.push_back(pr.th);
        throw InputError({where, 1, c + 1},
                         "column " + std::to_string(c + 1) + ": " + unknown_id_message("province", header[c], known));
      }
      province_of[c] = *p;
    }
    return province_of;
  }

  // The header row's texts, one per grid column (a merged header cell is refused).
  static std::vector<std::string> header_of(const office::Table &table, const std::string &where) {
    std::vector<std::string> header;
    for (const auto &cell : table.rows[0]) {
      if (cell.span > 1)
        throw InputError({where, 1, header.size() + 1}, "a merged header cell: one province per column");
      std::string text;
      for (const auto &p : cell.paragraphs)
        text += (text.empty() ? "" : " ") + paragraph_text(p);
      header.push_back(text);
    }
    return header;
  }

  void read_table(const Part &part, std::size_t instrument, std::size_t question) {
    const auto &rows = part.table->rows;
    const std::string where = at(part.number);
    if (rows.empty()) throw InputError({where, 0, 0}, "an empty table");
    // Grid columns of the header: a label column, then provinces.
    const std::vector<std::string> header = header_of(*part.table, where);
    const bool label_column = m_metadata ? !header.empty() && !m_corpus.find_province(header[0])
                                         : !header.empty() && (header[0].empty() || rows.size() > 2);
    const std::vector<std::size_t> province_of = provinces_of(header, label_column, where);
    for (std::size_t r = 1; r < rows.size(); ++r)
      read_row(rows[r], r + 1, label_column, province_of, instrument, question, where);
  }

  // Body row `row` (its 1-based number `row_number`): a label cell, then a cell per province.
  void read_row(const std::vector<office::TableCell> &row, std::size_t row_number, bool label_column,
                const std::vector<std::size_t> &province_of, std::size_t instrument, std::size_t question,
                const std::string &where) {
    std::string row_label;
    std::size_t grid = 0;
    for (const office::TableCell &cell : row) {
      const std::size_t first = grid;
      grid += cell.span;
      if (label_column && first == 0) {
        for (const auto &p : cell.paragraphs)
          row_label += (row_label.empty() ? "" : " ") + paragraph_text(p);
        continue;
      }
      if (first >= province_of.size() || province_of[first] == SIZE_MAX) {
        bool any = false;
        for (const auto &p : cell.paragraphs)
          any |= !paragraph_text(p).empty();
        if (any)
          throw InputError({where, row_number, first + 1}, "text in a column with no province in the header row");
        continue;
      }
      if (cell.span > 1 && first + 1 < province_of.size())
        throw InputError({where, row_number, first + 1},
                         "a merged cell spans provinces " + m_corpus.provinces[province_of[first]].id + " and " +
                             m_corpus.provinces[province_of[std::min(first + cell.span, province_of.size()) - 1]].id +
                             ": split it, one answer per province");
      if (cell.continues_above) continue; // merged down from the row above: already read
      read_cell(cell, row_label, {where, row_number, first + 1}, instrument, question, province_of[first]);
    }
  }

  // A province's cell: each non-empty paragraph a segment, bold or heading paragraphs labels.
  void read_cell(const office::TableCell &cell, const std::string &row_label, const SourceLocation &where,
                 std::size_t instrument, std::size_t question, std::size_t province) {
    std::string label = row_label;
    std::map<std::string, std::size_t> numbers; // Word list numbering per list
    for (const auto &p : cell.paragraphs) {
      if (p.text.size() > k_max_segment_bytes) throw InputError(where, segment_too_long(p.text.size()));
      std::string text = paragraph_text(p);
      if (text.empty()) continue;
      if (p.bold || p.style.rfind("Heading", 0) == 0) {
        label = text;
        continue;
      }
      if (p.numbered) text = std::to_string(++numbers[p.list]) + ". " + text;
      const auto key = std::make_tuple(instrument, question, province);
      auto found = m_answer_of.find(key);
      if (found == m_answer_of.end()) {
        found = m_answer_of.emplace(key, m_corpus.answers.size()).first;
        m_corpus.answers.push_back({instrument, question, province, {}, where});
      }
      m_corpus.answers[found->second].segments.push_back({label, text, where});
    }
  }

  Corpus &m_corpus;
  bool m_metadata;
  std::string m_file;
  std::vector<std::pair<std::size_t, std::size_t>> m_questions; // (instrument, question) in order
  std::vector<bool> m_used;                                     // per question: it has a table
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> m_answer_of;
};

} // namespace

Corpus import_appendix(const fs::path &path, const Corpus *metadata) {
  return import_appendix(read_file(path), path, metadata);
}

Corpus import_appendix(const std::string &bytes, const fs::path &path, const Corpus *metadata) {
  const std::string file = path.string();
  const office::Document doc = office::read_docx(bytes, file);
  if (doc.tables.empty())
    throw InputError({file, 0, 0}, "no table: an appendix has one table per question (and province columns)");
  const std::vector<Group> groups = question_groups(doc);
  Corpus corpus = empty_corpus(path, metadata, groups);
  AppendixReader(corpus, metadata != nullptr, file).read(groups);
  corpus.sort_answers();
  return corpus;
}

} // namespace supanalyze::corpus
