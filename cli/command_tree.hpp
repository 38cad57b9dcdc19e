// SPDX-License-Identifier: MIT
#pragma once
// The commands and options as CLI11 defines them, read back for the generated man page and
// shell completions (manpage_cmd.cpp, completion_cmd.cpp): one source for --help, the man page
// and the completions.

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace supanalyze::cli {

struct OptionSpec {
  std::vector<std::string> names; // "-f", "--format"
  bool takes_value = false;
  std::vector<std::string> choices; // the values a validator accepts ({table,csv,...}), if it lists them
  std::string description;
};

struct CommandSpec {
  const CLI::App *app = nullptr;
  std::string name;        // "check"
  std::string path;        // "supanalyze corpus check"
  std::string description; // one line
  std::vector<OptionSpec> options;
  std::vector<std::string> argument_choices; // the values of the first positional argument, if listed
  std::vector<CommandSpec> subcommands;      // visible ones, in definition order

  // The subcommand words of `path` ("corpus", "check").
  std::vector<std::string> words() const;
};

// The visible commands under `root` (hidden ones, in the group "", are left out), with their
// named options.
CommandSpec describe_commands(const CLI::App &root);

} // namespace supanalyze::cli
