// SPDX-License-Identifier: MIT
// SHA-256 against the test vectors of FIPS 180-4 (NIST's examples) and sha256sum.
#include <supanalyze/sha256.hpp>

#include <gtest/gtest.h>

#include <string>

using supanalyze::Sha256;
using supanalyze::sha256_hex;

namespace {

TEST(Sha256, FipsTestVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqr"
                       "smnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256, OneMillionAsFedInUnevenPieces) {
  Sha256 h;
  const std::string piece(997, 'a');
  std::size_t fed = 0;
  while (fed + piece.size() <= 1000000) {
    h.update(piece);
    fed += piece.size();
  }
  h.update(std::string(1000000 - fed, 'a'));
  EXPECT_EQ(h.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Lengths around the padding boundaries (55/56 bytes leave no room for the length; 64 fills a
// block), checked against sha256sum.
TEST(Sha256, PaddingBoundariesMatchSha256sum) {
  const std::pair<std::size_t, const char *> cases[] = {
      {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
      {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
      {63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
      {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
      {65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"},
      {119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"},
  };
  for (const auto &[n, expected] : cases)
    EXPECT_EQ(sha256_hex(std::string(n, 'x')), expected) << n;
}

TEST(Sha256, ThaiUtf8BytesAndSplitUpdatesGiveTheSameDigest) {
  const std::string text = "ศูนย์ช่วยเหลือทางสังคม 1300";
  EXPECT_EQ(sha256_hex(text), "711420a520f2f0168c27a65dd06386c748055e3dcecd035096b2eee278aa1757");
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    Sha256 h;
    h.update(text.substr(0, cut));
    h.update(text.substr(cut));
    EXPECT_EQ(h.hex(), sha256_hex(text)) << cut;
  }
}

} // namespace
