// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace supanalyze {

// What a bug report needs to say which build ran: the version, the git commit it was built
// from ("unknown" outside a git checkout; "-dirty" when the tree had changes), and the
// versions of the libraries that decide its results (ICU's word breaking and data, yaml-cpp's
// parsing) and of the others it links.
struct BuildInfo {
  std::string version;
  std::string commit;
  std::string icu;      // the ICU linked at run time (u_getVersion)
  std::string yaml_cpp; // as found by CMake at build time (yaml-cpp has no version call)
  std::string fmt, cli11, json;
};

// The running build's BuildInfo.
BuildInfo build_info();

// The text of `--version`: "supanalyze VERSION (commit C)" then one line of library versions.
std::string version_text();

} // namespace supanalyze
