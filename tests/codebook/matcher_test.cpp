// SPDX-License-Identifier: MIT
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/codebook/prefilter.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <gtest/gtest.h>

using namespace supanalyze;

namespace {

codebook::Codebook parse(const std::string &yaml) {
  Diagnostics d;
  auto cb = codebook::parse_codebook(yaml, "test.yaml", d);
  d.throw_if_errors();
  return cb;
}

// "theme:matched text" for each coding of `text`.
std::vector<std::string> codings(const codebook::Matcher &m, const std::string &raw) {
  const std::string text = text::normalize(raw);
  std::vector<std::string> out;
  for (const auto &c : coding::code_text(m, text))
    out.push_back(m.codebook().themes[c.theme].id + ":" + text.substr(c.start, c.end - c.start));
  return out;
}

using V = std::vector<std::string>;

const char *const k_small = R"(
id: small
version: "1"
themes:
  - id: integration
    label: {th: บูรณาการ, en: Integration}
    description: integration
    terms: [บูรณาการ]
  - id: budget
    label: {th: งบประมาณ, en: Budget}
    description: money
    terms: [งบประมาณ, งบ, ค่าตอบแทน]
    exclude: [ปีงบประมาณ]
  - id: covid
    label: {th: โควิด, en: COVID}
    description: the epidemic
    terms: [covid-19, โควิด-19]
  - id: training
    label: {th: อบรม, en: Training}
    description: training
    terms: ["อบรม*"]
  - id: staffing
    label: {th: อัตรากำลัง, en: Staffing}
    description: staff
    rules:
      - near: [เจ้าหน้าที่, ไม่เพียงพอ]
        within: 3
      - all_of: [ตำแหน่ง, เพิ่ม]
        not: [ไม่ต้อง]
)";

TEST(Matcher, FindsTermsHoweverIcuSplitsThem) {
  const codebook::Matcher m(parse(k_small));
  // seed, part 3: ICU alone gives …บู|รณา|การ here.
  EXPECT_EQ(codings(m, "เกิดการบูรณาการการทำงานร่วมกันของหน่วยงาน"), (V{"integration:บูรณาการ"}));
  // and งบ|ประมาณ here
  EXPECT_EQ(codings(m, "ขาดงบประมาณสนับสนุนในการดำเนินงาน"), (V{"budget:งบประมาณ"}));
  // the same text with PDF damage, once normalized
  EXPECT_EQ(codings(m, "การบรูณาการ"), (V{"integration:บูรณาการ"}));
}

TEST(Matcher, ShortTermsOnlyOnWordBoundaries) {
  const codebook::Matcher m(parse(k_small));
  EXPECT_EQ(codings(m, "ไม่มีงบสนับสนุนในการดำเนินงาน"), (V{"budget:งบ"}));
  EXPECT_EQ(codings(m, "ความสงบเรียบร้อย"), V{});
}

TEST(Matcher, TermInsideALongerTermStillCounts) {
  const codebook::Matcher m(parse(k_small));
  // ของบประมาณ is a domain word; งบประมาณ inside it is the budget term.
  EXPECT_EQ(codings(m, "ขั้นตอนการของบประมาณ"), (V{"budget:งบประมาณ"}));
}

TEST(Matcher, ExclusionDropsOverlappingCodings) {
  const codebook::Matcher m(parse(k_small));
  EXPECT_EQ(codings(m, "ประจำปีงบประมาณ พ.ศ.2564"), V{});
  EXPECT_EQ(codings(m, "ปีงบประมาณ 2564 ขาดค่าตอบแทน"), (V{"budget:ค่าตอบแทน"}));
}

TEST(Matcher, CovidVariantsAreOneThing) {
  const codebook::Matcher m(parse(k_small));
  for (const std::string s :
       {"สถานการณ์ COVID-19", "สถานการณ์ Covid 19", "สถานการณ์covid19", "การแพร่ระบาดโควิด-19", "การแพร่ระบาดโควิด 19"})
    EXPECT_EQ(codings(m, s).size(), 1u) << s;
}

TEST(Matcher, GlobMatchesTokenPrefix) {
  const codebook::Matcher m(parse(k_small));
  EXPECT_EQ(codings(m, "ควรมีการอบรมเจ้าหน้าที่"), (V{"training:อบรม"}));
}

TEST(Matcher, RulesNearAllOfAndNot) {
  const codebook::Matcher m(parse(k_small));
  EXPECT_EQ(codings(m, "เจ้าหน้าที่มีไม่เพียงพอ"), (V{"staffing:เจ้าหน้าที่มีไม่เพียงพอ"}));
  EXPECT_EQ(codings(m, "เจ้าหน้าที่ทำงานหนักมากในช่วงนี้แต่ก็ยังไม่เพียงพอ"), V{}) << "too far apart";
  EXPECT_EQ(codings(m, "ควรเพิ่มตำแหน่ง"), (V{"staffing:เพิ่มตำแหน่ง"}));
  EXPECT_EQ(codings(m, "ไม่ต้องเพิ่มตำแหน่ง"), V{});
}

// A rule slot may list alternatives: any one of them fills it. Sentences from public news of
// provincial social-development offices, not from the bundled corpus.
// A counted repetition between groups left "0,40}" as the pattern's required literal, so the
// pattern never matched (found while writing the default codebook).
TEST(Matcher, CountedRepetitionIsNoRequiredLiteral) {
  const codebook::Matcher m(parse(R"(
id: rep
version: "1"
themes:
  - id: staffing
    label: {th: อัตรากำลัง, en: Staffing}
    description: staff
    patterns: ['(ให้มี|ควรมี)(เจ้าหน้าที่)\S{0,40}(โดยเฉพาะ|ประจำ)']
)"));
  EXPECT_EQ(codings(m, "และให้มีเจ้าหน้าที่ที่มีความเชี่ยวชาญรับสายโดยเฉพาะ"),
            (V{"staffing:ให้มีเจ้าหน้าที่ที่มีความเชี่ยวชาญรับสายโดยเฉพาะ"}));
}

TEST(Matcher, RuleSlotsWithAlternatives) {
  const codebook::Matcher m(parse(R"(
id: slots
version: "1"
themes:
  - id: staffing
    label: {th: อัตรากำลัง, en: Staffing}
    description: staff
    rules:
      - near: [[เจ้าหน้าที่, บุคลากร, นักสังคมสงเคราะห์], [ไม่เพียงพอ, ขาดแคลน]]
        within: 4
      - all_of: [[จ้าง, บรรจุ], [พนักงาน, ตำแหน่ง]]
)"));
  EXPECT_EQ(m.codebook().themes[0].rules[0].display(), "near(เจ้าหน้าที่|บุคลากร|นักสังคมสงเคราะห์,ไม่เพียงพอ|ขาดแคลน;4)");
  EXPECT_EQ(codings(m, "ปัจจุบันนักสังคมสงเคราะห์ไม่เพียงพอต่อภาระงาน"), (V{"staffing:นักสังคมสงเคราะห์ไม่เพียงพอ"}));
  EXPECT_EQ(codings(m, "ขาดแคลนบุคลากรที่มีความเชี่ยวชาญ"), (V{"staffing:ขาดแคลนบุคลากร"}));
  EXPECT_EQ(codings(m, "ขาดแคลนงบประมาณในการดำเนินงาน"), V{}) << "one slot alone is not enough";
  EXPECT_EQ(codings(m, "มีการบรรจุตำแหน่งใหม่"), (V{"staffing:บรรจุตำแหน่ง"}));
}

TEST(Loader, RuleSlotErrorsPointAtTheSlot) {
  Diagnostics d;
  codebook::parse_codebook(R"(id: bad
version: "1"
themes:
  - id: staffing
    label: {th: ก, en: S}
    description: staff
    rules:
      - near: [[เจ้าหน้าที่, {a: 1}], [ไม่เพียงพอ]]
        within: 4
)",
                           "bad.yaml", d);
  ASSERT_TRUE(d.has_errors());
  const std::string first = d.items().front().to_string();
  EXPECT_NE(first.find("bad.yaml:8:"), std::string::npos) << first;
  EXPECT_NE(first.find("themes.staffing.rules[0].near[0][1]: expected a text value"), std::string::npos) << first;
}

TEST(Matcher, SpansAreByteOffsetsIntoTheNormalizedText) {
  const codebook::Matcher m(parse(k_small));
  const std::string text = text::normalize("3. ไม่มีงบสนับสนุน พยายามหาสนับสนุนงบประมาณ");
  for (const auto &c : coding::code_text(m, text)) {
    ASSERT_LE(c.end, text.size());
    const std::string span = text.substr(c.start, c.end - c.start);
    EXPECT_TRUE(span == "งบ" || span == "งบประมาณ") << span;
  }
}

TEST(DefaultCodebook, NoneAnswersAndBareCoverageCodeNothing) {
  const codebook::Matcher m(codebook::default_codebook());
  EXPECT_EQ(codings(m, "ไม่มี"), V{});
  EXPECT_EQ(codings(m, "- ไม่มี"), V{});
  EXPECT_EQ(codings(m, "ครอบคลุม ครบถ้วน"), V{});
}

TEST(DefaultCodebook, ExamplesFromTheSeed) {
  const codebook::Matcher m(codebook::default_codebook());
  // centre1300 q4 (part 3): staff shortage and routine duties, then equipment, then budget.
  auto has = [&](const std::string &text, const std::string &theme) {
    for (const auto &c : codings(m, text))
      if (c.rfind(theme + ":", 0) == 0) return true;
    return false;
  };
  EXPECT_TRUE(has("จำนวนเจ้าหน้าที่มีไม่เพียงพอต่อการให้บริการ และเจ้าหน้าที่มีภารกิจงานประจำค่อนข้างมาก", "staffing"));
  EXPECT_TRUE(has("คอมพิวเตอร์เก่า โทรศัพท์ไม่เพียงพอ รวมทั้งระบบอินเทอร์เน็ตไม่เสถียร", "equipment"));
  EXPECT_TRUE(has("ขาดงบประมาณสนับสนุนในการดำเนินงาน", "budget"));
  EXPECT_TRUE(has("ข้อมูลใน TPmap ไม่ตรงกับสภาพความเป็นจริง", "tpmap_data"));
  EXPECT_TRUE(has("การแพร่ระบาดของสถานการณ์ Covid-19 ส่งผลต่อการปฏิบัติงาน", "covid19"));
  EXPECT_FALSE(has("ข้อมูลข่าวสารต่างๆ", "tpmap_data")) << "generic ข้อมูล is not tpmap_data";
}

TEST(Matcher, CostsOnePassWhateverTheCodebookSize) {
  // 2,000 generated terms compile and match like 5: same codings for the real ones.
  std::string big = k_small;
  big += "  - id: filler\n    label: {th: x, en: x}\n    description: x\n    terms:\n";
  for (int i = 0; i < 2000; ++i)
    big += "      - คำทดสอบ" + std::to_string(i) + "\n";
  const codebook::Matcher small(parse(k_small)), large(parse(big));
  const std::string text = "เกิดการบูรณาการการทำงาน ขาดงบประมาณ เจ้าหน้าที่มีไม่เพียงพอ";
  EXPECT_EQ(codings(small, text), codings(large, text));
}

} // namespace

namespace {

TEST(Matcher, PatternsWithOptionalPartsAndAlternationStillMatch) {
  // The regex prefilter must never skip a segment the pattern matches.
  const codebook::Matcher m(parse(R"(
id: p
version: "1"
themes:
  - id: money
    label: {th: เงิน, en: Money}
    description: money
    patterns: ['ขาด(งบ|เงิน)', 'วัสดุอุปกรณ์?', '^\d+\.\s*ขาด', '(?i)covid', 'ค่า.{0,6}ตอบแทน|เบี้ยเลี้ยง']
)"));
  EXPECT_EQ(codings(m, "ขาดเงินสนับสนุน").size(), 1u);
  EXPECT_EQ(codings(m, "ควรมีวัสดุอุปกรณ").size(), 1u);
  EXPECT_EQ(codings(m, "3. ขาดงบ").size(), 1u) << "overlapping codings of one theme merge to the leftmost-longest";
  EXPECT_EQ(codings(m, "สถานการณ์ COVID").size(), 1u);
  EXPECT_EQ(codings(m, "จ่ายเบี้ยเลี้ยง").size(), 1u);
  EXPECT_EQ(codings(m, "ค่าปฏิบัติงานตอบแทน").size(), 0u) << ".{0,6} is too short here";
}

} // namespace

#include <supanalyze/corpus/reader.hpp>

#include "test_support.hpp"

#include <unicode/regex.h>

#include <algorithm>
#include <memory>
#include <random>
#include <set>

namespace {

// ARCHITECTURE.md (Matching): the fast path (one automaton pass, tokens only where needed) and the plain
// reference path (each term searched alone, every segment tokenized) give the same codings.
void expect_same_codings(const codebook::Matcher &m, const std::vector<std::string> &texts) {
  codebook::MatchSession fast(m), reference(m, codebook::MatchSession::Mode::reference);
  std::vector<codebook::Coding> a, b;
  std::size_t total = 0;
  for (const auto &text : texts) {
    fast.code(text, a);
    reference.code(text, b);
    ASSERT_EQ(a.size(), b.size()) << text;
    for (std::size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(std::tie(a[k].theme, a[k].source, a[k].start, a[k].end),
                std::tie(b[k].theme, b[k].source, b[k].start, b[k].end))
          << text;
    }
    total += a.size();
  }
  EXPECT_GT(total, 0u);
  // Two texts at once (code_pair, which scans both in one loop when the codebook is large)
  // give each text's own codings.
  std::vector<codebook::Coding> pa, pb;
  for (std::size_t k = 0; k + 1 < texts.size(); k += 2) {
    fast.code_pair(texts[k], pa, texts[k + 1], pb);
    for (const auto &[text, got] : {std::pair{&texts[k], &pa}, std::pair{&texts[k + 1], &pb}}) {
      reference.code(*text, b);
      ASSERT_EQ(got->size(), b.size()) << *text;
      for (std::size_t j = 0; j < b.size(); ++j)
        EXPECT_EQ(std::tie((*got)[j].theme, (*got)[j].start, (*got)[j].end), std::tie(b[j].theme, b[j].start, b[j].end))
            << *text;
    }
  }
}

std::vector<std::string> bundled_segments() {
  std::vector<std::string> texts;
  for (const auto &a : corpus::read_corpus(supanalyze::testing::bundled_corpus()).answers)
    for (const auto &s : a.segments)
      texts.push_back(s.text);
  return texts;
}

TEST(MatcherPaths, FastEqualsReferenceOnTheBundledCorpus) {
  expect_same_codings(codebook::Matcher(codebook::default_codebook()), bundled_segments());
}

// Text as pasted from a PDF: the seed's own lines, damage and all, each normalized as the
// reader normalizes a segment (the damaged-text benchmark codes the same lines).
std::vector<std::string> seed_lines() {
  const std::string seed = supanalyze::testing::read_test_data("seed-2564.txt");
  std::vector<std::string> texts;
  for (std::size_t b = 0, e; b < seed.size(); b = e + 1) {
    e = seed.find('\n', b);
    if (e == std::string::npos) e = seed.size();
    std::string line = text::normalize(std::string_view(seed).substr(b, e - b));
    if (!line.empty()) texts.push_back(std::move(line));
  }
  return texts;
}

TEST(MatcherPaths, FastEqualsReferenceOnTheSeedsDamagedLines) {
  const auto texts = seed_lines();
  ASSERT_GT(texts.size(), 3000u);
  expect_same_codings(codebook::Matcher(codebook::default_codebook()), texts);
}

// Random strings of Thai letters, marks, digits and spaces with pieces of the default
// patterns' own literals and numbers mixed in, so that the regexes (in UTF-16 on the fast
// path, through a UTF-8 UText on the reference path) match at many offsets, also after
// characters outside the BMP (two UTF-16 units for one code point).
TEST(MatcherPaths, FastEqualsReferenceOnRandomThaiStrings) {
  const codebook::Codebook cb = codebook::default_codebook();
  std::vector<std::string> pieces;
  for (const auto &theme : cb.themes)
    for (const auto &pattern : theme.patterns)
      for (const auto &set : codebook::required_literal_groups(pattern.text))
        pieces.insert(pieces.end(), set.begin(), set.end());
  ASSERT_GT(pieces.size(), 50u);
  for (const char *extra : {" ", " 12 ", "3", "คน", "ต่อ", "1:25", "๑", ",", "🙂", "1,500 บาท", "ชั่วโมง"})
    pieces.emplace_back(extra);
  std::mt19937 rng(1815);
  std::vector<std::string> texts;
  for (int k = 0; k < 3000; ++k) {
    std::string t;
    const int n = 1 + static_cast<int>(rng() % 16);
    for (int j = 0; j < n; ++j) {
      if (rng() % 3 == 0) {
        const auto letters = 1 + rng() % 4;
        for (unsigned q = 0; q < letters; ++q)
          text::append_utf8(t, static_cast<char32_t>(0x0E01 + rng() % 0x5A));
      } else {
        t += pieces[rng() % pieces.size()];
      }
    }
    texts.push_back(text::normalize(t));
  }
  expect_same_codings(codebook::Matcher(cb), texts);
}

// Random strings built of the default codebook's `near` rule terms, words of the seed and
// random Thai letters, with spaces, newlines and none between them: the fast path counts the
// keys of a window in the segment's tokens, cut once; the reference tokenizes each window.
TEST(MatcherPaths, FastEqualsReferenceForNearRulesOnRandomThaiStrings) {
  const codebook::Codebook cb = codebook::default_codebook();
  std::vector<std::string> pieces;
  for (const auto &theme : cb.themes)
    for (const auto &rule : theme.rules)
      if (rule.kind == codebook::RuleKind::near)
        for (const auto &term : rule.terms)
          pieces.push_back(term.text);
  ASSERT_GT(pieces.size(), 100u);
  for (const char *word : {"ที่", "และ", "การ", "ไม่", "มี", "ของ", "งบ", "สงบ", "COVID-19", "อปท.", "12"})
    pieces.emplace_back(word);
  const codebook::Matcher m(cb);
  codebook::MatchSession fast(m);
  std::mt19937 rng(18);
  std::vector<std::string> texts;
  std::size_t near_codings = 0;
  std::vector<codebook::Coding> out;
  for (int k = 0; k < 3000; ++k) {
    std::string t;
    const int n = 2 + static_cast<int>(rng() % 10);
    for (int j = 0; j < n; ++j) {
      if (j > 0) t += rng() % 3 == 0 ? "" : (rng() % 8 == 0 ? "\n" : " ");
      if (rng() % 4 == 0) {
        const auto letters = 1 + rng() % 4;
        for (unsigned q = 0; q < letters; ++q)
          text::append_utf8(t, static_cast<char32_t>(0x0E01 + rng() % 0x2E));
      } else {
        t += pieces[rng() % pieces.size()];
      }
    }
    fast.code(t, out);
    for (const auto &coding : out)
      near_codings += m.source_label(coding.source).starts_with("near(");
    texts.push_back(std::move(t));
  }
  EXPECT_GT(near_codings, 300u);
  expect_same_codings(m, texts);
}

TEST(MatcherPaths, FastEqualsReferenceOnGeneratedText) {
  // Segments recombined from the corpus's own phrases, with a fixed seed.
  const auto segments = bundled_segments();
  std::vector<std::string> phrases;
  for (const auto &s : segments)
    for (std::size_t b = 0, e; b < s.size(); b = e + 1) {
      e = s.find(' ', b);
      if (e == std::string::npos) e = s.size();
      phrases.push_back(s.substr(b, e - b));
    }
  std::mt19937 rng(2564);
  std::vector<std::string> texts;
  for (int k = 0; k < 600; ++k) {
    std::string t;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int j = 0; j < n; ++j)
      t += (j ? (rng() % 4 ? " " : "") : "") + phrases[rng() % phrases.size()];
    texts.push_back(t);
  }
  expect_same_codings(codebook::Matcher(codebook::default_codebook()), texts);
  expect_same_codings(codebook::Matcher(parse(k_small)), texts);
}

// A codebook as large as the corpus's own vocabulary: every Thai token (pure ICU) and pair of
// adjacent tokens, short ones and abbreviations with a full stop (key-trie terms) included, 20
// per theme. Nearly every token is a match to verify, most short ones against ICU boundaries.
TEST(MatcherPaths, FastEqualsReferenceWithTheCorpusVocabulary) {
  const auto segments = bundled_segments();
  const text::Tokenizer icu_only{text::Dictionary{}};
  std::set<std::string> terms;
  for (const auto &s : segments) {
    const auto tokens = icu_only.tokenize(s);
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      if (tokens[k].kind != text::TokenKind::thai) continue;
      terms.insert(s.substr(tokens[k].start, tokens[k].end - tokens[k].start));
      if (k + 1 < tokens.size() && tokens[k + 1].start == tokens[k].end && tokens[k + 1].kind == text::TokenKind::thai)
        terms.insert(s.substr(tokens[k].start, tokens[k + 1].end - tokens[k].start));
    }
  }
  std::string yaml = "id: vocabulary\nversion: \"1\"\nthemes:\n";
  std::size_t n = 0, short_terms = 0;
  for (const auto &term : terms) {
    if (term.find_first_of("\"\\") != std::string::npos || term != text::normalize(term)) continue;
    if (n % 20 == 0)
      yaml += "  - id: t" + std::to_string(n) + "\n    label: {th: ก, en: t}\n    description: d\n    terms:\n";
    yaml += "      - \"" + term + "\"\n";
    short_terms += text::thai_letter_count(term) <= 3;
    if (++n == 3000) break;
  }
  ASSERT_GT(short_terms, 100u);
  expect_same_codings(codebook::Matcher(parse(yaml)), segments);
}

// Terms with Latin letters, digits or full stops are matched by keys, and tokenizing is
// skipped unless every findable key of one of them occurs in the segment.
TEST(MatcherPaths, FastEqualsReferenceForKeyTermsWithSomeKeysAbsent) {
  const codebook::Matcher m(parse(R"(
id: keys
version: "1"
themes:
  - id: a
    label: {th: ก, en: a}
    description: d
    terms: [อปท.ระดับ, "covid 19 ระบาด", พม.จังหวัด, Éclair 5]
)"));
  expect_same_codings(m, {"อปท.ระดับจังหวัด", "อปท. ระดับ", "ระดับจังหวัด อปท", "ระดับ", "COVID-19 ระบาดหนัก", "covid19ระบาด",
                          "19 ระบาด", "พม.จังหวัด", "พม จังหวัด", "จังหวัด", "ÉCLAIR 5", "éclair 5", "5"});
}

} // namespace

namespace {

using Literals = std::vector<std::string>;

TEST(PatternPrefilter, LiteralsOfAGroupThatMustOccur) {
  EXPECT_EQ(codebook::required_literals(R"((ครู|แพทย์|พยาบาล)\s?\d+\s?คน)"), (Literals{"ครู", "แพทย์", "พยาบาล"}));
  EXPECT_EQ(codebook::required_literals(R"((?<!โรง)พยาบาล\S{0,30}(ลาออก|ไม่พอ))"), (Literals{"พยาบาล"}));
  EXPECT_EQ(codebook::required_literals(R"((?:อสม\.?|อพม\.?)\s?\d+)"), (Literals{"อสม", "อพม"}));
  EXPECT_EQ(codebook::required_literals(R"(\d+\s?คน\s?ต่อ\s?(ผู้ดูแล|เจ้าหน้าที่))"), (Literals{"ผู้ดูแล", "เจ้าหน้าที่"}));
}

TEST(PatternPrefilter, NothingWhereAMatchMayLackEveryLiteral) {
  EXPECT_EQ(codebook::required_literals("ครู|แพทย์"), Literals{});             // top-level alternation
  EXPECT_EQ(codebook::required_literals("(ครู|แพทย์)?คน"), (Literals{"คน"}));  // optional group
  EXPECT_EQ(codebook::required_literals(R"((ครู|\d+)คน)"), (Literals{"คน"})); // an alternative without one
  EXPECT_EQ(codebook::required_literals("(?i)(abc|def)"), Literals{});
  EXPECT_EQ(codebook::required_literals(R"((?!ครู)\S+)"), Literals{});
}

TEST(PatternPrefilter, EverySetThatAMatchMustHold) {
  using Sets = std::vector<Literals>;
  EXPECT_EQ(codebook::required_literal_groups(R"(\d+\s?คน\s?ต่อ\s?(ผู้ดูแล|เจ้าหน้าที่))"),
            (Sets{{"คน"}, {"ต่อ"}, {"ผู้ดูแล", "เจ้าหน้าที่"}}));
  EXPECT_EQ(codebook::required_literal_groups(R"((ขาดแคลน|ขาด)\s?(?:ครู|(?<!โรง)พยาบาล)(?!ที่ดี))"),
            (Sets{{"ขาดแคลน", "ขาด"}, {"ครู", "พยาบาล"}}));
  EXPECT_EQ(codebook::required_literal_groups(R"((มี)?(ครู|แพทย์)\S{0,20}(เพียง|แค่)?\d+คน)"),
            (Sets{{"คน"}, {"ครู", "แพทย์"}})); // optional groups require nothing
  EXPECT_EQ(codebook::required_literal_groups("ครู|แพทย์"), Sets{});
  EXPECT_EQ(codebook::required_literal_groups("(?x) ครู (แพทย์|พยาบาล)"), Sets{}); // a flag: literals unsure
  EXPECT_EQ(codebook::required_literals("(?x)ครู แพทย์"), Literals{});
}

// Sound on real text: wherever a pattern of the default codebook matches a segment of the
// bundled corpus or of the generated text, one of its literals is in that segment.
TEST(PatternPrefilter, EveryMatchOfTheDefaultPatternsHoldsALiteral) {
  std::vector<std::string> texts = bundled_segments();
  for (std::string &line : seed_lines())
    texts.push_back(std::move(line));
  std::size_t checked = 0;
  for (const auto &theme : codebook::default_codebook().themes) {
    for (const auto &pattern : theme.patterns) {
      const Literals literals = codebook::required_literals(pattern.text);
      if (literals.empty()) continue;
      UErrorCode status = U_ZERO_ERROR;
      UParseError parse_error;
      std::unique_ptr<icu::RegexPattern> regex(
          icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern.text), 0, parse_error, status));
      ASSERT_TRUE(U_SUCCESS(status)) << pattern.text;
      for (const std::string &text : texts) {
        std::unique_ptr<icu::RegexMatcher> m(regex->matcher(icu::UnicodeString::fromUTF8(text), status));
        if (!m->find()) continue;
        ++checked;
        EXPECT_TRUE(std::any_of(literals.begin(), literals.end(),
                                [&](const std::string &l) { return text.find(l) != std::string::npos; }))
            << pattern.text << " matches without a literal in: " << text;
        for (const Literals &set : codebook::required_literal_groups(pattern.text))
          EXPECT_TRUE(std::any_of(set.begin(), set.end(),
                                  [&](const std::string &l) { return text.find(l) != std::string::npos; }))
              << pattern.text << " matches without one of the set " << set.front() << "... in: " << text;
      }
    }
  }
  EXPECT_GT(checked, 50u); // the patterns do match the corpus: the check is not vacuous
}

} // namespace
