// SPDX-License-Identifier: MIT
#include <supanalyze/aggregate/count.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/diff/counts.hpp>
#include <supanalyze/error.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <type_traits>

namespace supanalyze::diff {

namespace {

using Json = nlohmann::json;

[[noreturn]] void malformed(const std::string &file, const std::string &what) {
  throw Error(file + ": not a freq or matrix table of supanalyze: " + what);
}

// A count: a whole number of 0 or more (nlohmann would wrap -9 to 18446744073709551607).
std::uint64_t count_value(const Json &value, const std::string &key, const std::string &file) {
  if (!value.is_number_unsigned())
    malformed(file, "'" + key + "' must be a whole number of 0 or more, not " + value.dump().substr(0, 40));
  return value.get<std::uint64_t>();
}

// The year of the table (Buddhist Era), a whole number up to 99999; nlohmann's get<int> of 1e300
// or 1e10 would be undefined behaviour.
int year_value(const Json &doc, const std::string &file) {
  if (!doc.is_object() || !doc.contains("year") || doc.at("year").is_null()) return 0;
  const Json &year = doc.at("year");
  if (!year.is_number_unsigned() || year.get<std::uint64_t>() > 99999)
    malformed(file, "'year' must be a whole number from 0 to 99999, not " + year.dump().substr(0, 40));
  return static_cast<int>(year.get<std::uint64_t>());
}

std::vector<std::uint64_t> count_list(const Json &value, const std::string &key, const std::string &file) {
  if (!value.is_array()) malformed(file, "'" + key + "' must be a list of counts");
  std::vector<std::uint64_t> out;
  for (const Json &v : value)
    out.push_back(count_value(v, key, file));
  return out;
}

// doc[key] as `T`, or an error naming the file and the key.
template <typename T> T field(const Json &doc, const char *key, const std::string &file) {
  if (!doc.is_object() || !doc.contains(key)) malformed(file, "missing '" + std::string(key) + "'");
  if constexpr (std::is_same_v<T, std::uint64_t>) {
    return count_value(doc.at(key), key, file);
  } else if constexpr (std::is_same_v<T, std::vector<std::uint64_t>>) {
    return count_list(doc.at(key), key, file);
  } else if constexpr (std::is_same_v<T, std::vector<std::vector<std::uint64_t>>>) {
    if (!doc.at(key).is_array()) malformed(file, "'" + std::string(key) + "' must be a list of rows of counts");
    std::vector<std::vector<std::uint64_t>> rows;
    for (const Json &row : doc.at(key))
      rows.push_back(count_list(row, key, file));
    return rows;
  } else {
    try {
      return doc.at(key).get<T>();
    } catch (const Json::exception &) {
      malformed(file, "'" + std::string(key) + "' has the wrong type");
    }
  }
}

// doc[key] as `T` when it is there, else `fallback`; a value of the wrong type is an error
// naming the key (Json::value would throw type_error.302 without one).
template <typename T> T optional_field(const Json &doc, const char *key, const std::string &file, T fallback) {
  if (!doc.is_object() || !doc.contains(key) || doc.at(key).is_null()) return fallback;
  return field<T>(doc, key, file);
}

void read_header(const Json &doc, const std::string &file, Counts &counts) {
  counts.corpus_id = field<std::string>(doc, "corpus", file);
  counts.year = year_value(doc, file);
  const Json codebook = optional_field<Json>(doc, "codebook", file, Json::object());
  counts.codebook_id = optional_field<std::string>(codebook, "id", file, "");
  counts.codebook_version = optional_field<std::string>(codebook, "version", file, "");
  counts.unit = field<std::string>(doc, "unit", file);
  counts.filters = optional_field<Json>(doc, "filters", file, Json::object()).dump();
}

void read_freq(const Json &doc, const std::string &file, bool english, Counts &counts) {
  counts.layout = "question x theme";
  std::map<std::string, bool> seen;
  for (const Json &q : field<Json>(doc, "questions", file)) {
    QuestionInfo info;
    info.id = field<std::string>(q, "instrument", file) + "/" + field<std::string>(q, "question", file);
    // freq/2 has one label in --lang's language; freq/1 had the question's text
    info.text = q.is_object() && q.contains("label") ? optional_field<std::string>(q, "label", file, "")
                                                     : optional_field<std::string>(q, "text", file, "");
    info.denominator = field<std::uint64_t>(q, "denominator", file);
    for (const Json &t : field<Json>(q, "themes", file)) {
      const auto theme = field<std::string>(t, "theme", file);
      if (!seen[theme]) {
        seen[theme] = true;
        // freq/2 has one label in the language it was written in; freq/1 had both
        counts.themes.push_back(
            {theme, t.is_object() && t.contains("label")
                        ? optional_field<std::string>(t, "label", file, "")
                        : optional_field<std::string>(t, english ? "label_en" : "label_th", file, "")});
      }
      counts.groups.push_back({info.id, theme, field<std::uint64_t>(t, "count", file), {}});
    }
    counts.questions.push_back(std::move(info));
  }
}

std::vector<Item> axis_items(const Json &doc, const char *key, const std::string &file) {
  std::vector<Item> items;
  for (const Json &item : field<Json>(doc, key, file))
    items.push_back({field<std::string>(item, "id", file), optional_field<std::string>(item, "label", file, "")});
  return items;
}

// The one value of a filter, or "" when it has none or several.
std::string single_filter(const Json &doc, const char *key) {
  const Json filters = doc.contains("filters") ? doc.at("filters") : Json::object();
  const Json values = filters.is_object() && filters.contains(key) ? filters.at(key) : Json::array();
  return values.is_array() && values.size() == 1 && values[0].is_string() ? values[0].get<std::string>() : "";
}

// The question a matrix without a question axis covers: its one --question filter (with its
// instrument), its one --instrument, or "" for the whole selection.
std::string matrix_scope_question(const Json &doc) {
  std::string q = single_filter(doc, "question");
  const std::string instrument = single_filter(doc, "instrument");
  if (!q.empty()) return q.find('/') == std::string::npos && !instrument.empty() ? instrument + "/" + q : q;
  return instrument;
}

void read_matrix(const Json &doc, const std::string &file, Counts &counts) {
  const auto rows = field<std::string>(doc, "rows", file), cols = field<std::string>(doc, "cols", file);
  counts.layout = rows + " x " + cols;
  const auto row_items = axis_items(doc, "row_items", file), col_items = axis_items(doc, "col_items", file);
  const auto cells = field<std::vector<std::vector<std::uint64_t>>>(doc, "cells", file);
  const auto row_totals = field<std::vector<std::uint64_t>>(doc, "row_totals", file);
  const auto col_totals = field<std::vector<std::uint64_t>>(doc, "col_totals", file);
  if (cells.size() != row_items.size() || row_totals.size() != row_items.size() ||
      col_totals.size() != col_items.size())
    malformed(file, "cells and totals do not match the row and column items");
  for (const auto &row : cells)
    if (row.size() != col_items.size()) malformed(file, "a row of cells does not match the column items");

  const std::string scope_question = matrix_scope_question(doc), scope_theme = single_filter(doc, "theme");
  auto axis_of = [&](const std::string &name) { return rows == name ? 0 : cols == name ? 1 : -1; };
  const int province_axis = axis_of("province"), theme_axis = axis_of("theme"), question_axis = axis_of("question");
  const std::vector<Item> *items[2] = {&row_items, &col_items};

  if (question_axis >= 0)
    for (const auto &item : *items[question_axis])
      counts.questions.push_back({item.id, "", false, {}, std::nullopt});
  else
    counts.questions.push_back({scope_question, "", false, {}, std::nullopt});
  if (theme_axis >= 0)
    counts.themes = *items[theme_axis];
  else
    counts.themes.push_back({scope_theme, ""});
  counts.knows_themes = true;
  if (province_axis >= 0) {
    counts.provinces = *items[province_axis];
    counts.knows_provinces = true;
    counts.has_members = true;
  }

  // Puts `item` of `axis` (0 rows, 1 cols) into the theme or question of `g`.
  auto key_of = [&](int axis, const Item &item, Group &g) {
    if (axis == theme_axis) g.theme = item.id;
    if (axis == question_axis) g.question = item.id;
  };
  if (province_axis >= 0) {
    const int other = 1 - province_axis;
    for (std::size_t i = 0; i < items[other]->size(); ++i) {
      Group g{scope_question, scope_theme, other == 0 ? row_totals[i] : col_totals[i], {}};
      key_of(other, (*items[other])[i], g);
      for (std::size_t p = 0; p < items[province_axis]->size(); ++p) {
        const std::uint64_t v = other == 0 ? cells[i][p] : cells[p][i];
        if (v > 0) g.members.push_back({(*items[province_axis])[p].id, v});
      }
      counts.groups.push_back(std::move(g));
    }
    return;
  }
  for (std::size_t r = 0; r < row_items.size(); ++r)
    for (std::size_t c = 0; c < col_items.size(); ++c) {
      Group g{scope_question, scope_theme, cells[r][c], {}};
      key_of(0, row_items[r], g);
      key_of(1, col_items[c], g);
      counts.groups.push_back(std::move(g));
    }
}

} // namespace

Counts read_table_json(const std::string &json_text, const std::string &file, bool english) {
  Json doc;
  try {
    doc = Json::parse(json_text);
  } catch (const Json::exception &e) {
    throw Error(file + ": not valid JSON: " + e.what());
  }
  Counts counts;
  counts.source = file;
  const std::string schema = doc.is_object() && doc.contains("schema") && doc.at("schema").is_string()
                                 ? doc.at("schema").get<std::string>()
                                 : "";
  if (schema == "supanalyze.freq/1" || schema == "supanalyze.freq/2")
    counts.kind = "freq";
  else if (schema == "supanalyze.matrix/1" || schema == "supanalyze.matrix/2")
    counts.kind = "matrix";
  else
    malformed(file, schema.empty()
                        ? "no 'schema'"
                        : "schema '" + schema + "' (expected supanalyze.freq/1 or /2, supanalyze.matrix/1 or /2)");
  try {
    read_header(doc, file, counts);
    if (counts.kind == "freq")
      read_freq(doc, file, english, counts);
    else
      read_matrix(doc, file, counts);
  } catch (const Json::exception &e) { // a shape the checks above do not name
    malformed(file, std::string("a value has the wrong type (") + e.what() + ")");
  }
  return counts;
}

Counts count_corpus(const corpus::Corpus &corpus, const codebook::Codebook &codebook, const codebook::Matcher &matcher,
                    aggregate::Unit unit, unsigned threads, bool english) {
  Counts counts;
  counts.kind = "corpus";
  counts.layout = "question x theme";
  counts.corpus_id = corpus.id;
  counts.year = corpus.year_be;
  counts.codebook_id = codebook.id;
  counts.codebook_version = codebook.version;
  counts.unit = aggregate::to_string(unit);
  counts.has_members = counts.members_sum_to_count = counts.knows_provinces = counts.knows_themes = true;
  for (const auto &p : corpus.provinces)
    counts.provinces.push_back({p.id, p.label(english)});
  for (const auto &t : codebook.themes)
    counts.themes.push_back({t.id, t.label(english)});

  // Every question's theme x province table, counted by the one counter (aggregate::TableCount).
  aggregate::QuestionTables tables(corpus, codebook, aggregate::select_all(corpus, codebook), aggregate::Axis::theme,
                                   aggregate::Axis::province, unit);
  coding::code_corpus(corpus, matcher, threads,
                      [&](const coding::AnswerCodings &coded) { tables.add(corpus.answers[coded.answer], coded); });
  for (std::size_t k = 0; k < tables.questions().size(); ++k) {
    const std::size_t number = tables.questions()[k];
    const auto [instrument, question] = aggregate::question_of(corpus, number);
    QuestionInfo info{aggregate::question_id(corpus, number),
                      corpus.instruments[instrument].questions[question].text_in(english),
                      true,
                      {},
                      std::nullopt};
    const aggregate::Matrix m = tables.table(k).finish();
    for (std::size_t p : m.col_items)
      info.respondents.push_back(corpus.provinces[p].id);
    for (std::size_t r = 0; r < m.row_items.size(); ++r) {
      Group g{info.id, codebook.themes[m.row_items[r]].id, 0, {}};
      for (std::size_t c = 0; c < m.col_items.size(); ++c) {
        if (m.cells[r][c] == 0) continue;
        g.count += m.cells[r][c];
        g.members.push_back({corpus.provinces[m.col_items[c]].id, m.cells[r][c]});
      }
      if (g.count > 0) counts.groups.push_back(std::move(g));
    }
    counts.questions.push_back(std::move(info));
  }
  return counts;
}

} // namespace supanalyze::diff
