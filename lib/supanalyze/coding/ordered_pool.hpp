// SPDX-License-Identifier: MIT
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace supanalyze::coding {

// Runs tasks on a fixed set of worker threads and hands their results back on the submitting
// thread in submission order, with a bounded number of tasks in flight.
//
// Why this shape: coding is embarrassingly parallel per answer, but output must be the same
// bytes for any thread count, and memory must stay bounded while a reader keeps producing. The
// threads live as long as the pool (not one set per batch), the reader overlaps the coding, and
// the first failure in submission order is the one rethrown, so errors are deterministic too.
// With one worker nothing is threaded: submit() runs the task and delivers it at once.
class OrderedPool {
public:
  using Task = std::function<void(std::size_t worker)>;
  using Deliver = std::function<void()>;

  // `workers` threads (1: run inline); at most `window` tasks submitted and not yet delivered.
  // A thread the system refuses to start throws Error (after joining the ones started).
  OrderedPool(std::size_t workers, std::size_t window);
  ~OrderedPool(); // drops what is not delivered and joins the threads
  OrderedPool(const OrderedPool &) = delete;
  OrderedPool &operator=(const OrderedPool &) = delete;

  std::size_t workers() const { return m_workers; }

  // Queues `task`; `deliver` runs on this thread once the task and every earlier one are done.
  // Blocks (delivering) while the window is full. Rethrows a task's exception at its turn.
  void submit(Task task, Deliver deliver);
  // Delivers everything submitted.
  void finish();

private:
  struct Entry {
    Task task;
    Deliver deliver;
    bool claimed = false;
    bool done = false;
    std::exception_ptr failure;
  };
  void work(std::size_t worker);
  void stop_and_join();
  void deliver_front(std::unique_lock<std::mutex> &lock);

  std::size_t m_workers;
  std::size_t m_window;
  std::mutex m_mutex;
  std::condition_variable m_work_ready; // a task was queued, or stopping
  std::condition_variable m_task_done;
  std::deque<Entry> m_entries; // submitted, not delivered; front is the oldest
  bool m_stopping = false;
  std::vector<std::thread> m_threads;
};

} // namespace supanalyze::coding
