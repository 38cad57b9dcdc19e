#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Unit tests of scripts/model-devset.py's pure parts: features, the logistic fit, the
combinations, F1 and the bootstrap. No passage of the development set is read; the Thai
sentences are invented."""
import importlib.util
import os
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location("model_devset", os.path.join(ROOT, "scripts", "model-devset.py"))
m = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(m)


class Features(unittest.TestCase):
    def test_thai_runs_stop_at_latin_digits_and_spaces(self):
        self.assertEqual(m.thai_runs("งบ COVID-19 ไม่พอ"), ["งบ", "ไม่พอ"])

    def test_character_ngrams_inside_thai_runs_and_latin_words(self):
        # Tokens as `supanalyze tokenize` gives them: Thai tokens join into one run.
        fs = m.features(["งบ", "ไม่", "พอ", "COVID", "-", "19", "ครู"], "chars")
        for gram in ("c:งบ", "c:งบไ", "c:งบไม", "c:ไม่พ", "c:พอ", "c:คร", "c:ครู", "w:covid"):
            self.assertIn(gram, fs)
        # no n-gram of 1 or 5 code points, none across the Latin word, no token features
        self.assertNotIn("c:ง", fs)
        self.assertNotIn("c:งบไม่", fs)
        self.assertNotIn("c:อคร", fs)
        self.assertFalse(any(f.startswith("t:") for f in fs))
        self.assertNotIn("w:19", fs)

    def test_tokens_added_only_with_chars_tokens(self):
        fs = m.features(["อาสาสมัคร", "Training"], "chars+tokens")
        self.assertIn("t:อาสาสมัคร", fs)
        self.assertIn("t:training", fs)
        self.assertIn("w:training", fs)

    def test_vocabulary_keeps_features_of_two_passages_sorted(self):
        vocab = m.vocabulary([{"b", "a"}, {"a", "c"}, {"b"}])
        self.assertEqual(vocab, {"a": 0, "b": 1})
        self.assertEqual(m.vectorise({"c", "b", "a"}, vocab), [0, 1])


class Logistic(unittest.TestCase):
    # Feature 0 marks the positives, 1 the negatives, 2 and 3 occur in both.
    rows = [[0, 2], [0, 3], [0, 2, 3], [1, 2], [1, 3], [1, 2, 3], [1], [0]]
    ys = [1, 1, 1, 0, 0, 0, 0, 1]

    def test_separates_a_toy_problem(self):
        model = m.fit_logistic(self.rows, self.ys, 4, lam=1e-3, epochs=50)
        self.assertGreater(m.predict(model, [0, 2]), 0.9)
        self.assertLess(m.predict(model, [1, 2]), 0.1)
        self.assertGreater(model[0][0], 0)
        self.assertLess(model[0][1], 0)

    def test_same_seed_same_weights_and_regularisation_shrinks(self):
        a = m.fit_logistic(self.rows, self.ys, 4, lam=1e-3, seed=7)
        b = m.fit_logistic(self.rows, self.ys, 4, lam=1e-3, seed=7)
        self.assertEqual(a, b)
        strong = m.fit_logistic(self.rows, self.ys, 4, lam=1.0, seed=7)
        self.assertLess(sum(w * w for w in strong[0]), sum(w * w for w in a[0]))


class Figures(unittest.TestCase):
    def test_f1_and_its_conventions(self):
        self.assertEqual(m.f1_counts([1, 1, 1, 0, 0], [1, 1, 0, 1, 0]), (2, 1, 1))
        self.assertAlmostEqual(m.f1(2, 1, 1), 2 / 3)
        self.assertEqual(m.f1(0, 0, 0), 1.0)  # no gold, nothing coded
        self.assertEqual(m.f1(0, 2, 0), 0.0)
        gold = {"a": [1, 0, 1, 0], "b": [0, 0, 1, 1]}
        self.assertAlmostEqual(m.macro_f1(gold, {"a": [1, 0, 1, 0], "b": [0, 0, 0, 0]}, ["a", "b"]), 0.5)

    def test_combinations(self):
        probs, hits = [0.05, 0.2, 0.6, 0.9], [True, False, True, False]
        self.assertEqual(m.combine("rules", probs, hits), [1, 0, 1, 0])
        self.assertEqual(m.combine("model", probs, hits, t=0.5), [0, 0, 1, 1])
        self.assertEqual(m.combine("or", probs, hits, t_or=0.5), [1, 0, 1, 1])
        self.assertEqual(m.combine("stacked", probs, hits, t_hit=0.1, t_miss=0.95), [0, 0, 1, 0])

    def test_bootstrap(self):
        gold = {"a": [1, 0, 1, 0, 1, 0, 1, 0, 0, 1], "b": [0, 1, 1, 0, 0, 1, 0, 0, 1, 1]}
        perfect = {t: list(v) for t, v in gold.items()}
        noisy = {"a": [1, 1, 1, 0, 0, 0, 1, 0, 0, 1], "b": [0, 1, 0, 0, 0, 1, 1, 0, 1, 1]}
        ivs, diffs = m.bootstrap(gold, {"perfect": perfect, "same": perfect, "noisy": noisy},
                                 n=300, seed=1, themes=["a", "b"])
        self.assertEqual(ivs["perfect"], (1.0, 1.0))
        self.assertEqual(diffs["same"], (0.0, 0.0))
        point = m.macro_f1(gold, noisy, ["a", "b"])
        self.assertLess(ivs["noisy"][0], point)
        self.assertLess(point, ivs["noisy"][1])
        self.assertLess(diffs["noisy"][1], 0.0)
        again = m.bootstrap(gold, {"perfect": perfect, "noisy": noisy}, n=300, seed=1, themes=["a", "b"])
        self.assertEqual(again[0]["noisy"], ivs["noisy"])


if __name__ == "__main__":
    unittest.main()
