"""Find the document pairs of a corpus: ``ROOT/en/REL`` ↔ ``ROOT/zh/REL``, matched by path.

A document on one side only is an error that names it, never silently skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError

#: File endings taken as documents inside a corpus folder.
DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class DocumentPair:
    """A source document and its translation, by relative name (``ketamine.md``)."""

    name: str
    source_path: str
    target_path: str
    source_lang: str = "en"
    target_lang: str = "zh"


def find_document_pairs(paths: list[str], source_lang: str = "en",
                        target_lang: str = "zh") -> list[DocumentPair]:
    """Pairs for each path: a corpus folder (with ``en/`` and ``zh/``), or one document in it.

    Raises :class:`InputError` for a missing path, a folder without the two language folders,
    or a document without its counterpart.
    """
    pairs: dict[tuple[str, str], DocumentPair] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(raw, "no such file or directory")
        if p.is_dir():
            found = _pairs_in_root(p, source_lang, target_lang)
        else:
            found = [_pair_of_file(p, source_lang, target_lang)]
        for pair in found:
            pairs.setdefault((pair.source_path, pair.target_path), pair)
    return list(pairs.values())


def _pairs_in_root(root: Path, source_lang: str, target_lang: str) -> list[DocumentPair]:
    if root.name in (source_lang, target_lang) and (root.parent / source_lang).is_dir() \
            and (root.parent / target_lang).is_dir():
        root = root.parent
    src_dir, tgt_dir = root / source_lang, root / target_lang
    if not src_dir.is_dir() or not tgt_dir.is_dir():
        raise InputError(str(root), f"not a corpus folder: expected {source_lang}/ and "
                                    f"{target_lang}/ inside it")
    src = _documents(src_dir)
    tgt = _documents(tgt_dir)
    for rel in sorted(src.keys() - tgt.keys()):
        raise InputError(str(src_dir / rel), f"no counterpart {tgt_dir / rel}")
    for rel in sorted(tgt.keys() - src.keys()):
        raise InputError(str(tgt_dir / rel), f"no counterpart {src_dir / rel}")
    if not src:
        raise InputError(str(root), "corpus folder has no documents "
                                    f"({', '.join(DOCUMENT_SUFFIXES)} files)")
    return [DocumentPair(rel, str(src_dir / rel), str(tgt_dir / rel), source_lang, target_lang)
            for rel in sorted(src)]


def _documents(folder: Path) -> dict[str, Path]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and \
                not any(part.startswith(".") for part in p.relative_to(folder).parts):
            out[p.relative_to(folder).as_posix()] = p
    return out


def _pair_of_file(p: Path, source_lang: str, target_lang: str) -> DocumentPair:
    parts = p.parts
    for k in range(len(parts) - 2, -1, -1):
        if parts[k] in (source_lang, target_lang):
            root = Path(*parts[:k]) if k else Path(".")
            rel = Path(*parts[k + 1:]).as_posix()
            src, tgt = root / source_lang / rel, root / target_lang / rel
            other = tgt if parts[k] == source_lang else src
            if not other.is_file():
                raise InputError(str(p), f"no counterpart {other}")
            return DocumentPair(rel, str(src), str(tgt), source_lang, target_lang)
    raise InputError(str(p), f"not inside a {source_lang}/ or {target_lang}/ folder, so it has "
                             "no counterpart (give the corpus folder instead)")

