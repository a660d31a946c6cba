"""Typed settings of a run: ``[tool.bitext]`` in the nearest ``pyproject.toml``, then the CLI.

Every key and value is validated once, here; a bad one is a one-line error naming the key
and the file. Rule codes named in the settings (``select``, ``ignore``, ``severity``,
``per-file-ignores``) are checked against the rule registry by the pipeline, which knows it.

Example::

    [tool.bitext]
    source-language = "en"
    target-language = "zh"
    select = ["A", "N", "T001"]        # code prefixes or rule names; default: all rules
    ignore = ["P004"]
    fail-on = "error"                  # error | warning | info
    glossary = "corpus/glossary.tsv"
    cjk-latin-spacing = "as-is"        # add | none | as-is
    [tool.bitext.severity]
    N001 = "error"
    [tool.bitext.per-file-ignores]
    "corpus/zh/legacy/*" = ["P002", "P004"]
    [[tool.bitext.pairs]]              # where translations live (default: detected)
    source = "docs/{path}"
    target = "i18n/zh-Hans/docusaurus-plugin-content-docs/current/{path}"
    [tool.bitext.options]
    semantic-evidence = true           # A001/A004 use sentence embeddings
    drift-confidence = 0.25            # A004: alignment confidence below which a pair drifts
    drift-typo-chrf = 85.0             # D001: chrF at or above which a source edit is minor
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from align.errors import InputError
from align.layout import PathMapping
from qa.core.finding import Severity

SEVERITIES = tuple(s.value for s in Severity)
SPACING = ("add", "none", "as-is")
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class RuleOptions:
    """``[tool.bitext.options]``: tuning of individual rules (keys in kebab-case there)."""

    #: A001 and A004 weigh sentence-embedding similarity (false: length and anchors only).
    semantic_evidence: bool = True
    #: A004 reports a pair whose alignment confidence is below this (unless anchors agree).
    drift_confidence: float = 0.25
    #: D001: a source edit whose chrF with the old text is at least this is minor (info).
    drift_typo_chrf: float = 85.0

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name.replace("_", "-") for f in fields(cls))


@dataclass(frozen=True)
class Settings:
    """Resolved settings; ``root`` is the folder of the pyproject.toml they came from and
    ``source`` that file (for messages)."""

    source_lang: str = "en"
    target_lang: str = "zh"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    glossary: str | None = None  # resolved against ``root``
    cjk_latin_spacing: str = "as-is"
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    options: RuleOptions = field(default_factory=RuleOptions)
    #: ``[[tool.bitext.pairs]]``: source → target path patterns, relative to ``root``
    #: (empty: the layout of each folder checked is detected).
    pairs: tuple[PathMapping, ...] = ()
    #: Whether ``source-language`` or ``target-language`` was configured: then a detected
    #: layout that implies the other direction (a VuePress site's English root) is turned.
    direction_configured: bool = False
    root: Path | None = None
    source: str | None = None
    #: ``--select`` / ``--ignore`` of the command line, kept apart from the configured ones
    #: so that an error names where a rule pattern came from.
    cli_select: tuple[str, ...] | None = None
    cli_ignore: tuple[str, ...] = ()

    @property
    def selected(self) -> tuple[str, ...] | None:
        """The rule patterns to run (None: all): ``--select``, else the configured ones."""
        return self.cli_select if self.cli_select is not None else self.select

    @property
    def ignored(self) -> tuple[str, ...]:
        """The rule patterns to skip: the configured ones and ``--ignore``."""
        return (*self.ignore, *self.cli_ignore)

    def with_cli(self, *, select: list[str] | None = None, ignore: list[str] | None = None,
                 fail_on: str | None = None, glossary: str | None = None) -> Settings:
        """These settings with the command line's choices applied: ``--select`` replaces
        the configured selection, ``--ignore`` adds to it, ``--glossary`` and ``--fail-on``
        replace theirs.

        >>> s = Settings(ignore=("P004",)).with_cli(select=["A"], ignore=["A005"])
        >>> s.selected, s.ignored
        (('A',), ('P004', 'A005'))
        """
        return replace(
            self,
            cli_select=tuple(select) if select is not None else self.cli_select,
            cli_ignore=(*self.cli_ignore, *(ignore or ())),
            fail_on=Severity(fail_on) if fail_on else self.fail_on,
            glossary=glossary or self.glossary,
        )


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(path: str | Path | None = None, start: Path | None = None) -> Settings:
    """Load ``[tool.bitext]`` from ``path`` or the nearest pyproject.toml; defaults if none."""
    pyproject = Path(path) if path else find_pyproject(start)
    if pyproject is None:
        return Settings()
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(pyproject), "no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(pyproject), f"invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("bitext", {})
    return parse_settings(table, str(pyproject), pyproject.parent)


_KNOWN = ("source-language", "target-language", "select", "ignore", "fail-on", "glossary",
          "cjk-latin-spacing", "severity", "per-file-ignores", "options", "pairs")
_PAIR_KEYS = ("source", "target", "source-language", "target-language")


def parse_settings(table: dict[str, Any], source: str = "pyproject.toml",
                   root: Path | None = None) -> Settings:
    """Validate a ``[tool.bitext]`` table; a bad key or value raises a one-line InputError.

    >>> parse_settings({"fail-on": "warning", "options": {"drift-confidence": 0.7}}).options
    RuleOptions(semantic_evidence=True, drift_confidence=0.7, drift_typo_chrf=85.0)
    >>> parse_settings({"options": {"drift": 1}})
    Traceback (most recent call last):
    ...
    align.errors.InputError: pyproject.toml: [tool.bitext.options] drift: unknown option \
(known: semantic-evidence, drift-confidence, drift-typo-chrf)
    """

    def bad(key: str, problem: str) -> InputError:
        return InputError(source, f"[tool.bitext] {key}: {problem}")

    _no_unknown(table, _KNOWN, "[tool.bitext]", "setting", source)
    values: dict[str, Any] = {"root": root, "source": source}
    for key, attr in (("source-language", "source_lang"), ("target-language", "target_lang")):
        if key in table:
            if table[key] not in LANGUAGES:
                raise bad(key, f"expected 'zh' or 'en', got {table[key]!r}")
            values[attr] = table[key]
            values["direction_configured"] = True
    if values.get("source_lang", "en") == values.get("target_lang", "zh"):
        raise bad("target-language", "must differ from source-language")
    for key in ("select", "ignore"):
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(key, "expected a list of rule codes or names")
            values[key] = tuple(value)
    if "fail-on" in table:
        if table["fail-on"] not in SEVERITIES:
            raise bad("fail-on", f"expected one of {', '.join(SEVERITIES)}")
        values["fail_on"] = Severity(table["fail-on"])
    if "glossary" in table:
        if not isinstance(table["glossary"], str):
            raise bad("glossary", "expected a path")
        values["glossary"] = str((root or Path()) / table["glossary"]) if root else \
            table["glossary"]
    if "cjk-latin-spacing" in table:
        if table["cjk-latin-spacing"] not in SPACING:
            raise bad("cjk-latin-spacing", f"expected one of {', '.join(SPACING)}")
        values["cjk_latin_spacing"] = table["cjk-latin-spacing"]
    sev = table.get("severity", {})
    if not isinstance(sev, dict) or any(v not in SEVERITIES for v in sev.values()):
        raise bad("severity", f"expected a table of CODE = one of {', '.join(SEVERITIES)}")
    values["severity"] = {str(k).upper(): Severity(v) for k, v in sev.items()}
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict) or not all(
            isinstance(v, list) and all(isinstance(c, str) for c in v) for v in pfi.values()):
        raise bad("per-file-ignores", "expected a table of \"glob\" = [codes]")
    values["per_file_ignores"] = {k: tuple(v) for k, v in pfi.items()}
    values["options"] = _rule_options(table.get("options", {}), source)
    values["pairs"] = _pairs(table.get("pairs", []), source, values.get("source_lang", "en"),
                             values.get("target_lang", "zh"))
    return Settings(**values)


def _pairs(rows: Any, source: str, source_lang: str, target_lang: str
           ) -> tuple[PathMapping, ...]:
    """``[[tool.bitext.pairs]]`` rows: ``source``/``target`` patterns and, optionally, the
    row's own direction (default: the configured languages)."""
    where = "[[tool.bitext.pairs]]"
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError(source, f"{where}: expected an array of tables")
    out = []
    for k, row in enumerate(rows, start=1):
        _no_unknown(row, _PAIR_KEYS, f"{where} #{k}", "key", source)
        for key in ("source", "target"):
            value = row.get(key)
            if not isinstance(value, str) or "{path}" not in value and "{name}" not in value:
                raise InputError(source, f"{where} #{k} {key}: expected a path pattern with "
                                         "{path} (e.g. \"docs/en/{path}\")")
        langs = (row.get("source-language", source_lang), row.get("target-language", target_lang))
        if any(lang not in LANGUAGES for lang in langs) or langs[0] == langs[1]:
            raise InputError(source, f"{where} #{k}: languages must be 'en' and 'zh', "
                                     f"got {langs[0]!r} -> {langs[1]!r}")
        out.append(PathMapping(row["source"], row["target"], *langs))
    return tuple(out)


def _no_unknown(table: Mapping[str, Any], known: tuple[str, ...], where: str, what: str,
                source: str) -> None:
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise InputError(source, f"{where} {unknown[0]}: unknown {what} "
                                 f"(known: {', '.join(known)})")


def _rule_options(table: Any, source: str) -> RuleOptions:
    if not isinstance(table, dict):
        raise InputError(source, "[tool.bitext] options: expected a table")
    _no_unknown(table, RuleOptions.keys(), "[tool.bitext.options]", "option", source)
    values: dict[str, Any] = {}
    for f in fields(RuleOptions):
        key = f.name.replace("_", "-")
        if key not in table:
            continue
        value = table[key]
        if f.type == "bool":
            if not isinstance(value, bool):
                raise InputError(source, f"[tool.bitext.options] {key}: expected true or false")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(source, f"[tool.bitext.options] {key}: expected a number")
        else:
            value = float(value)
        values[f.name] = value
    return RuleOptions(**values)
