// SPDX-License-Identifier: MIT
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/detail/yaml.hpp>
#include <supanalyze/io.hpp>
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
#include <optional>
#include <set>
#include <regex>

namespace supanalyze::corpus {

namespace fs = std::filesystem;

namespace {

const std::regex k_id_pattern("[a-z0-9][a-z0-9_-]*");

std::string list_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

template <typename T> std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.id);
  return out;
}

std::string unknown(const std::string& what, const std::string& id, const std::vector<std::string>& known) {
  return unknown_id_message(what, id, known);
}

void read_id(detail::YamlReader& yaml, const YAML::Node& node, const std::string& path, std::string& out) {
  if (auto id = yaml.string(node, path, "id", true)) {
    if (!std::regex_match(*id, k_id_pattern))
      yaml.error(node["id"], path + ".id", "'" + *id + "' is not a valid id (lower-case ASCII letters, digits, _ and -)");
    out = *id;
  }
}

template <typename T>
void check_unique(detail::YamlReader& yaml, const YAML::Node& list, const std::string& path, const std::vector<T>& items) {
  for (std::size_t i = 0; i < items.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (!items[i].id.empty() && items[i].id == items[j].id)
        yaml.error(list[i], path + "[" + std::to_string(i) + "].id", "duplicate id '" + items[i].id + "'");
}

void read_questions(detail::YamlReader& yaml, const YAML::Node& node, const std::string& path, Instrument& instrument) {
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
    instrument.questions.push_back(std::move(q));
  }
  check_unique(yaml, list, path + ".questions", instrument.questions);
}

Corpus parse_metadata(const std::string& bytes, const std::string& file, Diagnostics& diagnostics) {
  text::require_valid_utf8(bytes, file);
  const YAML::Node root = detail::parse_yaml(bytes, file);
  detail::YamlReader yaml(file, diagnostics);
  Corpus corpus;
  if (!yaml.expect_map(root, "")) return corpus;
  yaml.check_keys(root, "", {"id", "title", "year", "provinces", "instruments", "source", "description"});
  read_id(yaml, root, "", corpus.id);
  corpus.title = yaml.string(root, "", "title", false).value_or("");
  if (const YAML::Node year = root["year"]; !year) {
    yaml.error(root, "year", "missing required key");
  } else if (yaml.expect_map(year, "year")) {
    yaml.check_keys(year, "year", {"be", "ce"});
    corpus.year_be = static_cast<int>(yaml.integer(year, "year", "be", true).value_or(0));
    corpus.year_ce = static_cast<int>(yaml.integer(year, "year", "ce", false).value_or(corpus.year_be - 543));
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

// --- transcripts -------------------------------------------------------------------------------

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Byte-level problems the format forbids: reported, and reading stops for the file.
bool check_encoding(const std::string& bytes, const std::string& file, Diagnostics& diagnostics,
                    bool allow_crlf = false) {
  if (auto problem = text::find_invalid_utf8(bytes)) {
    diagnostics.error({file, problem->line, problem->column}, problem->reason + "; transcripts must be UTF-8");
    return false;
  }
  bool ok = true;
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) {
    diagnostics.error({file, 1, 1}, "byte order mark (BOM) at the start of the file; save it as UTF-8 without BOM");
    ok = false;
  }
  const std::size_t cr = allow_crlf ? std::string::npos : bytes.find('\r');
  if (cr != std::string::npos) {
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cr), '\n'));
    const std::size_t line_start = bytes.rfind('\n', cr) == std::string::npos ? 0 : bytes.rfind('\n', cr) + 1;
    diagnostics.error({file, line, cr - line_start + 1}, "carriage return (CRLF line end); save the file with LF line ends");
    return false; // one report per file is enough
  }
  return ok;
}

void read_transcript(Corpus& corpus, std::size_t instrument, std::size_t province, const fs::path& path,
                     Diagnostics& diagnostics) {
  const std::string file = path.string();
  const std::string bytes = read_file(path);
  if (!check_encoding(bytes, file, diagnostics)) return;
  const Instrument& inst = corpus.instruments[instrument];
  std::map<std::size_t, std::size_t> answered; // question -> line of its heading
  Answer* current = nullptr;
  std::string label;
  bool any_content = false;
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos <= bytes.size();) {
    std::size_t end = bytes.find('\n', pos);
    if (end == std::string::npos) end = bytes.size();
    const std::string_view line(bytes.data() + pos, end - pos);
    ++line_no;
    pos = end + 1;
    if (is_blank(line)) continue;
    any_content = true;
    const std::string_view body = trim(line);
    const std::size_t column = static_cast<std::size_t>(body.data() - line.data()) + 1;
    if (body.rfind("### ", 0) == 0 || body == "###") {
      if (!current) diagnostics.error({file, line_no, column}, "a '###' label before the first question heading ('## q1')");
      label = text::normalize(trim(body.substr(3)));
      continue;
    }
    if (body.rfind("## ", 0) == 0 || body == "##") {
      const std::string qid(trim(body.substr(2)));
      const auto q = corpus.question_index(instrument, qid);
      current = nullptr;
      label.clear();
      if (!q) {
        diagnostics.error({file, line_no, column + 3},
                          "question heading '" + qid + "' does not exist in instrument '" + inst.id + "': " +
                              unknown("question", qid, ids_of(inst.questions)));
        continue;
      }
      if (auto seen = answered.find(*q); seen != answered.end()) {
        diagnostics.error({file, line_no, column}, "duplicate answer to " + qid + " (first at line " +
                                                       std::to_string(seen->second) + ")");
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
    current->segments.push_back({label, text::normalize(body), {file, line_no, column}});
  }
  if (!any_content) {
    diagnostics.error({file, 0, 0}, "empty file: a transcript needs at least one '## <question>' heading");
    return;
  }
  for (const auto& a : corpus.answers)
    if (a.instrument == instrument && a.province == province && a.segments.empty())
      diagnostics.warning(a.where, "empty answer to " + inst.questions[a.question].id);
}

void read_transcripts(Corpus& corpus, const fs::path& root, Diagnostics& diagnostics) {
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(root)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  const auto instrument_ids = ids_of(corpus.instruments);
  const auto province_ids = ids_of(corpus.provinces);
  for (const auto& dir : entries) {
    const std::string name = dir.filename().string();
    if (!fs::is_directory(dir) || name.front() == '.') continue;
    const auto instrument = corpus.instrument_index(name);
    if (!instrument) {
      diagnostics.error({dir.string(), 0, 0}, unknown("instrument folder", name, instrument_ids));
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
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
      read_transcript(corpus, *instrument, *province, file, diagnostics);
    }
  }
}

// Which (instrument, question, province) answers a corpus has.
class AnswersSeen {
public:
  explicit AnswersSeen(const Corpus& corpus) : m_seen(corpus.instruments.size()) {
    for (std::size_t i = 0; i < corpus.instruments.size(); ++i)
      m_seen[i].assign(corpus.instruments[i].questions.size(), std::vector<bool>(corpus.provinces.size(), false));
  }
  void add(const Answer& a) { m_seen[a.instrument][a.question][a.province] = true; }
  bool has(std::size_t instrument, std::size_t question, std::size_t province) const {
    return m_seen[instrument][question][province];
  }

private:
  std::vector<std::vector<std::vector<bool>>> m_seen;
};

void warn_missing_answers(const Corpus& corpus, const AnswersSeen& seen, const fs::path& root, Diagnostics& diagnostics) {
  for (std::size_t i = 0; i < corpus.instruments.size(); ++i)
    for (std::size_t p = 0; p < corpus.provinces.size(); ++p) {
      std::vector<std::string> missing;
      for (std::size_t q = 0; q < corpus.instruments[i].questions.size(); ++q)
        if (!seen.has(i, q, p)) missing.push_back(corpus.instruments[i].questions[q].id);
      if (missing.empty()) continue;
      const fs::path file = root / corpus.instruments[i].id / (corpus.provinces[p].id + ".md");
      diagnostics.warning({file.string(), 0, 0}, "no answer to " + list_ids(missing));
    }
}

// --- long table form -------------------------------------------------------------------------

// One row of a table. Fields point into the bytes the row was split from (TSV) or into
// `storage` (CSV, whose fields are unquoted into new strings).
struct Row {
  std::vector<std::string_view> fields;
  std::vector<std::size_t> columns; // byte column of each field (1-based), 0 when unknown
  std::size_t line = 0;
  std::vector<std::string> storage;

  bool empty() const { return fields.size() == 1 && fields[0].empty(); }
};

// Splits one line (without its '\n') at tabs into `row`, reusing its vectors.
void split_tsv_line(std::string_view line, std::size_t line_no, Row& row) {
  row.fields.clear();
  row.columns.clear();
  row.line = line_no;
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

// Where the columns of a table are, from its header row.
struct TableColumns {
  std::size_t corpus = k_no_column, year = k_no_column, instrument = k_no_column, question = k_no_column,
              province = k_no_column, segment = k_no_column, text = k_no_column, label = k_no_column;
  std::size_t width = 0;

  // Reads `header`; reports each missing required column and returns false if any is.
  bool read(const Row& header, const std::string& file, Diagnostics& diagnostics) {
    const std::vector<std::pair<const char*, std::size_t*>> named{
        {"corpus", &corpus},     {"year", &year},       {"instrument", &instrument}, {"question", &question},
        {"province", &province}, {"segment", &segment}, {"text", &text},             {"label", &label}};
    for (std::size_t i = 0; i < header.fields.size(); ++i)
      for (const auto& [name, column] : named)
        if (header.fields[i] == name && *column == k_no_column) *column = i;
    width = header.fields.size();
    bool ok = true;
    std::vector<std::string> required;
    for (const auto& [name, column] : named)
      if (column != &label) required.emplace_back(name);
    for (const auto& [name, column] : named)
      if (column != &label && *column == k_no_column) {
        diagnostics.error({file, header.line, 1}, "the header has no '" + std::string(name) + "' column (needs: " + list_ids(required) + ")");
        ok = false;
      }
    return ok;
  }
};

// Turns long-table rows into answers: checks each row against corpus.yaml's ids, numbers
// segments, and groups rows by (instrument, question, province).
class TableAnswers {
public:
  using Key = std::tuple<std::size_t, std::size_t, std::size_t>;

  // With `normalize` false, segment text and labels are kept as written (the caller normalizes
  // them later, e.g. on worker threads).
  TableAnswers(const Corpus& corpus, std::string file, Diagnostics& diagnostics, bool normalize = true)
      : m_corpus(corpus), m_file(std::move(file)), m_diagnostics(diagnostics), m_normalize(normalize),
        m_year(std::to_string(corpus.year_be)) {}

  // Reads the header row; false when a required column is missing.
  bool header(const Row& row) { return m_columns.read(row, m_file, m_diagnostics); }

  // Adds a row to the answer it belongs to (created on first sight, in `answers`); returns the
  // answer's index, or nothing when the row is in error.
  std::optional<std::size_t> row(const Row& row, std::vector<Answer>& answers) {
    auto field = [&](std::size_t column) { return column < row.fields.size() ? row.fields[column] : std::string_view(); };
    auto text_of = [&](std::size_t column) { return std::string(field(column)); };
    auto where = [&](std::size_t column) {
      return SourceLocation{m_file, row.line, column < row.columns.size() ? row.columns[column] : 0};
    };
    const TableColumns& col = m_columns;
    if (row.fields.size() != col.width) {
      m_diagnostics.error({m_file, row.line, 1}, "expected " + std::to_string(col.width) + " fields, found " +
                                                     std::to_string(row.fields.size()));
      return std::nullopt;
    }
    if (field(col.corpus) != m_corpus.id)
      m_diagnostics.error(where(col.corpus), "corpus '" + text_of(col.corpus) + "' does not match corpus.yaml's id '" + m_corpus.id + "'");
    if (field(col.year) != m_year)
      m_diagnostics.error(where(col.year), "year '" + text_of(col.year) + "' does not match corpus.yaml's " + m_year);
    const auto key = resolve_key(row, where);
    if (!key) return std::nullopt;
    auto found = m_answer_of.find(*key);
    if (found == m_answer_of.end()) {
      if (m_done.count(*key)) {
        m_diagnostics.error({m_file, row.line, 1}, "rows of " + text_of(col.instrument) + "/" + text_of(col.question) + "/" +
                                                       text_of(col.province) +
                                                       " are not contiguous: group the table's rows by answer to stream it");
        return std::nullopt;
      }
      found = m_answer_of.emplace(*key, answers.size()).first;
      answers.push_back({std::get<0>(*key), std::get<1>(*key), std::get<2>(*key), {}, {m_file, row.line, 1}});
    }
    Answer& answer = answers[found->second];
    const std::string expected = std::to_string(answer.segments.size() + 1);
    if (field(col.segment) != expected) {
      m_diagnostics.error(where(col.segment), "segment '" + text_of(col.segment) + "' of " + m_corpus.question_key(answer) + "/" +
                                                  text_of(col.province) + ": expected " + expected +
                                                  " (segments are numbered 1, 2, ... in order; a repeated number is a duplicate)");
      return std::nullopt;
    }
    auto prepared = [&](std::string_view text) { return m_normalize ? text::normalize(text) : std::string(text); };
    answer.segments.push_back({col.label == k_no_column ? std::string() : prepared(field(col.label)), prepared(field(col.text)),
                               where(col.text)});
    return found->second;
  }

  // Streaming: hands every answer of `answers` but the last (the one rows are still coming
  // for) to `on_answer`; a later row of a handed-on answer is an error.
  void hand_on_complete(std::vector<Answer>& answers, const std::function<void(Answer&&)>& on_answer) {
    if (answers.size() < 2) return;
    for (std::size_t k = 0; k + 1 < answers.size(); ++k) {
      m_done.insert({answers[k].instrument, answers[k].question, answers[k].province});
      on_answer(std::move(answers[k]));
    }
    answers.erase(answers.begin(), answers.end() - 1);
    m_answer_of.clear();
    m_answer_of[{answers[0].instrument, answers[0].question, answers[0].province}] = 0;
  }

private:
  // The (instrument, question, province) of `row`, reporting unknown ids. Consecutive rows
  // mostly share their answer: the last ids are remembered.
  template <typename Where> std::optional<Key> resolve_key(const Row& row, const Where& where) {
    const TableColumns& col = m_columns;
    const std::string_view instrument_id = row.fields[col.instrument], question_id = row.fields[col.question],
                           province_id = row.fields[col.province];
    if (m_last_key && instrument_id == m_last_ids[0] && question_id == m_last_ids[1] && province_id == m_last_ids[2])
      return m_last_key;
    const auto instrument = m_corpus.instrument_index(instrument_id);
    if (!instrument) {
      m_diagnostics.error(where(col.instrument), unknown("instrument", std::string(instrument_id), ids_of(m_corpus.instruments)));
      return std::nullopt;
    }
    const auto question = m_corpus.question_index(*instrument, question_id);
    if (!question) {
      m_diagnostics.error(where(col.question), unknown("question", std::string(question_id),
                                                       ids_of(m_corpus.instruments[*instrument].questions)));
      return std::nullopt;
    }
    const auto province = m_corpus.province_index(province_id);
    if (!province) {
      m_diagnostics.error(where(col.province), unknown("province", std::string(province_id), ids_of(m_corpus.provinces)));
      return std::nullopt;
    }
    m_last_ids = {std::string(instrument_id), std::string(question_id), std::string(province_id)};
    m_last_key = Key{*instrument, *question, *province};
    return m_last_key;
  }

  const Corpus& m_corpus;
  std::string m_file;
  Diagnostics& m_diagnostics;
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
// bytes -> checked lines (TableLines) -> rows with their file:line (TableRows) -> TableAnswers,
// whatever the consumer: read whole (read_table), check everything (check_corpus), stream
// (stream_corpus), or the quick key pass that decides whether a table can stream.

// The lines of a table file, read in large blocks; a line is a view valid until the next call.
// Each line is checked against the encoding rules as it is read (`check_encoding`); a byte the
// format forbids throws InputError with its file, line and column.
class TableLines {
public:
  TableLines(const fs::path& path, bool allow_crlf, bool check_encoding = true)
      : m_file(path.string()), m_in(path, std::ios::binary), m_buffer(1 << 20, '\0'), m_allow_crlf(allow_crlf),
        m_check(check_encoding) {
    if (!m_in) throw Error(m_file + ": cannot read: " + std::strerror(errno));
  }

  const std::string& file() const { return m_file; }
  std::size_t line_number() const { return m_line; }

  bool next(std::string_view& line) {
    if (!next_raw(line)) return false;
    ++m_line;
    if (!m_check) return true;
    if (auto problem = text::find_invalid_utf8(line))
      throw InputError({m_file, m_line, problem->column}, problem->reason + "; the table must be UTF-8");
    if (m_line == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
      throw InputError({m_file, 1, 1}, "byte order mark (BOM) at the start of the file; save it as UTF-8 without BOM");
    if (!line.empty() && line.back() == '\r') {
      if (!m_allow_crlf)
        throw InputError({m_file, m_line, line.size()}, "carriage return (CRLF line end); save the file with LF line ends");
      line.remove_suffix(1); // RFC 4180 allows CRLF
    }
    return true;
  }

private:
  bool next_raw(std::string_view& line) {
    for (;;) {
      const char* begin = m_buffer.data() + m_pos;
      if (const void* newline = std::memchr(begin, '\n', m_end - m_pos)) {
        const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - begin);
        line = std::string_view(begin, length);
        m_pos += length + 1;
        return true;
      }
      if (m_eof) {
        if (m_pos == m_end) return false;
        line = std::string_view(begin, m_end - m_pos); // a last line without '\n'
        m_pos = m_end;
        return true;
      }
      refill();
    }
  }

  void refill() {
    std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
    m_end -= m_pos;
    m_pos = 0;
    if (m_end == m_buffer.size()) m_buffer.resize(m_buffer.size() * 2); // a line longer than the buffer
    m_in.read(m_buffer.data() + m_end, static_cast<std::streamsize>(m_buffer.size() - m_end));
    if (m_in.bad()) throw Error(m_file + ": read error");
    const auto got = static_cast<std::size_t>(m_in.gcount());
    m_end += got;
    m_eof = got == 0;
  }

  std::string m_file;
  std::ifstream m_in;
  std::string m_buffer;
  std::size_t m_pos = 0, m_end = 0, m_line = 0;
  bool m_eof = false;
  bool m_allow_crlf;
  bool m_check;
};

// The non-empty rows of a table (TSV split at tabs, CSV by libcsv as RFC 4180 says), each with
// the line it starts on. Errors throw InputError.
class TableRows {
public:
  explicit TableRows(const fs::path& path, bool check_encoding = true)
      : m_csv(path.extension() == ".csv"), m_lines(path, /*allow_crlf=*/m_csv, check_encoding) {
    if (!m_csv) return;
    if (csv_init(&m_parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) throw Error("cannot initialise the CSV parser");
    m_parser_live = true;
  }
  ~TableRows() {
    if (m_parser_live) csv_free(&m_parser);
  }
  TableRows(const TableRows&) = delete;
  TableRows& operator=(const TableRows&) = delete;

  const std::string& file() const { return m_lines.file(); }

  // The next non-empty row; false at the end. The row's views stay valid until the next call.
  bool next(Row& row) {
    if (!m_csv) {
      std::string_view line;
      while (m_lines.next(line)) {
        split_tsv_line(line, m_lines.line_number(), row);
        if (!row.empty()) return true;
      }
      return false;
    }
    while (m_ready.empty() && !m_finished) feed_csv();
    if (m_ready.empty()) return false;
    row = std::move(m_ready.front());
    m_ready.pop_front();
    return true;
  }

private:
  // Feeds one more line to libcsv (each line knows its number, so each row knows where it starts).
  void feed_csv() {
    std::string_view line;
    if (!m_lines.next(line)) {
      if (csv_fini(&m_parser, on_field, on_row, this) != 0) fail();
      m_finished = true;
      return;
    }
    m_line = m_lines.line_number();
    if (csv_parse(&m_parser, line.data(), line.size(), on_field, on_row, this) != line.size() ||
        csv_parse(&m_parser, "\n", 1, on_field, on_row, this) != 1)
      fail();
  }

  [[noreturn]] void fail() {
    throw InputError({file(), m_line, 0}, std::string("malformed CSV: ") + csv_strerror(csv_error(&m_parser)));
  }

  static void on_field(void* data, std::size_t size, void* self_ptr) {
    auto& self = *static_cast<TableRows*>(self_ptr);
    Row& r = self.m_current;
    if (r.storage.empty()) r.line = self.m_line;
    r.storage.emplace_back(data ? static_cast<const char*>(data) : "", size);
    r.columns.push_back(0);
  }
  static void on_row(int, void* self_ptr) {
    auto& self = *static_cast<TableRows*>(self_ptr);
    Row& r = self.m_current;
    // Views are taken once the row is whole: the strings no longer move (moving the row moves
    // the vector's buffer, not the strings in it).
    for (const auto& f : r.storage) r.fields.emplace_back(f);
    if (!r.empty()) self.m_ready.push_back(std::move(r));
    r = Row{};
  }

  bool m_csv;
  TableLines m_lines;
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
bool table_in_answer_order(const fs::path& path, const Corpus& metadata, bool check_encoding = false) {
  try {
    TableRows rows(path, check_encoding);
    Diagnostics ignored;
    TableColumns col;
    Row row;
    if (!rows.next(row) || !col.read(row, path.string(), ignored)) return false;
    std::array<std::string, 3> last_ids;
    TableAnswers::Key last{0, 0, 0};
    while (rows.next(row)) {
      if (row.fields.size() != col.width) return false;
      const std::string_view ids[3] = {row.fields[col.instrument], row.fields[col.question], row.fields[col.province]};
      if (ids[0] == last_ids[0] && ids[1] == last_ids[1] && ids[2] == last_ids[2]) continue;
      const auto instrument = metadata.instrument_index(ids[0]);
      const auto question = instrument ? metadata.question_index(*instrument, ids[1]) : std::nullopt;
      const auto province = metadata.province_index(ids[2]);
      if (!question || !province) return false;
      const TableAnswers::Key key{*instrument, *question, *province};
      if (key < last) return false;
      last = key;
      for (int k = 0; k < 3; ++k) last_ids[k] = std::string(ids[k]);
    }
    return true;
  } catch (const Error&) {
    return false;
  }
}

// The one loop every table reader runs: the header, then each row into `table`'s answers in
// `answers`. With `on_answer`, answers are handed on as they end (the table must be grouped by
// answer) and the first error throws; without it, every answer stays in `answers` and every
// problem is reported. A byte or CSV error is reported and ends the file.
void read_table_rows(const fs::path& path, TableAnswers& table, std::vector<Answer>& answers, Diagnostics& diagnostics,
                     const std::function<void(Answer&&)>* on_answer, bool stop_at_first_error) {
  auto stop_if = [&] {
    if (stop_at_first_error) diagnostics.throw_if_errors();
  };
  TableRows rows(path);
  auto next = [&](Row& row) {
    try {
      return rows.next(row);
    } catch (const InputError& e) { // a bad byte or malformed CSV ends the file
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
  if (!header_seen) {
    diagnostics.error({path.string(), 0, 0}, "empty file: expected a header line and one row per segment");
    stop_if();
  }
  if (on_answer)
    for (auto& a : answers) (*on_answer)(std::move(a));
  if (on_answer) answers.clear();
}

void read_table(Corpus& corpus, const fs::path& path, Diagnostics& diagnostics) {
  TableAnswers table(corpus, path.string(), diagnostics);
  read_table_rows(path, table, corpus.answers, diagnostics, nullptr, false);
}

} // namespace

Corpus read_metadata(const fs::path& corpus_yaml, Diagnostics& diagnostics) {
  return parse_metadata(read_file(corpus_yaml), corpus_yaml.string(), diagnostics);
}

fs::path metadata_path(const fs::path& path, const fs::path& meta) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(path.string() + ": no such corpus (expected a folder with corpus.yaml, or a .tsv/.csv table)");
  const bool folder = fs::is_directory(path, ec);
  if (!folder && path.extension() != ".tsv" && path.extension() != ".csv")
    throw Error(path.string() + ": not a corpus (expected a folder with corpus.yaml, or a .tsv/.csv table)");
  const fs::path yaml = !meta.empty() ? meta : (folder ? path : path.parent_path()) / "corpus.yaml";
  if (!fs::exists(yaml, ec))
    throw Error(yaml.string() + ": missing" + (folder ? "" : " (a table needs corpus.yaml beside it, or --meta FILE)"));
  return yaml;
}

Corpus read_corpus(const fs::path& path, Diagnostics& diagnostics, const fs::path& meta) {
  Corpus corpus = read_metadata(metadata_path(path, meta), diagnostics);
  const bool folder = fs::is_directory(path);
  if (diagnostics.has_errors()) return corpus;
  if (folder) {
    read_transcripts(corpus, path, diagnostics);
  } else {
    read_table(corpus, path, diagnostics);
  }
  corpus.sort_answers();
  AnswersSeen seen(corpus);
  for (const auto& a : corpus.answers) seen.add(a);
  warn_missing_answers(corpus, seen, folder ? path : path.parent_path(), diagnostics);
  return corpus;
}

CheckedCorpus check_corpus(const fs::path& path, Diagnostics& diagnostics, const fs::path& meta) {
  CheckedCorpus checked;
  auto read_whole = [&] {
    checked.metadata = read_corpus(path, diagnostics, meta);
    checked.answers = checked.metadata.answers.size();
    checked.segments = checked.metadata.segment_count();
    checked.metadata.answers.clear();
    return checked;
  };
  if (path.extension() != ".tsv" || fs::is_directory(path)) return read_whole();
  Diagnostics metadata_diagnostics;
  checked.metadata = read_metadata(metadata_path(path, meta), metadata_diagnostics);
  if (metadata_diagnostics.has_errors() || !table_in_answer_order(path, checked.metadata)) return read_whole();
  for (const auto& d : metadata_diagnostics.items())
    if (d.severity == Severity::error) diagnostics.error(d.where, d.message);
    else diagnostics.warning(d.where, d.message);
  // Streamed: every row checked as the whole reader checks it, each answer counted and dropped.
  TableAnswers table(checked.metadata, path.string(), diagnostics, /*normalize=*/false);
  AnswersSeen seen(checked.metadata);
  std::vector<Answer> pending;
  const std::function<void(Answer&&)> count = [&](Answer&& a) {
    seen.add(a);
    ++checked.answers;
    checked.segments += a.segments.size();
  };
  read_table_rows(path, table, pending, diagnostics, &count, /*stop_at_first_error=*/false);
  warn_missing_answers(checked.metadata, seen, path.parent_path(), diagnostics);
  return checked;
}

Corpus read_corpus(const fs::path& path, const fs::path& meta) {
  Diagnostics diagnostics;
  Corpus corpus = read_corpus(path, diagnostics, meta);
  diagnostics.throw_if_errors();
  return corpus;
}

void stream_corpus(const fs::path& path, const Corpus& metadata, Diagnostics& diagnostics,
                   const std::function<void(Answer&&)>& on_answer, const StreamOptions& options) {
  if (path.extension() != ".tsv" || fs::is_directory(path) || !table_in_answer_order(path, metadata)) {
    Corpus corpus = read_corpus(path, diagnostics, options.meta);
    diagnostics.throw_if_errors();
    for (auto& a : corpus.answers) on_answer(std::move(a));
    return;
  }
  TableAnswers table(metadata, path.string(), diagnostics, !options.defer_normalization);
  std::vector<Answer> pending; // the answer being filled, handed on when the next one starts
  read_table_rows(path, table, pending, diagnostics, &on_answer, /*stop_at_first_error=*/true);
}

fs::path bundled_corpus_path() {
  if (const char* env = std::getenv("SUPANALYZE_CORPUS"); env && *env) return env;
  return fs::path(SUPANALYZE_SOURCE_DIR) / "corpora" / "ssw3-2564";
}

} // namespace supanalyze::corpus
