"""The whole job, one way: read → segment → align → check, for the ``check`` and ``report`` CLI.

Every stage's output is handed on; no later stage re-reads a file. A bad input stops the run
with a one-line :class:`~align.errors.InputError` — never a partial result.
"""

from __future__ import annotations

import fnmatch
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from align.alignment import Alignment
from align.corpus import DocumentPair, find_document_pairs
from align.document import BlockKind, Document
from align.reader import load_document
from qa.checks.base import REGISTRY, AlignedDocument, Check, CheckContext
from qa.config import Config, load_config
from qa.finding import Finding, Severity

_SUPPRESS = re.compile(r"<!--\s*bitext:\s*ignore\b([^>]*?)-->", re.IGNORECASE)


@dataclass
class CheckRun:
    """The result of a run: findings, the aligned documents, and the settings that made them."""

    findings: list[Finding]
    documents: list[AlignedDocument]
    config: Config
    checks: list[Check]
    glossary: Any = None
    glossary_path: str | None = None
    signature: dict[str, str] = field(default_factory=dict)

    @property
    def signature_line(self) -> str:
        """``key:value|key:value`` in the manner of sacrebleu's signatures."""
        return "|".join(f"{k}:{v}" for k, v in self.signature.items())


def load_checks() -> dict[str, type[Check]]:
    """Import every module of ``qa.checks`` so their ``@register`` lines run; the registry."""
    import qa.checks as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name != "base":
            importlib.import_module(f"qa.checks.{info.name}")
    return REGISTRY


def rule_matches(check: type[Check] | Check, patterns: Iterable[str]) -> bool:
    """Whether any pattern names the rule: ``ALL``, a code prefix (``N``, ``N001``), a name."""
    for p in patterns:
        if p.upper() == "ALL" or check.code.startswith(p.upper()) or p == check.name:
            return True
    return False


def select_checks(config: Config, select: list[str] | None = None,
                  ignore: list[str] | None = None) -> list[Check]:
    """Instances of the enabled rules: ``select`` (default all) minus ``ignore``, in code order.

    A pattern that names no rule is an error, so a typo does not silently disable a check.
    """
    registry = load_checks()
    sel = select if select is not None else config.select
    ign = [*config.ignore, *(ignore or [])]
    for p in [*(sel or []), *ign]:
        if not any(rule_matches(c, [p]) for c in registry.values()):
            from align.errors import InputError
            raise InputError(None, f"unknown rule {p!r} (see 'bitext rules')")
    out = []
    for code in sorted(registry):
        cls = registry[code]
        if sel is not None and not rule_matches(cls, sel):
            continue
        if rule_matches(cls, ign):
            continue
        out.append(cls())
    return out


def find_glossary(paths: list[str], config: Config, explicit: str | None = None) -> str | None:
    """The glossary file: ``--glossary``, else the config's, else ``glossary.tsv`` in a corpus."""
    if explicit:
        return explicit
    if config.glossary:
        base = config.root or Path.cwd()
        return str(base / config.glossary)
    for raw in paths:
        p = Path(raw)
        folder = p if p.is_dir() else p.parent
        for candidate in (folder, *folder.parents):
            g = candidate / "glossary.tsv"
            if g.is_file():
                return str(g)
            if (candidate / config.source_lang).is_dir():
                break
    return None


def load_glossary(path: str | None) -> Any:
    """Load the glossary through ``qa.glossary`` (None when there is no glossary file)."""
    if path is None:
        return None
    from qa.glossary import load_glossary as load

    return load(path)


def read_pair(pair: DocumentPair) -> tuple[Document, Document]:
    return (load_document(pair.source_path, pair.source_lang),
            load_document(pair.target_path, pair.target_lang))


def align_pair(source: Document, target: Document, glossary: Any = None) -> Alignment:
    from align import align_documents

    return align_documents(source, target, glossary=glossary)


def check_paths(
    paths: list[str],
    *,
    config: Config | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    glossary: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> CheckRun:
    """Run the whole pipeline over corpus folders or documents and return the findings."""
    config = config or load_config()
    pairs = find_document_pairs(paths, config.source_lang, config.target_lang)
    glossary_path = find_glossary(paths, config, glossary)
    terms = load_glossary(glossary_path)
    checks = select_checks(config, select, ignore)
    docs = []
    for pair in pairs:
        if progress:
            progress(pair.name)
        source, target = read_pair(pair)
        docs.append(AlignedDocument(pair.name, align_pair(source, target, terms)))
    ctx = CheckContext(options=_options(config), glossary=terms, corpus=docs)
    findings = []
    for check in checks:
        findings.extend(check.check_corpus(docs, ctx))
    findings = postprocess(findings, docs, config)
    return CheckRun(findings, docs, config, checks, terms, glossary_path,
                    signature(config, checks, docs, terms))


def _options(config: Config) -> dict[str, Any]:
    return {"cjk_latin_spacing": config.cjk_latin_spacing, "source_lang": config.source_lang,
            "target_lang": config.target_lang, **config.options}


def postprocess(findings: list[Finding], docs: list[AlignedDocument],
                config: Config) -> list[Finding]:
    """Apply severity overrides, per-file ignores and inline suppressions; sort by place."""
    suppressed = {doc.name: _suppressions(doc) for doc in docs}
    out = []
    for f in findings:
        if f.code in config.severity:
            f = replace(f, severity=Severity(config.severity[f.code]))
        paths = [loc.path for loc in (f.source, f.target) if loc]
        if any(fnmatch.fnmatch(p, glob) and rule_matches(_Code(f.code), codes)
               for p in paths for glob, codes in config.per_file_ignores.items()):
            continue
        if _is_suppressed(f, suppressed.get(f.document, {})):
            continue
        out.append(f)
    out.sort(key=lambda f: (f.document, (f.primary.line, f.primary.column) if f.primary
                            else (0, 0), f.code))
    return out


@dataclass
class _Code:
    code: str
    name: str = ""


def _suppressions(doc: AlignedDocument) -> dict[str, dict[int, set[str]]]:
    """Per path: line → codes ignored there (``<!-- bitext: ignore N001 -->`` before a block)."""
    out: dict[str, dict[int, set[str]]] = {}
    for d in (doc.alignment.source, doc.alignment.target):
        lines: dict[int, set[str]] = {}
        pending: set[str] | None = None
        for b in d.blocks:
            if b.kind is BlockKind.COMMENT:
                m = _SUPPRESS.search(b.raw)
                if m:
                    codes = {c.upper() for c in re.split(r"[\s,]+", m.group(1)) if c}
                    pending = codes or {"ALL"}
                continue
            if b.kind is BlockKind.BLANK or pending is None:
                continue
            for line in range(b.line, b.end_line + 1):
                lines.setdefault(line, set()).update(pending)
            pending = None
        out[d.path] = lines
    return out


def _is_suppressed(f: Finding, table: dict[str, dict[int, set[str]]]) -> bool:
    for loc in (f.source, f.target):
        if loc is None:
            continue
        codes = table.get(loc.path, {}).get(loc.line, set())
        if "ALL" in codes or any(f.code.startswith(c) for c in codes):
            return True
    return False


def signature(config: Config, checks: list[Check], docs: list[AlignedDocument],
              glossary: Any = None) -> dict[str, str]:
    """What produced a run, so two reports can be compared honestly."""
    from qa.cli import version

    # The aligner signs its own settings as key:value|…; keep them flat in the run's
    # signature, less the keys the run states itself (version, glossary).
    aligners = sorted({"|".join(kv for kv in d.alignment.signature.split("|")
                                if kv.split(":", 1)[0] not in ("version", "glossary"))
                       .removeprefix("aligner:")
                       for d in docs if d.alignment.signature})
    # The checksum of the bytes that were loaded (not a second read of the file).
    checksum = getattr(glossary, "checksum", "")
    gloss = f"sha256={checksum[:12]}" if checksum else "none"
    return {
        "bitext": version(),
        "aligner": ";".join(aligners) or "none",
        "glossary": gloss,
        "rules": ",".join(c.code for c in checks) or "none",
        "langs": f"{config.source_lang}->{config.target_lang}",
    }
