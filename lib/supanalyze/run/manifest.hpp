// SPDX-License-Identifier: MIT
#pragma once
// manifest.json of a run folder: what produced the tables (tool version, codebook and corpus
// with content hashes) and a hash of every file written. Deterministic (no time stamps, no
// absolute paths), so two runs on the same inputs give the same bytes.

#include <supanalyze/codebook/model.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/run/config.hpp>
#include <supanalyze/sha256.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace supanalyze::run {

// One file of a run.
struct ManifestFile {
  std::string output; // OutputSpec::name
  std::string format; // table, csv, tsv, json or md
  std::string file;   // file name inside the output folder
  std::string sha256;
};

struct Manifest {
  std::string tool_version;
  std::string config_file; // file name of the configuration
  std::string config_sha256;
  std::string codebook_id, codebook_version, codebook_source, codebook_sha256;
  std::string corpus_id, corpus_source, corpus_sha256;
  int corpus_year = 0;
  std::size_t answers = 0, segments = 0;
  std::vector<OutputSpec> outputs;
  std::vector<ManifestFile> files;
};

// The SHA-256 of a corpus's content: of its long table form (corpus::write_table, TSV), so it
// does not depend on how the corpus is laid out on disk. Fed one answer at a time, in corpus
// order, so a streamed corpus is hashed without being held.
class CorpusDigest {
public:
  explicit CorpusDigest(const corpus::Corpus &metadata);
  void add(const corpus::Answer &answer);
  std::string sha256(); // once, after the last add()
  std::size_t answers() const { return m_answers; }
  std::size_t segments() const { return m_segments; }

private:
  const corpus::Corpus &m_metadata;
  Sha256 m_hash;
  std::size_t m_answers = 0, m_segments = 0;
};

std::string corpus_sha256(const corpus::Corpus &corpus);

// The SHA-256 of the bytes a codebook was read from (Codebook::text).
std::string codebook_sha256(const codebook::Codebook &codebook);

// Fills the corpus and codebook parts of a manifest: `corpus` gives the metadata, `digest` the
// content (every answer added).
Manifest make_manifest(const RunConfig &config, const std::string &config_text, const corpus::Corpus &corpus,
                       CorpusDigest &digest, const codebook::Codebook &codebook);

// The manifest as JSON (schema "supanalyze.manifest/1"), two-space indented, ending in a newline.
std::string manifest_json(const Manifest &manifest);

// The file names of the tables listed in a manifest's JSON text (empty when `json_text` is not
// a manifest); throws Error naming `file` when it is not JSON, or when a name, format, file or
// sha256 of it is not a string.
std::vector<ManifestFile> manifest_files(const std::string &json_text, const std::string &file);

// What a manifest says of a run's inputs, for `diff` to compare two runs: the corpus id and
// year (0 unless a whole number from 1 to 99999), the codebook ("id version"), and the facts
// ("corpus sha256", "codebook sha256", "codebook version", "tool version", "config sha256", in
// that order) with their values. A value that is not a string is its JSON text ("null" when
// missing).
struct ManifestInputs {
  std::string corpus;
  int year = 0;
  std::string codebook;
  std::vector<std::pair<std::string, std::string>> facts;
};

// The inputs the manifest `json_text` names; nothing when it is not a JSON object.
std::optional<ManifestInputs> manifest_inputs(const std::string &json_text);

} // namespace supanalyze::run
