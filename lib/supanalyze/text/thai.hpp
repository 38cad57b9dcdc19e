// SPDX-License-Identifier: MIT
#pragma once

// Character classes of the Thai block (U+0E00-U+0E7F), used by the normalizer and tokenizer.
namespace supanalyze::text::thai {

constexpr bool is_thai(char32_t c) { return c >= 0x0E01 && c <= 0x0E5B; }
constexpr bool is_consonant(char32_t c) { return c >= 0x0E01 && c <= 0x0E2E; }
// Marks above or below a base: ั ิ ี ึ ื ุ ู ฺ ็ ่ ้ ๊ ๋ ์ ํ ๎
constexpr bool is_combining(char32_t c) {
  return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
}
constexpr bool is_upper_vowel(char32_t c) { return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E37) || c == 0x0E47; }
constexpr bool is_lower_vowel(char32_t c) { return c >= 0x0E38 && c <= 0x0E3A; }
constexpr bool is_tone(char32_t c) { return c >= 0x0E48 && c <= 0x0E4B; }
constexpr char32_t k_thanthakhat = 0x0E4C;
constexpr char32_t k_nikhahit = 0x0E4D;
constexpr char32_t k_sara_a = 0x0E30;
constexpr char32_t k_sara_aa = 0x0E32;
constexpr char32_t k_sara_am = 0x0E33;
constexpr char32_t k_o_ang = 0x0E2D;
constexpr char32_t k_sara_uee = 0x0E37;
constexpr char32_t k_maitaikhu = 0x0E47;
// เ แ โ ใ ไ: written before the consonant they follow in speech; cannot end a syllable.
constexpr bool is_leading_vowel(char32_t c) { return c >= 0x0E40 && c <= 0x0E44; }
// ะ า ำ ๅ: follow a consonant; cannot start a syllable.
constexpr bool is_following_vowel(char32_t c) { return c == 0x0E30 || c == 0x0E32 || c == 0x0E33 || c == 0x0E45; }
constexpr bool is_thai_digit(char32_t c) { return c >= 0x0E50 && c <= 0x0E59; }
// A base a combining mark may sit on.
constexpr bool is_base(char32_t c) { return is_thai(c) && !is_combining(c); }
// Thai letters: consonants and vowels (what the normalizer must never drop).
constexpr bool is_letter(char32_t c) {
  return is_thai(c) && !is_thai_digit(c) && c != 0x0E3F && c != 0x0E4F && c != 0x0E5A && c != 0x0E5B;
}

} // namespace supanalyze::text::thai
