// SPDX-License-Identifier: MIT
#include <supanalyze/corpus/writer.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>

#include <supanalyze/output/table.hpp>

namespace supanalyze::corpus {

namespace {

void write_row(std::ostream &out, TableFormat format, const std::vector<std::string> &fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << (format == TableFormat::tsv ? '\t' : ',');
    if (format == TableFormat::csv) {
      out << output::csv_field(fields[i]);
    } else {
      if (fields[i].find_first_of("\t\n") != std::string::npos)
        throw Error("cannot write a tab or line break in a TSV field: '" + fields[i] + "'");
      out << fields[i];
    }
  }
  out << '\n';
}

// A YAML double-quoted scalar.
std::string quoted(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

} // namespace

std::string metadata_yaml(const Corpus &corpus) {
  std::string out = "# Written by supanalyze from the corpus's rows: complete the Thai labels (th) and the title.\n";
  out += "id: " + corpus.id + "\n";
  out += "title: " + quoted(corpus.title) + "\n";
  out += "year: {be: " + std::to_string(corpus.year_be) + ", ce: " + std::to_string(corpus.year_ce) + "}\n";
  out += "provinces:\n";
  for (const auto &p : corpus.provinces)
    out += "  - {id: " + p.id + ", th: " + quoted(p.th) + (p.en.empty() ? "" : ", en: " + quoted(p.en)) + "}\n";
  out += "instruments:\n";
  for (const auto &i : corpus.instruments) {
    out += "  - id: " + i.id + "\n    th: " + quoted(i.th) + "\n";
    if (!i.en.empty()) out += "    en: " + quoted(i.en) + "\n";
    out += "    questions:\n";
    for (const auto &q : i.questions)
      out += "      - {id: " + q.id + ", th: " + quoted(q.th) + (q.en.empty() ? "" : ", en: " + quoted(q.en)) + "}\n";
  }
  return out;
}

void write_table_header(TableFormat format, std::ostream &out) {
  write_row(out, format, {"corpus", "year", "instrument", "question", "province", "segment", "text", "label"});
}

void write_table_rows(const Corpus &corpus, const Answer &a, TableFormat format, std::ostream &out) {
  const std::string year = std::to_string(corpus.year_be);
  const auto &instrument = corpus.instruments[a.instrument];
  for (std::size_t n = 0; n < a.segments.size(); ++n)
    write_row(out, format,
              {corpus.id, year, instrument.id, instrument.questions[a.question].id, corpus.provinces[a.province].id,
               std::to_string(n + 1), a.segments[n].text, a.segments[n].label});
}

void write_table(const Corpus &corpus, TableFormat format, std::ostream &out) {
  write_table_header(format, out);
  for (const Answer &a : corpus.answers)
    write_table_rows(corpus, a, format, out);
}

std::string transcript_text(const Corpus &corpus, std::size_t instrument, std::size_t province) {
  const auto &inst = corpus.instruments[instrument];
  std::string out = "# " + inst.th + " · " + corpus.provinces[province].th + "\n";
  for (const Answer &a : corpus.answers) {
    if (a.instrument != instrument || a.province != province) continue;
    out += "\n## " + inst.questions[a.question].id + "\n";
    std::string label;
    for (const Segment &s : a.segments) {
      if (s.label != label) {
        out += s.label.empty() ? "\n###\n" : "\n### " + s.label + "\n";
        label = s.label;
      }
      out += s.text + "\n";
    }
  }
  return out;
}

void check_folder_form(const Corpus &corpus) {
  Diagnostics diagnostics;
  auto heading = [](std::string_view t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
      t.remove_prefix(1);
    return t == "##" || t == "###" || t.rfind("## ", 0) == 0 || t.rfind("### ", 0) == 0;
  };
  for (const Answer &a : corpus.answers)
    for (std::size_t s = 0; s < a.segments.size(); ++s) {
      const Segment &segment = a.segments[s];
      const std::string where =
          corpus.question_key(a) + "/" + corpus.provinces[a.province].id + "/" + std::to_string(s + 1);
      if (segment.text.find_first_not_of(" \t\r\n") == std::string::npos)
        diagnostics.error(segment.where, where + ": a row without text (give it text, or delete the row)");
      else if (segment.text.find_first_of("\r\n") != std::string::npos)
        diagnostics.error(segment.where, where + ": text with a line break (a transcript holds one segment per line: "
                                                 "join the lines, or make them rows of their own)");
      else if (heading(segment.text))
        diagnostics.error(segment.where, where + ": text that would read back as a heading ('##')");
      if (segment.label.find_first_of("\r\n") != std::string::npos)
        diagnostics.error(segment.where, where + ": a label with a line break");
    }
  diagnostics.throw_if_errors();
}

void require_new_folder(const std::filesystem::path &dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  if (!fs::is_directory(dir, ec)) throw Error(dir.string() + ": exists and is not a folder");
  if (!fs::is_empty(dir, ec))
    throw Error(dir.string() + ": the folder is not empty (corpus import writes a new corpus folder; choose a new "
                               "one, or empty this one)");
}

void write_folder(const Corpus &corpus, const std::filesystem::path &metadata_file, const std::filesystem::path &dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create: " + ec.message());
  write_file_atomically(dir / "corpus.yaml", metadata_file.empty() ? metadata_yaml(corpus) : read_file(metadata_file));
  for (std::size_t i = 0; i < corpus.instruments.size(); ++i) {
    const fs::path sub = dir / corpus.instruments[i].id;
    bool any = false;
    for (std::size_t p = 0; p < corpus.provinces.size(); ++p) {
      bool has_answer = false;
      for (const Answer &a : corpus.answers)
        has_answer |= a.instrument == i && a.province == p;
      if (!has_answer) continue;
      if (!any) fs::create_directories(sub, ec);
      any = true;
      write_file_atomically(sub / (corpus.provinces[p].id + ".md"), transcript_text(corpus, i, p));
    }
  }
}

} // namespace supanalyze::corpus
