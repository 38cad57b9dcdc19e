// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/codebook/model.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/error.hpp>

#include <string>
#include <vector>

namespace supanalyze::audit {

enum class LintSeverity { note, warning, error };
std::string to_string(LintSeverity severity);

// One lint finding. `kind` is a stable name scripts can filter on:
//   unmatchable-term   a term whose edges can never fall on a token boundary (error)
//   short-term         a term of <= 3 Thai letters, found as text more often than as a word
//   duplicate-term     the same term in two themes that are not parent and child
//   theme-no-match     a theme that codes nothing in the corpus
//   term-no-match      a term that matches nothing in the corpus (note)
//   term-covered       a term that matches, but always where another coding of its theme
//                      (a longer term, a pattern, a rule) takes the span (note)
//   broad-term         a term coding more than `broad_share` of all segments
//   unreachable-rule   a rule that can never fire (a required term is also excluded or negated)
struct Finding {
  LintSeverity severity;
  std::string kind;
  SourceLocation where;
  std::string theme;
  std::string message;
};

struct LintOptions {
  double broad_share = 0.10; // a term in more than this share of segments is "broad"
  unsigned threads = 0;      // for coding the corpus (0: all cores)
};

// Lints `codebook`; with a corpus, also the findings that need one (matches, breadth, how ICU
// splits short terms in context). Findings are sorted by severity, then location.
std::vector<Finding> lint_codebook(const codebook::Codebook &codebook, const codebook::Matcher &matcher,
                                   const corpus::Corpus *corpus, const LintOptions &options = {});

// One of a theme's `examples`: whether coding it gave the theme (or a sub-theme) as expected.
struct ExampleResult {
  std::string theme;
  std::string text;
  bool should_match;
  bool passed;
  std::vector<std::string> coded; // themes coded in the example
};

std::vector<ExampleResult> test_examples(const codebook::Codebook &codebook, const codebook::Matcher &matcher);

} // namespace supanalyze::audit
