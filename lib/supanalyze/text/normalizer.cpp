// SPDX-License-Identifier: MIT
#include <supanalyze/text/automaton.hpp>
#include <supanalyze/text/cluster.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/thai.hpp>
#include <supanalyze/text/utf8.hpp>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace supanalyze::text {

using Line = std::u32string;
namespace th = thai;

namespace {

bool is_space(char32_t c) { return c == U' ' || c == U'\t'; }
bool is_stripped(char32_t c) {
  return c == 0xFEFF || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0x00AD;
}

// --- step 1 ---------------------------------------------------------------------------------
void remove_spaces_before_marks(Line &s) {
  Line out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_space(s[i])) {
      std::size_t j = i;
      while (j < s.size() && is_space(s[j]))
        ++j;
      const bool thai_before = !out.empty() && th::is_thai(out.back());
      if (j < s.size() && th::is_combining(s[j]) && thai_before) {
        i = j - 1;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  s.swap(out);
}

constexpr char32_t k_sara_e = 0x0E40;
constexpr char32_t k_sara_ae = 0x0E41;

bool is_vowel_mark(char32_t c) { return th::is_upper_vowel(c) || th::is_lower_vowel(c) || c == th::k_nikhahit; }
bool is_tone_like(char32_t c) { return th::is_tone(c) || c == th::k_thanthakhat; }

// decode_at, with ASCII and the Thai block (E0 B8 xx, E0 B9 xx) in line: for the clean-line
// check's loop, where the compiler does not inline decode_at on its own.
[[gnu::always_inline]] inline char32_t next_code_point(std::string_view s, std::size_t &i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b0 == 0xE0 && (b1 == 0xB8 || b1 == 0xB9)) {
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    i += 3;
    return 0x0E00 + ((static_cast<char32_t>(b1 - 0xB8) << 6) | (b2 & 0x3Fu));
  }
  return decode_at(s, i);
}

// --- step 2: typing faults (the ones PyThaiNLP's normalize() repairs) ---------------------------
// Whether `c` typed twice in a row is one keystroke too many: a vowel or a mark never doubles
// in Thai spelling (mai yamok ๆ and the consonants do).
bool never_doubles(char32_t c) {
  return th::is_combining(c) || th::is_following_vowel(c) || (th::is_leading_vowel(c) && c != k_sara_e);
}

// A mark typed twice on one base: the copy goes. Runs after repair_stacks, which first gives a
// second tone to the consonant on the left where the PDF shifted it there (ใหข้้อมูล).
void remove_repeated_marks(Line &s) {
  Line out;
  out.reserve(s.size());
  for (char32_t c : s)
    if (out.empty() || c != out.back() || !th::is_combining(c)) out.push_back(c);
  s.swap(out);
}

void repair_typing_faults(Line &s) {
  Line out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    // sara am typed as nikhahit + sara aa, tone marks typed between them: น ํ ้ า -> น ้ ำ
    if (c == th::k_nikhahit) {
      std::size_t j = i + 1;
      while (j < s.size() && is_tone_like(s[j]))
        ++j;
      if (j < s.size() && s[j] == th::k_sara_aa) {
        out.append(s, i + 1, j - i - 1);
        out.push_back(th::k_sara_am);
        i = j;
        continue;
      }
    }
    // sara ae typed as two sara e: เ เ -> แ
    if (c == k_sara_e && i + 1 < s.size() && s[i + 1] == k_sara_e) {
      out.push_back(k_sara_ae);
      ++i;
      continue;
    }
    if (!out.empty() && out.back() == c && never_doubles(c) && !th::is_combining(c)) continue;
    out.push_back(c);
  }
  s.swap(out);
}

// --- steps 3 and 4: mark stacks ---------------------------------------------------------------

// A stack is valid with at most one vowel, at most one tone or thanthakhat, and no tone on
// mai taikhu.
bool stack_valid(const char32_t *first, const char32_t *last) {
  int vowels = 0, tones = 0;
  bool taikhu = false;
  for (auto p = first; p != last; ++p) {
    if (is_vowel_mark(*p))
      ++vowels;
    else if (is_tone_like(*p))
      ++tones;
    if (*p == th::k_maitaikhu) taikhu = true;
  }
  return vowels <= 1 && tones <= 1 && !(taikhu && tones > 0);
}

std::size_t stack_end(const Line &s, std::size_t base) {
  std::size_t j = base + 1;
  while (j < s.size() && th::is_combining(s[j]))
    ++j;
  return j;
}

// Index of the consonant a misplaced mark at `base`'s stack belongs to: the base before it,
// across one leading vowel or ')' if there is one; npos when there is none.
std::size_t consonant_on_left(const Line &s, std::size_t base) {
  std::size_t k = base;
  auto previous_base = [&](std::size_t from) -> std::size_t {
    while (from > 0) {
      --from;
      if (!th::is_combining(s[from])) return from;
    }
    return Line::npos;
  };
  k = previous_base(k);
  if (k != Line::npos && (th::is_leading_vowel(s[k]) || s[k] == U')')) k = previous_base(k);
  if (k == Line::npos || !th::is_consonant(s[k])) return Line::npos;
  return k;
}

// Moves the mark at `from` onto the consonant at `to` (to < from) when that leaves the
// consonant's stack valid. Returns whether it moved.
bool move_mark_left(Line &s, std::size_t from, std::size_t to) {
  const std::size_t end = stack_end(s, to);
  Line candidate(s.begin() + static_cast<std::ptrdiff_t>(to) + 1, s.begin() + static_cast<std::ptrdiff_t>(end));
  candidate.push_back(s[from]);
  if (!stack_valid(candidate.data(), candidate.data() + candidate.size())) return false;
  const char32_t mark = s[from];
  s.erase(from, 1);
  s.insert(end, 1, mark);
  return true;
}

// Index of the first vowel when the stack [first, last) has two, else of the first tone.
std::size_t first_excess_mark(const Line &s, std::size_t first, std::size_t last) {
  int vowels = 0;
  for (std::size_t k = first; k < last; ++k)
    vowels += is_vowel_mark(s[k]) ? 1 : 0;
  for (std::size_t k = first; k < last; ++k)
    if (vowels > 1 ? is_vowel_mark(s[k]) : is_tone_like(s[k])) return k;
  return first;
}

void repair_stacks(Line &s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (th::is_combining(s[i]) || i + 1 >= s.size() || !th::is_combining(s[i + 1])) continue;
    const bool takes_marks = th::is_consonant(s[i]);
    std::size_t end = stack_end(s, i);
    if (takes_marks && stack_valid(s.data() + i + 1, s.data() + end)) continue;
    const std::size_t target = consonant_on_left(s, i);
    if (target == Line::npos) continue;
    if (takes_marks) {
      // Over-full: the first mark of the class that has one too many belongs to the left.
      const std::size_t excess = first_excess_mark(s, i + 1, end);
      if (move_mark_left(s, excess, target)) ++i; // the consonant's stack grew before us
      continue;
    }
    // A base that takes no marks gives each of them away.
    while (i + 1 < end && move_mark_left(s, i + 1, target)) {
      ++i;
      end = stack_end(s, i);
    }
  }
}

int mark_rank(char32_t c) {
  if (is_vowel_mark(c)) return 0;
  if (is_tone_like(c)) return 1;
  return 2;
}

void order_stacks(Line &s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (th::is_combining(s[i])) continue;
    const std::size_t end = stack_end(s, i);
    if (end - i > 2)
      std::stable_sort(s.begin() + static_cast<std::ptrdiff_t>(i) + 1, s.begin() + static_cast<std::ptrdiff_t>(end),
                       [](char32_t a, char32_t b) { return mark_rank(a) < mark_rank(b); });
    i = end - 1;
  }
}

// เพือ่ -> เพื่อ: the อ of sara uee takes no tone; the consonant before it does.
void move_tone_off_uee(Line &s) {
  for (std::size_t i = 2; i + 1 < s.size(); ++i) {
    if (s[i] != th::k_o_ang || !is_tone_like(s[i + 1]) || s[i - 1] != th::k_sara_uee) continue;
    const std::size_t consonant = i - 2;
    if (!th::is_consonant(s[consonant])) continue;
    move_mark_left(s, i + 1, consonant);
  }
}

bool needs_icu_nfc(const Line &s) {
  return std::any_of(s.begin(), s.end(), [](char32_t c) { return c >= 0x300 && !th::is_thai(c); });
}

void nfc_other_scripts(Line &s) {
  if (!needs_icu_nfc(s)) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2 *nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return;
  const auto in =
      icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32 *>(s.data()), static_cast<int32_t>(s.size()));
  if (nfc->isNormalized(in, status)) return;
  const icu::UnicodeString out = nfc->normalize(in, status);
  if (U_FAILURE(status)) return;
  Line result(static_cast<std::size_t>(out.countChar32()), U'\0');
  out.toUTF32(reinterpret_cast<UChar32 *>(result.data()), static_cast<int32_t>(result.size()), status);
  if (U_SUCCESS(status)) s.swap(result);
}

// --- step 5: letter-spaced runs ---------------------------------------------------------------
enum class PieceKind { other, thai, digit, punct };

struct Piece {
  std::size_t begin, end;
  std::size_t gap_before; // spaces between this piece and the previous one
  PieceKind kind;
};

PieceKind single_kind(const Line &s, std::size_t b, std::size_t e) {
  if (e - b == 1) {
    const char32_t c = s[b];
    if (c >= U'0' && c <= U'9') return PieceKind::digit;
    if (c == U'.' || c == U'-' || c == U':' || c == U'/') return PieceKind::punct;
  }
  const char32_t base = s[b];
  if (!th::is_base(base) || base == 0x0E46 || base == 0x0E2F || th::is_thai_digit(base)) return PieceKind::other;
  for (std::size_t i = b + 1; i < e; ++i)
    if (!th::is_combining(s[i])) return PieceKind::other;
  return PieceKind::thai;
}

std::vector<Piece> split_pieces(const Line &s) {
  std::vector<Piece> pieces;
  std::size_t i = 0, gap = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++gap;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j]))
      ++j;
    pieces.push_back({i, j, gap, single_kind(s, i, j)});
    gap = 0;
    i = j;
  }
  return pieces;
}

// Whether `next` may continue a run whose last piece is `prev` (and `before_prev` before it).
bool continues_run(PieceKind before_prev, PieceKind prev, PieceKind next) {
  if (next == PieceKind::other) return false;
  if (next == PieceKind::punct) return true;
  const PieceKind last_content = prev == PieceKind::punct ? before_prev : prev;
  return last_content == next; // never glue Thai letters to digits
}

void join_letter_spaced_runs(Line &s) {
  const auto pieces = split_pieces(s);
  // runs[k] = [first, last] piece indices
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  bool letter_spaced_line = false;
  for (std::size_t k = 0; k < pieces.size();) {
    if (pieces[k].kind == PieceKind::other || pieces[k].kind == PieceKind::punct) {
      ++k;
      continue;
    }
    std::size_t last = k;
    int thai = pieces[k].kind == PieceKind::thai ? 1 : 0;
    while (
        last + 1 < pieces.size() && pieces[last + 1].gap_before == 1 &&
        continues_run(last > k ? pieces[last - 1].kind : PieceKind::other, pieces[last].kind, pieces[last + 1].kind)) {
      ++last;
      thai += pieces[last].kind == PieceKind::thai ? 1 : 0;
    }
    if (last > k) runs.emplace_back(k, last);
    if (thai >= 3) letter_spaced_line = true;
    k = last + 1;
  }
  if (!letter_spaced_line) return;
  Line out;
  out.reserve(s.size());
  std::size_t run = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    while (run < runs.size() && runs[run].second < k)
      ++run;
    const bool inside = run < runs.size() && runs[run].first < k && k <= runs[run].second;
    if (!out.empty() || k > 0)
      if (!inside) out.append(pieces[k].gap_before, U' ');
    out.append(s, pieces[k].begin, pieces[k].end - pieces[k].begin);
  }
  s.swap(out);
}

// --- step 6 ---------------------------------------------------------------------------------
void remove_spaces_around_vowels(Line &s) {
  Line out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_space(s[i]) && !out.empty()) {
      std::size_t j = i;
      while (j < s.size() && is_space(s[j]))
        ++j;
      const char32_t before = out.back();
      const char32_t after = j < s.size() ? s[j] : U'\0';
      const bool after_leading_vowel = th::is_leading_vowel(before) && th::is_consonant(after);
      const bool before_following_vowel = th::is_thai(before) && th::is_following_vowel(after);
      if (after_leading_vowel || before_following_vowel) {
        i = j - 1;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  s.swap(out);
}

// --- step 8 ---------------------------------------------------------------------------------
void collapse_spaces(Line &s) {
  Line out;
  out.reserve(s.size());
  for (char32_t c : s) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != U' ') out.push_back(U' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == U' ')
    out.pop_back();
  s.swap(out);
}

std::size_t count_consonants(const Line &s, std::size_t b, std::size_t e) {
  return static_cast<std::size_t>(std::count_if(s.begin() + static_cast<std::ptrdiff_t>(b),
                                                s.begin() + static_cast<std::ptrdiff_t>(e), th::is_consonant));
}

// Consonants of [b, e) that are sounded: one silenced by thanthakhat (the ค of องค์) is not.
std::size_t count_sounded(const Line &s, std::size_t b, std::size_t e) {
  std::size_t n = 0;
  for (std::size_t i = b; i < e; ++i)
    if (th::is_consonant(s[i]) && !(i + 1 < s.size() && s[i + 1] == th::k_thanthakhat)) ++n;
  return n;
}

// A Thai letter or mark that can be part of a word (not a digit, ๆ, ฯ or other sign).
bool in_word(char32_t c) { return th::is_letter(c) && c != 0x0E46 && c != 0x0E2F; }

// How a phrase (a run of in_word characters) splits into known words: the split with the
// fewest clusters outside any known word, then the fewest words.
struct Segmentation {
  std::size_t unknown = 0; // clusters in no known word
  std::size_t words = 0;   // known words plus unknown clusters
  std::vector<int> word;   // per code point: the known word it is in (numbered), -1 for none
  std::vector<std::pair<std::size_t, std::size_t>> spans; // the known words, [begin, end)
  bool known(std::size_t i) const { return word[i] >= 0; }
  bool has_span(std::size_t b, std::size_t e) const {
    return std::find(spans.begin(), spans.end(), std::make_pair(b, e)) != spans.end();
  }
};

// Whether the phrase [b, e) of `s` is an abbreviation (พ.ศ., อพม.): a '.' touches it. Never
// repaired: its letters are no word, and joining it to its neighbour makes a wrong one.
bool is_abbreviation(const Line &s, std::size_t b, std::size_t e) {
  return (e < s.size() && s[e] == U'.') || (b > 0 && s[b - 1] == U'.');
}

// Index of the base the combining mark at `i` sits on (npos when none in [first, i)).
std::size_t base_of(const Line &s, std::size_t first, std::size_t i) {
  while (i > first) {
    --i;
    if (!th::is_combining(s[i])) return i;
  }
  return Line::npos;
}

} // namespace

// --- step 7: dictionary repairs -----------------------------------------------------------------
struct Normalizer::Impl {
  NormalizeOptions options;
  Dictionary variants;                                 // damaged spellings of known words
  std::unordered_map<std::string, std::string> repair; // damaged spelling -> word
  TermAutomaton variant_finder;                        // the same spellings, for the clean-line check

  const ThaiWordList *thai_words = nullptr; // libthai's list, when used and installed
  std::uint64_t id;                         // never reused: keys the per-thread phrase cache

  explicit Impl(NormalizeOptions o) : options(o), id(next_id()) {
    if (options.dictionary && options.thai_words) {
      const ThaiWordList &list = ThaiWordList::libthai();
      if (!list.empty()) thai_words = &list;
    }
    if (options.dictionary) build_variants(*options.dictionary);
    std::uint32_t id = 0;
    for (const auto &v : variants.words())
      variant_finder.add(v, id++);
    variant_finder.build();
  }

  // Whether `line` (UTF-8, no line break) is already normalized: the common case, checked in
  // one pass so that clean text skips the repair steps. Conservative: any doubt says no.
  // Each code point is decoded once (ASCII and Thai in line), and the same step walks
  // the automaton of damaged spellings and keeps the code points for the known-word test (they
  // were a scan and a conversion of their own: 5 % of `code` on clean text, bench/README.md).
  // A consonant or a printable ASCII character not after a space, the most common, only starts
  // a new base: every test below passes it.
  bool line_is_clean(std::string_view line) const {
    char32_t before_space = 0; // the character before a run of spaces, 0 when not after one
    char32_t previous = 0, base = 0, before_base = 0;
    int vowels = 0, tones = 0;
    bool taikhu = false, tone_seen = false;
    std::size_t piece_start = 0, piece_bases = 0, single_pieces = 0;
    const bool find_variants = !variant_finder.empty(), words = knows_words();
    std::uint32_t variant_state = 0;
    // The line's code points, for phrases_known (at most one per byte); a huge line's buffer
    // is not kept.
    thread_local Line decoded;
    if (decoded.capacity() > k_kept_decoded) Line().swap(decoded);
    if (words && decoded.size() < line.size()) decoded.resize(line.size());
    std::size_t count = 0;
    for (std::size_t i = 0; i < line.size();) {
      const std::size_t at = i;
      const char32_t c = next_code_point(line, i);
      if (find_variants) {
        variant_state = variant_finder.next_state(variant_state, c);
        if (variant_finder.has_output(variant_state)) return false; // a damaged spelling ends here
      }
      if (words) decoded[count++] = c;
      if (previous != U' ' && ((c >= 0x21 && c <= 0x7E) || th::is_consonant(c))) {
        before_base = previous;
        base = c;
        vowels = tones = 0;
        taikhu = tone_seen = false;
        ++piece_bases;
        previous = c;
        continue;
      }
      if (c == U'\t' || c == U'\r' || is_stripped(c) || c == th::k_nikhahit) return false;
      if (th::is_thai_digit(c) && !options.keep_thai_digits) return false;
      if (c == previous && never_doubles(c)) return false;
      if (c == k_sara_e && previous == k_sara_e) return false;
      if (c >= 0x300 && !th::is_thai(c)) return false; // other scripts: let NFC decide
      if (c == U' ') {
        if (at == 0 || previous == U' ' || i == line.size()) return false;
        before_space = previous;
        // a piece of one Thai cluster, twice in a row: possibly letter-spaced
        const bool single = piece_bases == 1 && th::is_base(line_first(line, piece_start));
        single_pieces = single ? single_pieces + 1 : 0;
        if (single_pieces >= 2) return false;
        piece_bases = 0;
        piece_start = i;
        previous = c;
        continue;
      }
      if (previous == U' ' && th::is_thai(before_space)) {
        if (th::is_combining(c) || th::is_following_vowel(c)) return false;
      }
      if (previous == U' ' && th::is_leading_vowel(before_space) && th::is_consonant(c)) return false;
      if (th::is_combining(c)) {
        if (!th::is_consonant(base) || previous == U' ') return false;
        const bool vowel = th::is_upper_vowel(c) || th::is_lower_vowel(c);
        const bool tone = th::is_tone(c) || c == th::k_thanthakhat;
        if (vowel && tone_seen) return false; // misordered
        vowels += vowel;
        tones += tone;
        tone_seen = tone_seen || tone;
        taikhu = taikhu || c == th::k_maitaikhu;
        if (vowels > 1 || tones > 1 || (taikhu && tones > 0)) return false;
        if (tone && base == th::k_o_ang && before_base == th::k_sara_uee) return false;
      } else {
        before_base = previous;
        base = c;
        vowels = tones = 0;
        taikhu = tone_seen = false;
        ++piece_bases;
      }
      previous = c;
    }
    if (!words) return true;
    decoded.resize(count);
    return phrases_known(decoded);
  }
  static constexpr std::size_t k_kept_decoded = 1 << 16; // code points

  static char32_t line_first(std::string_view line, std::size_t at) { return decode_at(line, at); }

  void add_variant(const Line &variant, const std::string &word) {
    std::string v = to_utf8(variant);
    if (v == word || options.dictionary->contains(v) || repair.count(v)) return;
    if (thai_words && thai_words->contains(variant)) return;
    repair.emplace(v, word);
    variants.add(v);
  }

  // Known words with one mark shifted onto the next base, and with one space splitting off a
  // fragment. Only words of 4+ consonants: shorter ones' variants can be real words.
  void build_variants(const Dictionary &dict) {
    for (const std::string &word : dict.words()) {
      const Line w = to_u32(word);
      if (count_consonants(w, 0, w.size()) < 4) continue;
      for (std::size_t i = 1; i < w.size(); ++i) {
        if (th::is_combining(w[i])) {
          std::size_t next = i + 1;
          while (next < w.size() && th::is_combining(w[next]))
            ++next;
          if (next >= w.size() || !th::is_consonant(w[next])) continue;
          Line v = w;
          const char32_t mark = v[i];
          v.erase(i, 1);
          v.insert(next, 1, mark); // right after the next base (which moved one to the left)
          order_stacks(v);
          add_variant(v, word);
        } else if (is_cluster_boundary_at(std::u32string_view(w), i) && w[i] != U' ' && w[i - 1] != U' ') {
          // Only where one side is a fragment of one or two sounded consonants (องค์ of
          // องค์ความรู้): two longer parts are usually two words with a real space between them
          // (วัสดุ อุปกรณ์, ขวัญ กำลังใจ).
          if (count_sounded(w, 0, i) > 2 && count_sounded(w, i, w.size()) > 2) continue;
          Line v = w;
          v.insert(i, 1, U' ');
          add_variant(v, word);
        }
      }
    }
  }

  void repair_known_words(Line &s) const {
    if (variants.empty()) return;
    const std::string bytes = to_utf8(s);
    // One automaton pass says whether any damaged spelling occurs at all (mostly none): only
    // then is each cluster start tried against the spellings' trie.
    bool any = false;
    variant_finder.scan(bytes, [&](std::uint32_t, std::uint32_t, std::uint32_t) { any = true; });
    if (!any) return;
    std::string out;
    bool changed = false;
    std::size_t i = 0;
    while (i < bytes.size()) {
      std::size_t best = 0;
      const bool can_start = starts_at_cluster(bytes, i);
      if (can_start)
        variants.for_each_prefix(std::string_view(bytes).substr(i), [&](std::size_t len) {
          if (ends_at_cluster(bytes, i + len)) best = len;
        });
      if (best > 0) {
        out += repair.at(bytes.substr(i, best));
        i += best;
        changed = true;
      } else {
        std::size_t next = i;
        decode_at(bytes, next);
        out.append(bytes, i, next - i);
        i = next;
      }
    }
    if (changed) s = to_u32(out);
  }

  // --- step 7b: repairs tried against every known word (libthai's list and the dictionary) ---

  // Step 9 needs a general word list: against the domain words alone almost every phrase has
  // clusters left over, and joins would follow the few words it knows.
  bool knows_words() const { return options.dictionary != nullptr && thai_words != nullptr; }

  // Appends the lengths of the known words that start `text`.
  void known_prefixes(std::u32string_view text, std::vector<std::uint32_t> &lengths) const {
    lengths.clear();
    options.dictionary->for_each_prefix(text, [&](std::size_t n) { lengths.push_back(static_cast<std::uint32_t>(n)); });
    if (thai_words) thai_words->prefix_lengths(text, lengths);
  }

  Segmentation segment(std::u32string_view phrase) const {
    const std::size_t n = phrase.size();
    constexpr std::size_t k_inf = static_cast<std::size_t>(-1);
    struct Cell {
      std::size_t unknown = k_inf, words = k_inf, from = 0;
      bool known = false;
    };
    std::vector<Cell> best(n + 1);
    std::vector<bool> boundary(n + 1, false);
    for (std::size_t i = 0; i <= n; ++i)
      boundary[i] = is_cluster_boundary_at(phrase, i);
    best[0].unknown = best[0].words = 0;
    std::vector<std::uint32_t> lengths;
    auto relax = [&](std::size_t from, std::size_t to, bool known) {
      const std::size_t u = best[from].unknown + (known ? 0 : 1), w = best[from].words + 1;
      Cell &c = best[to];
      if (u < c.unknown || (u == c.unknown && w < c.words)) c = {u, w, from, known};
    };
    for (std::size_t i = 0; i < n; ++i) {
      if (!boundary[i] || best[i].unknown == k_inf) continue;
      std::size_t next = i + 1;
      while (!boundary[next])
        ++next;
      relax(i, next, false);
      known_prefixes(phrase.substr(i), lengths);
      for (std::uint32_t len : lengths)
        if (boundary[i + len]) relax(i, i + len, true);
    }
    Segmentation out;
    out.unknown = best[n].unknown;
    out.words = best[n].words;
    out.word.assign(n, -1);
    int id = 0;
    for (std::size_t at = n; at > 0; at = best[at].from, ++id)
      if (best[at].known) {
        for (std::size_t k = best[at].from; k < at; ++k)
          out.word[k] = id;
        out.spans.emplace_back(best[at].from, at);
      }
    std::reverse(out.spans.begin(), out.spans.end());
    return out;
  }

  // Whether `phrase` splits into known words with nothing left over: segment()'s question for
  // clean text, without its bookkeeping.
  bool all_known(std::u32string_view phrase) const {
    thread_local std::vector<char> reach;
    thread_local std::vector<std::uint32_t> lengths;
    const std::size_t n = phrase.size();
    reach.assign(n + 1, 0);
    reach[0] = 1;
    auto boundary = [&](std::size_t i) { return is_cluster_boundary_at(phrase, i); };
    for (std::size_t i = 0; i < n; ++i) {
      if (!reach[i]) continue;
      known_prefixes(phrase.substr(i), lengths);
      for (std::uint32_t len : lengths)
        if (!reach[i + len] && boundary(i + len)) reach[i + len] = 1;
      if (reach[n]) return true;
    }
    return reach[n] != 0;
  }

  static std::uint64_t next_id() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
  }

  // Phrases all_known() found made of known words, per thread (workers normalize in
  // parallel) and normalizer: a corpus repeats its phrases, and each is segmented once. The
  // answer depends on the phrase alone, so a hit is the same answer; bounded by a clear.
  struct PhraseHash {
    using is_transparent = void;
    std::size_t operator()(std::u32string_view s) const { return std::hash<std::u32string_view>{}(s); }
  };
  struct KnownPhrases {
    std::uint64_t owner = 0;
    std::unordered_set<std::u32string, PhraseHash, std::equal_to<>> phrases;
  };
  static constexpr std::size_t k_known_phrases_max = 1 << 13; // ~1 MiB a thread

  bool all_known_cached(std::u32string_view phrase) const {
    thread_local KnownPhrases cache;
    if (cache.owner != id) {
      cache.phrases.clear();
      cache.owner = id;
    }
    if (cache.phrases.find(phrase) != cache.phrases.end()) return true;
    if (!all_known(phrase)) return false;
    if (cache.phrases.size() >= k_known_phrases_max) cache.phrases.clear();
    cache.phrases.emplace(phrase);
    return true;
  }

  // Whether every phrase of `line` is made of known words (nothing for step 7b to try).
  bool phrases_known(const Line &line) const {
    for (std::size_t i = 0; i < line.size();) {
      if (!in_word(line[i])) {
        ++i;
        continue;
      }
      std::size_t e = i;
      while (e < line.size() && in_word(line[e]))
        ++e;
      if (!is_abbreviation(line, i, e) && !all_known_cached(std::u32string_view(line).substr(i, e - i))) return false;
      i = e;
    }
    return true;
  }

  struct Candidate {
    std::size_t gain = 0, words = 0; // unknown clusters removed; words after
    std::size_t begin = 0, end = 0;  // the span of the line it replaces
    Line text;
    bool tied = false; // another repair of the phrase is as good: ambiguous, so none is made
  };

  // Keeps the better of `c` and `best`: more unknown clusters removed, then fewer words.
  static void consider(Candidate c, Candidate &best) {
    if (c.gain > best.gain || (c.gain == best.gain && c.words < best.words)) {
      best = std::move(c);
    } else if (c.gain == best.gain && c.words == best.words && c.text != best.text) {
      best.tied = true;
    }
  }

  // Moves of one mark onto the base before its own (the PDF shifted it one base to the
  // right) inside the phrase [b, e) of `s`, where the mark's base or the target is in no known
  // word. Kept when the phrase then has fewer unknown clusters and both bases sit in known words.
  void try_mark_moves(const Line &s, std::size_t b, std::size_t e, const Segmentation &seg, Candidate &best) const {
    const std::u32string_view phrase(s.data() + b, e - b);
    for (std::size_t m = 0; m < phrase.size(); ++m) {
      if (!th::is_combining(phrase[m])) continue;
      const std::size_t base = base_of(s, b, b + m);
      if (base == Line::npos) continue;
      const std::size_t t = base_of(s, b, base);
      if (t == Line::npos || !th::is_consonant(s[t])) continue;
      if (seg.known(base - b) && seg.word[base - b] == seg.word[t - b]) continue; // inside one known word
      Line moved(phrase);
      if (!move_mark_left(moved, m, t - b)) continue;
      order_stacks(moved);
      const Segmentation after = segment(moved);
      if (after.unknown >= seg.unknown || !after.known(t - b) || !after.known(base - b)) continue;
      // every known word away from the move stays as it was
      const bool kept = std::all_of(seg.spans.begin(), seg.spans.end(), [&](const auto &w) {
        return w.second <= t - b || w.first > m || after.has_span(w.first, w.second);
      });
      if (!kept) continue;
      consider(Candidate{seg.unknown - after.unknown, after.words, b, e, std::move(moved)}, best);
    }
  }

  // Whether the phrases `a` and `b`, one space apart, are one word the PDF split: an edge of
  // one of them is in no known word, and joined they have fewer unknown clusters, with a known
  // word across the join. Returns the gain (0: keep the space).
  std::size_t join_gain(std::u32string_view a, std::u32string_view b, const Segmentation &sa, const Segmentation &sb,
                        Segmentation *joined_out = nullptr) const {
    if (a.empty() || b.empty()) return 0;
    if (sa.known(a.size() - 1) && sb.known(0)) return 0;
    Line joined(a);
    joined.append(b);
    Segmentation joined_seg = segment(joined);
    const std::size_t before = sa.unknown + sb.unknown;
    const std::size_t j = a.size();
    if (joined_seg.unknown >= before || !joined_seg.known(j - 1) || joined_seg.word[j - 1] != joined_seg.word[j])
      return 0;
    // The word across the join; every known word of both sides stays as it was or becomes
    // part of it (never cut).
    std::size_t across_b = j - 1, across_e = j + 1;
    while (across_b > 0 && joined_seg.word[across_b - 1] == joined_seg.word[j])
      --across_b;
    while (across_e < joined.size() && joined_seg.word[across_e] == joined_seg.word[j])
      ++across_e;
    auto kept = [&](std::size_t wb, std::size_t we) {
      return joined_seg.has_span(wb, we) || (wb >= across_b && we <= across_e);
    };
    for (const auto &[wb, we] : sa.spans)
      if (!kept(wb, we)) return 0;
    for (const auto &[wb, we] : sb.spans)
      if (!kept(wb + j, we + j)) return 0;
    const std::size_t gain = before - joined_seg.unknown;
    if (joined_out) *joined_out = std::move(joined_seg);
    return gain;
  }

  void repair_with_words(Line &s) const {
    if (!knows_words()) return;
    // Each accepted repair removes at least one unknown cluster, so this ends.
    for (;;) {
      std::vector<std::pair<std::size_t, std::size_t>> phrases;
      for (std::size_t i = 0; i < s.size();) {
        if (!in_word(s[i])) {
          ++i;
          continue;
        }
        std::size_t e = i;
        while (e < s.size() && in_word(s[e]))
          ++e;
        phrases.emplace_back(i, e);
        i = e;
      }
      // Segmented only where needed: a phrase made of known words (the cached question of
      // clean text, equivalent to no unknown cluster when it starts on a cluster boundary) is
      // segmented only next to one that is not, for a join.
      std::vector<Segmentation> segs(phrases.size());
      std::vector<std::uint8_t> known(phrases.size(), 0); // 0: not asked, 1: all known, 2: segmented
      auto phrase_view = [&](std::size_t k) {
        return std::u32string_view(s).substr(phrases[k].first, phrases[k].second - phrases[k].first);
      };
      auto seg = [&](std::size_t k) -> const Segmentation & {
        if (known[k] != 2) {
          segs[k] = segment(phrase_view(k));
          known[k] = 2;
        }
        return segs[k];
      };
      auto unknown = [&](std::size_t k) -> std::size_t {
        if (known[k] == 0) {
          const std::u32string_view phrase = phrase_view(k);
          if (is_cluster_boundary_at(phrase, 0) && all_known_cached(phrase))
            known[k] = 1;
          else
            seg(k);
        }
        return known[k] == 1 ? 0 : segs[k].unknown;
      };
      // The first phrase (left to right) with an unambiguous repair gets it; then start over.
      Candidate chosen;
      for (std::size_t k = 0; k < phrases.size() && chosen.gain == 0; ++k) {
        const auto [b, e] = phrases[k];
        if (is_abbreviation(s, b, e)) continue;
        Candidate best;
        if (unknown(k) > 0) try_mark_moves(s, b, e, seg(k), best);
        // a join with the next phrase, one space away
        if (k + 1 < phrases.size() && phrases[k + 1].first == e + 1 && s[e] == U' ' &&
            unknown(k) + unknown(k + 1) > 0 && !is_abbreviation(s, phrases[k + 1].first, phrases[k + 1].second)) {
          const auto [b2, e2] = phrases[k + 1];
          const std::u32string_view view(s);
          Segmentation joined;
          const std::size_t gain =
              join_gain(view.substr(b, e - b), view.substr(b2, e2 - b2), seg(k), seg(k + 1), &joined);
          if (gain > 0) {
            Line text(view.substr(b, e - b));
            text.append(view.substr(b2, e2 - b2));
            consider(Candidate{gain, joined.words, b, e2, std::move(text)}, best);
          }
        }
        if (best.gain > 0 && !best.tied) chosen = std::move(best);
      }
      if (chosen.gain == 0) return;
      s.replace(chosen.begin, chosen.end - chosen.begin, chosen.text);
    }
  }

  // A word starts and ends on Thai cluster boundaries (cluster.hpp).
  static bool starts_at_cluster(const std::string &b, std::size_t i) { return is_cluster_boundary_at(b, i); }
  static bool ends_at_cluster(const std::string &b, std::size_t i) { return is_cluster_boundary_at(b, i); }

  void repair_line_once(Line &s) const {
    remove_spaces_before_marks(s);
    repair_typing_faults(s);
    repair_stacks(s);
    remove_repeated_marks(s);
    order_stacks(s);
    move_tone_off_uee(s);
    nfc_other_scripts(s);
    join_letter_spaced_runs(s);
    remove_spaces_around_vowels(s);
    repair_known_words(s);
    collapse_spaces(s);
    repair_with_words(s);
  }

  Line decode_line(std::string_view bytes) const;

  void repair_line(Line &s) const {
    for (int round = 0; round < 6; ++round) {
      const Line before = s;
      repair_line_once(s);
      if (s == before) return;
    }
  }

  bool thai_ends(const Line &a, const Line &b) const {
    return !a.empty() && !b.empty() && th::is_thai(a.back()) && th::is_thai(b.front());
  }

  // Whether the PDF broke a word between lines `a` and `b` (see the class comment).
  bool broken_between(const Line &a, const Line &b) const {
    if (!thai_ends(a, b)) return false;
    if (th::is_combining(b.front()) || th::is_following_vowel(b.front()) || th::is_leading_vowel(a.back())) return true;
    if (!options.dictionary) return false;
    // A fragment that is no word on either side, which joined becomes one.
    std::size_t a_begin = a.size(), b_end = 0;
    while (a_begin > 0 && in_word(a[a_begin - 1]))
      --a_begin;
    while (b_end < b.size() && in_word(b[b_end]))
      ++b_end;
    if (knows_words() && a_begin < a.size() && b_end > 0 && !is_abbreviation(a, a_begin, a.size()) &&
        !is_abbreviation(b, 0, b_end)) {
      const std::u32string_view tail_phrase = std::u32string_view(a).substr(a_begin);
      const std::u32string_view head_phrase = std::u32string_view(b).substr(0, b_end);
      if (join_gain(tail_phrase, head_phrase, segment(tail_phrase), segment(head_phrase)) > 0) return true;
    }
    const std::size_t tail = std::min<std::size_t>(a.size(), 40), head = std::min<std::size_t>(b.size(), 40);
    const Line joined = a.substr(a.size() - tail) + b.substr(0, head);
    const std::string bytes = to_utf8(joined);
    const std::size_t junction = to_utf8(a.substr(a.size() - tail)).size();
    for (std::size_t i = 0; i < junction; ++i) {
      if ((static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80 || !starts_at_cluster(bytes, i)) continue;
      bool spans = false;
      options.dictionary->for_each_prefix(std::string_view(bytes).substr(i), [&](std::size_t len) {
        if (i + len > junction && ends_at_cluster(bytes, i + len)) spans = true;
      });
      if (spans) return true;
    }
    return false;
  }
};

Normalizer::Normalizer(NormalizeOptions options) : m_impl(std::make_unique<Impl>(options)) {}
Normalizer::~Normalizer() = default;
Normalizer::Normalizer(Normalizer &&) noexcept = default;
Normalizer &Normalizer::operator=(Normalizer &&) noexcept = default;

namespace {

// Joins normalized lines: leading and repeated blank lines go, the final line break is kept
// when the input had one.
std::string assemble(const std::vector<std::string> &lines, bool ends_with_newline, std::size_t size_hint) {
  std::string out;
  out.reserve(size_hint);
  bool previous_blank = true; // drops leading blank lines too
  for (const auto &line : lines) {
    const bool blank = line.empty();
    if (blank && previous_blank) continue;
    out += line;
    out += '\n';
    previous_blank = blank;
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  if (!ends_with_newline && !out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

} // namespace

Line Normalizer::Impl::decode_line(std::string_view bytes) const {
  Line line;
  line.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    char32_t c = decode_at(bytes, i);
    if (is_stripped(c)) continue;
    if (th::is_thai_digit(c) && !options.keep_thai_digits) c = U'0' + (c - 0x0E50);
    line.push_back(c);
  }
  return line;
}

std::string Normalizer::normalize(std::string_view text) const {
  const Impl &impl = *m_impl;
  // CR (a line break of its own) and the join mode work on the whole text.
  const bool whole_text = impl.options.join_lines || text.find('\r') != std::string_view::npos;
  // The common case, one clean line (a corpus segment), is its own normal form; one line that
  // is not goes straight to the repairs (not checked twice).
  const bool one_line = !whole_text && !text.empty() && text.find('\n') == std::string_view::npos;
  if (one_line && impl.line_is_clean(text)) return std::string(text);
  std::vector<std::string> lines;
  std::vector<Line> decoded;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    if (whole_text) {
      std::size_t from = 0; // split at lone CRs too
      for (std::size_t k = 0; k <= raw.size(); ++k)
        if (k == raw.size() || raw[k] == '\r') {
          decoded.push_back(impl.decode_line(raw.substr(from, k - from)));
          from = k + 1;
        }
      if (!raw.empty() && raw.back() == '\r') decoded.pop_back(); // CRLF: the LF ends the line
    } else if (!one_line && impl.line_is_clean(raw)) {
      lines.emplace_back(raw);
    } else {
      Line line = impl.decode_line(raw);
      impl.repair_line(line);
      lines.push_back(to_utf8(line));
    }
  }
  const bool ends_with_newline = !text.empty() && text.back() == '\n';
  if (whole_text) {
    if (ends_with_newline && !decoded.empty()) decoded.pop_back();
    for (Line &line : decoded)
      impl.repair_line(line);
    if (impl.options.join_lines) {
      // A join can make the break before it a broken word too ("ผู้สู|งอ|ายุ": "งอ" alone
      // ends no word, "งอายุ" does), so after each join the break before the joined line is
      // judged again. Every break left is then judged on both its final lines, and the output
      // is a fixed point (each check joins two lines or ends the loop: linear).
      std::vector<Line> joined;
      for (Line &line : decoded) {
        joined.push_back(std::move(line));
        while (joined.size() >= 2 && impl.broken_between(joined[joined.size() - 2], joined.back())) {
          joined[joined.size() - 2] += joined.back();
          joined.pop_back();
          impl.repair_line(joined.back());
        }
      }
      decoded.swap(joined);
    }
    for (const Line &line : decoded)
      lines.push_back(to_utf8(line));
  } else if (ends_with_newline) {
    lines.pop_back(); // the empty piece after the last LF
  }
  return assemble(lines, ends_with_newline || (whole_text && !text.empty() && (text.back() == '\r')), text.size());
}

std::string normalize(std::string_view text) {
  static const Normalizer normalizer;
  return normalizer.normalize(text);
}

} // namespace supanalyze::text
