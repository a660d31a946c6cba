"""``glossary review``: a person accepts or rejects the proposed entries of a glossary.

Each ``proposed`` row (written by ``glossary extract --write``) is shown with up to two
contexts from the aligned corpus, source and target sentence side by side, and is then
*accepted* (status ``approved``: the rules use it from now on), *rejected* (status
``rejected``: the row stays, ignored by the rules, so that extraction never proposes the
same pair again) or *skipped* (still ``proposed``). Decisions are written together at the
end, through :func:`qa.glossary.edit.set_statuses` (under the glossary's lock).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from align.alignment import SentencePair
from align.errors import InputError
from qa.glossary.matching import EnglishMatcher
from qa.glossary.model import Entry, Status

Key = tuple[str, str]  # (concept key, zh): how a proposal is named in the file
CONTEXTS = 2  # contexts shown per proposal
_WIDTH = 160  # characters of a sentence shown around the term


def key_of(entry: Entry) -> Key:
    """How a decision names its row."""
    return entry.key, entry.zh


def select(proposals: list[Entry], term: str) -> Entry:
    """The one proposal ``term`` names: ``EN``, ``ZH`` or ``EN=ZH``; else an InputError.

    >>> p = [Entry("dopamine", "多巴胺", Status.PROPOSED)]
    >>> select(p, "Dopamine=多巴胺").zh
    '多巴胺'
    """
    en, sep, zh = term.partition("=")
    found = [e for e in proposals
             if (e.key == en.strip().casefold() and (not sep or e.zh == zh.strip()))
             or (not sep and e.zh == term.strip())]
    if not found:
        raise InputError(None, f"no proposed entry {term!r} in the glossary")
    if len(found) > 1:
        names = ", ".join(f"{e.en}={e.zh}" for e in found)
        raise InputError(None, f"{term!r} names {len(found)} proposed entries ({names}); "
                               "name one as EN=ZH")
    return found[0]


def decide(proposals: list[Entry], accept: Iterable[str],
           reject: Iterable[str]) -> dict[Key, Status]:
    """Decisions from ``--accept``/``--reject`` TERMs; a TERM named twice is an error."""
    out: dict[Key, Status] = {}
    for terms, status in ((accept, Status.APPROVED), (reject, Status.REJECTED)):
        for term in terms:
            key = key_of(select(proposals, term))
            if out.get(key, status) is not status:
                raise InputError(None, f"{term!r} is both accepted and rejected")
            out[key] = status
    return out


@dataclass(frozen=True)
class Context:
    """An aligned pair where a proposal occurs, and whether both sides have it."""

    pair: SentencePair
    both: bool


def find_contexts(proposals: list[Entry], pairs: Iterable[SentencePair],
                  limit: int = CONTEXTS) -> dict[Key, list[Context]]:
    """Up to ``limit`` pairs per proposal: pairs with the term on both sides first, then
    pairs with its English term in the source or its Chinese in the target."""
    matcher = EnglishMatcher((f, e) for e in proposals for f in e.en_forms)
    found: dict[Key, list[Context]] = {key_of(e): [] for e in proposals}
    for pair in pairs:
        in_source = {key_of(e) for m in matcher.find(pair.source_text) for e in m.entries}
        target = pair.target_text
        for e in proposals:
            k = key_of(e)
            if k in in_source or (e.zh and e.zh in target):
                found[k].append(Context(pair, k in in_source and bool(e.zh) and e.zh in target))
    return {k: sorted(cs, key=lambda c: not c.both)[:limit] for k, cs in found.items()}


def clip(text: str, needle: str, width: int = _WIDTH) -> str:
    """``text`` cut to about ``width`` characters around the first ``needle``.

    >>> clip("a" * 50 + "TERM" + "b" * 50, "TERM", 20)
    '…aaaaaaaaTERMbbbbbbbb…'
    """
    if len(text) <= width:
        return text
    at = max(text.casefold().find(needle.casefold()), 0)
    start = max(0, min(at - (width - len(needle)) // 2, len(text) - width))
    head = "…" if start else ""
    tail = "…" if start + width < len(text) else ""
    return head + text[start:start + width] + tail


def show(entry: Entry, contexts: list[Context], n: int, total: int, out: TextIO) -> None:
    """One proposal and its contexts, as the prompt shows them."""
    note = f"  ({entry.note})" if entry.note else ""
    out.write(f"[{n}/{total}] {entry.en} → {entry.zh}{note}  (line {entry.line})\n")
    if not contexts:
        out.write("    (not found in the corpus)\n")
    for c in contexts:
        for side, sentences, needle in (("en", c.pair.source, entry.en),
                                        ("zh", c.pair.target, entry.zh)):
            if sentences:
                where = f"{sentences[0].path}:{sentences[0].line}"
                text = " ".join(s.text for s in sentences) if side == "en" else \
                    "".join(s.text for s in sentences)
                out.write(f"    {side}  {where}: {clip(text, needle)}\n")
        out.write("\n" if c is not contexts[-1] else "")


_ANSWERS = {"a": Status.APPROVED, "accept": Status.APPROVED,
            "r": Status.REJECTED, "reject": Status.REJECTED, "s": None, "skip": None, "": None}


def ask(stdin: TextIO, out: TextIO) -> Status | None | bool:
    """Read one answer: a status, ``None`` to skip, ``False`` to quit (also at end of input)."""
    while True:
        out.write("accept, reject, skip or quit? [a/r/S/q] ")
        out.flush()
        line = stdin.readline()
        if not line:
            out.write("\n")
            return False
        answer = line.strip().lower()
        if answer in ("q", "quit"):
            return False
        if answer in _ANSWERS:
            return _ANSWERS[answer]
        out.write(f"unknown answer {answer!r}\n")


def interactive(proposals: list[Entry], contexts: dict[Key, list[Context]],
                stdin: TextIO, out: TextIO) -> dict[Key, Status]:
    """Ask about each proposal in turn; the decisions made (quitting keeps them)."""
    decisions: dict[Key, Status] = {}
    for n, e in enumerate(proposals, start=1):
        show(e, contexts.get(key_of(e), []), n, len(proposals), out)
        answer = ask(stdin, out)
        if answer is False:
            break
        if isinstance(answer, Status):
            decisions[key_of(e)] = answer
    return decisions
