// SPDX-License-Identifier: MIT
// -o never destroys what it names: a symbolic link is followed and its target replaced (the
// link stays), a FIFO or a device node is written to, never replaced by a regular file.
#include "test_support.hpp"

#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

using supanalyze::testing::bundled_corpus;
using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path &file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST(AtomicWrite, ASymlinkIsFollowedAndItsTargetReplaced) {
  const fs::path dir = fresh_temp_dir("atomic-symlink");
  fs::create_directories(dir / "real");
  supanalyze::write_file_atomically(dir / "real" / "out.tsv", "old\n");
  fs::create_symlink("real/out.tsv", dir / "link.tsv");
  supanalyze::write_file_atomically(dir / "link.tsv", "new\n");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "link.tsv")));
  EXPECT_EQ(slurp(dir / "real" / "out.tsv"), "new\n");
  // No temporary file is left in either folder.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "real"), fs::directory_iterator()), 1);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 2);
  fs::remove_all(dir);
}

TEST(AtomicWrite, TheReplacementKeepsThePermissionsOfTheFileItReplaces) {
  const fs::path dir = fresh_temp_dir("atomic-perms");
  supanalyze::write_file_atomically(dir / "out.tsv", "old\n");
  fs::permissions(dir / "out.tsv", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  supanalyze::write_file_atomically(dir / "out.tsv", "new\n");
  EXPECT_EQ(fs::status(dir / "out.tsv").permissions(),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  fs::remove_all(dir);
}

TEST(AtomicWrite, AFifoIsWrittenToAndStaysAFifo) {
  const fs::path dir = fresh_temp_dir("atomic-fifo");
  const fs::path fifo = dir / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = slurp(fifo); });
  const auto r = run_cli({"freq", bundled_corpus(), "-q", "centre1300/q4", "-o", fifo.string(), "-f", "tsv"});
  reader.join();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(fifo)));
  const auto direct = run_cli({"freq", bundled_corpus(), "-q", "centre1300/q4", "-f", "tsv"});
  EXPECT_EQ(received, direct.out);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1); // no temporary file
  fs::remove_all(dir);
}

TEST(AtomicWrite, ADeviceNodeIsWrittenToAndStaysADevice) {
  const fs::path dir = fresh_temp_dir("atomic-device");
  const fs::path node = dir / "null";
  // A device node like /dev/null (char 1,3), made here so that the test never touches /dev.
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) GTEST_SKIP() << "cannot make a device node here";
  if (!std::ofstream(node)) GTEST_SKIP() << "device nodes cannot be opened here (nodev)";
  EXPECT_NO_THROW(supanalyze::write_file_atomically(node, "discarded\n"));
  EXPECT_TRUE(fs::is_character_file(fs::symlink_status(node)));
  const auto r = run_cli({"freq", bundled_corpus(), "-q", "centre1300/q4", "-o", node.string(), "-f", "tsv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_character_file(fs::symlink_status(node)));
  fs::remove_all(dir);
}

TEST(AtomicWrite, AFolderIsRefusedWithAMessage) {
  const fs::path dir = fresh_temp_dir("atomic-folder");
  try {
    supanalyze::write_file_atomically(dir, "x");
    FAIL() << "a folder was written";
  } catch (const supanalyze::Error &e) {
    EXPECT_NE(std::string(e.what()).find("it is a folder"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_directory(dir));
  fs::remove_all(dir);
}
