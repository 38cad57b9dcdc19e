#!/bin/sh
# SPDX-License-Identifier: MIT
# The fixtures of tests/diff/compare_test.cpp's ReadTableJson.BothVersionsReadAlike: one freq and
# one matrix table of the bundled corpus (ssw3-2564, codebook msdhs-2564 2.2, unit provinces) as
# written by supanalyze before docs/json.md (schemas freq/1, matrix/1: examples/results/ssw3-2564
# at commit 8562808) and after (freq/2, matrix/2: the same files as
# `supanalyze run examples/ssw3-2564.yaml` writes them now). The freq tables keep two questions,
# to stay small.
#   supanalyze run examples/ssw3-2564.yaml && sh tests/data/diff-versions/make.sh   (from the root)
set -eu
old=${1:-8562808}
here=tests/data/diff-versions
keep='import json, sys
d = json.load(sys.stdin)
d["questions"] = [q for q in d["questions"] if q["instrument"] + "/" + q["question"] in ("centre1300/q4", "vulnerable/q5")]
print(json.dumps(d, ensure_ascii=False, indent=2))'
git show "$old:examples/results/ssw3-2564/freq.json" | python3 -c "$keep" > $here/freq-1.json
python3 -c "$keep" < examples/results/ssw3-2564/freq.json > $here/freq-2.json
git show "$old:examples/results/ssw3-2564/centre1300-problems.json" > $here/matrix-1.json
cp examples/results/ssw3-2564/centre1300-problems.json $here/matrix-2.json
