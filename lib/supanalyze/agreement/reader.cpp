// SPDX-License-Identifier: MIT
#include <supanalyze/agreement/reader.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/numbers.hpp>
#include <supanalyze/text/decode.hpp>
#include <supanalyze/text/utf8.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace supanalyze::agreement {

namespace {

// One field of a row and the 1-based column (in characters) it starts at.
struct Field {
  std::string text;
  std::size_t column = 1;
};

// One record, by column name.
struct Record {
  std::size_t line = 0;
  std::map<std::string, Field> fields;
};

struct Records {
  std::vector<std::string> header; // column names (JSONL: the first object's keys)
  std::size_t header_line = 1;
  std::vector<Record> rows;
};

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// TSV (no quoting) or RFC 4180 CSV split into rows of fields with their positions. Blank lines
// are skipped; a CR before a line end is dropped (spreadsheets write CRLF).
struct DelimitedRow {
  std::size_t line = 0;
  std::vector<Field> fields;
};

std::vector<DelimitedRow> split_delimited(std::string_view bytes, char sep, bool quoting, const std::string &file) {
  std::vector<DelimitedRow> rows;
  std::size_t i = 0, line = 1, line_start = 0;
  const std::size_t n = bytes.size();
  while (i < n) {
    DelimitedRow row{line, {}};
    for (;;) {
      Field f{"", text::character_column(bytes.substr(line_start), i - line_start)};
      if (quoting && i < n && bytes[i] == '"') {
        const SourceLocation open{file, line, f.column};
        for (++i;; ++i) {
          if (i >= n) throw InputError(open, "unterminated quoted field (a '\"' is never closed)");
          if (bytes[i] == '"') {
            if (i + 1 < n && bytes[i + 1] == '"') {
              f.text += '"';
              ++i;
              continue;
            }
            ++i;
            break;
          }
          if (bytes[i] == '\n') {
            ++line;
            line_start = i + 1;
          }
          f.text += bytes[i];
        }
        if (i < n && bytes[i] != sep && bytes[i] != '\n' && !(bytes[i] == '\r' && (i + 1 == n || bytes[i + 1] == '\n')))
          throw InputError({file, line, text::character_column(bytes.substr(line_start), i - line_start)},
                           "unexpected character after a closing quote (write a quote inside a field as \"\")");
      } else {
        while (i < n && bytes[i] != sep && bytes[i] != '\n')
          f.text += bytes[i++];
        if (!f.text.empty() && f.text.back() == '\r') f.text.pop_back();
      }
      row.fields.push_back(std::move(f));
      if (i < n && bytes[i] == sep) {
        ++i;
        continue;
      }
      if (i < n && bytes[i] == '\r') ++i;
      if (i < n && bytes[i] == '\n') {
        ++i;
        ++line;
        line_start = i;
      }
      break;
    }
    const bool blank = row.fields.size() == 1 && row.fields[0].text.find_first_not_of(" \t") == std::string::npos;
    if (!blank) rows.push_back(std::move(row));
  }
  return rows;
}

std::string trim(const std::string &s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

Records read_delimited(std::string_view bytes, char sep, const std::string &file) {
  const auto rows = split_delimited(bytes, sep, sep == ',', file);
  Records out;
  if (rows.empty()) return out;
  out.header_line = rows[0].line;
  for (const auto &f : rows[0].fields)
    out.header.push_back(trim(f.text));
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].fields.size() != out.header.size())
      throw InputError({file, rows[r].line, 1}, "expected " + std::to_string(out.header.size()) +
                                                    " fields as in the header, found " +
                                                    std::to_string(rows[r].fields.size()));
    Record rec{rows[r].line, {}};
    for (std::size_t c = 0; c < out.header.size(); ++c)
      rec.fields[out.header[c]] = rows[r].fields[c];
    out.rows.push_back(std::move(rec));
  }
  return out;
}

// The column of `"key"` in a JSON line, or 1.
std::size_t key_column(std::string_view line, const std::string &key) {
  const auto at = line.find('"' + key + '"');
  return at == std::string_view::npos ? 1 : text::character_column(line, at);
}

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> "syntax error ..."
std::string json_reason(const std::string &what) {
  const auto column = what.find("column ");
  const auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

Records read_jsonl(std::string_view bytes, const std::string &file) {
  Records out;
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos < bytes.size();) {
    std::size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    nlohmann::ordered_json j;
    try {
      j = nlohmann::ordered_json::parse(line);
    } catch (const nlohmann::json::parse_error &e) {
      throw InputError({file, line_no, std::max<std::size_t>(1, std::min(e.byte, line.size()))},
                       "invalid JSON: " + json_reason(e.what()));
    } catch (const nlohmann::json::exception &e) { // out_of_range.406: a number too large (found by fuzzing)
      const std::string what = e.what();           // "[json.exception.out_of_range.406] number overflow ..."
      const auto text = what.find("] ");
      throw InputError({file, line_no, 1},
                       "invalid JSON: " + what.substr(text == std::string::npos ? 0 : text + 2, 120));
    }
    if (!j.is_object()) throw InputError({file, line_no, 1}, "expected one JSON object per line");
    Record rec{line_no, {}};
    for (const auto &[key, value] : j.items()) {
      Field f{"", key_column(line, key)};
      if (value.is_string())
        f.text = value.get<std::string>();
      else if (value.is_number_integer())
        f.text = value.dump();
      else if (value.is_null())
        f.text = "";
      else if (value.is_number() || value.is_boolean())
        f.text = value.dump();
      else
        throw InputError({file, line_no, f.column}, "'" + key + "' must be a string or a number");
      rec.fields[key] = std::move(f);
    }
    if (out.header.empty() && out.rows.empty()) {
      out.header_line = line_no;
      for (const auto &[key, value] : j.items())
        out.header.push_back(key);
    }
    out.rows.push_back(std::move(rec));
  }
  return out;
}

template <typename T> std::vector<std::string> ids_of(const std::vector<T> &items) {
  std::vector<std::string> out;
  for (const auto &item : items)
    out.push_back(item.id);
  return out;
}

std::string unknown(const std::string &what, const std::string &id, const std::vector<std::string> &known) {
  return unknown_id_message(what, id, known);
}

// Resolves the records of one file against the corpus and the codebook.
class Resolver {
public:
  Resolver(const std::string &file, const corpus::Corpus &corpus, const codebook::Codebook &codebook)
      : m_file(file), m_corpus(corpus), m_codebook(codebook) {
    for (std::size_t k = 0; k < corpus.answers.size(); ++k) {
      const auto &a = corpus.answers[k];
      m_answer_of[{a.instrument, a.question, a.province}] = k;
    }
  }

  Coding resolve(const Records &records) {
    Coding coding;
    coding.name = m_file;
    const auto has = [&](const char *name) {
      return std::find(records.header.begin(), records.header.end(), name) != records.header.end();
    };
    coding.form = has("value") ? InputForm::cells : InputForm::codings;
    const bool cells = coding.form == InputForm::cells;
    coding.has_segments = has("segment");
    std::vector<std::string> required{"instrument", "question", "province"};
    if (!cells || coding.has_segments) required.push_back("segment");
    required.push_back("theme");
    if (cells) required.push_back("value");
    for (const auto &name : required)
      if (!has(name.c_str()))
        throw InputError(
            {m_file, records.header_line, 1},
            "no '" + name + "' column; " +
                (cells ? "a cell table needs instrument, question, province, theme and value (segment optional)"
                       : "a code file (supanalyze code output) needs instrument, question, province, "
                         "segment and theme; a cell table needs a value column"));
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::pair<bool, std::size_t>> seen; // -> value, line
    std::vector<std::size_t> judged; // the answers a cell names (a cell table's judged answers)
    for (const auto &rec : records.rows) {
      for (const auto &name : required) // JSONL objects may differ from the first one
        if (!rec.fields.count(name)) throw InputError({m_file, rec.line, 1}, "no '" + name + "' key");
      Mark mark = resolve_row(rec, coding.has_segments);
      mark.where = {m_file, rec.line, 1};
      bool yes = true;
      if (cells) {
        const Field &v = field(rec, "value");
        const std::string value = trim(v.text);
        if (value != "0" && value != "1")
          throw InputError(at(rec, "value"), "value must be 0 or 1, not '" + v.text + "'");
        yes = value == "1";
        const auto key = std::make_tuple(mark.answer, mark.segment ? *mark.segment + 1 : 0, mark.theme);
        if (auto it = seen.find(key); it != seen.end()) {
          if (it->second.first != yes)
            throw InputError(at(rec, "value"), "this cell contradicts line " + std::to_string(it->second.second) +
                                                   " (same unit and theme, other value)");
        } else {
          seen[key] = {yes, rec.line};
        }
      } else if (rec.fields.count("term")) {
        mark.term = field(rec, "term").text;
      }
      if (std::find(coding.themes.begin(), coding.themes.end(), mark.theme) == coding.themes.end())
        coding.themes.push_back(mark.theme);
      if (cells) judged.push_back(mark.answer);
      if (yes) coding.marks.push_back(std::move(mark));
    }
    if (cells) coding.answers = distinct_answers(std::move(judged));
    return coding;
  }

private:
  const Field &field(const Record &rec, const std::string &name) const {
    static const Field empty;
    const auto it = rec.fields.find(name);
    return it == rec.fields.end() ? empty : it->second;
  }
  SourceLocation at(const Record &rec, const std::string &name) const {
    const auto it = rec.fields.find(name);
    return {m_file, rec.line, it == rec.fields.end() ? 1 : it->second.column};
  }

  Mark resolve_row(const Record &rec, bool with_segment) const {
    if (auto it = rec.fields.find("corpus");
        it != rec.fields.end() && !trim(it->second.text).empty() && trim(it->second.text) != m_corpus.id)
      throw InputError(at(rec, "corpus"), "corpus '" + it->second.text + "' is not the corpus compared ('" +
                                              m_corpus.id + "'); pass that corpus as the CORPUS argument");
    const std::string inst_id = trim(field(rec, "instrument").text);
    const auto inst = m_corpus.instrument_index(inst_id);
    if (!inst) throw InputError(at(rec, "instrument"), unknown("instrument", inst_id, ids_of(m_corpus.instruments)));
    const std::string q_id = trim(field(rec, "question").text);
    const auto q = m_corpus.question_index(*inst, q_id);
    if (!q)
      throw InputError(at(rec, "question"),
                       unknown("question of " + inst_id, q_id, ids_of(m_corpus.instruments[*inst].questions)));
    const std::string p_id = trim(field(rec, "province").text);
    const auto p = m_corpus.province_index(p_id);
    if (!p) throw InputError(at(rec, "province"), unknown("province", p_id, ids_of(m_corpus.provinces)));
    const auto answer = m_answer_of.find({*inst, *q, *p});
    if (answer == m_answer_of.end())
      throw InputError(at(rec, "province"), "the corpus has no answer of " + p_id + " to " + inst_id + "/" + q_id);
    Mark mark;
    mark.answer = answer->second;
    if (with_segment) {
      const std::string s = trim(field(rec, "segment").text);
      const std::size_t count = m_corpus.answers[mark.answer].segments.size();
      const auto n = static_cast<std::size_t>((s.size() < 10 ? parse_digits(s) : std::nullopt).value_or(0));
      if (n < 1 || n > count)
        throw InputError(at(rec, "segment"), "segment '" + s + "' is not a segment number of " + inst_id + "/" + q_id +
                                                 "/" + p_id + " (1.." + std::to_string(count) + ")");
      mark.segment = n - 1;
    }
    const std::string theme_id = trim(field(rec, "theme").text);
    const auto theme = m_codebook.index_of(theme_id);
    if (!theme)
      throw InputError(at(rec, "theme"),
                       unknown("theme of codebook " + m_codebook.id, theme_id, ids_of(m_codebook.themes)));
    mark.theme = *theme;
    return mark;
  }

  std::string m_file;
  const corpus::Corpus &m_corpus;
  const codebook::Codebook &m_codebook;
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> m_answer_of;
};

} // namespace

std::vector<std::size_t> distinct_answers(std::vector<std::size_t> answers) {
  std::sort(answers.begin(), answers.end());
  answers.erase(std::unique(answers.begin(), answers.end()), answers.end());
  return answers;
}

bool Coding::judged(std::size_t answer) const {
  return !answers || std::binary_search(answers->begin(), answers->end(), answer);
}

std::string to_string(InputForm form) { return form == InputForm::cells ? "cells" : "codings"; }

Coding parse_coding(std::string_view bytes, const std::string &file, const corpus::Corpus &corpus,
                    const codebook::Codebook &codebook) {
  if (bytes.substr(0, k_bom.size()) == k_bom) bytes.remove_prefix(k_bom.size()); // spreadsheets write one
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    throw InputError({file, 0, 0}, "empty file: expected a header line (or JSON objects) and one row per coding");
  Records records;
  if (bytes[first] == '{') {
    records = read_jsonl(bytes, file);
  } else {
    const auto header_end = bytes.find('\n', first);
    const bool tabs =
        bytes.substr(first, header_end == std::string_view::npos ? header_end : header_end - first).find('\t') !=
        std::string_view::npos;
    records = read_delimited(bytes, tabs ? '\t' : ',', file);
  }
  return Resolver(file, corpus, codebook).resolve(records);
}

Coding read_coding(const std::filesystem::path &path, const corpus::Corpus &corpus,
                   const codebook::Codebook &codebook) {
  // The one decoder of user files: UTF-8 with or without BOM, UTF-16 with BOM, LF or CRLF.
  return parse_coding(text::read_text_file(path), path.string(), corpus, codebook);
}

} // namespace supanalyze::agreement
