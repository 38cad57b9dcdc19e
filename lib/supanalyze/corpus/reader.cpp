// SPDX-License-Identifier: MIT
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/detail/yaml.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/office/xlsx.hpp>
#include <supanalyze/text/decode.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <csv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>

namespace supanalyze::corpus {

namespace fs = std::filesystem;

namespace {

const std::regex k_id_pattern("[a-z0-9][a-z0-9_-]*");

std::string list_ids(const std::vector<std::string> &ids) {
  std::string out;
  for (const auto &id : ids)
    out += (out.empty() ? "" : ", ") + id;
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

void read_id(detail::YamlReader &yaml, const YAML::Node &node, const std::string &path, std::string &out) {
  if (auto id = yaml.string(node, path, "id", true)) {
    if (!std::regex_match(*id, k_id_pattern))
      yaml.error(node["id"], path + ".id",
                 "'" + *id + "' is not a valid id (lower-case ASCII letters, digits, _ and -)");
    out = *id;
  }
}

template <typename T>
void check_unique(detail::YamlReader &yaml, const YAML::Node &list, const std::string &path,
                  const std::vector<T> &items) {
  std::set<std::string> seen; // each duplicate reported once, in N log N (not N^2) steps
  for (std::size_t i = 0; i < items.size(); ++i)
    if (!items[i].id.empty() && !seen.insert(items[i].id).second)
      yaml.error(list[i], path + "[" + std::to_string(i) + "].id", "duplicate id '" + items[i].id + "'");
}

void read_questions(detail::YamlReader &yaml, const YAML::Node &node, const std::string &path, Instrument &instrument) {
  const YAML::Node list = node["questions"];
  if (!list) {
    yaml.error(node, path + ".questions", "missing required key");
    return;
  }
  if (!yaml.expect_sequence(list, path + ".questions")) return;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string qpath = path + ".questions[" + std::to_string(i) + "]";
    if (!yaml.expect_map(list[i], qpath)) continue;
    yaml.check_keys(list[i], qpath, {"id", "th", "en"});
    Question q;
    read_id(yaml, list[i], qpath, q.id);
    q.th = text::normalize(yaml.string(list[i], qpath, "th", true).value_or(""));
    q.en = yaml.string(list[i], qpath, "en", false).value_or("");
    instrument.questions.push_back(std::move(q));
  }
  check_unique(yaml, list, path + ".questions", instrument.questions);
}

Corpus read_metadata_root(const YAML::Node &root, const std::string &file, Diagnostics &diagnostics) {
  detail::YamlReader yaml(file, diagnostics);
  Corpus corpus;
  if (!yaml.expect_document(root, "corpus.yaml",
                            {"id", "title", "year", "provinces", "instruments", "source", "description"}))
    return corpus;
  yaml.check_keys(root, "", {"id", "title", "year", "provinces", "instruments", "source", "description"});
  read_id(yaml, root, "", corpus.id);
  corpus.title = yaml.string(root, "", "title", false).value_or("");
  if (const YAML::Node year = root["year"]; !year) {
    yaml.error(root, "year", "missing required key");
  } else if (yaml.expect_map(year, "year")) {
    yaml.check_keys(year, "year", {"be", "ce"});
    // 0: not known yet (a corpus.yaml that an import without --meta wrote for a person to complete)
    corpus.year_be = static_cast<int>(yaml.integer(year, "year", "be", true, 0, 9999).value_or(0));
    corpus.year_ce =
        static_cast<int>(yaml.integer(year, "year", "ce", false, -543, 9999).value_or(corpus.year_be - 543));
  }
  if (const YAML::Node list = root["provinces"]; !list) {
    yaml.error(root, "provinces", "missing required key");
  } else if (yaml.expect_sequence(list, "provinces")) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string path = "provinces[" + std::to_string(i) + "]";
      if (!yaml.expect_map(list[i], path)) continue;
      yaml.check_keys(list[i], path, {"id", "th", "en"});
      Province p;
      read_id(yaml, list[i], path, p.id);
      p.th = text::normalize(yaml.string(list[i], path, "th", true).value_or(""));
      p.en = yaml.string(list[i], path, "en", false).value_or("");
      corpus.provinces.push_back(std::move(p));
    }
    check_unique(yaml, list, "provinces", corpus.provinces);
  }
  if (const YAML::Node list = root["instruments"]; !list) {
    yaml.error(root, "instruments", "missing required key");
  } else if (yaml.expect_sequence(list, "instruments")) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string path = "instruments[" + std::to_string(i) + "]";
      if (!yaml.expect_map(list[i], path)) continue;
      yaml.check_keys(list[i], path, {"id", "th", "en", "questions"});
      Instrument instrument;
      read_id(yaml, list[i], path, instrument.id);
      instrument.th = text::normalize(yaml.string(list[i], path, "th", true).value_or(""));
      instrument.en = yaml.string(list[i], path, "en", false).value_or("");
      read_questions(yaml, list[i], path, instrument);
      corpus.instruments.push_back(std::move(instrument));
    }
    check_unique(yaml, list, "instruments", corpus.instruments);
  }
  return corpus;
}

Corpus parse_metadata(const std::string &bytes, const std::string &file, Diagnostics &diagnostics) {
  text::require_valid_utf8(bytes, file);
  const YAML::Node root = detail::parse_yaml(bytes, file);
  return detail::with_locations(file, [&] { return read_metadata_root(root, file, diagnostics); });
}

// --- transcripts -------------------------------------------------------------------------------

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

void read_transcript(Corpus &corpus, std::size_t instrument, std::size_t province, const fs::path &path,
                     Diagnostics &diagnostics, bool normalize) {
  const std::string file = path.string();
  std::optional<text::TextLines> lines;
  try {
    lines.emplace(path);
  } catch (const InputError &e) { // UTF-16 that does not convert
    diagnostics.error(e.where(), e.detail());
    return;
  }
  const Instrument &inst = corpus.instruments[instrument];
  std::map<std::size_t, std::size_t> answered; // question -> line of its heading
  Answer *current = nullptr;
  std::string label;
  bool any_content = false;
  std::size_t line_no = 0;
  std::string_view line;
  for (;;) {
    try {
      if (!lines->next(line)) break;
    } catch (const InputError &e) { // a bad byte: reported, and reading stops for the file
      diagnostics.error(e.where(), e.detail());
      return;
    }
    line_no = lines->line_number();
    if (const auto nul = line.find('\0'); nul != std::string_view::npos) { // no text: written raw into outputs
      diagnostics.error({file, line_no, text::character_column(line, nul)}, "a NUL byte");
      continue;
    }
    if (line.size() > k_max_segment_bytes) {
      diagnostics.error({file, line_no, 1}, segment_too_long(line.size()));
      continue;
    }
    if (is_blank(line)) continue;
    any_content = true;
    const std::string_view body = trim(line);
    const std::size_t column = static_cast<std::size_t>(body.data() - line.data()) + 1;
    if (body.rfind("### ", 0) == 0 || body == "###") {
      if (!current)
        diagnostics.error({file, line_no, column}, "a '###' label before the first question heading ('## q1')");
      label = normalize ? text::normalize(trim(body.substr(3))) : std::string(trim(body.substr(3)));
      continue;
    }
    if (body.rfind("## ", 0) == 0 || body == "##") {
      const std::string qid(trim(body.substr(2)));
      const auto q = corpus.question_index(instrument, qid);
      current = nullptr;
      label.clear();
      if (!q) {
        diagnostics.error({file, line_no, column + 3}, "question heading '" + qid + "' does not exist in instrument '" +
                                                           inst.id +
                                                           "': " + unknown("question", qid, ids_of(inst.questions)));
        continue;
      }
      if (auto seen = answered.find(*q); seen != answered.end()) {
        diagnostics.error({file, line_no, column},
                          "duplicate answer to " + qid + " (first at line " + std::to_string(seen->second) + ")");
        continue;
      }
      answered[*q] = line_no;
      corpus.answers.push_back({instrument, *q, province, {}, {file, line_no, column}});
      current = &corpus.answers.back();
      continue;
    }
    if (body.rfind("# ", 0) == 0 || body == "#") continue; // title
    if (!current) {
      if (answered.empty())
        diagnostics.error({file, line_no, column}, "text before the first question heading ('## q1')");
      continue; // under a broken heading: already reported
    }
    current->segments.push_back(
        {label, normalize ? text::normalize(body) : std::string(body), {file, line_no, column}});
  }
  if (!any_content) {
    diagnostics.error({file, 0, 0}, "empty file: a transcript needs at least one '## <question>' heading");
    return;
  }
  for (const auto &a : corpus.answers)
    if (a.instrument == instrument && a.province == province && a.segments.empty())
      diagnostics.warning(a.where, "empty answer to " + inst.questions[a.question].id);
}

void read_transcripts(Corpus &corpus, const fs::path &root, Diagnostics &diagnostics, bool normalize) {
  std::vector<fs::path> entries;
  for (const auto &e : fs::directory_iterator(root))
    entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  const auto instrument_ids = ids_of(corpus.instruments);
  const auto province_ids = ids_of(corpus.provinces);
  for (const auto &dir : entries) {
    const std::string name = dir.filename().string();
    if (!fs::is_directory(dir) || name.front() == '.') continue;
    const auto instrument = corpus.instrument_index(name);
    if (!instrument) {
      diagnostics.error({dir.string(), 0, 0}, unknown("instrument folder", name, instrument_ids));
      continue;
    }
    std::vector<fs::path> files;
    for (const auto &e : fs::directory_iterator(dir))
      files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto &file : files) {
      if (file.filename().string().front() == '.') continue;
      if (file.extension() != ".md") {
        diagnostics.warning({file.string(), 0, 0}, "not a transcript (expected <province>.md); ignored");
        continue;
      }
      const auto province = corpus.province_index(file.stem().string());
      if (!province) {
        diagnostics.error({file.string(), 0, 0}, unknown("province", file.stem().string(), province_ids));
        continue;
      }
      read_transcript(corpus, *instrument, *province, file, diagnostics, normalize);
    }
  }
}

// Which (instrument, question, province) answers a corpus has.
class AnswersSeen {
public:
  explicit AnswersSeen(const Corpus &corpus) : m_seen(corpus.instruments.size()) {
    for (std::size_t i = 0; i < corpus.instruments.size(); ++i)
      m_seen[i].assign(corpus.instruments[i].questions.size(), std::vector<bool>(corpus.provinces.size(), false));
  }
  void add(const Answer &a) {
    m_seen[a.instrument][a.question][a.province] = true;
    m_any = true;
  }
  bool none() const { return !m_any; }
  bool has(std::size_t instrument, std::size_t question, std::size_t province) const {
    return m_seen[instrument][question][province];
  }

private:
  std::vector<std::vector<std::vector<bool>>> m_seen;
  bool m_any = false;
};

// Warns of every (instrument, province) with questions the corpus has no answer to: for a
// folder at its transcript's path, for a table (`table` set) at the table. Nothing when no
// answer was read at all (the errors already say why).
void warn_missing_answers(const Corpus &corpus, const AnswersSeen &seen, const fs::path &root, Diagnostics &diagnostics,
                          const std::string &table = {}) {
  if (seen.none()) return;
  for (std::size_t i = 0; i < corpus.instruments.size(); ++i)
    for (std::size_t p = 0; p < corpus.provinces.size(); ++p) {
      std::vector<std::string> missing;
      for (std::size_t q = 0; q < corpus.instruments[i].questions.size(); ++q)
        if (!seen.has(i, q, p)) missing.push_back(corpus.instruments[i].questions[q].id);
      if (missing.empty()) continue;
      if (!table.empty()) {
        diagnostics.warning({table, 0, 0}, "no answer to " + list_ids(missing) + " (" + corpus.instruments[i].id +
                                               ", " + corpus.provinces[p].id + ")");
        continue;
      }
      const fs::path file = root / corpus.instruments[i].id / (corpus.provinces[p].id + ".md");
      diagnostics.warning({file.string(), 0, 0}, "no answer to " + list_ids(missing));
    }
}

// --- long table form -------------------------------------------------------------------------

// One row of a table. Fields point into the bytes the row was split from (TSV) or into
// `storage` (CSV, whose fields are unquoted into new strings).
struct Row {
  std::vector<std::string_view> fields;
  std::vector<std::size_t> columns; // byte column of each field in `text` (1-based), or its
                                    // column when `text` is empty; 0 when unknown
  std::size_t line = 0;
  std::string_view text; // the line a TSV row was split from
  std::vector<std::string> storage;

  bool empty() const { return fields.size() == 1 && fields[0].empty(); }
};

// Splits one line (without its '\n') at tabs into `row`, reusing its vectors.
void split_tsv_line(std::string_view line, std::size_t line_no, Row &row) {
  row.fields.clear();
  row.columns.clear();
  row.line = line_no;
  row.text = line;
  for (std::size_t start = 0;;) {
    const std::size_t tab = line.find('\t', start);
    const std::size_t end = tab == std::string_view::npos ? line.size() : tab;
    row.fields.push_back(line.substr(start, end - start));
    row.columns.push_back(start + 1);
    if (tab == std::string_view::npos) return;
    start = tab + 1;
  }
}

constexpr std::size_t k_no_column = SIZE_MAX;

// The column of field `k` of `row` in characters, as an editor shows it (0 when unknown).
std::size_t column_of(const Row &row, std::size_t k) {
  if (k >= row.columns.size() || row.columns[k] == 0) return 0;
  return row.text.empty() ? row.columns[k] : text::character_column(row.text, row.columns[k] - 1);
}

// A header cell as a column name: trimmed, Latin letters lower-cased, Thai normalized.
std::string column_name(std::string_view cell) { return text::ascii_lower(text::normalize(trim(cell))); }

// Where the columns of a table are, from its header row. Only question, province and text are
// required; names are matched case-insensitively, and the Thai names analysts type work too.
struct TableColumns {
  std::size_t corpus = k_no_column, year = k_no_column, instrument = k_no_column, question = k_no_column,
              province = k_no_column, segment = k_no_column, text = k_no_column, label = k_no_column;
  std::size_t width = 0;

  // Reads `header`; reports each missing required column and returns false if any is.
  bool read(const Row &header, const std::string &file, Diagnostics &diagnostics) {
    const std::vector<std::pair<std::size_t *, std::vector<std::string>>> named{
        {&corpus, {"corpus"}},
        {&year, {"year", "ปี", "ปีงบประมาณ"}},
        {&instrument, {"instrument", "เครื่องมือ", "โครงการ"}},
        {&question, {"question", "ประเด็น", "คำถาม", "ข้อคำถาม"}},
        {&province, {"province", "จังหวัด"}},
        {&segment, {"segment", "ลำดับ", "ข้อที่"}},
        {&text, {"text", "ข้อความ", "คำตอบ"}},
        {&label, {"label", "หัวข้อ"}}};
    bool ok = true;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      const std::string name = column_name(header.fields[i]);
      for (const auto &[column, names] : named) {
        if (std::find(names.begin(), names.end(), name) == names.end()) continue;
        if (*column == k_no_column) {
          *column = i;
        } else { // a second text column would be dropped without a word
          diagnostics.error({file, header.line, column_of(header, i)},
                            "a second '" + names.front() + "' column (column " + std::to_string(i + 1) +
                                "; the first is column " + std::to_string(*column + 1) + ")");
          ok = false;
        }
      }
    }
    width = header.fields.size();
    for (const auto &[column, name] : {std::pair{&question, "question"}, {&province, "province"}, {&text, "text"}})
      if (*column == k_no_column) {
        diagnostics.error({file, header.line, 1}, "the header has no '" + std::string(name) +
                                                      "' column (needs question, province and text, or in Thai "
                                                      "ประเด็น/คำถาม, จังหวัด and ข้อความ; corpus, year, instrument, "
                                                      "segment and label are optional)");
        ok = false;
      }
    return ok;
  }
};

// Turns long-table rows into answers: checks each row against corpus.yaml's ids (in any case,
// or the Thai names), numbers segments, and groups rows by (instrument, question, province).
class TableAnswers {
public:
  using Key = std::tuple<std::size_t, std::size_t, std::size_t>;

  // With `normalize` false, segment text and labels are kept as written (the caller normalizes
  // them later, e.g. on worker threads).
  TableAnswers(const Corpus &corpus, std::string file, Diagnostics &diagnostics, bool normalize = true)
      : m_corpus(corpus), m_file(std::move(file)), m_diagnostics(diagnostics), m_normalize(normalize),
        m_year(std::to_string(corpus.year_be)) {}

  // Reads the header row; false when a required column is missing.
  bool header(const Row &row) { return m_columns.read(row, m_file, m_diagnostics); }
  // Names the table in messages ("<stdin>", "book.xlsx[Sheet1]") once its source is open.
  void set_file(std::string file) { m_file = std::move(file); }
  const TableColumns &columns() const { return m_columns; }

  // Adds a row to the answer it belongs to (created on first sight, in `answers`); returns the
  // answer's index, or nothing when the row is in error.
  std::optional<std::size_t> row(const Row &row, std::vector<Answer> &answers) {
    auto field = [&](std::size_t column) {
      return column < row.fields.size() ? row.fields[column] : std::string_view();
    };
    auto text_of = [&](std::size_t column) { return std::string(field(column)); };
    auto where = [&](std::size_t column) { return SourceLocation{m_file, row.line, column_of(row, column)}; };
    const TableColumns &col = m_columns;
    if (row.fields.size() != col.width) {
      m_diagnostics.error({m_file, row.line, 1}, "expected " + std::to_string(col.width) + " fields, found " +
                                                     std::to_string(row.fields.size()));
      return std::nullopt;
    }
    for (std::size_t k = 0; k < row.fields.size(); ++k)
      if (const auto nul = row.fields[k].find('\0'); nul != std::string_view::npos) {
        // A NUL is no text: it would be written raw into every output. A TSV row gives the
        // NUL's own column; a sheet's cell (an .xlsx escape "_x0000_") its column and character.
        const std::size_t column = column_of(row, k);
        const std::size_t character = text::code_point_count(row.fields[k].substr(0, nul)) + 1;
        if (!row.text.empty())
          m_diagnostics.error({m_file, row.line, column == 0 ? 0 : column + character - 1},
                              "a NUL byte (field " + std::to_string(k + 1) + ")");
        else
          m_diagnostics.error({m_file, row.line, column}, "a NUL byte (field " + std::to_string(k + 1) +
                                                              ", character " + std::to_string(character) + ")");
        return std::nullopt;
      }
    if (col.corpus != k_no_column && field(col.corpus) != m_corpus.id && column_name(field(col.corpus)) != m_corpus.id)
      m_diagnostics.error(where(col.corpus),
                          "corpus '" + text_of(col.corpus) + "' does not match corpus.yaml's id '" + m_corpus.id + "'");
    if (col.year != k_no_column && field(col.year) != m_year)
      m_diagnostics.error(where(col.year), "year '" + text_of(col.year) + "' does not match corpus.yaml's " + m_year);
    const auto key = key_of(row, true);
    if (!key) return std::nullopt;
    auto found = m_answer_of.find(*key);
    if (found == m_answer_of.end()) {
      if (m_done.count(*key)) {
        m_diagnostics.error({m_file, row.line, 1},
                            "rows of " + text_of(col.instrument) + "/" + text_of(col.question) + "/" +
                                text_of(col.province) +
                                " are not contiguous: group the table's rows by answer to stream it");
        return std::nullopt;
      }
      found = m_answer_of.emplace(*key, answers.size()).first;
      answers.push_back({std::get<0>(*key), std::get<1>(*key), std::get<2>(*key), {}, {m_file, row.line, 1}});
    }
    Answer &answer = answers[found->second];
    const std::string expected = std::to_string(answer.segments.size() + 1);
    if (col.segment != k_no_column && field(col.segment) != expected) { // without the column: row order
      m_diagnostics.error(where(col.segment),
                          "segment '" + text_of(col.segment) + "' of " + m_corpus.question_key(answer) + "/" +
                              m_corpus.provinces[answer.province].id + ": expected " + expected +
                              " (segments are numbered 1, 2, ... in order; a repeated number is a duplicate)");
      return std::nullopt;
    }
    for (const std::size_t column : {col.text, col.label})
      if (column != k_no_column && field(column).size() > k_max_segment_bytes) {
        m_diagnostics.error(where(column), segment_too_long(field(column).size()));
        return std::nullopt;
      }
    auto prepared = [&](std::string_view text) { return m_normalize ? text::normalize(text) : std::string(text); };
    answer.segments.push_back({col.label == k_no_column ? std::string() : prepared(field(col.label)),
                               prepared(field(col.text)), where(col.text)});
    return found->second;
  }

  // Streaming: hands every answer of `answers` but the last (the one rows are still coming
  // for) to `on_answer`; a later row of a handed-on answer is an error.
  void hand_on_complete(std::vector<Answer> &answers, const std::function<void(Answer &&)> &on_answer) {
    if (answers.size() < 2) return;
    for (std::size_t k = 0; k + 1 < answers.size(); ++k) {
      m_done.insert({answers[k].instrument, answers[k].question, answers[k].province});
      on_answer(std::move(answers[k]));
    }
    answers.erase(answers.begin(), answers.end() - 1);
    m_answer_of.clear();
    m_answer_of[{answers[0].instrument, answers[0].question, answers[0].province}] = 0;
  }

  // The (instrument, question, province) of `row`, reporting unknown ids when `report`.
  // Consecutive rows mostly share their answer: the last ids are remembered.
  std::optional<Key> key_of(const Row &row, bool report) {
    const TableColumns &col = m_columns;
    auto field = [&](std::size_t column) {
      return column < row.fields.size() ? row.fields[column] : std::string_view();
    };
    auto where = [&](std::size_t column) { return SourceLocation{m_file, row.line, column_of(row, column)}; };
    auto error = [&](std::size_t column, const std::string &message) {
      if (report) m_diagnostics.error(where(column), message);
      return std::nullopt;
    };
    const std::string_view instrument_id = field(col.instrument), question_id = field(col.question),
                           province_id = field(col.province);
    if (m_last_key && instrument_id == m_last_ids[0] && question_id == m_last_ids[1] && province_id == m_last_ids[2])
      return m_last_key;
    std::string_view question_name = question_id;
    std::optional<std::size_t> instrument;
    if (col.instrument != k_no_column) {
      instrument = m_corpus.find_instrument(instrument_id);
      if (!instrument)
        return error(col.instrument, unknown("instrument", std::string(instrument_id), ids_of(m_corpus.instruments)));
    } else if (const auto slash = question_id.find('/'); slash != std::string_view::npos) { // centre1300/q4
      instrument = m_corpus.find_instrument(question_id.substr(0, slash));
      if (!instrument)
        return error(col.question,
                     unknown("instrument", std::string(question_id.substr(0, slash)), ids_of(m_corpus.instruments)));
      question_name = question_id.substr(slash + 1);
    } else if (m_corpus.instruments.size() == 1) {
      instrument = 0;
    } else { // the one instrument that has this question
      std::vector<std::string> having;
      for (std::size_t i = 0; i < m_corpus.instruments.size(); ++i)
        if (m_corpus.find_question(i, question_id)) {
          instrument = i;
          having.push_back(m_corpus.instruments[i].id);
        }
      if (having.size() > 1)
        return error(col.question, "question '" + std::string(question_id) + "' is in several instruments (" +
                                       list_ids(having) + "): add an instrument column, or write " + having[0] + "/" +
                                       std::string(question_id));
      if (!instrument) {
        std::vector<std::string> known;
        for (const auto &inst : m_corpus.instruments)
          for (const auto &q : inst.questions)
            known.push_back(inst.id + "/" + q.id);
        return error(col.question, unknown("question", std::string(question_id), known));
      }
    }
    const auto question = m_corpus.find_question(*instrument, question_name);
    if (!question)
      return error(col.question, unknown("question", std::string(question_name),
                                         ids_of(m_corpus.instruments[*instrument].questions)));
    const auto province = m_corpus.find_province(province_id);
    if (!province)
      return error(col.province, unknown("province", std::string(province_id), ids_of(m_corpus.provinces)));
    m_last_ids = {std::string(instrument_id), std::string(question_id), std::string(province_id)};
    m_last_key = Key{*instrument, *question, *province};
    return m_last_key;
  }

private:
  const Corpus &m_corpus;
  std::string m_file;
  Diagnostics &m_diagnostics;
  bool m_normalize;
  std::string m_year;
  TableColumns m_columns;
  std::array<std::string, 3> m_last_ids;
  std::optional<Key> m_last_key;
  std::map<Key, std::size_t> m_answer_of;
  std::set<Key> m_done;
};

// --- one row source for every table reader ----------------------------------------------------
//
// bytes -> decoded, checked lines (text::TextLines) -> rows with their file:line (TableRows) -> TableAnswers,
// whatever the consumer: read whole (read_table), check everything (check_corpus), stream
// (stream_corpus), or the quick key pass that decides whether a table can stream.

// How a table is stored, from its name (or, for standard input, its first bytes).
enum class TableKind { tsv, csv, xlsx };

TableInput &table_input() {
  static TableInput input;
  return input;
}

std::optional<std::string> &standard_input_cache() {
  static std::optional<std::string> bytes;
  return bytes;
}

bool is_standard_input(const fs::path &path) { return path == "-"; }

const std::string &standard_input_bytes() {
  auto &cache = standard_input_cache();
  if (!cache) {
    if (!table_input().standard_input) throw Error("-: no standard input to read a corpus from");
    cache = table_input().standard_input();
  }
  return *cache;
}

std::optional<TableKind> table_kind(const fs::path &path) {
  if (is_standard_input(path)) {
    const std::string &bytes = standard_input_bytes();
    if (office::looks_like_zip(bytes)) return TableKind::xlsx;
    const auto line_end = bytes.find('\n');
    return bytes.substr(0, line_end).find('\t') != std::string::npos ? TableKind::tsv : TableKind::csv;
  }
  const std::string ext = text::ascii_lower(path.extension().string());
  if (ext == ".tsv" || ext == ".txt" || ext == ".tab") return TableKind::tsv; // Excel's "Unicode Text" is a .txt
  if (ext == ".csv") return TableKind::csv;
  if (ext == ".xlsx" || ext == ".xlsm") return TableKind::xlsx;
  return std::nullopt;
}

// The name of a table in messages: the path, "<stdin>", or "book.xlsx[Sheet1]".
std::string table_name(const fs::path &path) { return is_standard_input(path) ? "<stdin>" : path.string(); }

// The non-empty rows of a table (TSV split at tabs, CSV by libcsv as RFC 4180 says, a sheet of
// a workbook), each with the line (sheet row) it starts on. Errors throw InputError.
class TableRows {
public:
  explicit TableRows(const fs::path &path, bool check_encoding = true)
      : m_kind(table_kind(path).value_or(TableKind::tsv)), m_lines(open_lines(path, check_encoding)),
        m_file(table_name(path)) {
    if (m_kind == TableKind::xlsx) {
      const office::Sheet sheet = office::read_xlsx(is_standard_input(path) ? standard_input_bytes() : read_file(path),
                                                    m_file, table_input().sheet);
      m_file += "[" + sheet.name + "]";
      for (const auto &r : sheet.rows) {
        Row row;
        row.line = r.number;
        row.storage = r.cells;
        row.storage.resize(std::max(row.storage.size(), m_width)); // cells left empty at a row's end
        for (std::size_t k = 0; k < row.storage.size(); ++k)
          row.columns.push_back(k + 1);
        for (const auto &f : row.storage)
          row.fields.emplace_back(f);
        if (m_width == 0) m_width = r.cells.size(); // the header's width
        if (!row.empty()) m_ready.push_back(std::move(row));
      }
      m_finished = true;
      return;
    }
    if (m_kind != TableKind::csv) return;
    if (csv_init(&m_parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
      throw Error("cannot initialise the CSV parser");
    m_parser_live = true;
  }
  ~TableRows() {
    if (m_parser_live) csv_free(&m_parser);
  }
  TableRows(const TableRows &) = delete;
  TableRows &operator=(const TableRows &) = delete;

  const std::string &file() const { return m_file; }

  // The next non-empty row; false at the end. The row's views stay valid until the next call.
  bool next(Row &row) {
    if (m_kind == TableKind::tsv) {
      std::string_view line;
      while (m_lines->next(line)) {
        split_tsv_line(line, m_lines->line_number(), row);
        if (!row.empty()) return true;
      }
      return false;
    }
    while (m_ready.empty() && !m_finished)
      feed_csv();
    if (m_ready.empty()) return false;
    row = std::move(m_ready.front());
    m_ready.pop_front();
    return true;
  }

private:
  // Feeds one more line to libcsv (each line knows its number, so each row knows where it starts).
  void feed_csv() {
    std::string_view line;
    if (!m_lines->next(line)) {
      if (csv_fini(&m_parser, on_field, on_row, this) != 0) fail();
      m_finished = true;
      return;
    }
    m_line = m_lines->line_number();
    const std::size_t used = csv_parse(&m_parser, line.data(), line.size(), on_field, on_row, this);
    if (used != line.size()) fail(text::character_column(line, used)); // libcsv stops at the bad byte
    if (csv_parse(&m_parser, "\n", 1, on_field, on_row, this) != 1) fail(code_point_count_of(line) + 1);
  }

  static std::size_t code_point_count_of(std::string_view line) { return text::code_point_count(line); }

  // `column`: the character where libcsv stopped (0: the end of the file, no column).
  [[noreturn]] void fail(std::size_t column = 0) {
    throw InputError({file(), m_line, column}, std::string("malformed CSV: ") + csv_strerror(csv_error(&m_parser)));
  }

  static void on_field(void *data, std::size_t size, void *self_ptr) {
    auto &self = *static_cast<TableRows *>(self_ptr);
    Row &r = self.m_current;
    if (r.storage.empty()) r.line = self.m_line;
    r.storage.emplace_back(data ? static_cast<const char *>(data) : "", size);
    r.columns.push_back(0);
  }
  static void on_row(int, void *self_ptr) {
    auto &self = *static_cast<TableRows *>(self_ptr);
    Row &r = self.m_current;
    // Views are taken once the row is whole: the strings no longer move (moving the row moves
    // the vector's buffer, not the strings in it).
    for (const auto &f : r.storage)
      r.fields.emplace_back(f);
    if (!r.empty()) self.m_ready.push_back(std::move(r));
    r = Row{};
  }

  static std::unique_ptr<text::TextLines> open_lines(const fs::path &path, bool check_encoding) {
    if (table_kind(path) == TableKind::xlsx) return nullptr;
    if (is_standard_input(path))
      return std::make_unique<text::TextLines>(standard_input_bytes(), "<stdin>", check_encoding);
    return std::make_unique<text::TextLines>(path, check_encoding);
  }

  TableKind m_kind;
  std::unique_ptr<text::TextLines> m_lines;
  std::string m_file;
  std::size_t m_width = 0;
  csv_parser m_parser{};
  bool m_parser_live = false, m_finished = false;
  std::size_t m_line = 0;
  Row m_current;
  std::deque<Row> m_ready;
};

// Whether the rows of the .tsv table at `path` come in canonical answer order (as `corpus
// export` writes them), which is what lets stream_corpus hand answers on as they end and give
// the same order as reading whole. A quick pass over the key columns only; anything it cannot
// read says no (the whole reader then reports the problem properly).
bool table_in_answer_order(const fs::path &path, const Corpus &metadata, bool check_encoding = false) {
  try {
    TableRows rows(path, check_encoding);
    Diagnostics ignored;
    TableAnswers table(metadata, path.string(), ignored, /*normalize=*/false);
    Row row;
    if (!rows.next(row) || !table.header(row)) return false;
    TableAnswers::Key last{0, 0, 0};
    while (rows.next(row)) {
      if (row.fields.size() != table.columns().width) return false;
      const auto key = table.key_of(row, /*report=*/false);
      if (!key || *key < last) return false;
      last = *key;
    }
    return true;
  } catch (const Error &) {
    return false;
  }
}

// The one loop every table reader runs: the header, then each row into `table`'s answers in
// `answers`. With `on_answer`, answers are handed on as they end (the table must be grouped by
// answer) and the first error throws; without it, every answer stays in `answers` and every
// problem is reported. A byte or CSV error is reported and ends the file.
void read_table_rows(const fs::path &path, TableAnswers &table, std::vector<Answer> &answers, Diagnostics &diagnostics,
                     const std::function<void(Answer &&)> *on_answer, bool stop_at_first_error) {
  auto stop_if = [&] {
    if (stop_at_first_error) diagnostics.throw_if_errors();
  };
  std::optional<TableRows> rows;
  bool broken = false;
  auto next = [&](Row &row) {
    try {
      if (!rows) {
        rows.emplace(path);
        table.set_file(rows->file());
      }
      return rows->next(row);
    } catch (const InputError &e) { // a bad byte or malformed CSV ends the file
      broken = true;
      diagnostics.error(e.where(), e.detail());
      stop_if();
      return false;
    }
  };
  bool header_seen = false, header_ok = false;
  Row row;
  while (next(row)) {
    if (!header_seen) {
      header_seen = true;
      header_ok = table.header(row);
      stop_if();
      continue;
    }
    if (!header_ok) continue;
    table.row(row, answers);
    stop_if();
    if (on_answer) table.hand_on_complete(answers, *on_answer);
  }
  if (!header_seen && !broken) {
    diagnostics.error({table_name(path), 0, 0}, "empty file: expected a header line and one row per segment");
    stop_if();
  }
  if (on_answer)
    for (auto &a : answers)
      (*on_answer)(std::move(a));
  if (on_answer) answers.clear();
}

void read_table(Corpus &corpus, const fs::path &path, Diagnostics &diagnostics, bool normalize) {
  TableAnswers table(corpus, path.string(), diagnostics, normalize);
  read_table_rows(path, table, corpus.answers, diagnostics, nullptr, false);
}

} // namespace

Corpus read_metadata(const fs::path &corpus_yaml, Diagnostics &diagnostics) {
  return parse_metadata(text::read_text_file(corpus_yaml), corpus_yaml.string(), diagnostics);
}

fs::path metadata_path(const fs::path &path, const fs::path &meta) {
  std::error_code ec;
  const bool input = is_standard_input(path);
  if (!input && !fs::exists(path, ec))
    throw Error(path.string() +
                ": no such corpus (expected a folder with corpus.yaml, or a .tsv/.csv/.txt/.xlsx table)");
  const bool folder = !input && fs::is_directory(path, ec);
  if (!folder && !table_kind(path))
    throw Error(path.string() + ": not a corpus (expected a folder with corpus.yaml, or a .tsv/.csv/.txt/.xlsx table)");
  if (!meta.empty()) {
    if (!fs::exists(meta, ec)) throw Error(meta.string() + ": missing");
    return meta;
  }
  if (input) return {};
  const fs::path yaml = (folder ? path : path.parent_path()) / "corpus.yaml";
  if (fs::exists(yaml, ec)) return yaml;
  if (folder) throw Error(yaml.string() + ": missing");
  return {}; // a table without corpus.yaml: load_metadata takes the ids from its rows
}

namespace {

// An id made from what a table holds: lower-cased, or `fallback` when that is not an id
// (a Thai name: the person writes the id in corpus.yaml).
std::string id_from(std::string_view value, const std::string &fallback) {
  std::string id = column_name(value);
  return std::regex_match(id, k_id_pattern) ? id : fallback;
}

// The metadata of a table that has no corpus.yaml, made from its rows: ids in the order they
// first appear, labels the values as written. Deterministic: the same table gives the same ids.
Corpus metadata_from_rows(const fs::path &path, Diagnostics &diagnostics) {
  Corpus corpus;
  const std::string stem = is_standard_input(path) ? "stdin" : path.stem().string();
  corpus.id = id_from(stem, "corpus");
  TableRows rows(path, /*check_encoding=*/true);
  TableColumns col;
  Row row;
  if (!rows.next(row)) return corpus;
  if (!col.read(row, rows.file(), diagnostics)) return corpus;
  auto field = [&](std::size_t column) { return column < row.fields.size() ? row.fields[column] : std::string_view(); };
  auto add = [](auto &items, std::string_view value, const std::string &prefix) {
    const std::string th = text::normalize(trim(value));
    const std::string name = text::ascii_lower(th); // column_name(value), once per row rather than per item
    for (std::size_t k = 0; k < items.size(); ++k)
      if (items[k].th == th || items[k].id == name) return k;
    items.push_back({});
    items.back().id = id_from(value, prefix + std::to_string(items.size()));
    items.back().th = th;
    return items.size() - 1;
  };
  bool first = true;
  while (rows.next(row)) {
    if (first) {
      if (col.corpus != k_no_column) corpus.id = id_from(field(col.corpus), corpus.id);
      if (col.year != k_no_column) corpus.year_be = std::atoi(std::string(field(col.year)).c_str());
      corpus.year_ce = corpus.year_be > 0 ? corpus.year_be - 543 : 0;
      first = false;
    }
    std::string_view instrument = field(col.instrument), question = field(col.question);
    if (col.instrument == k_no_column) {
      const auto slash = question.find('/');
      instrument = slash == std::string_view::npos ? std::string_view(corpus.id) : question.substr(0, slash);
      if (slash != std::string_view::npos) question = question.substr(slash + 1);
    }
    const std::size_t i = add(corpus.instruments, instrument, "instrument");
    add(corpus.instruments[i].questions, question, "q");
    add(corpus.provinces, field(col.province), "province");
  }
  diagnostics.warning(
      {rows.file(), 0, 0},
      "no corpus.yaml beside the table: ids come from its rows and the labels are the ids (" +
          std::to_string(corpus.instruments.size()) + " instruments, " + std::to_string(corpus.question_count()) +
          " questions, " + std::to_string(corpus.provinces.size()) +
          " provinces); `supanalyze corpus export TABLE --write-meta corpus.yaml` writes one to complete");
  return corpus;
}

} // namespace

Corpus load_metadata(const fs::path &path, Diagnostics &diagnostics, const fs::path &meta) {
  const fs::path yaml = metadata_path(path, meta);
  if (!yaml.empty()) return read_metadata(yaml, diagnostics);
  try {
    return metadata_from_rows(path, diagnostics);
  } catch (const InputError &e) {
    diagnostics.error(e.where(), e.detail());
    return {};
  }
}

void set_table_sheet(std::string sheet) { table_input().sheet = std::move(sheet); }

void set_table_input(TableInput input) {
  table_input() = std::move(input);
  standard_input_cache().reset();
}

namespace {

// The answers of the corpus at `path` read whole into `corpus` (its metadata); without
// `normalize`, text and labels as written (the caller normalizes them).
Corpus read_answers(Corpus corpus, const fs::path &path, Diagnostics &diagnostics, bool normalize = true) {
  const bool folder = !is_standard_input(path) && fs::is_directory(path);
  if (diagnostics.has_errors()) return corpus;
  if (folder) {
    read_transcripts(corpus, path, diagnostics, normalize);
  } else {
    read_table(corpus, path, diagnostics, normalize);
  }
  corpus.sort_answers();
  AnswersSeen seen(corpus);
  for (const auto &a : corpus.answers)
    seen.add(a);
  warn_missing_answers(corpus, seen, path, diagnostics, folder ? std::string() : table_name(path));
  return corpus;
}

} // namespace

Corpus read_corpus(const fs::path &path, Diagnostics &diagnostics, const fs::path &meta) {
  Corpus corpus = load_metadata(path, diagnostics, meta);
  return read_answers(std::move(corpus), path, diagnostics);
}

CheckedCorpus check_corpus(const fs::path &path, Diagnostics &diagnostics, const fs::path &meta) {
  CheckedCorpus checked;
  auto read_whole = [&] {
    checked.metadata = read_corpus(path, diagnostics, meta);
    checked.answers = checked.metadata.answers.size();
    checked.segments = checked.metadata.segment_count();
    checked.metadata.answers.clear();
    return checked;
  };
  if (table_kind(path) != TableKind::tsv || fs::is_directory(path)) return read_whole();
  Diagnostics metadata_diagnostics;
  checked.metadata = load_metadata(path, metadata_diagnostics, meta);
  if (metadata_diagnostics.has_errors() || !table_in_answer_order(path, checked.metadata)) return read_whole();
  for (const auto &d : metadata_diagnostics.items())
    if (d.severity == Severity::error)
      diagnostics.error(d.where, d.message);
    else
      diagnostics.warning(d.where, d.message);
  // Streamed: every row checked as the whole reader checks it, each answer counted and dropped.
  TableAnswers table(checked.metadata, path.string(), diagnostics, /*normalize=*/false);
  AnswersSeen seen(checked.metadata);
  std::vector<Answer> pending;
  const std::function<void(Answer &&)> count = [&](Answer &&a) {
    seen.add(a);
    ++checked.answers;
    checked.segments += a.segments.size();
  };
  read_table_rows(path, table, pending, diagnostics, &count, /*stop_at_first_error=*/false);
  warn_missing_answers(checked.metadata, seen, path, diagnostics, table_name(path));
  return checked;
}

Corpus read_corpus(const fs::path &path, const fs::path &meta) {
  Diagnostics diagnostics;
  Corpus corpus = read_corpus(path, diagnostics, meta);
  diagnostics.throw_if_errors();
  return corpus;
}

void stream_corpus(const fs::path &path, const Corpus &metadata, Diagnostics &diagnostics,
                   const std::function<void(Answer &&)> &on_answer, const StreamOptions &options) {
  const bool input = is_standard_input(path);
  if (table_kind(path) != TableKind::tsv || (!input && fs::is_directory(path)) || input ||
      !table_in_answer_order(path, metadata)) {
    Corpus corpus = metadata;
    corpus.answers.clear();
    corpus = read_answers(std::move(corpus), path, diagnostics, !options.defer_normalization);
    diagnostics.throw_if_errors();
    for (auto &a : corpus.answers)
      on_answer(std::move(a));
    return;
  }
  TableAnswers table(metadata, path.string(), diagnostics, !options.defer_normalization);
  AnswersSeen seen(metadata);
  std::vector<Answer> pending; // the answer being filled, handed on when the next one starts
  const std::function<void(Answer &&)> hand_on = [&](Answer &&a) {
    seen.add(a);
    on_answer(std::move(a));
  };
  read_table_rows(path, table, pending, diagnostics, &hand_on, /*stop_at_first_error=*/true);
  warn_missing_answers(metadata, seen, path, diagnostics, table_name(path));
}

fs::path bundled_corpus_path(const char *chosen) {
  if (chosen && *chosen) return chosen;
  const fs::path data = data_directory();
  const fs::path path = data / "corpora" / "ssw3-2564";
  std::error_code ec;
  if (data.empty() || !fs::is_regular_file(path / "corpus.yaml", ec))
    throw Error("the bundled corpus is not where it is installed (" + path.string() +
                "): give a corpus folder or table, or set SUPANALYZE_CORPUS to one");
  return path;
}

} // namespace supanalyze::corpus
