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

} // namespace

Corpus import_appendix(const fs::path &path, const Corpus *metadata) {
  return import_appendix(read_file(path), path, metadata);
}

Corpus import_appendix(const std::string &bytes, const fs::path &path, const Corpus *metadata) {
  const std::string file = path.string();
  const office::Document doc = office::read_docx(bytes, file);
  if (doc.tables.empty())
    throw InputError({file, 0, 0}, "no table: an appendix has one table per question (and province columns)");
  auto at = [&](std::size_t table) { return file + "[table " + std::to_string(table) + "]"; };

  // Tables -> questions, continuations joined.
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

  Corpus corpus;
  if (metadata) {
    corpus = *metadata;
    corpus.answers.clear();
  } else {
    corpus.id = id_from_name(path.stem().string(), "appendix");
    corpus.instruments.push_back({corpus.id, path.stem().string(), "", {}});
    for (std::size_t g = 0; g < groups.size(); ++g)
      corpus.instruments[0].questions.push_back(
          {"q" + std::to_string(g + 1), groups[g].question.empty() ? groups[g].caption : groups[g].question});
  }
  std::vector<std::pair<std::size_t, std::size_t>> questions; // (instrument, question) in order
  for (std::size_t i = 0; i < corpus.instruments.size(); ++i)
    for (std::size_t q = 0; q < corpus.instruments[i].questions.size(); ++q)
      questions.emplace_back(i, q);
  if (groups.size() > questions.size())
    throw InputError({at(groups[questions.size()].parts.front().number), 0, 0},
                     "more tables (" + std::to_string(groups.size()) + ") than questions in corpus.yaml (" +
                         std::to_string(questions.size()) + ")");

  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> answer_of;
  std::vector<bool> used(questions.size(), false);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    // The question whose text a paragraph before the table gives, else the next in order.
    std::size_t k = g;
    for (std::size_t c = 0; c < questions.size(); ++c) {
      const auto &q = corpus.instruments[questions[c].first].questions[questions[c].second];
      if (!used[c] && !groups[g].question.empty() &&
          (q.th == groups[g].question || q.th == without_number(groups[g].caption))) {
        k = c;
        break;
      }
    }
    if (used[k])
      throw InputError({at(groups[g].parts.front().number), 0, 0},
                       "this table's question (" + corpus.instruments[questions[k].first].id + "/" +
                           corpus.instruments[questions[k].first].questions[questions[k].second].id +
                           ") already has a table");
    used[k] = true;
    const auto [instrument, question] = questions[k];

    for (const Part &part : groups[g].parts) {
      const auto &rows = part.table->rows;
      const std::string where = at(part.number);
      if (rows.empty()) throw InputError({where, 0, 0}, "an empty table");
      // Grid columns of the header: a label column, then provinces.
      std::vector<std::string> header;
      for (std::size_t c = 0; c < rows[0].size(); ++c) {
        if (rows[0][c].span > 1)
          throw InputError({where, 1, header.size() + 1}, "a merged header cell: one province per column");
        std::string text;
        for (const auto &p : rows[0][c].paragraphs)
          text += (text.empty() ? "" : " ") + paragraph_text(p);
        header.push_back(text);
      }
      bool label_column = false;
      if (metadata) {
        label_column = header.empty() ? false : !corpus.find_province(header[0]);
      } else {
        label_column = !header.empty() && (header[0].empty() || rows.size() > 2);
      }
      std::vector<std::size_t> province_of(header.size(), SIZE_MAX);
      for (std::size_t c = label_column ? 1 : 0; c < header.size(); ++c) {
        auto p = corpus.find_province(header[c]);
        if (!p && !metadata && !header[c].empty()) {
          corpus.provinces.push_back(
              {id_from_name(header[c], "province" + std::to_string(corpus.provinces.size() + 1)), header[c]});
          p = corpus.provinces.size() - 1;
        }
        if (!p) {
          std::vector<std::string> known;
          for (const auto &pr : corpus.provinces)
            known.push_back(pr.th);
          throw InputError({where, 1, c + 1},
                           "column " + std::to_string(c + 1) + ": " + unknown_id_message("province", header[c], known));
        }
        province_of[c] = *p;
      }
      for (std::size_t r = 1; r < rows.size(); ++r) {
        std::string row_label;
        std::size_t grid = 0;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
          const office::TableCell &cell = rows[r][c];
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
            if (any) throw InputError({where, r + 1, first + 1}, "text in a column with no province in the header row");
            continue;
          }
          if (cell.span > 1 && first + 1 < province_of.size())
            throw InputError({where, r + 1, first + 1},
                             "a merged cell spans provinces " + corpus.provinces[province_of[first]].id + " and " +
                                 corpus.provinces[province_of[std::min(first + cell.span, province_of.size()) - 1]].id +
                                 ": split it, one answer per province");
          if (cell.continues_above) continue; // merged down from the row above: already read
          const std::size_t province = province_of[first];
          std::string label = row_label;
          std::map<std::string, std::size_t> numbers; // Word list numbering per list
          for (const auto &p : cell.paragraphs) {
            if (p.text.size() > k_max_segment_bytes)
              throw InputError({where, r + 1, first + 1}, segment_too_long(p.text.size()));
            std::string text = paragraph_text(p);
            if (text.empty()) continue;
            if (p.bold || p.style.rfind("Heading", 0) == 0) {
              label = text;
              continue;
            }
            if (p.numbered) text = std::to_string(++numbers[p.list]) + ". " + text;
            const auto key = std::make_tuple(instrument, question, province);
            auto found = answer_of.find(key);
            if (found == answer_of.end()) {
              found = answer_of.emplace(key, corpus.answers.size()).first;
              corpus.answers.push_back({instrument, question, province, {}, {where, r + 1, first + 1}});
            }
            corpus.answers[found->second].segments.push_back({label, text, {where, r + 1, first + 1}});
          }
        }
      }
    }
  }
  corpus.sort_answers();
  return corpus;
}

} // namespace supanalyze::corpus
