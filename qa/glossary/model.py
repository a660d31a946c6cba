"""Glossary entries and the glossary itself: what a term is, its renderings and its status.

One :class:`Entry` is one row of ``corpus/glossary.tsv``. Entries that share an English
term (case-folded) form one *concept*: typically one approved rendering, maybe forbidden or
deprecated ones. A ``keep`` entry says the term stays in its source form in the target
(PTSD, NMDA).

A ``proposed`` entry is a guess (``glossary extract``) waiting for a person's review, a
``rejected`` one a guess a person turned down (kept, so that extraction does not propose it
again). Neither is *in force*: :attr:`Glossary.concepts`, :meth:`Glossary.approved`, the
matchers and every other accessor the rules use leave them out; :attr:`Glossary.entries`
holds every row of the file, for the tools that edit and convert it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from align.script import has_han

if TYPE_CHECKING:  # pragma: no cover - import cycle only for annotations
    from qa.glossary.matching import ChineseMatcher, EnglishMatcher

#: The known TSV columns, in the order ``glossary.tsv`` files are written. A file needs
#: only ``en`` and ``zh``; the others are optional, in any order; unknown ones are kept.
COLUMNS = ("en", "zh", "status", "variants", "case", "note", "domain")
REQUIRED = ("en", "zh")


class Status(StrEnum):
    """What a row says about its rendering."""

    APPROVED = "approved"  # the rendering to use
    FORBIDDEN = "forbidden"  # never use this rendering
    DEPRECATED = "deprecated"  # an old rendering: replace it
    KEEP = "keep"  # the source form stays in the target (PTSD, NMDA)
    PROPOSED = "proposed"  # a guess (glossary extract) awaiting review: not in force
    REJECTED = "rejected"  # a guess a person turned down: not in force, never proposed again

    @property
    def is_banned(self) -> bool:
        return self in (Status.FORBIDDEN, Status.DEPRECATED)

    @property
    def in_force(self) -> bool:
        """Whether rules and matchers use rows of this status (not proposed or rejected).

        >>> Status.APPROVED.in_force, Status.PROPOSED.in_force
        (True, False)
        """
        return self not in (Status.PROPOSED, Status.REJECTED)


@dataclass(frozen=True)
class Entry:
    """One glossary row.

    ``variants`` holds other acceptable forms of either side: a variant with Chinese
    characters belongs to the zh side, one without to the en side.
    """

    en: str
    zh: str = ""
    status: Status = Status.APPROVED
    variants: tuple[str, ...] = ()
    case_sensitive: bool = False
    note: str = ""
    domain: str = ""
    line: int = field(default=0, compare=False)  # 1-based line in the file, 0 if built in code
    #: Values of columns bitext does not know, as (column, value) pairs in header order.
    extra: tuple[tuple[str, str], ...] = ()
    #: The ``#`` comment lines right above the row (kept through TSV and TBX).
    comments: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The concept key: the English term, case-folded."""
        return self.en.casefold()

    @property
    def en_forms(self) -> tuple[str, ...]:
        """The English term and its English variants."""
        return (self.en, *(v for v in self.variants if not has_han(v)))

    @property
    def zh_forms(self) -> tuple[str, ...]:
        """The Chinese rendering and its Chinese variants (empty for a bare ``keep`` row)."""
        head = (self.zh,) if self.zh else ()
        return (*head, *(v for v in self.variants if has_han(v)))

    @property
    def target_forms(self) -> tuple[str, ...]:
        """Forms that count as this entry's rendering in the target.

        For ``keep`` that is the English form itself (plus a zh column, if one is given).
        """
        if self.status is Status.KEEP:
            extra = tuple(f for f in (self.zh,) if f and f not in self.en_forms)
            return (*self.en_forms, *extra, *(v for v in self.variants if has_han(v)))
        return self.zh_forms


def columns_of(entries: Iterable[Entry]) -> tuple[str, ...]:
    """The known columns, then the unknown ones the entries use, in first-seen order.

    >>> columns_of([Entry("a", "甲", extra=(("source", "x"),))])[-1]
    'source'
    """
    extra = dict.fromkeys(name for e in entries for name, _ in e.extra)
    return (*COLUMNS, *(n for n in extra if n not in COLUMNS))


@dataclass
class Glossary:
    """All entries of a glossary file, in file order, with the file's checksum.

    ``columns`` is the header (a TSV file's own, else :func:`columns_of` the entries);
    ``preamble`` and ``trailer`` are the comment lines before the header and after the last
    row.
    """

    entries: list[Entry] = field(default_factory=list)
    path: str | None = None
    checksum: str = ""  # sha256 of the file's bytes ("" when built in code)
    columns: tuple[str, ...] = COLUMNS
    preamble: tuple[str, ...] = ()
    trailer: tuple[str, ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[Entry], path: str | None = None) -> Glossary:
        """A glossary built in code; its checksum is that of its entries' fields."""
        entries = list(entries)
        text = "\n".join(repr(astuple(e)) for e in entries)
        return cls(entries, path, hashlib.sha256(text.encode()).hexdigest(), columns_of(entries))

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def in_force(self) -> list[Entry]:
        """The entries rules use: every row but ``proposed`` and ``rejected`` ones."""
        return [e for e in self.entries if e.status.in_force]

    @property
    def proposals(self) -> list[Entry]:
        """The ``proposed`` entries, awaiting review, in file order."""
        return [e for e in self.entries if e.status is Status.PROPOSED]

    @cached_property
    def concepts(self) -> dict[str, list[Entry]]:
        """Entries in force grouped by concept key (case-folded English term), in file order."""
        out: dict[str, list[Entry]] = {}
        for e in self.in_force:
            out.setdefault(e.key, []).append(e)
        return out

    def approved(self, key: str) -> list[Entry]:
        """The approved and keep entries of a concept."""
        return [e for e in self.concepts.get(key, []) if not e.status.is_banned]

    def approved_forms(self, key: str) -> tuple[str, ...]:
        """Every acceptable target form of a concept, approved entry first."""
        forms: list[str] = []
        for e in self.approved(key):
            forms.extend(f for f in e.target_forms if f not in forms)
        return tuple(forms)

    def rendering(self, key: str, target: str) -> str | None:
        """How a target text renders a concept: a glossary form found in it (a Chinese one
        first), the English term left untranslated, or ``None`` if it cannot tell."""
        entries = self.concepts.get(key, [])
        # A variant counts as its entry's main form: variants are acceptable alternatives.
        main = {f: e.zh or e.en for e in entries for f in e.zh_forms}
        for m in self.target_matcher.find(target):
            if m.text in main:
                return main[m.text]
        for matcher in (self.keep_matcher, self.source_matcher):
            for m in matcher.find(target):
                if m.key == key:
                    return m.form
        return None

    def suggestion(self, key: str) -> str | None:
        """The rendering to suggest for a concept: its first approved (or keep) form."""
        forms = self.approved_forms(key)
        return forms[0] if forms else None

    @cached_property
    def en_form_keys(self) -> frozenset[str]:
        """English forms (case-folded) of the entries in force."""
        return frozenset(f.casefold() for e in self.in_force for f in e.en_forms)

    @cached_property
    def translated_en_keys(self) -> frozenset[str]:
        """English forms (case-folded) of entries meant to be translated (not ``keep``)."""
        return frozenset(f.casefold() for e in self.in_force if e.status is not Status.KEEP
                         for f in e.en_forms)

    @cached_property
    def zh_form_set(self) -> frozenset[str]:
        """Chinese forms of the entries in force."""
        return frozenset(f for e in self.in_force for f in e.zh_forms)

    @cached_property
    def source_matcher(self) -> EnglishMatcher:
        """Finds the English terms (and English variants) of every entry in a text."""
        from qa.glossary.matching import EnglishMatcher

        return EnglishMatcher((f, e) for e in self.in_force for f in e.en_forms)

    @cached_property
    def target_matcher(self) -> ChineseMatcher:
        """Finds every entry's Chinese forms in a zh text (jieba-checked boundaries)."""
        from qa.glossary.matching import ChineseMatcher

        return ChineseMatcher((f, e) for e in self.in_force for f in e.zh_forms)

    @cached_property
    def keep_matcher(self) -> EnglishMatcher:
        """Finds the source-form renderings of ``keep`` entries in a zh text."""
        from qa.glossary.matching import EnglishMatcher

        return EnglishMatcher(
            (f, e) for e in self.in_force if e.status is Status.KEEP
            for f in e.target_forms if not has_han(f)
        )
