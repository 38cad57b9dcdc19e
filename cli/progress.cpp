// SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <iostream>

#include <unistd.h>

namespace supanalyze::cli {

namespace {
constexpr std::size_t k_width = 30;
}

bool stderr_is_terminal(const Context &ctx) { return &ctx.err == &std::cerr && ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::start(const std::string &label, std::size_t total) {
  m_label = label;
  m_total = total;
  m_done = 0;
  draw();
}

void ProgressBar::update(std::size_t done) {
  // Redraw at most once per percent (a large corpus has many answers).
  const auto percent = [&](std::size_t n) { return m_total == 0 ? 0 : 100 * n / m_total; };
  const bool redraw = percent(done) != percent(m_done) || done == m_total;
  m_done = done;
  if (redraw) draw();
}

void ProgressBar::draw() {
  if (!m_enabled) return;
  const std::size_t filled = m_total == 0 ? k_width : k_width * std::min(m_done, m_total) / m_total;
  m_out << "\r\033[K" << m_label << " [" << std::string(filled, '#') << std::string(k_width - filled, '.') << "] "
        << m_done << "/" << m_total << std::flush;
  m_drawn = true;
}

void ProgressBar::finish() {
  if (!m_enabled || !m_drawn) return;
  m_out << "\r\033[K" << std::flush;
  m_drawn = false;
}

} // namespace supanalyze::cli
