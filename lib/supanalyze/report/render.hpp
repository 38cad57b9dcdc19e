// SPDX-License-Identifier: MIT
#pragma once
// The report's writers. Each returns the whole file's bytes, the same bytes for the same
// report (no time stamps; the DOCX zip entries carry a fixed date), so the caller can write
// them atomically.

#include <supanalyze/report/model.hpp>

#include <string>

namespace supanalyze::report {

// One self-contained HTML5 page: inline CSS (a Thai font stack, print rules for A4) and inline
// SVG charts (a horizontal bar chart per question, a heatmap per instrument); no script and
// nothing fetched.
std::string render_html(const Report &report);

// GitHub-flavoured Markdown with the same text and tables; the bar charts become tables with
// bars drawn in block characters.
std::string render_markdown(const Report &report);

// A Word document (Office Open XML): Heading 1-3 styles, tables, and per question a table of
// shaded cells as its bar chart. Written with libzip and libxml2's xmlwriter.
std::string render_docx(const Report &report);

} // namespace supanalyze::report
