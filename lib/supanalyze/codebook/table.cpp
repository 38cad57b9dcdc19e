// SPDX-License-Identifier: MIT
#include <supanalyze/codebook/table.hpp>

#include <supanalyze/error.hpp>

#include <cstdint>

namespace supanalyze::codebook {

namespace {

// Format: the magic, then every field in declaration order; numbers as 4-byte little-endian
// unsigned integers (optional: 0 for none, else index + 1), strings and lists as a count and
// their items.
constexpr std::string_view k_magic = "supanalyze-codebook-table-1\n";

class TableWriter {
public:
  void number(std::uint64_t n) {
    for (int i = 0; i < 4; ++i)
      m_out += static_cast<char>((n >> (8 * i)) & 0xFF);
  }
  void text(const std::string &s) {
    number(s.size());
    m_out += s;
  }
  void where(const SourceLocation &w) {
    text(w.file);
    number(w.line);
    number(w.column);
  }
  void term(const Term &t) {
    text(t.text);
    where(t.where);
  }
  template <typename T, typename F> void list(const std::vector<T> &items, F &&one) {
    number(items.size());
    for (const T &item : items)
      one(item);
  }
  void terms(const std::vector<Term> &items) {
    list(items, [&](const Term &t) { term(t); });
  }
  void texts(const std::vector<std::string> &items) {
    list(items, [&](const std::string &s) { text(s); });
  }
  std::string take() { return std::move(m_out); }
  void raw(std::string_view s) { m_out += s; }

private:
  std::string m_out;
};

class TableReader {
public:
  explicit TableReader(std::string_view in) : m_in(in) {}
  std::uint32_t number() {
    need(4);
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i)
      n |= static_cast<std::uint32_t>(static_cast<unsigned char>(m_in[m_at + i])) << (8 * i);
    m_at += 4;
    return n;
  }
  std::string text() {
    const std::uint32_t n = number();
    need(n);
    std::string s(m_in.substr(m_at, n));
    m_at += n;
    return s;
  }
  SourceLocation where() {
    SourceLocation w;
    w.file = text();
    w.line = number();
    w.column = number();
    return w;
  }
  Term term() {
    Term t;
    t.text = text();
    t.where = where();
    return t;
  }
  template <typename T, typename F> std::vector<T> list(F &&one) {
    std::vector<T> items(number());
    for (T &item : items)
      item = one();
    return items;
  }
  std::vector<Term> terms() {
    return list<Term>([&] { return term(); });
  }
  std::vector<std::string> texts() {
    return list<std::string>([&] { return text(); });
  }
  bool expect(std::string_view s) {
    if (m_in.substr(m_at, s.size()) != s) return false;
    m_at += s.size();
    return true;
  }
  bool at_end() const { return m_at == m_in.size(); }

private:
  void need(std::size_t n) const {
    if (m_in.size() - m_at < n) throw Error("the built-in codebook table is truncated (a stale build?)");
  }
  std::string_view m_in;
  std::size_t m_at = 0;
};

} // namespace

std::string write_codebook_table(const Codebook &cb) {
  TableWriter w;
  w.raw(k_magic);
  w.text(cb.id);
  w.text(cb.version);
  w.text(cb.title);
  w.text(cb.source);
  w.list(cb.themes, [&](const Theme &t) {
    w.text(t.id);
    w.text(t.label_th);
    w.text(t.label_en);
    w.text(t.description);
    w.text(t.colour);
    w.text(t.guid);
    w.text(t.parent_id);
    w.number(t.parent ? *t.parent + 1 : 0);
    w.terms(t.terms);
    w.terms(t.patterns);
    w.list(t.rules, [&](const Rule &r) {
      w.number(static_cast<std::uint32_t>(r.kind));
      w.terms(r.terms);
      w.list(r.slot_of, [&](std::uint32_t s) { w.number(s); });
      w.terms(r.not_terms);
      w.number(static_cast<std::uint32_t>(r.within));
      w.where(r.where);
    });
    w.terms(t.exclude);
    w.texts(t.examples_match);
    w.texts(t.examples_no_match);
    w.where(t.where);
  });
  return w.take();
}

Codebook read_codebook_table(std::string_view table, std::string text) {
  TableReader r(table);
  if (!r.expect(k_magic)) throw Error("the built-in codebook table has another format (a stale build?)");
  Codebook cb;
  cb.id = r.text();
  cb.version = r.text();
  cb.title = r.text();
  cb.source = r.text();
  cb.text = std::move(text);
  cb.themes = r.list<Theme>([&] {
    Theme t;
    t.id = r.text();
    t.label_th = r.text();
    t.label_en = r.text();
    t.description = r.text();
    t.colour = r.text();
    t.guid = r.text();
    t.parent_id = r.text();
    if (const std::uint32_t p = r.number()) t.parent = p - 1;
    t.terms = r.terms();
    t.patterns = r.terms();
    t.rules = r.list<Rule>([&] {
      Rule rule;
      rule.kind = static_cast<RuleKind>(r.number());
      rule.terms = r.terms();
      rule.slot_of = r.list<std::uint32_t>([&] { return r.number(); });
      rule.not_terms = r.terms();
      rule.within = static_cast<int>(r.number());
      rule.where = r.where();
      return rule;
    });
    t.exclude = r.terms();
    t.examples_match = r.texts();
    t.examples_no_match = r.texts();
    t.where = r.where();
    return t;
  });
  if (!r.at_end()) throw Error("the built-in codebook table has trailing bytes (a stale build?)");
  return cb;
}

} // namespace supanalyze::codebook
