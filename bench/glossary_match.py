"""Benchmark glossary matching: synthetic terms over synthetic sentences, per language.

Prints sentences per second for the English matcher (word boundaries, inflections) and
the Chinese matcher (Aho-Corasick + jieba edge checks, jieba loaded with the glossary).
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


def build(n_terms: int, n_sentences: int, seed: int) -> tuple[Glossary, list[str], list[str]]:
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
    while len(entries) < n_terms:
        en = " ".join(rng.choice(term_vocab) for _ in range(rng.randint(1, 3)))
        zh = "".join(rng.choice(zh_words) for _ in range(rng.randint(1, 2)))
        if en not in seen_en and zh not in seen_zh:
            seen_en.add(en)
            seen_zh.add(zh)
            entries.append(Entry(en, zh))
    en_sents, zh_sents = [], []
    for _ in range(n_sentences):
        words = [rng.choice(en_vocab) for _ in range(rng.randint(10, 25))]
        chars = [rng.choice(zh_words) for _ in range(rng.randint(8, 16))]
        for _ in range(rng.randint(0, 2)):  # a couple of real terms per sentence
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
          f"{len(sentences) / elapsed:,.0f} sentences/s ({found:,} matches)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    glossary, en, zh = build(args.terms, args.sentences, args.seed)
    print(f"python {platform.python_version()}, {args.terms:,} terms, "
          f"{args.sentences:,} sentences per language")
    t = time.perf_counter()
    en_matcher, zh_matcher = glossary.source_matcher, glossary.target_matcher
    zh_matcher.tokenizer  # noqa: B018 - build the jieba user dictionary outside the timing
    print(f"build: {time.perf_counter() - t:.2f} s (automata + jieba user dictionary)")
    measure("en", en_matcher.find, en)
    measure("zh", zh_matcher.find, zh)


if __name__ == "__main__":
    main()
