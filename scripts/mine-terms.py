#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Lists, per theme, the words and phrases that separate a labelled sample's positives from its
negatives, measured against what a codebook already codes: candidate terms for an analyst to
judge against the theme's definition (the script never edits a codebook).

Input: passages (JSON lines with "id" and "text", as for score-devset.py) and labels (a TSV with
an "id" column, optionally "split", and one 0/1 column per theme, as the development set's
labels.tsv). Each passage is tokenised by `supanalyze tokenize` (ICU word breaking plus the
built-in domain terms, after the normalizer) and coded by `supanalyze code` with the codebook.

Candidates: single words, two adjacent words (joined as the tool would match them), and with
--near W, two words at most W tokens apart (a `near` rule). Per theme and candidate:
  pos / neg   passages of the theme / not of the theme that hold it
  P           pos / (pos + neg); LB the lower bound of its 90% Wilson interval (ranking key)
  R           pos / positives of the theme
  new         positives where it stands outside every coding of the theme (vocabulary the
              codebook does not use there: what keeps a coding when other words are missing)
  gain        positives the codebook misses that it would find
  +fp         negatives the codebook leaves alone that it would code
  dF1         the theme's F1 if it were added as a term, minus the F1 now
Candidates that the codebook already covers in every positive (new = 0), that occur in fewer
than --min-support positives, or whose P is below --min-precision are left out.

  scripts/mine-terms.py --passages ~/devset.jsonl --split dev,dev2,dev3,heldout,heldout2
  scripts/mine-terms.py --passages mine.jsonl --labels mine.tsv -t staffing --near 4 --top 40
"""
import argparse
import csv
import hashlib
import importlib.util
import json
import math
import os
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

_spec = importlib.util.spec_from_file_location("score_devset", os.path.join(HERE, "score-devset.py"))
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

# Tokens that are never a candidate on their own: Thai function words and fillers. A candidate
# phrase may still hold them (ไม่เพียงพอ, ขาดแคลน are words; "ไม่" alone is not a term).
STOP = set("""
การ ความ ที่ และ ใน ของ ให้ ได้ มี เป็น ไป มา จะ ว่า กับ จาก โดย เพื่อ หรือ แต่ ซึ่ง นี้ นั้น ก็ แล้ว
ยัง ไม่ อยู่ ต้อง ถึง ทั้ง ด้วย อย่าง ทำ คน ราย ปี วัน เดือน ต่อ ไว้ ขึ้น ลง ออก เข้า ตาม กว่า มาก
ผู้ เรา เขา ท่าน นาย นาง นางสาว น. จ. อ. ต. ค. ๆ ฯ ฯลฯ เช่น ได้แก่ คือ เมื่อ หาก ถ้า จึง เพราะ
ทาง แห่ง ละ อีก เพียง กัน เอง สู่ ระหว่าง ส่วน รวม ทุก แต่ละ บาง หลาย ครั้ง เรื่อง ด้าน
the of and to in a an for on is are be by with as that this from or at it its their
""".split())
# A phrase that starts or ends with one of these is the word beside it plus a particle: left out.
EDGE = set("ที่ ของ และ ใน ซึ่ง ได้ ให้ จะ ก็ กับ แล้ว เป็น ไป มา ว่า จาก โดย เพื่อ the of and to in a an".split())


def fail(message):
    # Bad input: say where, exit 2 (as the tool does).
    print(f"mine-terms.py: {message}", file=sys.stderr)
    sys.exit(2)


def read_label_rows(path, split):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    if not rows:
        fail(f"{path}: no rows")
    if split and split != "all":
        wanted = set(split.split(","))
        if "split" not in rows[0]:
            fail(f"{path}: --split given but the table has no 'split' column")
        rows = [r for r in rows if r["split"] in wanted]
    return rows


def read_passages(path, rows):
    texts = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                texts[obj["id"]] = obj["text"]
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                where = f"{n}:{e.colno}" if isinstance(e, json.JSONDecodeError) else f"{n}"
                fail(f"{path}:{where}: not a JSON object with \"id\" and \"text\"")
    missing = [r["id"] for r in rows if r["id"] not in texts]
    changed = [r["id"] for r in rows if r.get("sha256") and r["id"] in texts
               and hashlib.sha256(texts[r["id"]].encode("utf-8")).hexdigest() != r["sha256"]]
    if missing or changed:
        fail(f"{path}: {len(missing)} passages missing ({' '.join(missing[:5])}), "
                 f"{len(changed)} with a text that does not match its hash ({' '.join(changed[:5])})")
    return texts


def tokenise(binary, rows, texts):
    joined = "\n".join(" ".join(texts[r["id"]].split()) for r in rows) + "\n"
    out = subprocess.run([binary, "tokenize", "--sep", "\t"], input=joined, check=True,
                         capture_output=True, text=True).stdout.split("\n")
    return {r["id"]: [t for t in line.split("\t") if t] for r, line in zip(rows, out)}


def is_word(token):
    return (len(token) >= 2 and token.lower() not in STOP and any(c.isalpha() for c in token)
            and not any(c.isdigit() for c in token))


def join(a, b):
    # Thai words join without a space (a term matches across token boundaries); Latin with one.
    return f"{a} {b}" if a[-1].isascii() and b[0].isascii() else a + b


def features(tokens, near):
    found = set()
    for i, tok in enumerate(tokens):
        if is_word(tok):
            found.add(tok)
        if i + 1 < len(tokens) and (is_word(tok) or is_word(tokens[i + 1])) \
                and tok.lower() not in EDGE and tokens[i + 1].lower() not in EDGE \
                and any(c.isalpha() for c in tok) and any(c.isalpha() for c in tokens[i + 1]):
            found.add(join(tok, tokens[i + 1]))
        if near:
            for j in range(i + 2, min(len(tokens), i + near + 1)):
                if is_word(tok) and is_word(tokens[j]) and tok != tokens[j]:
                    a, b = sorted((tok, tokens[j]))
                    found.add(f"near({a},{b};{near})")
    return found


def near_parts(candidate):
    return candidate[5:candidate.rindex(";")].split(",") if candidate.startswith("near(") else [candidate]


def wilson_lower(k, n, z=1.645):
    if n == 0:
        return 0.0
    p = k / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def rule_kind(term):
    if term.startswith("/"):
        return "pattern"
    for kind in ("near", "all_of", "any_of"):
        if term.startswith(kind + "("):
            return kind
    return "term"


def audit(rows, themes, coded, parent, fmt):
    out = sys.stdout
    if fmt == "tsv":
        out.write("theme\tkind\tterm\tpos\tneg\tP\tsole_pos\tsole_neg\n")
    for theme in themes:
        fired = {}
        for r in rows:
            cs = [(t, term) for t, term, _ in coded.get(score.province_id(r["id"]), [])
                  if theme in score.rolled_up([(t, "", "")], parent)]
            terms = {term for _, term in cs}
            for term in terms:
                c = fired.setdefault(term, [0, 0, 0, 0])
                gold = r[theme] == "1"
                c[0 if gold else 1] += 1
                if len(terms) == 1:
                    c[2 if gold else 3] += 1
        kinds = {}
        for term, c in fired.items():
            k = kinds.setdefault(rule_kind(term), [0, 0, 0])
            k[0] += c[0]
            k[1] += c[1]
            k[2] += 1
        if fmt == "tsv":
            for term, c in sorted(fired.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0])):
                out.write(f"{theme}\t{rule_kind(term)}\t{term}\t{c[0]}\t{c[1]}\t{c[0] / (c[0] + c[1]):.2f}"
                          f"\t{c[2]}\t{c[3]}\n")
            continue
        out.write(f"\n{theme}: " + ", ".join(f"{k} {v[2]} fired, {v[0]} pos / {v[1]} neg"
                                             for k, v in sorted(kinds.items())) + "\n")
        for term, c in sorted(fired.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0])):
            if c[1]:
                out.write(f"  {c[0]:>3} pos {c[1]:>3} neg (sole {c[2]}/{c[3]})  {term[:150]}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passages", required=True, help="JSON-lines file with the passages' id and text")
    ap.add_argument("--labels", default=os.path.join(score.DEVSET, "labels.tsv"),
                    help="TSV of labels: id, [split], one 0/1 column per theme (default: the development set's)")
    ap.add_argument("--split", default="all", help="only these splits, comma-separated (default: all rows)")
    ap.add_argument("-c", "--codebook", help="codebook YAML whose codings the candidates are measured against "
                    "(default: the built-in one)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "cli", "supanalyze"))
    ap.add_argument("-t", "--theme", action="append", help="only this theme (repeatable; default: every "
                    "0/1 column of the labels)")
    ap.add_argument("--near", type=int, default=0, metavar="W",
                    help="also pairs of words at most W tokens apart (near-rule candidates; 0: off)")
    ap.add_argument("--min-support", type=int, default=2, help="least positives holding a candidate (default 2)")
    ap.add_argument("--min-precision", type=float, default=0.6, help="least P (default 0.6)")
    ap.add_argument("--top", type=int, default=25, help="candidates per theme (0: all; default 25)")
    ap.add_argument("--format", choices=["table", "tsv"], default="table")
    ap.add_argument("--audit", action="store_true",
                    help="instead of candidates: each term and rule of the codebook that codes a theme in the "
                    "sample, with its positives and negatives (sole: passages it alone codes), by kind")
    args = ap.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the listing quietly
    if args.near < 0 or args.min_support < 1 or not 0 <= args.min_precision <= 1 or args.top < 0:
        fail("--near, --top >= 0, --min-support >= 1, --min-precision in [0, 1]")

    rows = read_label_rows(args.labels, args.split)
    texts = read_passages(args.passages, rows)
    themes = args.theme or [c for c in rows[0] if c not in ("id", "split", "url", "sha256")]
    for theme in themes:
        if theme not in rows[0]:
            fail(f"{args.labels}: no column '{theme}'")

    tokens = tokenise(args.binary, rows, texts)
    with tempfile.TemporaryDirectory() as tmp:
        table = score.write_corpus(tmp, rows, texts)
        coded = score.coded_by_tool(args.binary, args.codebook, table, os.path.join(tmp, "corpus.yaml"))
        parent = score.theme_tree(args.binary, args.codebook)

    if args.audit:
        audit(rows, themes, coded, parent, args.format)
        return
    feats = {r["id"]: features(tokens[r["id"]], args.near) for r in rows}
    where = {}
    for pid, fs in feats.items():
        for f in fs:
            where.setdefault(f, set()).add(pid)

    out = sys.stdout
    if args.format == "tsv":
        out.write("theme\trank\tcandidate\tpos\tneg\tP\tLB\tR\tnew\tgain\tnew_fp\tdF1\tmissed_ids\n")
    for theme in themes:
        pos_ids = {r["id"] for r in rows if r[theme] == "1"}
        codings = {r["id"]: [c for c in coded.get(score.province_id(r["id"]), [])] for r in rows}
        hit = {pid for pid, cs in codings.items() if theme in score.rolled_up(cs, parent)}
        spans = {pid: [text for t, _, text in cs if theme in score.rolled_up([(t, "", "")], parent)]
                 for pid, cs in codings.items()}
        tp, fp, fn = len(hit & pos_ids), len(hit - pos_ids), len(pos_ids - hit)
        base = f1(tp, fp, fn)
        ranked = []
        for cand, ids in where.items():
            pos = len(ids & pos_ids)
            if pos < args.min_support:
                continue
            neg = len(ids) - pos
            if pos / len(ids) < args.min_precision:
                continue
            parts = near_parts(cand)
            new = sum(1 for pid in ids & pos_ids
                      if not any(all(p in s for p in parts) for s in spans[pid]))
            if new == 0:
                continue
            gain_ids = sorted((ids & pos_ids) - hit)
            new_fp = len((ids - pos_ids) - hit)
            d = f1(tp + len(gain_ids), fp + new_fp, fn - len(gain_ids)) - base
            ranked.append((-wilson_lower(pos, len(ids)), -pos, cand, pos, neg, new, gain_ids, new_fp, d))
        ranked.sort()
        if args.top:
            ranked = ranked[:args.top]
        if args.format == "table":
            out.write(f"\n{theme}: {len(pos_ids)} positives of {len(rows)}; the codebook codes {len(hit)} "
                      f"(tp {tp}, fp {fp}, fn {fn}, F1 {base:.2f})\n")
            out.write(f"{'rank':>4}  {'pos':>4}{'neg':>4}{'P':>6}{'LB':>6}{'R':>6}{'new':>5}{'gain':>5}"
                      f"{'+fp':>4}{'dF1':>7}  candidate   [missed passages it finds]\n")
        for n, (lb, _, cand, pos, neg, new, gain_ids, new_fp, d) in enumerate(ranked, 1):
            p, r = pos / (pos + neg), pos / len(pos_ids)
            if args.format == "tsv":
                out.write(f"{theme}\t{n}\t{cand}\t{pos}\t{neg}\t{p:.2f}\t{-lb:.2f}\t{r:.2f}\t{new}\t"
                          f"{len(gain_ids)}\t{new_fp}\t{d:+.3f}\t{' '.join(gain_ids)}\n")
            else:
                missed = f"  [{' '.join(gain_ids)}]" if gain_ids else ""
                out.write(f"{n:>4}  {pos:>4}{neg:>4}{p:>6.2f}{-lb:>6.2f}{r:>6.2f}{new:>5}{len(gain_ids):>5}"
                          f"{new_fp:>4}{d:>+7.3f}  {cand}{missed}\n")


if __name__ == "__main__":
    main()
