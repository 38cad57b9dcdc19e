// SPDX-License-Identifier: MIT
#include <supanalyze/coding/ordered_pool.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
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
