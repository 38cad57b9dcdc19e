// SPDX-License-Identifier: MIT
#pragma once

#include "cli.hpp"

#include <string>
#include <vector>

namespace supanalyze::cli {

// One input text: its name for messages ("<stdin>" or the path) and its bytes.
struct InputText {
  std::string name;
  std::string bytes;
};

// Reads `files`, or standard input when there are none (or a file is "-"); each is checked to
// be UTF-8 (an error names the file, line and byte column).
std::vector<InputText> read_inputs(const std::vector<std::string>& files, Context& ctx);

} // namespace supanalyze::cli
