// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/text/dictionary.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace supanalyze::text {

struct NormalizeOptions {
  // Keep Thai digits (๐-๙) instead of mapping them to ASCII.
  bool keep_thai_digits = false;
  // Join a line to the next where the PDF broke a word across them (see normalize()).
  bool join_lines = false;
  // Known words for the dictionary repairs; nullptr disables them. Must outlive the normalizer.
  const Dictionary *dictionary = &Dictionary::domain_default();
  // Whether the dictionary repairs also know libthai's Thai word list (ThaiWordList::libthai()).
  bool thai_words = true;
};

// Repairs Thai text damaged by PDF extraction and puts it in one canonical form.
//
// Why: the same word reaches us spelled many ways (stray spaces, letter-spaced cells, marks
// typed in the wrong order or shifted onto the next letter). Matching, counting and diffing
// need one spelling. Every repair only removes spaces, moves or reorders marks, composes sara am
// or maps digits: no Thai letter is ever added or dropped, and the result is a fixed point
// (normalize(normalize(x)) == normalize(x)). Steps, in order (damage ids of docs/normalizer.md
// in brackets):
//   text:  drop BOM, ZWSP/ZWNJ/ZWJ, word joiner and soft hyphen; CRLF and CR -> LF;
//          Thai digits -> ASCII [12a] unless kept.
//   line, repeated until nothing changes:
//    1. spaces before a combining mark go [1];
//    2. typing faults (those PyThaiNLP's normalize() repairs): sara am typed as nikhahit + sara
//       aa, also with tone marks between them, is composed (ํ ้ า -> ้ ำ); two sara e become sara
//       ae (เเ -> แ); a following or leading vowel typed twice is kept once (นาา -> นา);
//    3. an over-full mark stack gives its first mark to the consonant on the left, and marks on
//       a base that takes none (เ แ โ ใ ไ, ะ า ำ, punctuation) move to the consonant on the
//       left [8, 6]; both run on the raw order, before reordering destroys the evidence;
//       then a mark typed twice on one base is kept once (ดีี -> ดี);
//    4. each stack is put in canonical order, vowel before tone [5, 4 = NFC for Thai], and a
//       tone typed after the อ of sara uee moves onto the consonant [7]; other scripts get NFC;
//    5. letter-spaced runs (3+ single clusters one space apart) are joined, and in such a line
//       letter-spaced numbers and abbreviations too; 2+ spaces there are real spaces [2, 12b];
//    6. spaces right after a leading vowel, and right before ะ า ำ, go [3, 2b];
//    7. with a dictionary: a dictionary word (4+ consonants) with one mark shifted onto the
//       next letter, or with a space that splits off a fragment of one or two consonants,
//       becomes the word [9, 10];
//    8. spaces and tabs collapse to one space; lines are trimmed [12c];
//    9. with a dictionary, against every known word (libthai's Thai word list and the
//       dictionary): each phrase (run of Thai letters) is split into known words with the fewest
//       clusters left over; where some are left, a mark moved onto the base before its own
//       [9] or a space removed between two phrases [10] is kept when it leaves fewer clusters
//       over, no known word is cut or changed, the moved mark's bases end in known words and no
//       other repair of the phrase is as good (a tie repairs nothing). Abbreviations (a phrase
//       touching '.') are left alone.
//   text:  runs of blank lines collapse to one; with `join_lines`, a line ending in Thai is
//          joined to a next line starting in Thai when the break cannot fall between syllables
//          (a mark or ะ า ำ after it, a leading vowel before it), a dictionary word spans it, or
//          the fragments on either side of it are no words and joined they are (as in 9) [11];
//          after a join, the break before the joined line is judged again.
class Normalizer {
public:
  explicit Normalizer(NormalizeOptions options = {});
  ~Normalizer();
  Normalizer(Normalizer &&) noexcept;
  Normalizer &operator=(Normalizer &&) noexcept;

  // Normalizes valid UTF-8 `text` (check it first with require_valid_utf8).
  std::string normalize(std::string_view text) const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Normalizes with default options (ASCII digits, lines kept, the domain dictionary).
std::string normalize(std::string_view text);

} // namespace supanalyze::text
