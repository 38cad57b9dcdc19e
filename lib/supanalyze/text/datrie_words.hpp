// SPDX-License-Identifier: MIT
#pragma once

#include <datrie/trie.h>
#include <stdio_ext.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace supanalyze::text {

// The words of a libdatrie trie file (libthai's thbrk.tri), in the trie's order. Returns false
// when the file is missing or not a trie. Header-only, for the library and the build-time tool
// that compiles the list into the binary (lib/tools/compile_wordlist.cpp); only they include
// libdatrie.
inline bool read_datrie_words(const std::string &path, std::vector<std::u32string> &words) {
  words.clear();
  // trie_new_from_file, with the FILE read without a lock per call and through one buffer the
  // size of the file: libdatrie reads it four bytes at a time.
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file) return false;
  __fsetlocking(file, FSETLOCKING_BYCALLER);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > 0 && size < (std::uintmax_t{1} << 28))
    std::setvbuf(file, nullptr, _IOFBF, static_cast<std::size_t>(size) + 1);
  ::Trie *trie = trie_fread(file);
  std::fclose(file);
  if (!trie) return false;
  trie_enumerate(
      trie,
      [](const AlphaChar *key, TrieData, void *out) -> Bool {
        std::u32string word;
        for (const AlphaChar *p = key; *p; ++p)
          word.push_back(static_cast<char32_t>(*p));
        static_cast<std::vector<std::u32string> *>(out)->push_back(std::move(word));
        return TRUE;
      },
      &words);
  trie_free(trie);
  return true;
}

} // namespace supanalyze::text
