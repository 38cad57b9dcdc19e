// SPDX-License-Identifier: MIT
// The tokenizer on any valid UTF-8, normalized (its precondition): tokens are in order, inside the text,
// start and end on code point boundaries, and their match keys lie inside them.
#include "fuzz_support.hpp"

#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/tokenizer.hpp>

#include <vector>

using namespace supanalyze;

namespace {

bool boundary(std::string_view text, std::size_t at) {
  return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

void tokenize(const text::Tokenizer &tokenizer, std::string_view text) {
  static std::vector<text::Token> tokens;
  static std::string scratch;
  tokens.clear(); // tokenize() appends
  tokenizer.tokenize(text, tokens);
  std::size_t last_end = 0;
  for (const auto &token : tokens) {
    fuzz::check(token.start < token.end && token.end <= text.size(), "a token outside the text or empty");
    fuzz::check(token.start >= last_end, "tokens overlap or go back");
    fuzz::check(boundary(text, token.start) && boundary(text, token.end), "a token cuts a code point");
    last_end = token.end;
    text::for_each_key(text, token, scratch, [&](std::size_t start, std::size_t end, std::string_view key) {
      fuzz::check(token.start <= start && start < end && end <= token.end, "a match key outside its token");
      fuzz::check(!key.empty(), "an empty match key");
    });
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  if (!fuzz::valid_utf8(input)) return -1;
  static const text::Tokenizer tokenizer;
  tokenize(tokenizer, text::normalize(input)); // its precondition: normalized text
  return 0;
}
