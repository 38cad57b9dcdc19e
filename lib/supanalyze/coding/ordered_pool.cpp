// SPDX-License-Identifier: MIT
#include <supanalyze/coding/ordered_pool.hpp>

#include <supanalyze/error.hpp>

#include <algorithm>
#include <string>
#include <system_error>

namespace supanalyze::coding {

OrderedPool::OrderedPool(std::size_t workers, std::size_t window)
    : m_workers(std::max<std::size_t>(1, workers)), m_window(std::max<std::size_t>(1, window)) {
  if (m_workers == 1) return;
  for (std::size_t w = 0; w < m_workers; ++w) {
    try {
      m_threads.emplace_back([this, w] { work(w); });
    } catch (const std::system_error &e) {
      // The system refused a thread (a limit on threads or memory): stop the ones started, as
      // the destructor would, and say so instead of terminating.
      stop_and_join();
      throw Error("cannot start worker thread " + std::to_string(w + 1) + " of " + std::to_string(m_workers) + ": " +
                  e.what() + " (use a smaller -j)");
    }
  }
}

void OrderedPool::stop_and_join() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_work_ready.notify_all();
  for (auto &t : m_threads)
    t.join();
  m_threads.clear();
}

OrderedPool::~OrderedPool() { stop_and_join(); }

void OrderedPool::work(std::size_t worker) {
  std::unique_lock lock(m_mutex);
  for (;;) {
    Entry *entry = nullptr;
    m_work_ready.wait(lock, [&] {
      if (m_stopping) return true;
      auto it = std::find_if(m_entries.begin(), m_entries.end(), [](const Entry &e) { return !e.claimed; });
      entry = it == m_entries.end() ? nullptr : &*it;
      return entry != nullptr;
    });
    if (m_stopping) return;
    entry->claimed = true;
    lock.unlock();
    std::exception_ptr failure;
    try {
      entry->task(worker);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    entry->failure = failure; // a deque keeps references to its elements across push_back/pop_front
    entry->done = true;
    m_task_done.notify_all();
  }
}

void OrderedPool::deliver_front(std::unique_lock<std::mutex> &lock) {
  m_task_done.wait(lock, [&] { return m_entries.front().done; });
  Entry entry = std::move(m_entries.front());
  m_entries.pop_front();
  lock.unlock();
  if (entry.failure) std::rethrow_exception(entry.failure);
  entry.deliver();
  lock.lock();
}

void OrderedPool::submit(Task task, Deliver deliver) {
  if (m_threads.empty()) {
    task(0);
    deliver();
    return;
  }
  std::unique_lock lock(m_mutex);
  m_entries.push_back(Entry{std::move(task), std::move(deliver), false, false, nullptr});
  m_work_ready.notify_one();
  while (m_entries.size() > m_window)
    deliver_front(lock);
}

void OrderedPool::finish() {
  std::unique_lock lock(m_mutex);
  while (!m_entries.empty())
    deliver_front(lock);
}

} // namespace supanalyze::coding
