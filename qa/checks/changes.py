"""What changed since a git revision: the sentences edited on each side of a document pair.

``bitext check --changed-since REV`` keeps only findings in aligned pairs that changed
(on either side, :func:`changed_pairs`), and the D rules compare each pair's two sides (see
``qa/checks/revision``).
The old text of a file is read with ``git show REV:./NAME`` run in the file's own folder,
so any working directory and any repository layout work; a file that did not exist at REV
counts as entirely new. Sentences are matched old ↔ new with difflib on their normalised
text, so an edit is located to the sentence, and lines shifted by edits elsewhere do not
count as changes.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from align.alignment import SentencePair
from align.document import Document, Sentence
from align.errors import InputError
from align.monotone import monotone_pairs
from align.reader import parse_document
from align.textio import decode_bytes
from qa.core.run import AlignedDocument

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SideChanges:
    """One side's sentences that are new or edited since the revision.

    ``old`` maps a changed sentence's index to the text it replaced ("" when added).
    """

    changed: frozenset[int]
    old: dict[int, str] = field(default_factory=dict, hash=False, compare=False)
    new_file: bool = False
    removed: int = 0  # old sentences with no counterpart now

    def __contains__(self, index: int) -> bool:
        return index in self.changed


@dataclass(frozen=True)
class DocumentChanges:
    """Both sides of a document pair since a revision."""

    revision: str
    source: SideChanges
    target: SideChanges

    def pair_flags(self, pair: SentencePair) -> tuple[bool, bool]:
        """Whether the pair's source changed, and whether its target changed."""
        return (any(s.index in self.source for s in pair.source),
                any(s.index in self.target for s in pair.target))

    @property
    def any(self) -> bool:
        return bool(self.source.changed or self.target.changed or self.source.removed
                    or self.target.removed)


def _git(args: list[str], folder: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False,
                              timeout=60)
    except FileNotFoundError:
        raise InputError(None, "git is not installed (needed for --changed-since)") from None


@lru_cache(maxsize=64)
def _verify(revision: str, folder: Path) -> None:
    """Raise a one-line InputError unless ``folder`` is in a repository that has ``revision``."""
    inside = _git(["rev-parse", "--is-inside-work-tree"], folder)
    if inside.returncode != 0:
        raise InputError(str(folder), "not a git repository (--changed-since needs one)")
    if revision.startswith("-"):
        raise InputError(None, f"unknown revision {revision!r}")
    found = _git(["rev-parse", "--verify", "--quiet", "--end-of-options",
                  f"{revision}^{{commit}}"], folder)
    if found.returncode != 0:
        raise InputError(None, f"unknown revision {revision!r} in {folder}")


@lru_cache(maxsize=256)
def read_at_revision(revision: str, path: str) -> bytes | None:
    """The bytes of ``path`` at ``revision``, or None when the file did not exist there."""
    p = Path(path)
    folder = p.parent.resolve() if p.parent != Path("") else Path.cwd()
    _verify(revision, folder)
    shown = _git(["show", f"{revision}:./{p.name}"], folder)
    if shown.returncode != 0:
        return None  # not in that revision: a new file (the revision itself was verified)
    return shown.stdout


def _key(s: Sentence) -> str:
    return _SPACE.sub(" ", s.raw).strip()


def side_changes(old: Document | None, new: Document) -> SideChanges:
    """The sentences of ``new`` that are not in ``old`` unchanged, with their old text."""
    if old is None:
        return SideChanges(frozenset(s.index for s in new.sentences),
                           {s.index: "" for s in new.sentences}, new_file=True)
    a = [_key(s) for s in old.sentences]
    b = [_key(s) for s in new.sentences]
    changed: dict[int, str] = {}
    removed = 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "delete":
            removed += i2 - i1
            continue
        matched = _match_edited(a[i1:i2], b[j1:j2])
        for k in range(j2 - j1):
            changed[j1 + k] = a[i1 + matched[k]] if matched[k] is not None else ""
        removed += (i2 - i1) - sum(m is not None for m in matched)
    return SideChanges(frozenset(changed), changed, removed=removed)


#: Below this similarity an edited sentence counts as new text rather than as an edit.
MIN_EDIT_RATIO = 0.5
#: Larger replaced stretches are not matched sentence by sentence (quadratic cost).
_MAX_CELLS = 40_000


def _match_edited(old: list[str], new: list[str]) -> list[int | None]:
    """For each new sentence of a replaced stretch, the old one it is an edit of (in order).

    A monotone alignment maximising the summed similarity; sentences too unlike any old one
    are additions (None).
    """
    n, m = len(old), len(new)
    if n == 0:
        return [None] * m
    if n * m > _MAX_CELLS:
        return [min(k, n - 1) if k < n else None for k in range(m)]
    sim = [[difflib.SequenceMatcher(None, o, w, autojunk=False).ratio() for w in new]
           for o in old]
    out: list[int | None] = [None] * m
    for i, j in monotone_pairs(sim, MIN_EDIT_RATIO):
        out[j] = i
    return out


def _old_document(revision: str, doc: Document) -> Document | None:
    data = read_at_revision(revision, doc.path)
    if data is None:
        return None
    text = decode_bytes(data, f"{revision}:{doc.path}", None).text
    return parse_document(text, doc.path, doc.lang)


_CACHE: dict[tuple[str, str, str, int, int], DocumentChanges] = {}
#: Documents whose changes are remembered: the pipeline and the D rules ask for the same
#: document one after another, and a corpus streamed in flat memory must not keep every one.
CACHE_SIZE = 16


def document_changes(revision: str, doc: AlignedDocument) -> DocumentChanges:
    """What changed in both files of ``doc`` since ``revision`` (cached per text, for the
    last :data:`CACHE_SIZE` documents)."""
    src, tgt = doc.alignment.source, doc.alignment.target
    key = (revision, src.path, tgt.path, hash(src.text), hash(tgt.text))
    found = _CACHE.pop(key, None)
    if found is None:
        found = DocumentChanges(
            revision,
            side_changes(_old_document(revision, src), src),
            side_changes(_old_document(revision, tgt), tgt),
        )
        while len(_CACHE) >= CACHE_SIZE:
            del _CACHE[next(iter(_CACHE))]
    _CACHE[key] = found  # newest last
    return found


def changed_pairs(revision: str, doc: AlignedDocument) -> tuple[bool, set[int]]:
    """Whether anything in ``doc`` changed since ``revision``, and the indices of its pairs
    that changed on either side."""
    changes = document_changes(revision, doc)
    return changes.any, {k for k, pair in enumerate(doc.pairs) if any(changes.pair_flags(pair))}
