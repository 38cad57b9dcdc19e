// SPDX-License-Identifier: MIT
#include <supanalyze/detail/yaml.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/run/config.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>
#include <regex>

namespace supanalyze::run {

namespace fs = std::filesystem;

std::string to_string(TableKind kind) {
  switch (kind) {
  case TableKind::freq:
    return "freq";
  case TableKind::matrix:
    return "matrix";
  case TableKind::report:
    return "report";
  }
  return "freq";
}

namespace {

const std::regex k_name("[A-Za-z0-9_][A-Za-z0-9_.-]*");

bool one_of(const std::string &value, std::initializer_list<const char *> known) {
  return std::any_of(known.begin(), known.end(), [&](const char *k) { return value == k; });
}

std::string list_of(std::initializer_list<const char *> known) {
  std::string out;
  for (const char *k : known)
    out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

class Reader {
public:
  Reader(const fs::path &file, Diagnostics &diagnostics)
      : m_yaml(file.string(), diagnostics), m_base(file.has_parent_path() ? file.parent_path() : fs::path(".")) {}

  RunConfig read(const YAML::Node &root, const fs::path &file) {
    RunConfig config;
    config.file = file;
    if (!m_yaml.expect_document(root, "run configuration",
                                {"corpus", "meta", "codebook", "output", "outputs", "title", "description"}))
      return config;
    m_yaml.check_keys(root, "", {"corpus", "meta", "codebook", "output", "outputs", "title", "description"},
                      {{"tables", "outputs"}, {"results", "output"}, {"out", "output"}});
    if (auto corpus = m_yaml.string(root, "", "corpus", true)) {
      config.corpus_as_written = *corpus;
      config.corpus = resolve(*corpus);
    }
    if (auto meta = m_yaml.string(root, "", "meta", false)) config.meta = resolve(*meta);
    if (auto codebook = m_yaml.string(root, "", "codebook", false)) {
      config.codebook_as_written = *codebook;
      config.codebook = resolve(*codebook);
    }
    if (auto output = m_yaml.string(root, "", "output", true)) config.output = resolve(*output);
    const YAML::Node outputs = root["outputs"];
    if (!outputs) {
      m_yaml.error(root, "outputs", "missing required key");
      return config;
    }
    if (!m_yaml.expect_sequence(outputs, "outputs")) return config;
    if (outputs.size() == 0) m_yaml.error(outputs, "outputs", "a run needs at least one output");
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      const std::string path = "outputs[" + std::to_string(i) + "]";
      if (!m_yaml.expect_map(outputs[i], path)) continue;
      config.outputs.push_back(read_output(outputs[i], path));
      check_unique_name(config.outputs, outputs[i], path);
    }
    return config;
  }

private:
  fs::path resolve(const std::string &value) const {
    const fs::path p(value);
    return p.is_absolute() ? p : (m_base / p).lexically_normal();
  }

  // A value of `known`, or an error naming them (with the closest as a suggestion).
  std::string choice(const YAML::Node &node, const std::string &path, const char *key, const std::string &fallback,
                     std::initializer_list<const char *> known) {
    const auto value = m_yaml.string(node, path, key, false);
    if (!value) return fallback;
    if (one_of(*value, known)) return *value;
    const std::string hint = closest_match(*value, std::vector<std::string>(known.begin(), known.end()));
    m_yaml.error(node[key], path + "." + key,
                 "'" + *value + "' is not one of " + list_of(known) +
                     (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    return fallback;
  }

  OutputSpec read_output(const YAML::Node &node, const std::string &path) {
    OutputSpec spec;
    spec.where = m_yaml.where(node);
    m_yaml.check_keys(
        node, path, {"name", "table", "unit", "rows", "cols", "filters", "formats", "lang", "all", "bom"},
        {{"kind", "table"}, {"type", "table"}, {"format", "formats"}, {"columns", "cols"}, {"file", "name"}});
    if (auto name = m_yaml.string(node, path, "name", true)) {
      if (!std::regex_match(*name, k_name) || *name == "manifest")
        m_yaml.error(node["name"], path + ".name",
                     "'" + *name + "' is not a usable file name stem (letters, digits, _ . -; not 'manifest')");
      spec.name = *name;
    }
    if (!node["table"]) m_yaml.error(node, path + ".table", "missing required key (freq, matrix or report)");
    const std::string kind = choice(node, path, "table", "freq", {"freq", "matrix", "report"});
    spec.table = kind == "matrix" ? TableKind::matrix : kind == "report" ? TableKind::report : TableKind::freq;
    if (spec.table == TableKind::report)
      if (node["unit"]) m_yaml.error(node["unit"], path + ".unit", "a report takes no unit (it counts provinces)");
    spec.unit = aggregate::parse_unit(
        choice(node, path, "unit", "provinces",
               {"provinces", "answers", "segments", "mentions", "province", "answer", "segment", "mention"}));
    spec.rows = aggregate::parse_axis(choice(node, path, "rows", "theme", {"theme", "province", "question"}));
    spec.cols = aggregate::parse_axis(choice(node, path, "cols", "province", {"theme", "province", "question"}));
    spec.lang = parse_language(choice(node, path, "lang", "th", {"th", "en"}));
    if (spec.table != TableKind::matrix)
      for (const char *key : {"rows", "cols"})
        if (node[key]) m_yaml.error(node[key], path + "." + key, "only a matrix has rows and cols");
    if (spec.table == TableKind::matrix && spec.rows == spec.cols && node["rows"])
      m_yaml.error(node["rows"], path + ".rows", "rows and cols must be different axes");
    if (const YAML::Node all = node["all"]) {
      if (spec.table != TableKind::freq)
        m_yaml.error(all, path + ".all", "only a freq table has 'all'");
      else
        spec.all = boolean(all, path + ".all");
    }
    read_filters(node, path, spec);
    read_formats(node, path, spec);
    if (const YAML::Node bom = node["bom"]) {
      spec.bom = boolean(bom, path + ".bom");
      const bool delimited = std::any_of(spec.formats.begin(), spec.formats.end(), [](output::Format f) {
        return f == output::Format::csv || f == output::Format::tsv;
      });
      if (spec.bom && !delimited && !spec.formats.empty())
        m_yaml.error(bom, path + ".bom", "bom applies to the csv and tsv formats only");
    }
    return spec;
  }

  bool boolean(const YAML::Node &node, const std::string &path) {
    bool value = false;
    if (node.IsScalar() && YAML::convert<bool>::decode(node, value)) return value;
    m_yaml.error(node, path, "expected true or false");
    return false;
  }

  void read_filters(const YAML::Node &node, const std::string &path, OutputSpec &spec) {
    const YAML::Node filters = node["filters"];
    if (!filters) return;
    const std::string fpath = path + ".filters";
    if (!m_yaml.expect_map(filters, fpath)) return;
    m_yaml.check_keys(
        filters, fpath, {"instrument", "question", "province", "theme"},
        {{"instruments", "instrument"}, {"questions", "question"}, {"provinces", "province"}, {"themes", "theme"}});
    spec.instruments = m_yaml.strings(filters, fpath, "instrument");
    spec.questions = m_yaml.strings(filters, fpath, "question");
    spec.provinces = m_yaml.strings(filters, fpath, "province");
    spec.themes = m_yaml.strings(filters, fpath, "theme");
  }

  void read_formats(const YAML::Node &node, const std::string &path, OutputSpec &spec) {
    const std::string fpath = path + ".formats";
    std::vector<std::string> names = m_yaml.strings(node, path, "formats");
    const bool report = spec.table == TableKind::report;
    if (!node["formats"]) names = {report ? "html" : "json"};
    if (names.empty()) m_yaml.error(node["formats"], fpath, "list at least one format");
    std::vector<std::string> known;
    for (output::Format f : report ? k_report_formats : k_run_formats)
      known.push_back(output::to_string(f));
    const YAML::Node list = node["formats"];
    for (std::size_t i = 0; i < names.size(); ++i) {
      const YAML::Node item = list && list.IsSequence() ? list[i] : list;
      const std::string &f = names[i];
      const std::string ipath = fpath + "[" + std::to_string(i) + "]";
      if (std::find(known.begin(), known.end(), f) == known.end()) {
        const std::string hint = closest_match(f, known);
        std::string list_text;
        for (const auto &k : known)
          list_text += (list_text.empty() ? "" : ", ") + k;
        m_yaml.error(item ? item : node, ipath,
                     "'" + f + "' is not one of " + list_text +
                         (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
      } else if (std::count(names.begin(), names.begin() + static_cast<long>(i), f) > 0) {
        m_yaml.error(item ? item : node, ipath, "format '" + f + "' is listed twice");
      } else {
        spec.formats.push_back(output::parse_format(f));
      }
    }
  }

  void check_unique_name(const std::vector<OutputSpec> &outputs, const YAML::Node &node, const std::string &path) {
    const std::string &name = outputs.back().name;
    if (name.empty()) return;
    for (std::size_t i = 0; i + 1 < outputs.size(); ++i)
      if (outputs[i].name == name) { // once, against the first: N copies are N errors, not N²
        m_yaml.error(node["name"], path + ".name",
                     "output name '" + name + "' is already used by outputs[" + std::to_string(i) + "]");
        return;
      }
  }

  detail::YamlReader m_yaml;
  fs::path m_base;
};

} // namespace

RunConfig parse_run_config(const std::string &yaml_text, const fs::path &file, Diagnostics &diagnostics) {
  const YAML::Node root = detail::parse_yaml(yaml_text, file.string());
  return detail::with_locations(file.string(), [&] { return Reader(file, diagnostics).read(root, file); });
}

RunConfig load_run_config(const fs::path &file) {
  const std::string text = read_file(file);
  text::require_valid_utf8(text, file.string());
  Diagnostics diagnostics;
  RunConfig config = parse_run_config(text, file, diagnostics);
  diagnostics.throw_if_errors();
  return config;
}

} // namespace supanalyze::run
