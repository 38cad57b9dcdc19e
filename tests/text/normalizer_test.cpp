// SPDX-License-Identifier: MIT
// Each repair step of the normalizer, with the damaged text and its repair taken from the
// 2564 report (seed line numbers in comments; step ids as in docs/normalizer.md).
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/thai.hpp>
#include <supanalyze/text/utf8.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <sstream>

using supanalyze::text::normalize;
using supanalyze::text::NormalizeOptions;
using supanalyze::text::Normalizer;

namespace {

struct Case {
  const char *name;
  const char *damaged;
  const char *repaired;
};

void PrintTo(const Case &c, std::ostream *os) { *os << c.name; }

class NormalizerRepairs : public ::testing::TestWithParam<Case> {};

TEST_P(NormalizerRepairs, RepairsSeedDamage) {
  const Case &c = GetParam();
  EXPECT_EQ(normalize(c.damaged), c.repaired);
  EXPECT_EQ(normalize(c.repaired), c.repaired) << "the repair must be a fixed point";
}

INSTANTIATE_TEST_SUITE_P(
    Seed, NormalizerRepairs,
    ::testing::Values(
        // 1: a space before a combining mark
        Case{"mark_space_44", "ผู ้ปฏิบัติงาน เพื ่อปรับปรุง", "ผู้ปฏิบัติงาน เพื่อปรับปรุง"},
        Case{"mark_space_950", "ศูนย์ค ุ ้มครองคนไร ้ท ี ่พึ่ง", "ศูนย์คุ้มครองคนไร้ที่พึ่ง"}, Case{"mark_space_issue", "ข ้อม ูล", "ข้อมูล"},
        Case{"mark_space_heading", "ประเด ็นท ี ่  5 : ข ้อเสนอแ นะ", "ประเด็นที่ 5 : ข้อเสนอแนะ"},
        Case{"mark_space_212", "ดังนี ้", "ดังนี้"},
        // 8: over-full stacks and marks on a base that takes none
        Case{"overfull_416", "ชวีิต", "ชีวิต"}, Case{"mark_on_leading_vowel_2731", "ไมเ่พียงพอ", "ไม่เพียงพอ"},
        Case{"overfull_3801", "วธิีการ", "วิธีการ"},
        Case{"overfull_two_tones", "เจ้าหน้าท\u0E35\u0E1C\u0E48\u0E39\u0E49ปฏิบัติงาน", "เจ้าหน้าที่ผู้ปฏิบัติงาน"},
        // 5: tone typed before an upper vowel
        Case{"tone_before_vowel_138", "อะไรท่ีบ่งบอก", "อะไรที่บ่งบอก"}, Case{"tone_before_vowel_349", "คำส่ัง", "คำสั่ง"},
        // 6, 7: tone after sara aa, after the อ of sara uee
        Case{"tone_after_aa_780", "ดา้นนโยบาย", "ด้านนโยบาย"}, Case{"tone_after_aa_1435", "ระหวา่ง", "ระหว่าง"},
        Case{"tone_after_uee_492", "เพือ่", "เพื่อ"}, Case{"tone_after_uee_1007", "เคลือ่นที่", "เคลื่อนที่"},
        // 4: NFC order of tone and sara u
        Case{"nfc_9", "กล\u0E48\u0E38ม", "กลุ่ม"},
        // decomposed sara am
        Case{"sara_am", "น\u0E49\u0E4D\u0E32", "น้ำ"},
        // 2: letter-spaced runs, with real spaces where the gap is 2+
        Case{"letter_spaced_1112", "ก า ร จั ด ตั้ ง ศู น ย์", "การจัดตั้งศูนย์"},
        Case{"letter_spaced_1163", "ผ ล ป ร ะ จ ำ วั น  2  ร อ บ  ไ ด้ แ ก่", "ผลประจำวัน 2 รอบ ได้แก่"},
        Case{"letter_spaced_issue", "ก า ร บ ู ร ณ า ก า ร", "การบูรณาการ"},
        Case{"letter_spaced_issue2", "จ า ก ฐ า น ข ้ อ ม ู ล", "จากฐานข้อมูล"},
        // 12b: letter-spaced numbers and abbreviations inside letter-spaced lines
        Case{"letter_spaced_number_1164", "เ ว ล า 0 8 . 3 0 - 0 4 . 3 0", "เวลา 08.30-04.30"},
        Case{"letter_spaced_abbreviation_2018", "ก ร ะ ท ร ว ง  อ พ ม .", "กระทรวง อพม."},
        // 3, 2b: spaces after a leading vowel, before ะ า ำ
        Case{"leading_vowel_4432", "สามารถนำไ ป", "สามารถนำไป"},
        Case{"leading_vowel_4312", "เ ขียนไม่สอดคล้อง", "เขียนไม่สอดคล้อง"},
        Case{"following_vowel_4036", "ค่อนข้ าง", "ค่อนข้าง"}, Case{"following_vowel_3024", "คณ ะ", "คณะ"},
        // 12a: Thai digits
        Case{"thai_digits_65", "พฤษภาคม ๒๕๖๔", "พฤษภาคม 2564"},
        // 9: a shifted mark, repaired only into a known word
        Case{"shifted_mark_2455", "ศจพ.จังหวดั", "ศจพ.จังหวัด"},
        Case{"shifted_mark_integration", "บรรลุการบรูณาการ", "บรรลุการบูรณาการ"},
        // 10: a space that splits a fragment off a known word
        Case{"split_word_1145", "แก้ ไขปัญหา", "แก้ไขปัญหา"},
        // 12c: layout
        Case{"whitespace", "  ครอบคลุม    ครบถ้วน   ", "ครอบคลุม ครบถ้วน"},
        Case{"invisible_and_crlf",
             "\xEF\xBB\xBF"
             "ข้อ\xE2\x80\x8Bมูล\r\nบรรทัด\r\n",
             "ข้อมูล\nบรรทัด\n"}),
    [](const ::testing::TestParamInfo<Case> &info) { return info.param.name; });

// Every distinct dictionary repair the normalizer makes to the seed, read and checked by hand
// (tests/data/seed-dictionary-repairs.tsv says how the table was made).
TEST(NormalizerDictionaryRepairs, RepairsEverySeedCase) {
  std::istringstream table(supanalyze::testing::read_test_data("seed-dictionary-repairs.tsv"));
  std::string row;
  std::map<std::string, int> kinds;
  bool header = true;
  while (std::getline(table, row)) {
    if (row.empty() || row[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cells;
    std::istringstream fields(row);
    for (std::string cell; std::getline(fields, cell, '\t');)
      cells.push_back(cell);
    ASSERT_EQ(cells.size(), 4u) << row;
    EXPECT_EQ(normalize(cells[2]), cells[3]) << "seed line " << cells[0];
    EXPECT_EQ(normalize(cells[3]), cells[3]) << "seed line " << cells[0] << ": the repair must be a fixed point";
    ++kinds[cells[1]];
  }
  EXPECT_GE(kinds["9"], 40);
  EXPECT_GE(kinds["10"], 90);
}

TEST(NormalizerDictionaryRepairs, CatalogueExamples) {
  // Damage kinds 9 and 10 of the seed's catalogue (docs/normalizer.md), with their seed lines.
  EXPECT_EQ(normalize("ศจพ.จังหวดั"), "ศจพ.จังหวัด");             // 2455
  EXPECT_EQ(normalize("หน่วยร่วมดำเนนิการ"), "หน่วยร่วมดำเนินการ"); // 2446
  EXPECT_EQ(normalize("ใหม้ี"), "ให้มี");                         // 954: swap, then move
  EXPECT_EQ(normalize("ทำใหศู้นย์"), "ทำให้ศูนย์");                 // 266
  EXPECT_EQ(normalize("แก้ ไขปัญหา"), "แก้ไขปัญหา");              // 1145
  EXPECT_EQ(normalize("ทั้ งนี้"), "ทั้งนี้");                        // 1444
  EXPECT_EQ(normalize("ภาคี เครือข่าย"), "ภาคีเครือข่าย");          // domain word
  EXPECT_EQ(normalize("ความช่ วย"), "ความช่วย");                // 1247
}

TEST(NormalizerDictionaryRepairs, LeavesKnownWordsAlone) {
  // Known words are never turned into others: ทุจริต is not ทุจิรต; a tie (อยูมี่: moving ู
  // gives อูย|มี่, moving ่ gives อยู่|มี) is ambiguous, so nothing moves.
  for (const char *text : {"ทุจริต", "อยูมี่การ", "จังหวัด", "บูรณาการ", "ดำเนินการ", "ความรู้ ความเข้าใจ", "ผู้ใหญ่บ้าน อพม.",
                           "งบประมาณ พ.ศ.2564", "ต่าง ๆ", "เห ลือ"})
    EXPECT_EQ(normalize(text), text);
}

TEST(NormalizerDictionaryRepairs, NeedTheWordLists) {
  const Normalizer plain(NormalizeOptions{.dictionary = nullptr});
  EXPECT_EQ(plain.normalize("ศึกษาจังหวดั"), "ศึกษาจังหวดั");
  const Normalizer domain_only(NormalizeOptions{.thai_words = false});
  EXPECT_EQ(domain_only.normalize("พบกับปญัหา"), "พบกับปญัหา"); // ปัญหา is libthai's, not a domain word
  EXPECT_EQ(normalize("พบกับปญัหา"), "พบกับปัญหา");
}

TEST(NormalizerDictionaryRepairs, JoinLinesWhereAFragmentIsNoWord) {
  const Normalizer joiner(NormalizeOptions{.join_lines = true});
  // Damage kind 11 (docs/normalizer.md): "วิ" alone is no word; joined, วิเคราะห์ is.
  EXPECT_EQ(joiner.normalize("การร่วมวิ\nเคราะห์ร่วมกัน\n"), "การร่วมวิเคราะห์ร่วมกัน\n");
  // Both sides words: the break stays (มี / อายุ).
  EXPECT_EQ(joiner.normalize("มี\nอายุ\n"), "มี\nอายุ\n");
}

TEST(NormalizerDictionaryRepairs, CompoundsTheExtractionSplit) {
  // Seed lines 1439, 3570 and 3581 as the PDF text has them: a space inside องค์ความรู้ and
  // ผู้เข้าร่วม (kind 10) beside the letter-spacing. The short side is a fragment of two sounded
  // consonants at most (the ค of องค์ is silent), so the compound joins.
  EXPECT_EQ(normalize("3.  องค ์ ความร ู ้ ของ เจ ้ าหน ้ าที่"), "3. องค์ความรู้ ของ เจ้าหน้าที่");
  EXPECT_EQ(normalize("และความพึงพอใจของผู ้ เข ้าร่วม"), "และความพึงพอใจของผู้เข้าร่วม");
  EXPECT_EQ(normalize("2. ความพึงพอใจของผู ้ เข ้าร ่วม"), "2. ความพึงพอใจของผู้เข้าร่วม");
  // Kind 11, seed lines 1584-1585: ต้นสังกัด broken across lines, with --join-lines.
  const Normalizer joiner(NormalizeOptions{.join_lines = true});
  const std::string broken = "ให้บริการอยู่ไกลจากหน่วยงานต้น\nสังกัด อาจปรับลดการเข้าเวรโดย\n";
  const std::string joined = "ให้บริการอยู่ไกลจากหน่วยงานต้นสังกัด อาจปรับลดการเข้าเวรโดย\n";
  EXPECT_EQ(joiner.normalize(broken), joined);
  EXPECT_EQ(joiner.normalize(joined), joined);
  EXPECT_EQ(normalize(broken), broken); // without --join-lines lines stay
  // Two words that are no listed compound keep their space; every letter is kept.
  EXPECT_EQ(normalize("ความรู้ ความเข้าใจ"), "ความรู้ ความเข้าใจ");
  EXPECT_EQ(normalize("องค์กร ความรู้"), "องค์กร ความรู้");
}

// PyThaiNLP's normalize() documents these typing faults.
TEST(Normalizer, RepairsTypingFaults) {
  EXPECT_EQ(normalize("เเปลก"), "แปลก");             // two sara e for sara ae
  EXPECT_EQ(normalize("น\u0E4D\u0E49\u0E32"), "น้ำ"); // nikhahit, tone, sara aa
  EXPECT_EQ(normalize("นานาาา"), "นานา");            // a vowel typed again
  EXPECT_EQ(normalize("ดีีี"), "ดี");
  EXPECT_EQ(normalize("ที่่"), "ที่");             // a tone mark typed again
  EXPECT_EQ(normalize("ผู้ใหข้้อมูล"), "ผู้ให้ข้อมูล"); // seed 308: but a second tone shifted from the left moves back
  EXPECT_EQ(normalize("ก\u0E49\u0E33"), "ก\u0E49\u0E33"); // ก้ำ is already right
}

TEST(Normalizer, LeavesSourceSpellingAlone) {
  // docs/normalizer.md: the author's own spellings are not PDF damage.
  for (const char *word : {"คลอบคลุม", "ครอบคุลม", "ไม่สารถ", "การคดกรอง", "การายงาน"})
    EXPECT_EQ(normalize(word), word);
}

TEST(Normalizer, DoesNotJoinGenuineSpacing) {
  EXPECT_EQ(normalize("ต่าง ๆ"), "ต่าง ๆ");
  EXPECT_EQ(normalize("ประเด็นที่ 1 : ความครอบคลุม"), "ประเด็นที่ 1 : ความครอบคลุม");
  EXPECT_EQ(normalize("ความรู้ ความเข้าใจ"), "ความรู้ ความเข้าใจ");
  // Two words of a compound keep the source's space (the 2564 corpus writes both).
  EXPECT_EQ(normalize("มีวัสดุ อุปกรณ์"), "มีวัสดุ อุปกรณ์");
  EXPECT_EQ(normalize("การสร้างขวัญ กำลังใจ"), "การสร้างขวัญ กำลังใจ");
  EXPECT_EQ(normalize("งบประมาณ พ.ศ.2564"), "งบประมาณ พ.ศ.2564");
}

TEST(Normalizer, KeepsThaiDigitsOnRequest) {
  const Normalizer keep(NormalizeOptions{.keep_thai_digits = true});
  EXPECT_EQ(keep.normalize("ปี ๒๕๖๔"), "ปี ๒๕๖๔");
}

TEST(Normalizer, WithoutDictionaryLeavesShiftedMarks) {
  const Normalizer plain(NormalizeOptions{.dictionary = nullptr});
  EXPECT_EQ(plain.normalize("บรูณาการ"), "บรูณาการ");
}

TEST(Normalizer, JoinLinesModeJoinsWordsBrokenByThePdf) {
  const Normalizer joiner(NormalizeOptions{.join_lines = true});
  // seed 808 and 1584: a break inside a known word; a mark starting the next line.
  EXPECT_EQ(joiner.normalize("ทุกหน่วยงานบูรณา\nการร่วมกัน\n"), "ทุกหน่วยงานบูรณาการร่วมกัน\n");
  EXPECT_EQ(joiner.normalize("ขับเคลื่อนงานด้านสังคมในระดับพื้นที\n่ต่อไป\n"), "ขับเคลื่อนงานด้านสังคมในระดับพื้นที่ต่อไป\n");
  // Between words the break stays.
  EXPECT_EQ(joiner.normalize("ครอบคลุม ครบถ้วน\nเพิ่มการจัด\n"), "ครอบคลุม ครบถ้วน\nเพิ่มการจัด\n");
  const Normalizer keeper;
  EXPECT_EQ(keeper.normalize("บูรณา\nการ\n"), "บูรณา\nการ\n");
}

std::u32string consonants(const std::string &utf8) {
  std::u32string out;
  for (char32_t c : supanalyze::text::to_u32(utf8))
    if (supanalyze::text::thai::is_consonant(c)) out.push_back(c);
  return out;
}

TEST(NormalizerOnWholeSeed, KeepsEveryConsonantInOrder) {
  const std::string seed = supanalyze::testing::read_test_data("seed-2564.txt");
  const std::string once = normalize(seed);
  EXPECT_EQ(consonants(seed), consonants(once));
}

TEST(NormalizerOnWholeSeed, KeepsEveryThaiLetter) {
  // Repairs move marks and remove spaces; on the seed (no doubled vowels) no letter or mark
  // comes or goes.
  const std::string seed = supanalyze::testing::read_test_data("seed-2564.txt");
  std::map<char32_t, std::size_t> before, after;
  for (char32_t c : supanalyze::text::to_u32(seed))
    if (supanalyze::text::thai::is_letter(c)) ++before[c];
  for (char32_t c : supanalyze::text::to_u32(normalize(seed)))
    if (supanalyze::text::thai::is_letter(c)) ++after[c];
  EXPECT_EQ(before, after);
}

TEST(NormalizerOnWholeSeed, IsIdempotent) {
  const std::string once = normalize(supanalyze::testing::read_test_data("seed-2564.txt"));
  EXPECT_EQ(normalize(once), once);
  const Normalizer joiner(NormalizeOptions{.join_lines = true});
  const std::string joined = joiner.normalize(once);
  EXPECT_EQ(joiner.normalize(joined), joined);
}

// Found by the normalizer fuzz target (docs/fuzzing.md; the input as it saved it): a join
// made the break before it a broken word too, so a second pass joined again.
TEST(Normalizer, JoinLinesJudgesABreakAgainAfterTheNextLineIsJoined) {
  const Normalizer joiner(NormalizeOptions{.join_lines = true});
  // "งอ" alone ends no word across "ผู้สู|งอ"; once "ายุ" joins it, ผู้สูงอายุ spans the break.
  EXPECT_EQ(joiner.normalize("ผู้สู\nงอ\nายุ\n"), "ผู้สูงอายุ\n");
  const std::string found = supanalyze::testing::read_test_data("fuzz/normalizer-join-lines-twice.txt");
  const std::string once = joiner.normalize(found);
  EXPECT_EQ(joiner.normalize(once), once);
}

TEST(NormalizerOnWholeSeed, LeavesNoContextFreeDamage) {
  const std::string once = normalize(supanalyze::testing::read_test_data("seed-2564.txt"));
  // A space before a mark, after a leading vowel, before ะ า ำ; Thai digits; double spaces.
  const std::u32string text = supanalyze::text::to_u32(once);
  std::size_t problems = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const char32_t a = text[i], b = text[i + 1];
    namespace th = supanalyze::text::thai;
    if (a == U' ' && th::is_combining(b)) ++problems;
    if (th::is_leading_vowel(a) && b == U' ') ++problems;
    if (a == U' ' && th::is_following_vowel(b) && i > 0 && th::is_thai(text[i - 1])) ++problems;
    if (th::is_thai_digit(a)) ++problems;
    if (a == U' ' && b == U' ') ++problems;
  }
  EXPECT_EQ(problems, 0u);
}

// The clean-line check (one pass: decoding, the damaged spellings' automaton and the known-word
// test) says a line is its own normal form only when the repairs leave it so: a single line
// (checked) and the same line ended by CR (never checked, every repair runs) normalize alike.
// On the seed's lines, normalized (clean) and then mutated at random: two neighbours swapped
// (a mark shifted onto the next letter), a space or a character put in (Thai letters, marks and
// digits, ASCII, other scripts, stripped characters), so that both answers of the check occur;
// with the default options, without the word lists (the check's own rules decide alone) and
// keeping Thai digits.
TEST(NormalizerCleanLineCheck, AgreesWithTheRepairsOnRandomLines) {
  const std::string seed = supanalyze::testing::read_test_data("seed-2564.txt");
  std::vector<std::u32string> lines;
  std::istringstream in(normalize(seed));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(supanalyze::text::to_u32(line));
  ASSERT_GT(lines.size(), 1000u);
  const std::u32string extra = supanalyze::text::to_u32("กคนมรอเแโะาำิีุู่้๊๋์ํ็๑๕ 1aZ.é中\u200B");
  const Normalizer plain(NormalizeOptions{.dictionary = nullptr});
  const Normalizer digits(NormalizeOptions{.keep_thai_digits = true});
  for (const Normalizer *normalizer : {static_cast<const Normalizer *>(nullptr), &plain, &digits}) {
    auto run = [&](const std::string &text) { return normalizer ? normalizer->normalize(text) : normalize(text); };
    std::mt19937 rng(2564);
    std::size_t clean = 0, repaired = 0;
    for (int round = 0; round < 3000; ++round) {
      std::u32string line = lines[rng() % lines.size()];
      for (int edits = static_cast<int>(rng() % 3); edits > 0 && line.size() > 1; --edits) {
        const std::size_t at = rng() % (line.size() - 1);
        switch (rng() % 3) {
        case 0:
          std::swap(line[at], line[at + 1]);
          break;
        case 1:
          line.insert(at, 1, U' ');
          break;
        default:
          line.insert(at, 1, extra[rng() % extra.size()]);
        }
      }
      const std::string text = supanalyze::text::to_utf8(line);
      const std::string checked = run(text);
      EXPECT_EQ(checked + "\n", run(text + "\r")) << text;
      ++(checked == text ? clean : repaired);
    }
    EXPECT_GT(clean, 500u);
    EXPECT_GT(repaired, 500u);
  }
}

} // namespace
