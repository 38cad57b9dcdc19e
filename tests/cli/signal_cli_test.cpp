// SPDX-License-Identifier: MIT
// A command stopped by SIGINT or SIGTERM while it writes -o FILE leaves no temporary file
// behind (they were 35 MB each), and still ends by that signal.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;
using supanalyze::testing::test_data;

namespace {

// The temporary files in `dir` (".out.txt.tmp-...").
std::vector<fs::path> temporaries(const fs::path &dir) {
  std::vector<fs::path> found;
  for (const auto &e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) found.push_back(e.path());
  return found;
}

void stop_while_writing(int signal_number) {
  const fs::path dir = supanalyze::testing::fresh_temp_dir("signal-" + std::to_string(signal_number));
  const std::string out = (dir / "out.txt").string(), seed = test_data("seed-2564.txt");
  std::vector<std::string> args{SUPANALYZE_BINARY, "normalize", "-o", out};
  for (int i = 0; i < 100; ++i) // long enough to be stopped while it writes
    args.push_back(seed);
  std::vector<char *> argv;
  for (auto &a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  // Wait for the temporary file, then stop the command.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (temporaries(dir).empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_FALSE(temporaries(dir).empty()) << "the command wrote no temporary file";
  ::kill(child, signal_number);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal_number) << "status " << status;
  EXPECT_TRUE(temporaries(dir).empty());
  EXPECT_FALSE(fs::exists(out)); // and no half-written result
  fs::remove_all(dir);
}

} // namespace

TEST(Signals, SigtermRemovesTheTemporaryFile) { stop_while_writing(SIGTERM); }
TEST(Signals, SigintRemovesTheTemporaryFile) { stop_while_writing(SIGINT); }
