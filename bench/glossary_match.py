"""Benchmark glossary matching: synthetic terms over synthetic sentences, per language.

Prints sentences per second for the English matcher (word boundaries, inflections) and
the Chinese matcher (Aho-Corasick + jieba edge checks, jieba loaded with the glossary), at
two term densities:

* **dense** (~2.5 matches per sentence): filler words are drawn from the same vocabulary
  the terms are built from, so terms also turn up by chance, and 0–2 terms are inserted
  per sentence. A stress test of the per-match work.
* **realistic** (~0.2 matches per sentence, like the ketamine corpus against its
  glossary): filler words never belong to a term, and a term is inserted into one
  sentence in five. Terms still occur inside longer words and across word junctions,
  which the boundary filters must reject.

Run: ``python bench/glossary_match.py --terms 5000 --sentences 100000``.
A script that prints figures, not a timed test.
"""

from __future__ import annotations

import argparse
import platform
import random
import time

from qa.glossary import Entry, Glossary
from qa.glossary.matching import _fresh_tokenizer

SYLLABLES = ("ka", "ne", "ro", "pla", "sti", "ci", "ty", "glu", "ta", "mate", "re", "cep",
             "tor", "do", "pa", "mine", "o", "pi", "oid", "sy", "nap", "tic", "en", "do")


def english_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def build(n_terms: int, n_sentences: int, seed: int,
          density: str = "dense") -> tuple[Glossary, list[str], list[str]]:
    """A synthetic glossary and en/zh sentences; ``density`` is "dense" or "realistic"."""
    rng = random.Random(seed)
    # Real Chinese words from jieba's dictionary, so segmentation behaves as on real text.
    freq = _fresh_tokenizer().FREQ
    zh_words = sorted(w for w, f in freq.items() if 2 <= len(w) <= 3 and f >= 50
                      and all("\u4e00" <= c <= "\u9fff" for c in w))
    zh_words = rng.sample(zh_words, 20000)
    # Terms are built from a third of the vocabulary, so ordinary words sometimes are terms
    # (as "receptor" is) and term words often occur inside longer words.
    en_vocab = sorted({english_word(rng) for _ in range(30000)})
    rng.shuffle(en_vocab)
    term_vocab = en_vocab[: len(en_vocab) // 3]
    entries, seen_en, seen_zh = [], set(), set()
    zh_parts: set[str] = set()
    while len(entries) < n_terms:
        en = " ".join(rng.choice(term_vocab) for _ in range(rng.randint(1, 3)))
        parts = [rng.choice(zh_words) for _ in range(rng.randint(1, 2))]
        zh = "".join(parts)
        if en not in seen_en and zh not in seen_zh:
            seen_en.add(en)
            seen_zh.add(zh)
            entries.append(Entry(en, zh))
            zh_parts.update(parts)
    en_fill, zh_fill = en_vocab, zh_words
    if density == "realistic":
        term_en = {w for e in entries for w in e.en.split()}
        en_fill = [w for w in en_vocab if w not in term_en]
        zh_fill = [w for w in zh_words if w not in zh_parts]
    en_sents, zh_sents = [], []
    for _ in range(n_sentences):
        words = [rng.choice(en_fill) for _ in range(rng.randint(10, 25))]
        chars = [rng.choice(zh_fill) for _ in range(rng.randint(8, 16))]
        inserts = rng.randint(0, 2) if density == "dense" else int(rng.random() < 0.2)
        for _ in range(inserts):  # real terms in the sentence
            e = rng.choice(entries)
            words.insert(rng.randrange(len(words)), e.en + rng.choice(["", "s", "'s"]))
            chars.insert(rng.randrange(len(chars)), e.zh)
        en_sents.append(" ".join(words).capitalize() + ".")
        zh_sents.append("".join(chars) + "。")
    return Glossary.from_entries(entries), en_sents, zh_sents


def measure(name: str, find, sentences: list[str]) -> None:
    start = time.perf_counter()
    found = sum(len(find(s)) for s in sentences)
    elapsed = time.perf_counter() - start
    print(f"{name}: {len(sentences):,} sentences in {elapsed:.2f} s = "
          f"{len(sentences) / elapsed:,.0f} sentences/s ({found:,} matches, "
          f"{found / len(sentences):.2f} per sentence)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--density", choices=("dense", "realistic", "both"), default="both")
    args = parser.parse_args()
    print(f"python {platform.python_version()}, {args.terms:,} terms, "
          f"{args.sentences:,} sentences per language")
    for density in ("dense", "realistic") if args.density == "both" else (args.density,):
        # Same seed: the same glossary at both densities, only the sentences differ.
        glossary, en, zh = build(args.terms, args.sentences, args.seed, density)
        t = time.perf_counter()
        en_matcher, zh_matcher = glossary.source_matcher, glossary.target_matcher
        zh_matcher.prepare()  # build the jieba user dictionary outside the timing
        print(f"[{density}] build: {time.perf_counter() - t:.2f} s "
              "(automata + jieba user dictionary)")
        measure(f"[{density}] en", en_matcher.find, en)
        measure(f"[{density}] zh", zh_matcher.find, zh)


if __name__ == "__main__":
    main()
