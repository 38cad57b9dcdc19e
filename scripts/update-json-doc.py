#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rewrites the examples of docs/json.md with what the binary prints today.

    scripts/update-json-doc.py [--bin build/cli/supanalyze]

Every example in docs/json.md is a ```sh block holding one "$ supanalyze ..." line, followed by
a ```json block with its output. This script runs each command from the repository's root (the
words split on spaces, as tests/docs_json_test.cpp splits them) and replaces the ```json block
with the output, leaving the prose alone. Run it after a change to a JSON output, read the diff,
and bump the schema's version in the code and in the heading when a field was added, renamed or
removed. The test fails whenever an example and the binary disagree.
"""
import argparse
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = re.compile(r"(```sh\n\$ supanalyze ([^\n]*)\n```\n\n```json\n)(.*?)(```\n)", re.S)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="build/cli/supanalyze", help="the supanalyze binary")
    args = parser.parse_args()
    binary = str((pathlib.Path.cwd() / args.bin).resolve())
    doc = ROOT / "docs" / "json.md"
    text = doc.read_text(encoding="utf-8")

    def run(m):
        r = subprocess.run([binary] + m.group(2).split(), cwd=ROOT, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"supanalyze {m.group(2)}: exit {r.returncode}: {r.stderr}")
        return m.group(1) + r.stdout + m.group(4)

    new, n = EXAMPLE.subn(run, text)
    doc.write_text(new, encoding="utf-8")
    print(f"{n} examples, {'changed' if new != text else 'unchanged'}")


if __name__ == "__main__":
    main()
