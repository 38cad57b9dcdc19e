// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <supanalyze/io.hpp>
#include <supanalyze/text/utf8.hpp>

#include <iostream>
#include <iterator>

namespace supanalyze::cli {

std::vector<InputText> read_inputs(const std::vector<std::string>& files, Context& ctx) {
  std::vector<InputText> inputs;
  auto read_stdin = [&] {
    std::string bytes{std::istreambuf_iterator<char>(ctx.in), std::istreambuf_iterator<char>()};
    inputs.push_back({"<stdin>", std::move(bytes)});
  };
  if (files.empty()) read_stdin();
  for (const auto& file : files) {
    if (file == "-") read_stdin();
    else inputs.push_back({file, read_file(file)});
  }
  for (const auto& input : inputs) text::require_valid_utf8(input.bytes, input.name);
  return inputs;
}

} // namespace supanalyze::cli
