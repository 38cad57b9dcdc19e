// SPDX-License-Identifier: MIT
#include <supanalyze/corpus/writer.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/run/manifest.hpp>
#include <supanalyze/sha256.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

namespace supanalyze::run {

CorpusDigest::CorpusDigest(const corpus::Corpus &metadata) : m_metadata(metadata) {
  std::ostringstream header;
  corpus::write_table_header(corpus::TableFormat::tsv, header);
  m_hash.update(header.str());
}

void CorpusDigest::add(const corpus::Answer &answer) {
  std::ostringstream rows;
  corpus::write_table_rows(m_metadata, answer, corpus::TableFormat::tsv, rows);
  m_hash.update(rows.str());
  ++m_answers;
  m_segments += answer.segments.size();
}

std::string CorpusDigest::sha256() { return m_hash.hex(); }

std::string corpus_sha256(const corpus::Corpus &corpus) {
  CorpusDigest digest(corpus);
  for (const auto &a : corpus.answers)
    digest.add(a);
  return digest.sha256();
}

std::string codebook_sha256(const codebook::Codebook &codebook) { return sha256_hex(codebook.text); }

Manifest make_manifest(const RunConfig &config, const std::string &config_text, const corpus::Corpus &corpus,
                       CorpusDigest &digest, const codebook::Codebook &codebook) {
  Manifest m;
  m.tool_version = SUPANALYZE_VERSION;
  m.config_file = config.file.filename().string();
  m.config_sha256 = sha256_hex(config_text);
  m.codebook_id = codebook.id;
  m.codebook_version = codebook.version;
  m.codebook_source = config.codebook_as_written.empty() ? "<built-in>" : config.codebook_as_written;
  m.codebook_sha256 = codebook_sha256(codebook);
  m.corpus_id = corpus.id;
  m.corpus_source = config.corpus_as_written;
  m.corpus_year = corpus.year_be;
  m.corpus_sha256 = digest.sha256();
  m.answers = digest.answers();
  m.segments = digest.segments();
  m.outputs = config.outputs;
  return m;
}

std::string manifest_json(const Manifest &m) {
  using Json = nlohmann::ordered_json;
  Json doc{{"schema", "supanalyze.manifest/1"},
           {"tool", {{"name", "supanalyze"}, {"version", m.tool_version}}},
           {"config", {{"file", m.config_file}, {"sha256", m.config_sha256}}},
           {"codebook",
            {{"id", m.codebook_id},
             {"version", m.codebook_version},
             {"source", m.codebook_source},
             {"sha256", m.codebook_sha256}}},
           {"corpus",
            {{"id", m.corpus_id},
             {"year", m.corpus_year},
             {"source", m.corpus_source},
             {"answers", m.answers},
             {"segments", m.segments},
             {"sha256", m.corpus_sha256}}}};
  auto &outputs = doc["outputs"] = Json::array();
  for (const auto &spec : m.outputs) {
    Json o{{"name", spec.name}, {"table", to_string(spec.table)}, {"unit", aggregate::to_string(spec.unit)}};
    if (spec.table == TableKind::matrix) {
      o["rows"] = aggregate::to_string(spec.rows);
      o["cols"] = aggregate::to_string(spec.cols);
    } else {
      o["all"] = spec.all;
    }
    o["filters"] = {{"instrument", spec.instruments},
                    {"question", spec.questions},
                    {"province", spec.provinces},
                    {"theme", spec.themes}};
    o["lang"] = to_string(spec.lang);
    if (spec.bom) o["bom"] = true; // only when set: manifests of earlier runs keep their bytes
    auto &files = o["files"] = Json::array();
    for (const auto &f : m.files)
      if (f.output == spec.name) files.push_back({{"file", f.file}, {"format", f.format}, {"sha256", f.sha256}});
    outputs.push_back(std::move(o));
  }
  return doc.dump(2, ' ', false) + "\n";
}

std::vector<ManifestFile> manifest_files(const std::string &json_text, const std::string &file) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception &e) {
    throw Error(file + ": not valid JSON: " + e.what());
  }
  // object[key] as text, "" when it is not there. A person may have edited the manifest: a value
  // of another type is an error naming the key (nlohmann's value() would throw its type_error).
  auto text = [&](const nlohmann::json &object, const char *key) -> std::string {
    if (!object.contains(key)) return "";
    const auto &value = object.at(key);
    if (!value.is_string()) throw Error(file + ": '" + key + "' must be a string, not " + value.dump().substr(0, 40));
    return value.get<std::string>();
  };
  auto list = [](const nlohmann::json &object, const char *key) {
    return object.contains(key) && object.at(key).is_array() ? object.at(key) : nlohmann::json::array();
  };
  std::vector<ManifestFile> out;
  if (!doc.is_object() || !doc.contains("schema") || doc.at("schema") != "supanalyze.manifest/1") return out;
  for (const auto &o : list(doc, "outputs")) {
    if (!o.is_object()) continue;
    for (const auto &f : list(o, "files"))
      if (f.is_object()) out.push_back({text(o, "name"), text(f, "format"), text(f, "file"), text(f, "sha256")});
  }
  return out;
}

std::optional<ManifestInputs> manifest_inputs(const std::string &json_text) {
  const auto doc = nlohmann::json::parse(json_text, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  // doc[part][key] as text: a string as it is, anything else as its JSON.
  auto value = [&](const char *part, const char *key) -> std::string {
    const auto object = doc.contains(part) ? doc.at(part) : nlohmann::json::object();
    const auto v = object.is_object() ? object.value(key, nlohmann::json()) : nlohmann::json();
    return v.is_string() ? v.get<std::string>() : v.dump();
  };
  ManifestInputs inputs;
  inputs.corpus = value("corpus", "id");
  const auto year = doc.contains("corpus") && doc.at("corpus").is_object()
                        ? doc.at("corpus").value("year", nlohmann::json())
                        : nlohmann::json();
  inputs.year =
      year.is_number_integer() && year.get<long long>() > 0 && year.get<long long>() < 100000 ? year.get<int>() : 0;
  inputs.codebook = value("codebook", "id") + " " + value("codebook", "version");
  for (const auto &[part, key] : {std::pair{"corpus", "sha256"},
                                  {"codebook", "sha256"},
                                  {"codebook", "version"},
                                  {"tool", "version"},
                                  {"config", "sha256"}})
    inputs.facts.emplace_back(std::string(part) + " " + key, value(part, key));
  return inputs;
}

} // namespace supanalyze::run
