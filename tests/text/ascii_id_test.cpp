// SPDX-License-Identifier: MIT
#include <supanalyze/text/ascii_id.hpp>

#include <gtest/gtest.h>

using supanalyze::text::ascii_id;
using supanalyze::text::IdOther;

TEST(AsciiId, OtherCharactersAreDroppedJoinedOrRefused) {
  EXPECT_EQ(ascii_id("Code Book (2565)", {"", IdOther::drop, ""}), "codebook2565");
  EXPECT_EQ(ascii_id("Code Book (2565)", {"", IdOther::separate, ""}), "code_book_2565_");
  EXPECT_EQ(ascii_id("Code Book (2565)", {"", IdOther::separate, "_"}), "code_book_2565");
  EXPECT_EQ(ascii_id("Code Book", {"", IdOther::refuse, ""}), "");
  EXPECT_EQ(ascii_id("Code_Book", {"_", IdOther::refuse, ""}), "code_book");
}

TEST(AsciiId, ThaiLettersAreOtherCharactersAndKeptPunctuationStays) {
  EXPECT_EQ(ascii_id("ราชบุรี 2564", {"", IdOther::separate, ""}), "2564");
  EXPECT_EQ(ascii_id("ทีม พม. (One Home)", {".", IdOther::separate, ""}), "._one_home_");
  EXPECT_EQ(ascii_id("-x-", {"-", IdOther::separate, "_-"}), "x");
  EXPECT_EQ(ascii_id("__", {"_", IdOther::drop, "_"}), "");
}
