// SPDX-License-Identifier: MIT
#include <supanalyze/diff/compare.hpp>
#include <supanalyze/error.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace supanalyze::diff {

std::vector<std::string> merge_order(const std::vector<std::string> &first, const std::vector<std::string> &second) {
  std::vector<std::string> out = first;
  for (std::size_t i = 0; i < second.size(); ++i) {
    if (std::find(out.begin(), out.end(), second[i]) != out.end()) continue;
    // After its predecessor in `second`, past the items of `first` only with its prefix.
    auto at = out.begin();
    if (i > 0) at = std::find(out.begin(), out.end(), second[i - 1]) + 1;
    const std::string prefix = second[i].substr(0, second[i].find('/') + 1);
    while (at != out.end() && at->rfind(prefix, 0) == 0 && std::find(second.begin(), second.end(), *at) == second.end())
      ++at;
    out.insert(at, second[i]);
  }
  return out;
}

void Report::append(const Report &other) {
  shape.insert(shape.end(), other.shape.begin(), other.shape.end());
  changes.insert(changes.end(), other.changes.begin(), other.changes.end());
  notes.insert(notes.end(), other.notes.begin(), other.notes.end());
  compared += other.compared;
  below_threshold += other.below_threshold;
}

namespace {

template <typename T> std::vector<std::string> ids(const std::vector<T> &items) {
  std::vector<std::string> out;
  for (const auto &item : items)
    out.push_back(item.id);
  return out;
}

bool contains(const std::vector<std::string> &list, const std::string &id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

std::string label_of(const std::vector<Item> &items, const std::string &id) {
  for (const auto &item : items)
    if (item.id == id) return item.label;
  return "";
}

std::string instrument_of(const std::string &question) {
  const auto slash = question.find('/');
  return slash == std::string::npos ? "" : question.substr(0, slash);
}

const QuestionInfo *find_question(const Counts &c, const std::string &id) {
  for (const auto &q : c.questions)
    if (q.id == id) return &q;
  return nullptr;
}

// The themes of a result in its order: all of them, or those that have a count.
std::vector<std::string> theme_order(const Counts &c) {
  std::vector<std::string> out = ids(c.themes);
  for (const auto &g : c.groups)
    if (!contains(out, g.theme)) out.push_back(g.theme);
  return out;
}

using GroupIndex = std::map<std::pair<std::string, std::string>, const Group *>;

GroupIndex index_groups(const Counts &c) {
  GroupIndex index;
  for (const auto &g : c.groups)
    index[{g.question, g.theme}] = &g;
  return index;
}

std::uint64_t member_count(const Group *g, const std::string &id) {
  if (!g) return 0;
  for (const auto &m : g->members)
    if (m.id == id) return m.count;
  return 0;
}

std::uint64_t distance(std::uint64_t a, std::uint64_t b) { return a > b ? a - b : b - a; }

class Comparer {
public:
  Comparer(const Counts &before, const Counts &after, const CompareOptions &options, const std::string &table)
      : m_old(before), m_new(after), m_options(options), m_table(table) {}

  Report run() {
    if (!compare_header()) return std::move(m_report);
    compare_provinces();
    compare_questions();
    compare_themes();
    compare_groups();
    return std::move(m_report);
  }

private:
  void shape(const std::string &what, const std::string &id, const std::string &old_value,
             const std::string &new_value) {
    m_report.shape.push_back({m_table, what, id, old_value, new_value});
  }

  // Kind, layout, unit, codebook and filters; false when the counts cannot be compared at all.
  bool compare_header() {
    if (m_options.common && !(m_old.members_sum_to_count && m_new.members_sum_to_count))
      throw Error("--common compares corpora only (use --corpora)");
    if (m_old.kind != m_new.kind) {
      shape("kind", "", m_old.kind, m_new.kind);
      return false;
    }
    if (m_old.layout != m_new.layout) {
      shape("layout", "", m_old.layout, m_new.layout);
      return false;
    }
    if (m_old.unit != m_new.unit) shape("unit", "", m_old.unit, m_new.unit);
    const std::string old_cb = m_old.codebook_id + " " + m_old.codebook_version;
    const std::string new_cb = m_new.codebook_id + " " + m_new.codebook_version;
    if (old_cb != new_cb) shape("codebook", "", old_cb, new_cb);
    if (m_old.filters != m_new.filters) shape("filters", "", m_old.filters, m_new.filters);
    return true;
  }

  void compare_provinces() {
    if (!m_old.knows_provinces || !m_new.knows_provinces) return;
    for (const auto &id : merge_order(ids(m_old.provinces), ids(m_new.provinces))) {
      const bool in_old = contains(ids(m_old.provinces), id), in_new = contains(ids(m_new.provinces), id);
      if (in_old && in_new)
        m_provinces.push_back(id);
      else
        shape("province", id, in_old ? label_of(m_old.provinces, id) : "", in_new ? label_of(m_new.provinces, id) : "");
    }
  }

  void compare_questions() {
    const auto old_ids = ids(m_old.questions), new_ids = ids(m_new.questions);
    std::set<std::string> old_instruments, new_instruments, reported;
    for (const auto &q : old_ids)
      old_instruments.insert(instrument_of(q));
    for (const auto &q : new_ids)
      new_instruments.insert(instrument_of(q));
    for (const auto &id : merge_order(old_ids, new_ids)) {
      const QuestionInfo *o = find_question(m_old, id);
      const QuestionInfo *n = find_question(m_new, id);
      if (o && n) {
        m_questions.push_back(id);
        compare_question(*o, *n);
        continue;
      }
      // A whole instrument on one side only is one finding, not one per question.
      const std::string instrument = instrument_of(id);
      if (!instrument.empty() && (o ? !new_instruments.count(instrument) : !old_instruments.count(instrument))) {
        if (reported.insert(instrument).second) shape("instrument", instrument, o ? "present" : "", n ? "present" : "");
        continue;
      }
      shape("question", id, o ? "present" : "", n ? "present" : "");
    }
  }

  void compare_question(const QuestionInfo &o, const QuestionInfo &n) {
    if (!o.text.empty() && !n.text.empty() && o.text != n.text) shape("question text", o.id, o.text, n.text);
    if (o.has_respondents && n.has_respondents) {
      for (const auto &p : m_provinces) {
        const bool in_old = contains(o.respondents, p), in_new = contains(n.respondents, p);
        if (in_old != in_new) shape("answer", o.id + "/" + p, in_old ? "answered" : "", in_new ? "answered" : "");
      }
    } else if (o.denominator && n.denominator && *o.denominator != *n.denominator && m_old.unit == m_new.unit) {
      shape("denominator", o.id, std::to_string(*o.denominator), std::to_string(*n.denominator));
    }
  }

  void compare_themes() {
    const auto old_ids = theme_order(m_old), new_ids = theme_order(m_new);
    for (const auto &id : merge_order(old_ids, new_ids)) {
      const bool in_old = contains(old_ids, id), in_new = contains(new_ids, id);
      if ((in_old && in_new) || !m_old.knows_themes || !m_new.knows_themes)
        m_themes.push_back(id);
      else
        shape("theme", id, in_old ? label_of(m_old.themes, id) : "", in_new ? label_of(m_new.themes, id) : "");
    }
  }

  // The provinces whose parts of a count under `question` are compared: in both results and,
  // where the results know who answered, answering on both sides.
  std::vector<std::string> comparable_members(const std::string &question, const Group *o, const Group *n) const {
    std::vector<std::string> out;
    if (m_old.knows_provinces && m_new.knows_provinces)
      out = m_provinces;
    else {
      for (const Group *g : {o, n})
        if (g)
          for (const auto &m : g->members)
            if (!contains(out, m.id)) out.push_back(m.id);
    }
    const QuestionInfo *oq = find_question(m_old, question);
    const QuestionInfo *nq = find_question(m_new, question);
    if (oq && nq && oq->has_respondents && nq->has_respondents)
      std::erase_if(
          out, [&](const std::string &p) { return !contains(oq->respondents, p) || !contains(nq->respondents, p); });
    return out;
  }

  void compare_groups() {
    const GroupIndex old_groups = index_groups(m_old), new_groups = index_groups(m_new);
    for (const auto &question : m_questions)
      for (const auto &theme : m_themes) {
        const auto oi = old_groups.find({question, theme});
        const auto ni = new_groups.find({question, theme});
        const Group *o = oi == old_groups.end() ? nullptr : oi->second;
        const Group *n = ni == new_groups.end() ? nullptr : ni->second;
        if (o || n) compare_group(question, theme, o, n);
      }
  }

  void compare_group(const std::string &question, const std::string &theme, const Group *o, const Group *n) {
    ++m_report.compared;
    GroupChange change{m_table, question, theme, label_of(m_new.themes, theme), o ? o->count : 0, n ? n->count : 0,
                       {},      {},       {}};
    if (change.label.empty()) change.label = label_of(m_old.themes, theme);
    bool significant = false;
    if (m_options.common) change.old_count = change.new_count = 0;
    for (const auto &p : comparable_members(question, o, n)) {
      const std::uint64_t a = member_count(o, p), b = member_count(n, p);
      if (m_options.common) {
        change.old_count += a;
        change.new_count += b;
      }
      if (a == b) continue;
      if (a == 0)
        change.appeared.push_back(p);
      else if (b == 0)
        change.disappeared.push_back(p);
      else
        change.moved.push_back({p, a, b});
      significant = significant || distance(a, b) >= m_options.threshold;
    }
    const bool moved = change.old_count != change.new_count || !change.appeared.empty() ||
                       !change.disappeared.empty() || !change.moved.empty();
    if (!moved) return;
    significant = significant || distance(change.old_count, change.new_count) >= m_options.threshold;
    if (!significant) {
      ++m_report.below_threshold;
      return;
    }
    m_report.changes.push_back(std::move(change));
  }

  const Counts &m_old;
  const Counts &m_new;
  const CompareOptions &m_options;
  std::string m_table;
  Report m_report;
  std::vector<std::string> m_provinces; // in both
  std::vector<std::string> m_questions; // in both
  std::vector<std::string> m_themes;    // in both (or unknown)
};

} // namespace

Report compare(const Counts &before, const Counts &after, const CompareOptions &options, const std::string &table) {
  return Comparer(before, after, options, table).run();
}

} // namespace supanalyze::diff
