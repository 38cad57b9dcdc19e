// SPDX-License-Identifier: MIT
#include <supanalyze/detail/yaml.hpp>
#include <supanalyze/text/tokenizer.hpp>
#include <supanalyze/version.hpp>

#include <fmt/format.h>

namespace supanalyze {

namespace detail {
extern const char k_git_commit[]; // generated at build time by cmake/GitCommit.cmake
}

BuildInfo build_info() {
  BuildInfo info;
  info.version = SUPANALYZE_VERSION;
  info.commit = detail::k_git_commit;
  info.icu = text::icu_version();
  info.yaml_cpp = detail::yaml_cpp_version();
  info.fmt = fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
  info.cli11 = SUPANALYZE_CLI11_VERSION;
  info.json = SUPANALYZE_JSON_VERSION;
  return info;
}

std::string version_text() {
  const BuildInfo i = build_info();
  return fmt::format("supanalyze {} (commit {})\nICU {}, yaml-cpp {}, fmt {}, CLI11 {}, nlohmann-json {}\n", i.version,
                     i.commit, i.icu, i.yaml_cpp, i.fmt, i.cli11, i.json);
}

} // namespace supanalyze
