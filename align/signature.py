"""Signatures: the settings that produced a result, as a value (after sacrebleu's ``Signature``).

A signature is an ordered set of ``key:value`` fields. It prints as ``key:value|key:value`` so
that two results can be compared honestly, and code reads its fields by name — never by
splitting the printed line.

>>> sig = Signature.of(aligner="bitext-dp", mode="blocks", version="0.1.0")
>>> str(sig)
'aligner:bitext-dp|mode:blocks|version:0.1.0'
>>> sig["mode"], str(sig.without("version"))
('blocks', 'aligner:bitext-dp|mode:blocks')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Signature(Mapping[str, str]):
    """Ordered ``key → value`` fields of a signature; immutable, hashable, printable."""

    fields: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, **fields: object) -> Signature:
        """A signature from keyword fields (``_`` in a key becomes ``-``), in the order given."""
        return cls(tuple((k.replace("_", "-"), str(v)) for k, v in fields.items()))

    def __getitem__(self, key: str) -> str:
        for k, v in self.fields:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __str__(self) -> str:
        return "|".join(f"{k}:{v}" for k, v in self.fields)

    def without(self, *keys: str) -> Signature:
        """The signature less some fields."""
        return Signature(tuple((k, v) for k, v in self.fields if k not in keys))

    def with_fields(self, **fields: object) -> Signature:
        """The signature with fields added at the end (or replaced where they exist)."""
        new = dict(Signature.of(**fields).fields)
        kept = tuple((k, new.pop(k) if k in new else v) for k, v in self.fields)
        return Signature(kept + tuple(new.items()))
