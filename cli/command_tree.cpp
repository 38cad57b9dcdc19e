// SPDX-License-Identifier: MIT
#include "command_tree.hpp"

#include <CLI/CLI.hpp>

#include <sstream>

namespace supanalyze::cli {

namespace {

// The values listed in a type name such as "TEXT:{table,csv,tsv}" (CLI::IsMember's description).
std::vector<std::string> choices_of(const std::string &type_name) {
  std::vector<std::string> choices;
  const auto open = type_name.find('{');
  const auto close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return choices;
  std::istringstream items(type_name.substr(open + 1, close - open - 1));
  for (std::string item; std::getline(items, item, ',');) {
    if (const auto arrow = item.find("->"); arrow != std::string::npos) item.resize(arrow); // a transform's key
    while (!item.empty() && item.front() == ' ')
      item.erase(item.begin());
    while (!item.empty() && item.back() == ' ')
      item.pop_back();
    if (!item.empty()) choices.push_back(item);
  }
  return choices;
}

CommandSpec describe(const CLI::App &app, const std::string &path) {
  CommandSpec spec;
  spec.app = &app;
  spec.name = app.get_name();
  spec.path = path;
  spec.description = app.get_description();
  if (const auto nl = spec.description.find('\n'); nl != std::string::npos) spec.description.resize(nl);
  for (const CLI::Option *opt : app.get_options()) {
    if (opt->get_group().empty()) continue;
    if (!opt->nonpositional()) {
      if (spec.argument_choices.empty()) spec.argument_choices = choices_of(opt->get_type_name());
      continue;
    }
    OptionSpec o;
    for (const auto &s : opt->get_snames())
      o.names.push_back("-" + s);
    for (const auto &l : opt->get_lnames())
      o.names.push_back("--" + l);
    o.takes_value = opt->get_expected_max() != 0; // flags expect no value
    if (o.takes_value) o.choices = choices_of(opt->get_type_name());
    o.description = opt->get_description();
    spec.options.push_back(std::move(o));
  }
  for (const CLI::App *sub : app.get_subcommands([](const CLI::App *a) { return !a->get_group().empty(); }))
    spec.subcommands.push_back(describe(*sub, path + " " + sub->get_name()));
  return spec;
}

} // namespace

std::vector<std::string> CommandSpec::words() const {
  std::vector<std::string> out;
  std::istringstream in(path);
  std::string word;
  in >> word; // the program
  while (in >> word)
    out.push_back(word);
  return out;
}

CommandSpec describe_commands(const CLI::App &root) { return describe(root, root.get_name()); }

} // namespace supanalyze::cli
