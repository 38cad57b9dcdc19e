#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Does a learned per-theme model, beside the codebook's rules, make coding hold on unseen text?

An experiment on the labelled development set (codebooks/devset-msdhs-2564/), pure Python 3
standard library. Each passage is normalized and tokenised by the tool (`supanalyze tokenize`:
the normalizer, then ICU word breaking with the domain terms); its features are the character
n-grams of its Thai runs, its Latin words and its ICU tokens (present or not, the vector scaled
to length 1). Per core theme an L2-regularised logistic regression is fitted by SGD (seeded
shuffles, so every run gives the same figures). Four ways of coding are compared:
  rules    the codebook's codings (a theme or one of its sub-themes coded in the passage)
  model    the model's probability >= t
  or       rules, or the model's probability >= t_or
  stacked  rule hit: the model's probability >= t_hit; no hit: >= t_miss (what a two-feature
           logistic stacker, model score plus rule hit, can express)

  --loso   development: leave one set out over the six splits the codebook was written from
           (train on five, score the sixth) for a small grid of features, regularisation and
           thresholds. Each left-out split is coded by the codebook of the moment it was first
           scored (one that had not seen it, taken from git history; FIRST_CONTACT below), so
           that "rules" there are rules on unseen text too; the same grid is then shown with
           the given codebook's codings (written from all six: in-sample, for comparison).
  --final  once: fit on the 635 passages with the frozen choices (FROZEN below), code
           `heldout4` with the model alone and the combinations with the given codebook's
           codings; macro F1 and per theme, with 95% bootstrap intervals over passages
           (2,000 resamples, seeded) and of the difference to the rules alone.

  scripts/model-devset.py --passages ~/devset.jsonl --binary build/cli/supanalyze --loso
  scripts/model-devset.py --passages ~/devset.jsonl --binary build/cli/supanalyze --final
"""
import argparse
import importlib.util
import math
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

_spec = importlib.util.spec_from_file_location("score_devset", os.path.join(HERE, "score-devset.py"))
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

CORE = score.CORE
OLD_SPLITS = ["dev", "dev2", "dev3", "heldout", "heldout2", "heldout3"]
FINAL_SPLIT = "heldout4"

# The codebook each older split was first scored with (none of them had seen it), by commit of
# codebooks/msdhs-2564.yaml. dev and dev2 have no such 2.x version (dev was read while writing
# 2.0, and dev2's first draft was never committed): version 1.0, written from the bundled
# corpus, is the codebook that had not seen them.
FIRST_CONTACT = {
    "dev": "e8cfb56",  # 1.0
    "dev2": "e8cfb56",  # 1.0
    "dev3": "0210e73",  # 2.0 first round (scored dev3 0.83)
    "heldout": "94c1f0a",  # 2.0 (0.83)
    "heldout2": "c251569",  # 2.1 (0.79)
    "heldout3": "96e00ce",  # 2.2 (0.77)
}

# The development grid (leave one set out over OLD_SPLITS).
GRID_FEATURES = ["chars", "chars+tokens"]
GRID_LAMBDA = [1e-6, 1e-5, 1e-4]
GRID_T = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6]
EPOCHS = 15
SEED = 2564

# The choices --final uses, frozen from the --loso run recorded in docs/codebook-msdhs-2564.md
# (before heldout4 was scored with any model): the combination with the best mean macro F1 over
# the six left-out splits, rules of the codebook that had not seen them, is "or" (0.803 against
# 0.776 for those rules alone); the features and lambda of its best grid point (the six
# points of "or" lie within 0.003 of each other); each other coding's best threshold there.
FROZEN = {
    "features": "chars+tokens",
    "lambda": 1e-6,
    "combination": "or",
    "t": 0.2,  # model alone
    "t_or": 0.4,  # rules or model
    "t_hit": 0.1,  # stacked, rule hit
    "t_miss": 0.4,  # stacked, no rule hit
}


# --- features -------------------------------------------------------------------------------

def is_thai(ch):
    return "\u0e00" <= ch <= "\u0e7f"


def thai_runs(text):
    # Maximal runs of Thai code points (letters, vowels, marks, Thai digits).
    runs, start = [], None
    for i, ch in enumerate(text):
        if is_thai(ch):
            if start is None:
                start = i
        elif start is not None:
            runs.append(text[start:i])
            start = None
    if start is not None:
        runs.append(text[start:])
    return runs


def latin_words(text):
    # Lower-cased runs of ASCII letters of two or more (COVID, TPMAP, budget).
    words, cur = [], []
    for ch in text + " ":
        if ch.isascii() and ch.isalpha():
            cur.append(ch.lower())
        else:
            if len(cur) >= 2:
                words.append("".join(cur))
            cur = []
    return words


def features(tokens, kind, n_min=2, n_max=4):
    """The set of feature names of one passage, given its tokens (normalized text, in order).

    kind "chars": character n-grams (n_min..n_max code points) inside Thai runs, the Thai runs
    taken over the tokens joined without spaces (so n-grams cross ICU's word breaks), plus Latin
    words; "chars+tokens" adds every token that holds a letter."""
    text = " ".join(tokens)
    found = set()
    for run in thai_runs("".join(t if any(is_thai(c) for c in t) else " " for t in tokens)):
        for n in range(n_min, n_max + 1):
            for i in range(len(run) - n + 1):
                found.add("c:" + run[i:i + n])
    for w in latin_words(text):
        found.add("w:" + w)
    if kind == "chars+tokens":
        for t in tokens:
            if any(c.isalpha() for c in t):
                found.add("t:" + t.lower())
    return found


def vocabulary(feature_sets, min_df=2):
    # Feature name -> index, for the names in at least min_df of the (training) passages, sorted.
    df = {}
    for fs in feature_sets:
        for f in fs:
            df[f] = df.get(f, 0) + 1
    names = sorted(f for f, n in df.items() if n >= min_df)
    return {f: i for i, f in enumerate(names)}


def vectorise(fs, vocab):
    # Sorted indices of the known features; every one has the value 1/sqrt(count).
    return sorted(vocab[f] for f in fs if f in vocab)


# --- model ----------------------------------------------------------------------------------

def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit_logistic(rows, ys, n_features, lam, epochs=EPOCHS, seed=SEED, eta0=0.5):
    """L2-regularised logistic regression by SGD. rows: lists of feature indices, each with the
    value 1/sqrt(len); ys: 0/1. Minimises mean log loss + lam/2 |w|^2 (bias not regularised),
    step eta_t = eta0 / (1 + eta0 * lam * t), the shrinkage kept in a scale factor so that each
    step costs the passage's features only. Returns (weights, bias)."""
    v = [0.0] * n_features
    scale, bias, t = 1.0, 0.0, 0
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            idx = rows[i]
            x = 1.0 / math.sqrt(len(idx)) if idx else 0.0
            eta = eta0 / (1.0 + eta0 * lam * t)
            t += 1
            z = scale * x * sum(v[j] for j in idx) + bias
            g = sigmoid(z) - ys[i]
            scale *= 1.0 - eta * lam
            if scale < 1e-9:  # fold the scale back into the weights before it underflows
                v = [w * scale for w in v]
                scale = 1.0
            if abs(g) > 1e-6 and idx:
                step = eta * g * x / scale
                for j in idx:
                    v[j] -= step
            bias -= eta * g
    return [w * scale for w in v], bias


def predict(model, idx):
    w, b = model
    x = 1.0 / math.sqrt(len(idx)) if idx else 0.0
    return sigmoid(x * sum(w[j] for j in idx) + b)


# --- figures --------------------------------------------------------------------------------

def f1_counts(gold, pred):
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if p and not g)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    return tp, fp, fn


def f1(tp, fp, fn):
    # As scripts/score-devset.py: precision 1 with nothing predicted, recall 1 with no gold.
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def macro_f1(gold, pred, themes=CORE):
    # gold, pred: {theme: [0/1 per passage]}.
    return sum(f1(*f1_counts(gold[t], pred[t])) for t in themes) / len(themes)


def bootstrap(gold, preds, n=2000, seed=SEED, themes=CORE):
    """95% percentile intervals of macro F1 over passages resampled with replacement, for each
    coding in preds ({name: {theme: [0/1]}}), and of each one's difference to the first.
    Returns {name: (low, high)} and {name: (low, high)} for the differences."""
    rng = random.Random(seed)
    count = len(next(iter(gold.values())))
    names = list(preds)
    samples = {name: [] for name in names}
    diffs = {name: [] for name in names[1:]}
    for _ in range(n):
        pick = [rng.randrange(count) for _ in range(count)]
        g = {t: [gold[t][i] for i in pick] for t in themes}
        scores = {name: macro_f1(g, {t: [preds[name][t][i] for i in pick] for t in themes}, themes)
                  for name in names}
        for name in names:
            samples[name].append(scores[name])
        for name in names[1:]:
            diffs[name].append(scores[name] - scores[names[0]])

    def interval(xs):
        xs = sorted(xs)
        return xs[int(0.025 * len(xs))], xs[int(0.975 * len(xs)) - 1]

    return ({name: interval(xs) for name, xs in samples.items()},
            {name: interval(xs) for name, xs in diffs.items()})


def combine(kind, probs, hits, t=None, t_or=None, t_hit=None, t_miss=None):
    if kind == "rules":
        return [int(h) for h in hits]
    if kind == "model":
        return [int(p >= t) for p in probs]
    if kind == "or":
        return [int(h or p >= t_or) for p, h in zip(probs, hits)]
    if kind == "stacked":
        return [int(p >= (t_hit if h else t_miss)) for p, h in zip(probs, hits)]
    raise ValueError(kind)


# --- data -----------------------------------------------------------------------------------

def tokenise(binary, rows, texts):
    joined = "\n".join(" ".join(texts[r["id"]].split()) for r in rows) + "\n"
    out = subprocess.run([binary, "tokenize", "--sep", "\t"], input=joined, check=True,
                         capture_output=True, text=True).stdout.split("\n")
    return {r["id"]: [t for t in line.split("\t") if t] for r, line in zip(rows, out)}


def rule_hits(binary, codebook, rows, texts):
    # {id: set of core themes the codebook codes in the passage (sub-themes rolled up)}.
    with tempfile.TemporaryDirectory() as tmp:
        table = score.write_corpus(tmp, rows, texts)
        coded = score.coded_by_tool(binary, codebook, table, os.path.join(tmp, "corpus.yaml"))
        parent = score.theme_tree(binary, codebook)
    return {r["id"]: score.rolled_up(coded.get(score.province_id(r["id"]), []), parent) & set(CORE)
            for r in rows}


def codebook_at(commit, folder):
    path = os.path.join(folder, f"msdhs-2564-{commit}.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(subprocess.run(["git", "-C", ROOT, "show", f"{commit}:codebooks/msdhs-2564.yaml"],
                               check=True, capture_output=True, text=True).stdout)
    return path


def fit_and_score(train, test, fsets, labels, lam):
    # Fits the eight themes on train ids; returns {theme: [probability per test id]}.
    vocab = vocabulary([fsets[i] for i in train])
    xtr = [vectorise(fsets[i], vocab) for i in train]
    xte = [vectorise(fsets[i], vocab) for i in test]
    out = {}
    for theme in CORE:
        model = fit_logistic(xtr, [labels[i][theme] for i in train], len(vocab), lam)
        out[theme] = [predict(model, x) for x in xte]
    return out


def print_table(title, gold, codings, order):
    print(f"\n{title}")
    print(f"{'theme':<14}{'gold':>5}" + "".join(f"{n:>10}" for n in order))
    for theme in CORE:
        print(f"{theme:<14}{sum(gold[theme]):>5}" +
              "".join(f"{f1(*f1_counts(gold[theme], codings[n][theme])):>10.2f}" for n in order))
    print(f"{'macro F1':<19}" + "".join(f"{macro_f1(gold, codings[n]):>10.2f}" for n in order))


def loso(args, rows, texts, tokens, labels):
    ids_by_split = {s: [r["id"] for r in rows if r["split"] == s] for s in OLD_SPLITS}
    old_rows = [r for r in rows if r["split"] in OLD_SPLITS]
    # Rule codings of each left-out split: the codebook that had not seen it ("first"), and the
    # given one, written from all six splits ("current": in-sample, for comparison).
    hits_by = {"first": {}, "current": rule_hits(args.binary, args.codebook, old_rows, texts)}
    with tempfile.TemporaryDirectory() as tmp:
        for s in OLD_SPLITS:
            cb = codebook_at(FIRST_CONTACT[s], tmp)
            hits_by["first"].update(rule_hits(args.binary, cb, [r for r in old_rows if r["split"] == s], texts))
    # Out-of-fold probabilities for every grid point.
    probs = {}
    for feat in GRID_FEATURES:
        fsets = {i: features(tokens[i], feat) for i in tokens}
        for lam in GRID_LAMBDA:
            p = {}
            for s in OLD_SPLITS:
                train = [i for o in OLD_SPLITS if o != s for i in ids_by_split[o]]
                scored = fit_and_score(train, ids_by_split[s], fsets, labels, lam)
                for theme in CORE:
                    for i, pr in zip(ids_by_split[s], scored[theme]):
                        p[(i, theme)] = pr
            probs[(feat, lam)] = p
            print(f"fitted {feat} lambda={lam:g}", file=sys.stderr)

    for variant in ("first", "current"):
        report(variant, hits_by[variant], probs, ids_by_split, labels, args)


def report(variant, hits, probs, ids_by_split, labels, args):
    def fold_scores(kind, feat, lam, **th):
        out = []
        for s in OLD_SPLITS:
            ids = ids_by_split[s]
            gold = {t: [labels[i][t] for i in ids] for t in CORE}
            pred = {t: combine(kind, [probs[(feat, lam)][(i, t)] for i in ids],
                               [t in hits[i] for i in ids], **th) for t in CORE}
            out.append(macro_f1(gold, pred))
        return out

    # Every grid point, mean macro F1 over the six left-out splits.
    results = []
    for feat in GRID_FEATURES:
        for lam in GRID_LAMBDA:
            for t in GRID_T:
                results.append(("model", feat, lam, {"t": t}, fold_scores("model", feat, lam, t=t)))
                results.append(("or", feat, lam, {"t_or": t}, fold_scores("or", feat, lam, t_or=t)))
                for tm in GRID_T:
                    if tm >= t:
                        results.append(("stacked", feat, lam, {"t_hit": t, "t_miss": tm},
                                        fold_scores("stacked", feat, lam, t_hit=t, t_miss=tm)))
    rules = fold_scores("rules", GRID_FEATURES[0], GRID_LAMBDA[0])
    mean = lambda xs: sum(xs) / len(xs)
    print(f"\n=== rule codings of each left-out split: "
          f"{'the codebook that had not seen it' if variant == 'first' else (args.codebook or 'the built-in codebook') + ' (in-sample)'}")
    print(f"\n{'coding':<10}{'features':<14}{'lambda':>8}  {'thresholds':<22}" +
          "".join(f"{s:>10}" for s in OLD_SPLITS) + f"{'mean':>8}")
    print(f"{'rules':<10}{'':<14}{'':>8}  {'':<22}" + "".join(f"{x:>10.2f}" for x in rules) +
          f"{mean(rules):>8.3f}")
    for kind in ("model", "or", "stacked"):
        best = sorted((r for r in results if r[0] == kind), key=lambda r: -mean(r[4]))
        for r in best[:args.top]:
            th = " ".join(f"{k}={v:g}" for k, v in r[3].items())
            print(f"{kind:<10}{r[1]:<14}{r[2]:>8g}  {th:<22}" + "".join(f"{x:>10.2f}" for x in r[4]) +
                  f"{mean(r[4]):>8.3f}")
    # Per theme, pooled over the six left-out splits, for the frozen choices.
    fz = FROZEN
    p = probs.get((fz["features"], fz["lambda"]))
    if p:
        ids = [i for s in OLD_SPLITS for i in ids_by_split[s]]
        gold = {t: [labels[i][t] for i in ids] for t in CORE}
        codings = {}
        for kind, th in (("rules", {}), ("model", {"t": fz["t"]}), ("or", {"t_or": fz["t_or"]}),
                         ("stacked", {"t_hit": fz["t_hit"], "t_miss": fz["t_miss"]})):
            codings[kind] = {t: combine(kind, [p[(i, t)] for i in ids], [t in hits[i] for i in ids], **th)
                             for t in CORE}
        print_table("frozen choices, per theme F1 pooled over the six left-out splits (635 passages)",
                    gold, codings, ["rules", "model", "or", "stacked"])


def final(args, rows, texts, tokens, labels):
    fz = FROZEN
    train = [r["id"] for r in rows if r["split"] in OLD_SPLITS]
    test_rows = [r for r in rows if r["split"] == FINAL_SPLIT]
    test = [r["id"] for r in test_rows]
    fsets = {i: features(tokens[i], fz["features"]) for i in train + test}
    probs = fit_and_score(train, test, fsets, labels, fz["lambda"])
    hits = rule_hits(args.binary, args.codebook, test_rows, texts)
    gold = {t: [labels[i][t] for i in test] for t in CORE}
    codings = {}
    for kind, th in (("rules", {}), ("model", {"t": fz["t"]}), ("or", {"t_or": fz["t_or"]}),
                     ("stacked", {"t_hit": fz["t_hit"], "t_miss": fz["t_miss"]})):
        codings[kind] = {t: combine(kind, probs[t], [t in hits[i] for i in test], **th) for t in CORE}
    print(f"fit on {len(train)} passages ({', '.join(OLD_SPLITS)}), scored on {FINAL_SPLIT} "
          f"({len(test)} passages); frozen: " + ", ".join(f"{k}={v}" for k, v in fz.items()))
    order = ["rules", "model", "or", "stacked"]
    print(f"\n{'theme':<14}{'gold':>5}" + "".join(f"{n + ' P/R/F1':>20}" for n in order))
    for theme in CORE:
        cells = []
        for n in order:
            tp, fp, fn = f1_counts(gold[theme], codings[n][theme])
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            cells.append(f"{p:.2f}/{r:.2f}/{f1(tp, fp, fn):.2f}")
        print(f"{theme:<14}{sum(gold[theme]):>5}" + "".join(f"{c:>20}" for c in cells))
    intervals, diffs = bootstrap(gold, {n: codings[n] for n in order}, n=args.resamples)
    print(f"\n{'coding':<10}{'macro F1':>9}  95% interval   difference to rules, 95% interval")
    for n in order:
        lo, hi = intervals[n]
        d = f"{macro_f1(gold, codings[n]) - macro_f1(gold, codings['rules']):+.3f} " \
            f"({diffs[n][0]:+.3f} to {diffs[n][1]:+.3f})" if n in diffs else ""
        print(f"{n:<10}{macro_f1(gold, codings[n]):>9.3f}  {lo:.2f}-{hi:.2f}      {d}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passages", required=True, help="JSON-lines file with the passages' id and text")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "cli", "supanalyze"))
    ap.add_argument("--codebook", "-c", help="codebook YAML of the rules (default: the built-in one)")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--loso", action="store_true", help="development: leave one set out over the six older splits")
    mode.add_argument("--final", action="store_true", help="fit on the 635, score heldout4 once")
    ap.add_argument("--top", type=int, default=5, help="--loso: grid points shown per coding")
    ap.add_argument("--resamples", type=int, default=2000, help="--final: bootstrap resamples")
    args = ap.parse_args()

    rows = score.read_labels("all")
    texts = score.read_texts(args.passages, rows)
    tokens = tokenise(args.binary, rows, texts)
    labels = {r["id"]: {t: int(r[t]) for t in CORE} for r in rows}
    (loso if args.loso else final)(args, rows, texts, tokens, labels)


if __name__ == "__main__":
    main()
