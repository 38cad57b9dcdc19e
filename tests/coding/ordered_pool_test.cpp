// SPDX-License-Identifier: MIT
#include <supanalyze/coding/ordered_pool.hpp>
#include <supanalyze/error.hpp>

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <thread>

using supanalyze::coding::OrderedPool;

namespace {

// Tasks that finish out of order (later ones are quicker) are still delivered in order, on
// the submitting thread, and the window bounds how many are in flight.
TEST(OrderedPool, DeliversInSubmissionOrderWithABoundedWindow) {
  for (std::size_t workers : {1u, 2u, 4u}) {
    constexpr int k_tasks = 60;
    constexpr std::size_t k_window = 5;
    OrderedPool pool(workers, k_window);
    std::vector<int> results(k_tasks, -1), delivered;
    std::atomic<int> in_flight{0}, most_in_flight{0};
    const auto caller = std::this_thread::get_id();
    for (int k = 0; k < k_tasks; ++k) {
      ++in_flight;
      most_in_flight = std::max(most_in_flight.load(), in_flight.load());
      pool.submit(
          [&, k](std::size_t worker) {
            EXPECT_LT(worker, workers);
            std::this_thread::sleep_for(std::chrono::microseconds((k_tasks - k) % 7 * 200));
            results[static_cast<std::size_t>(k)] = k * k;
          },
          [&, k] {
            EXPECT_EQ(std::this_thread::get_id(), caller);
            EXPECT_EQ(results[static_cast<std::size_t>(k)], k * k);
            delivered.push_back(k);
            --in_flight;
          });
    }
    pool.finish();
    ASSERT_EQ(delivered.size(), static_cast<std::size_t>(k_tasks)) << workers << " workers";
    for (int k = 0; k < k_tasks; ++k)
      EXPECT_EQ(delivered[static_cast<std::size_t>(k)], k);
    EXPECT_LE(most_in_flight.load(), static_cast<int>(k_window) + 1) << workers << " workers";
  }
}

// The failure rethrown is the first in submission order, even when a later task fails first;
// what was delivered before it stays delivered, and the pool shuts down cleanly.
TEST(OrderedPool, RethrowsTheFirstFailureInSubmissionOrder) {
  for (std::size_t workers : {1u, 2u, 3u}) {
    std::vector<int> delivered;
    try {
      OrderedPool pool(workers, 8);
      for (int k = 0; k < 20; ++k)
        pool.submit(
            [k](std::size_t) {
              if (k == 4) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                throw std::runtime_error("task 4");
              }
              if (k == 6) throw std::runtime_error("task 6");
            },
            [&, k] { delivered.push_back(k); });
      pool.finish();
      FAIL() << "expected a failure";
    } catch (const std::runtime_error &e) {
      EXPECT_STREQ(e.what(), "task 4") << workers << " workers";
    }
    EXPECT_EQ(delivered, (std::vector<int>{0, 1, 2, 3})) << workers << " workers";
  }
}

} // namespace

// Starts a pool of 2,000 threads under an address-space limit too small for their stacks;
// exits 3 with the message when that is an Error.
[[noreturn]] void start_too_many_threads() {
  std::ifstream statm("/proc/self/statm");
  unsigned long pages = 0;
  statm >> pages;
  const rlim_t limit = pages * static_cast<unsigned long>(::sysconf(_SC_PAGESIZE)) + (256ul << 20);
  const rlimit rl{limit, limit};
  ::setrlimit(RLIMIT_AS, &rl);
  try {
    OrderedPool pool(2000, 10);
  } catch (const supanalyze::Error &e) {
    std::cerr << e.what() << '\n';
    std::exit(3);
  }
  std::exit(0);
}

// A thread the system refuses is an Error that says so, never std::terminate from a
// half-built pool.
TEST(OrderedPool, AThreadThatCannotStartIsAnError) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "the sanitizers need more address space than the limit leaves";
#else
  EXPECT_EXIT(start_too_many_threads(), ::testing::ExitedWithCode(3),
              "cannot start worker thread [0-9]+ of 2000: .*use a smaller -j");
#endif
}
