#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measures the normalizer's dictionary repairs on a text (the 2564 seed) and prints the figures.

    scripts/measure-dictionary-repairs.py SEED [--bin build/cli/supanalyze] [--before OTHER_BIN]

For `supanalyze normalize` (one row per binary; `--before` adds a row for an older build, so
the two are compared in the same run) it reports:
  - Thai tokens of the normalized text (tokenized by the same binary's `supanalyze tokenize`)
    and the share the dictionary knows: libthai's word list (libthai-data, listed with
    libdatrie's `trietool`) together with lib/supanalyze/text/domain_words.txt;
  - repairs: the spans where `normalize` differs from `normalize --no-dict` (the context-free
    repairs only), in three classes:
      known word changed  - the span was read as known words before, its letters changed
                            (a mark moved), and the repaired span is no better a reading:
                            as many known words or more (or none): must be 0;
      fragments made a word - the span split into known words only as a chain of short list
                            entries (libthai's list holds syllables such as ภา, รก, จิ, so
                            the damaged ภารกจิ "splits" as ภา|รก|จิ), and the repair reads as
                            fewer known words (ภารกิจ, one): a damaged word repaired. Longest
                            matching alone counted these as known words changed;
      known words joined  - all tokens known, only spaces removed (a domain compound joined,
                            e.g. แก้ ไขปัญหา);
      unknown repaired    - anything else (a fragment or misspelt token made a known word);
  - seed-damage.md's dictionary-kind examples (kinds 9, 10, 11) repaired, out of all.
Needs python3 and trietool (Debian: libdatrie1-bin); reads the seed path given, nothing else.
"""
import argparse
import collections
import difflib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# seed-damage.md, kinds 9-11: (kind, damaged as the catalogue shows it, repaired, join lines?)
CATALOGUE = [
    ("9", "ศจพ.จังหวดั", "ศจพ.จังหวัด", False),
    ("9", "หน่วยร่วมดำเนนิการ", "หน่วยร่วมดำเนินการ", False),
    ("9", "อยูมี่การ", "อยู่มีการ", False),
    ("9", "ใหม้ี", "ให้มี", False),
    ("9", "ทำใหศู้นย์", "ทำให้ศูนย์", False),
    ("9", "บรรลุการบรูณาการ", "บรรลุการบูรณาการ", False),
    ("9", "ในปพี.ศ.๒๕62", "ในปี พ.ศ.2562", False),
    ("10", "ความช่ วย เ ห ลือ อ ย่ างรวด เ ร็ ว", "ความช่วยเหลืออย่างรวดเร็ว", False),
    ("10", "แก้ ไขปัญหา", "แก้ไขปัญหา", False),
    ("10", "ทั้ งนี้", "ทั้งนี้", False),
    ("10", "องค์ ความรู้", "องค์ความรู้", False),
    ("10", "ผู้ เข้าร่วม", "ผู้เข้าร่วม", False),
    ("10", "ภาคี เครือข่าย", "ภาคีเครือข่าย", False),
    ("11", "ทุกหน่วยงานบูรณา\nการร่วมกัน\n", "ทุกหน่วยงานบูรณาการร่วมกัน\n", True),
    ("11", "หน่วยงานต้น\nสังกัด\n", "หน่วยงานต้นสังกัด\n", True),
    ("11", "กลุ่ม\nเปราะบาง\n", "กลุ่มเปราะบาง\n", True),
]
# ... and what must stay as it is (source spelling, real spaces and line breaks).
CATALOGUE_KEEP = [
    ("ทุจริต", False), ("ความรู้ ความเข้าใจ", False), ("งบประมาณ พ.ศ.2564", False), ("ต่าง ๆ", False),
    ("คลอบคลุม ครอบคุลม ไม่สารถ เจ้าหน้ามีภารกิจ กลุ่มปราะ การคดกรอง การายงาน", False),
    ("มี\nอายุ\n", True), ("ทำ\nความเข้าใจ\n", True), ("ครอบคลุม ครบถ้วน ครอบคลุม\nเพิ่มการจัด\n", True),
]


def run(binary, args, text=None):
    return subprocess.run([binary] + args, input=text, capture_output=True, text=True, check=True).stdout


def known_words():
    listing = subprocess.run(["trietool", "-p", "/usr/share/libthai", "thbrk", "list"], capture_output=True, text=True,
                             check=True).stdout
    words = {line.split("\t")[0] for line in listing.splitlines() if line}
    with open(os.path.join(ROOT, "lib/supanalyze/text/domain_words.txt"), encoding="utf-8") as f:
        words |= {line.strip() for line in f if line.strip() and not line.startswith("#")}
    return words


def is_thai(token):
    return any("\u0e01" <= c <= "\u0e4e" for c in token)


def tokens(binary, text):
    out = run(binary, ["tokenize", "--format", "tsv"], text)
    return [line.split("\t")[0] for line in out.splitlines()[1:] if line]


def classify_repairs(before, after, words):
    """Diffs two normalized texts (same lines) phrase by phrase; returns a Counter and examples."""
    counts, examples = collections.Counter(), collections.defaultdict(list)
    for x, y in zip(before.split("\n"), after.split("\n")):
        if x == y:
            continue
        xs, ys = x.split(" "), y.split(" ")
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, xs, ys, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            old, new = " ".join(xs[i1:i2]), " ".join(ys[j1:j2])
            # the old phrases, split into as few known words as possible (maximal matching)
            old_words = words_in(xs[i1:i2], words)
            all_known = old_words is not None
            if all_known and old.replace(" ", "") != new.replace(" ", ""):
                new_words = words_in(ys[j1:j2], words)
                if new_words is not None and new_words < old_words:
                    kind = "fragments made a word"
                else:
                    kind = "known word changed"
            elif all_known:
                kind = "known words joined"
            else:
                kind = "unknown repaired"
            counts[kind] += 1
            examples[kind].append(f"{old} -> {new}")
    return counts, examples


def words_in(phrases, words):
    """The fewest known words the Thai phrases split into, None if one does not split."""
    total = 0
    for p in phrases:
        if not is_thai(p):
            continue
        n = segments_known(p, words)
        if n is None:
            return None
        total += n
    return total


def segments_known(phrase, words, longest=30):
    """The fewest known words the Thai letters of `phrase` split into (punctuation and digits
    split phrases), None when they do not split completely."""
    runs, cur = [], ""
    for c in phrase:
        if "\u0e01" <= c <= "\u0e4e" and c not in "\u0e46\u0e2f":
            cur += c
        else:
            runs.append(cur)
            cur = ""
    runs.append(cur)
    total = 0
    for r in filter(None, runs):
        fewest = [0] + [None] * len(r)  # fewest words covering r[:i]
        for i in range(len(r)):
            if fewest[i] is not None:
                for j in range(i + 1, min(len(r), i + longest) + 1):
                    if r[i:j] in words and (fewest[j] is None or fewest[i] + 1 < fewest[j]):
                        fewest[j] = fewest[i] + 1
        if fewest[len(r)] is None:
            return None
        total += fewest[len(r)]
    return total


def catalogue(binary):
    repaired = sum(run(binary, ["normalize"] + (["--join-lines"] if join else []), damaged).rstrip("\n") ==
                   fixed.rstrip("\n") for _, damaged, fixed, join in CATALOGUE)
    kept = sum(run(binary, ["normalize"] + (["--join-lines"] if join else []), text).rstrip("\n") ==
               text.rstrip("\n") for text, join in CATALOGUE_KEEP)
    return repaired, kept


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seed")
    parser.add_argument("--bin", default=os.path.join(ROOT, "build/cli/supanalyze"))
    parser.add_argument("--before", help="an older supanalyze to compare with, in the same run")
    parser.add_argument("--examples", type=int, default=0, help="print N examples of each repair class")
    args = parser.parse_args()
    with open(args.seed, encoding="utf-8") as f:
        seed = f.read()
    words = known_words()
    print(f"dictionary: {len(words)} words (libthai + domain words)")
    binaries = ([("before", args.before)] if args.before else []) + [("after", args.bin)]
    for label, binary in binaries:
        plain = run(binary, ["normalize", "--no-dict"], seed)
        normalized = run(binary, ["normalize"], seed)
        thai = [t for t in tokens(binary, normalized) if is_thai(t)]
        known = sum(t in words for t in thai)
        counts, examples = classify_repairs(plain, normalized, words)
        repaired, kept = catalogue(binary)
        print(f"{label}: {binary}")
        print(f"  Thai tokens {len(thai)}, known {known} = {100.0 * known / len(thai):.2f}%")
        print(f"  repairs by the dictionary: {sum(counts.values())} "
              f"(known word changed {counts['known word changed']}, fragments made a word "
              f"{counts['fragments made a word']}, known words joined "
              f"{counts['known words joined']}, unknown repaired {counts['unknown repaired']})")
        print(f"  seed-damage.md dictionary examples repaired: {repaired} of {len(CATALOGUE)}; "
              f"kept as they are: {kept} of {len(CATALOGUE_KEEP)}")
        for kind, items in sorted(examples.items()):
            for item in items[: args.examples]:
                print(f"    {kind}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
