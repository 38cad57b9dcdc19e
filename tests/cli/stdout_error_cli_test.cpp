// SPDX-License-Identifier: MIT
// A write to standard output that fails (a full disk: /dev/full) is an error with exit code 2,
// never a silent success with a truncated result.
#include "test_support.hpp"

#include <supanalyze/io.hpp>

#include "cli.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

using supanalyze::testing::bundled_corpus;
using supanalyze::testing::test_data;
namespace fs = std::filesystem;

namespace {

struct Outcome {
  int exit_code;
  std::string err;
};

// Runs the real binary with standard output on /dev/full.
Outcome run_into_full_disk(const std::string &args) {
  static const fs::path dir = supanalyze::testing::fresh_temp_dir("stdout");
  const fs::path err = dir / "stderr.txt";
  const std::string command =
      std::string("\"") + SUPANALYZE_BINARY + "\" " + args + " > /dev/full 2> \"" + err.string() + "\" < /dev/null";
  const int status = std::system(command.c_str());
  Outcome o{WIFEXITED(status) ? WEXITSTATUS(status) : -1, supanalyze::read_file(err)};
  fs::remove(err);
  return o;
}

} // namespace

TEST(StdoutErrors, EveryCommandThatPrintsReportsAFullDisk) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const std::string corpus = "\"" + bundled_corpus() + "\"";
  const fs::path out = supanalyze::testing::fresh_temp_dir("stdout-run") / "out";
  for (const std::string &args :
       {"freq " + corpus, "code " + corpus + " -q centre1300/q4", "normalize \"" + test_data("seed-2564.txt") + "\"",
        "run \"" + std::string(SUPANALYZE_EXAMPLES) + "/ssw3-2564.yaml\" --quiet -o \"" + out.string() + "\"",
        std::string("--help")}) {
    const Outcome o = run_into_full_disk(args);
    EXPECT_EQ(o.exit_code, 2) << args << "\n" << o.err;
    EXPECT_NE(o.err.find("supanalyze: error: cannot write to standard output"), std::string::npos) << args << "\n"
                                                                                                   << o.err;
  }
  fs::remove_all(out);
}

TEST(StdoutErrors, AStreamThatFailsGivesExitCodeTwo) {
  std::istringstream in;
  std::ostream failing(nullptr); // no buffer: every write fails
  std::ostringstream err;
  supanalyze::cli::Context ctx{in, failing, err};
  EXPECT_EQ(supanalyze::cli::run({"freq", bundled_corpus()}, ctx), 2);
  EXPECT_EQ(err.str(), "supanalyze: error: cannot write to standard output\n");
}
