// SPDX-License-Identifier: MIT
#include "fuzz_support.hpp"

#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/office/xlsx.hpp>

#include <fstream>
#include <unistd.h>

namespace supanalyze::fuzz {

namespace fs = std::filesystem;

int zip_target(const std::uint8_t *data, std::size_t size, const std::function<void(const std::string &)> &read) {
  const std::string bytes(as_text(data, size));
  if (!office::looks_like_zip(bytes)) return -1;
  read(bytes);
  return 0;
}

fs::path source_path(const std::string &relative) { return fs::path(SUPANALYZE_SOURCE_DIR) / relative; }

const corpus::Corpus &bundled_metadata() {
  static const corpus::Corpus metadata = [] {
    Diagnostics diagnostics;
    corpus::Corpus c = corpus::read_metadata(source_path("corpora/ssw3-2564/corpus.yaml"), diagnostics);
    diagnostics.throw_if_errors();
    return c;
  }();
  return metadata;
}

const corpus::Corpus &bundled_corpus() {
  static const corpus::Corpus corpus = corpus::read_corpus(source_path("corpora/ssw3-2564"));
  return corpus;
}

namespace {

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(scratch_folder(), ec);
}

} // namespace

const fs::path &scratch_folder() {
  // Never destroyed: remove_scratch runs at exit, after the destructors of statics made later.
  static const fs::path *folder = [] {
    std::error_code ec;
    const fs::path ram = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
    auto *f = new fs::path(ram / ("supanalyze-fuzz-" + std::to_string(::getpid())));
    fs::create_directories(*f);
    std::atexit(remove_scratch);
    return f;
  }();
  return *folder;
}

void write_bytes(const fs::path &path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  check(static_cast<bool>(out), "cannot write the scratch file");
}

} // namespace supanalyze::fuzz

namespace supanalyze::fuzz {

namespace {

void check_answer(const corpus::Corpus &metadata, const corpus::Answer &answer) {
  check(answer.instrument < metadata.instruments.size(), "an answer of no instrument");
  check(answer.question < metadata.instruments[answer.instrument].questions.size(), "an answer to no question");
  check(answer.province < metadata.provinces.size(), "an answer of no province");
  for (const auto &segment : answer.segments)
    check(valid_utf8(segment.text) && valid_utf8(segment.label), "a segment that is not UTF-8");
}

} // namespace

void read_table(std::string bytes) {
  // One way per input (reading twice would halve the speed): by the parity of its size, which
  // mutations change all the time, so both ways see the same contents.
  const bool from_rows = bytes.size() % 2 == 1;
  corpus::set_table_input({"", [bytes = std::move(bytes)] { return bytes; }});
  try {
    Diagnostics diagnostics;
    if (from_rows) {
      const corpus::Corpus corpus = corpus::read_corpus("-", diagnostics);
      for (const auto &answer : corpus.answers)
        check_answer(corpus, answer);
    } else {
      corpus::stream_corpus("-", bundled_metadata(), diagnostics,
                            [](corpus::Answer &&answer) { check_answer(bundled_metadata(), answer); });
    }
  } catch (const Error &) {
  }
}

} // namespace supanalyze::fuzz
