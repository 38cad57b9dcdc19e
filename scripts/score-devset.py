#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Scores a codebook against the labelled development set of real public Thai text.

The development set (codebooks/devset-msdhs-2564/) commits only each passage's address, the
SHA-256 of its text, its split and its labels: the passages are other people's writing. Their
text comes from a JSON-lines file you keep outside the repository (one object per line with
"id" and "text"); every text is checked against its committed hash before it is scored.

Each passage becomes one answer of a throw-away corpus, `supanalyze code` codes it, and a
passage counts as coded with a theme when the theme or one of its sub-themes has a coding in
it. Figures: per theme precision, recall and F1, and the macro F1 over the themes scored.

  scripts/score-devset.py --passages ~/devset.jsonl --split heldout
  scripts/score-devset.py --passages ~/devset.jsonl --split dev,dev2 --show-errors
  scripts/score-devset.py --passages ~/devset.jsonl --split heldout --baseline
"""
import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEVSET = os.path.join(ROOT, "codebooks", "devset-msdhs-2564")
CORE = ["staffing", "budget", "equipment", "tpmap_data", "covid19", "training", "publicity", "coordination"]

# The naive baseline the issue measures against: a short list of obvious substrings per theme,
# written from the theme names alone, matched on the normalized text.
BASELINE = {
    "staffing": ["อัตรากำลัง", "บุคลากรไม่เพียงพอ", "เจ้าหน้าที่ไม่เพียงพอ", "ขาดแคลนบุคลากร", "ภาระงาน", "กำลังคน"],
    "budget": ["งบประมาณ", "ค่าใช้จ่าย", "ค่าตอบแทน", "เงินอุดหนุน", "เบิกจ่าย", "เงินสงเคราะห์"],
    "equipment": ["อุปกรณ์", "วัสดุ", "คอมพิวเตอร์", "โทรศัพท์", "อินเทอร์เน็ต", "ยานพาหนะ", "เทคโนโลยี"],
    "tpmap_data": ["TPMAP", "TPmap", "ฐานข้อมูล", "Big Data", "คัดกรอง", "เก็บข้อมูล", "ข้อมูลครัวเรือน"],
    "covid19": ["โควิด", "COVID", "Covid", "covid", "โคโรนา", "แพร่ระบาด"],
    "training": ["อบรม", "พัฒนาศักยภาพ", "ความรู้", "ทักษะ", "หลักสูตร", "คู่มือ"],
    "publicity": ["ประชาสัมพันธ์", "เผยแพร่", "การรับรู้", "รู้จัก", "สื่อ"],
    "coordination": ["บูรณาการ", "ประสานงาน", "ความร่วมมือ", "เครือข่าย", "ส่งต่อ", "ร่วมกัน"],
}


def read_labels(split):
    wanted = set(split.split(","))
    with open(os.path.join(DEVSET, "labels.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r for r in rows if "all" in wanted or r["split"] in wanted]


def read_texts(path, rows):
    texts = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                obj = json.loads(line)
                texts[obj["id"]] = obj["text"]
    missing, changed = [], []
    for r in rows:
        text = texts.get(r["id"])
        if text is None:
            missing.append(r["id"])
        elif hashlib.sha256(text.encode("utf-8")).hexdigest() != r["sha256"]:
            changed.append(r["id"])
    if missing or changed:
        sys.exit(f"{path}: {len(missing)} passages missing ({' '.join(missing[:5])}), "
                 f"{len(changed)} with a text that does not match its hash ({' '.join(changed[:5])})")
    return texts


def province_id(passage_id):
    return "p_" + passage_id.lower()


def write_corpus(folder, rows, texts):
    meta = ["id: devset", "title: development set", "year: {be: 2569, ce: 2026}", "provinces:"]
    for r in rows:
        meta.append(f"  - id: {province_id(r['id'])}\n    th: {r['id']}")
    meta += ["instruments:", "  - id: devset", "    th: devset", "    en: devset", "    questions:",
             "      - id: q1", "        th: passage"]
    with open(os.path.join(folder, "corpus.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(meta) + "\n")
    table = os.path.join(folder, "devset.tsv")
    with open(table, "w", encoding="utf-8") as f:
        f.write("corpus\tyear\tinstrument\tquestion\tprovince\tsegment\ttext\n")
        for r in rows:
            text = " ".join(texts[r["id"]].split())  # one segment: tabs and line breaks become spaces
            f.write(f"devset\t2569\tdevset\tq1\t{province_id(r['id'])}\t1\t{text}\n")
    return table


def theme_tree(binary, codebook):
    args = [binary, "codebook", "show", "--format", "json"] + (["-c", codebook] if codebook else [])
    doc = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    parent = {t["id"]: t.get("parent") for t in doc["themes"]}
    return parent


def coded_by_tool(binary, codebook, table, meta):
    args = [binary, "code", table, "--meta", meta, "--format", "tsv"] + (["-c", codebook] if codebook else [])
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout.splitlines()
    header = out[0].split("\t")
    coded = {}
    for line in out[1:]:
        row = dict(zip(header, line.split("\t")))
        coded.setdefault(row["province"], []).append((row["theme"], row["term"], row["text"]))
    return coded


def coded_by_baseline(binary, rows, texts):
    joined = "\n".join(" ".join(texts[r["id"]].split()) for r in rows) + "\n"
    normalized = subprocess.run([binary, "normalize"], input=joined, check=True, capture_output=True,
                                text=True).stdout.split("\n")
    coded = {}
    for r, text in zip(rows, normalized):
        for theme, needles in BASELINE.items():
            for needle in needles:
                if needle in text:
                    coded.setdefault(province_id(r["id"]), []).append((theme, needle, needle))
    return coded


def rolled_up(codings, parent):
    themes = set()
    for theme, _, _ in codings:
        while theme:
            themes.add(theme)
            theme = parent.get(theme)
    return themes


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passages", required=True, help="JSON-lines file with the passages' id and text")
    ap.add_argument("--split", default="dev",
                    help="dev, dev2, heldout, all, or a comma-separated list (default: dev)")
    ap.add_argument("--codebook", "-c", help="codebook YAML (default: the built-in one)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "cli", "supanalyze"))
    ap.add_argument("--baseline", action="store_true", help="score the naive substring baseline instead")
    ap.add_argument("--show-errors", action="store_true", help="list false positives and negatives")
    args = ap.parse_args()

    rows = read_labels(args.split)
    texts = read_texts(args.passages, rows)
    with tempfile.TemporaryDirectory() as tmp:
        table = write_corpus(tmp, rows, texts)
        if args.baseline:
            coded, parent = coded_by_baseline(args.binary, rows, texts), {}
        else:
            coded = coded_by_tool(args.binary, args.codebook, table, os.path.join(tmp, "corpus.yaml"))
            parent = theme_tree(args.binary, args.codebook)

    print(f"{'baseline' if args.baseline else 'codebook'} on the {args.split} split: {len(rows)} passages")
    print(f"{'theme':<14}{'gold':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}")
    f1s = []
    for theme in CORE:
        tp = fp = fn = 0
        errors = []
        for r in rows:
            pid = province_id(r["id"])
            gold = r[theme] == "1"
            found = theme in rolled_up(coded.get(pid, []), parent)
            tp += gold and found
            fp += found and not gold
            fn += gold and not found
            if args.show_errors and gold != found:
                why = [f"{t}:{term}" for t, term, _ in coded.get(pid, []) if t == theme]
                errors.append(f"    {'FP' if found else 'FN'} {r['id']}  {' '.join(why)}  {' '.join(texts[r['id']].split())[:120]}")
        p = tp / (tp + fp) if tp + fp else 1.0
        rc = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        f1s.append(f1)
        print(f"{theme:<14}{tp + fn:>5}{tp:>5}{fp:>5}{fn:>5}{p:>7.2f}{rc:>7.2f}{f1:>7.2f}")
        for e in errors:
            print(e)
    print(f"macro F1 {sum(f1s) / len(f1s):.2f}")


if __name__ == "__main__":
    main()
