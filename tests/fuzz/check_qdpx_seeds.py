#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The qdpx fuzz target's parts seeds are projects the reader reads whole (CTest fuzz.qdpx_parts_seeds).

Usage: check_qdpx_seeds.py SOURCE_DIR SUPANALYZE WORK_DIR

Makes the seeds (tests/fuzz/make_seeds.py), puts every "parts-*" seed of the qdpx target
together as tests/fuzz/qdpx.cpp does (project.qde, then internal://1.txt in Sources/,
internal://2.txt in sources/, ...; zipped) and has supanalyze read it: `corpus import` must
accept each one with a source per text part, and `agree` of a seed with itself must find its
selections. Seeds that break here would leave the target where random zip bytes left it:
refused before the source texts and selections (issue 19).
"""
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

SEPARATOR = b"\n%%part%%\n"  # tests/fuzz/qdpx.cpp's k_part_separator
MAX_TEXTS = 7


def zip_of_parts(data, path):
    parts = data.split(SEPARATOR, MAX_TEXTS)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for k, part in enumerate(parts):
            name = "project.qde" if k == 0 else ("Sources/" if k % 2 else "sources/") + f"{k}.txt"
            z.writestr(name, part)
    return len(parts) - 1


def main():
    source, supanalyze, work = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run([sys.executable, str(source / "tests/fuzz/make_seeds.py"), str(source), str(work / "seeds")],
                   check=True)
    seeds = sorted((work / "seeds/qdpx").glob("parts-*"))
    assert len(seeds) >= 8, f"expected the parts seeds of every tests/data/refi-qda fixture, found {len(seeds)}"
    with_selections = 0
    for seed in seeds:
        data = seed.read_bytes()
        project = work / (seed.name + ".qdpx")
        texts = zip_of_parts(data, project)
        out = work / (seed.name + "-corpus")
        r = subprocess.run([supanalyze, "corpus", "import", str(project), "--year", "2564", "-o", str(out)],
                           capture_output=True, text=True)
        assert r.returncode == 0, f"{seed.name}: corpus import failed: {r.stderr}"
        if texts == 0:
            continue
        answers = sum(1 for p in out.rglob("*.md"))
        assert answers >= 1, f"{seed.name}: no answer imported from {texts} text parts"
        if b"PlainTextSelection" not in data:
            continue
        r = subprocess.run([supanalyze, "agree", str(project), str(project), "--format", "json"],
                           capture_output=True, text=True)
        if r.returncode != 0:  # a hand-made fixture whose texts are not the bundled corpus's answers
            assert "is no answer of corpus" in r.stderr or "not the corpus's answer" in r.stderr, r.stderr
            continue
        both = json.loads(r.stdout)["overall"]["both"]
        assert both > 0, f"{seed.name}: its selections were not read"
        with_selections += 1
        print(f"{seed.name}: {texts} texts, {answers} answers, {both} coded units")
    assert with_selections >= 4, f"only {with_selections} seeds reached their selections"
    print(f"{len(seeds)} parts seeds read, {with_selections} with their selections")


if __name__ == "__main__":
    main()
