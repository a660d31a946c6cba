"""Settings from ``[tool.bitext]`` in the nearest ``pyproject.toml``, checked as they load.

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
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align.errors import InputError

SEVERITIES = ("info", "warning", "error")
SPACING = ("add", "none", "as-is")
_KNOWN = {"source-language", "target-language", "select", "ignore", "fail-on", "glossary",
          "cjk-latin-spacing", "severity", "per-file-ignores", "options"}


@dataclass
class Config:
    """Resolved settings; ``root`` is the folder of the pyproject.toml they came from."""

    source_lang: str = "en"
    target_lang: str = "zh"
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    glossary: str | None = None
    cjk_latin_spacing: str = "as-is"
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    root: Path | None = None
    source: str | None = None  # the pyproject.toml path, for messages and signatures


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(path: str | Path | None = None, start: Path | None = None) -> Config:
    """Load ``[tool.bitext]`` from ``path`` or the nearest pyproject.toml; defaults if none."""
    pyproject = Path(path) if path else find_pyproject(start)
    if pyproject is None:
        return Config()
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(pyproject), "no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(pyproject), f"invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("bitext", {})
    return parse_config(table, str(pyproject), pyproject.parent)


def parse_config(table: dict[str, Any], source: str = "pyproject.toml",
                 root: Path | None = None) -> Config:
    """Validate a ``[tool.bitext]`` table; a bad key or value raises a one-line InputError."""

    def bad(key: str, problem: str) -> InputError:
        return InputError(source, f"[tool.bitext] {key}: {problem}")

    unknown = set(table) - _KNOWN
    if unknown:
        raise bad(sorted(unknown)[0], f"unknown setting (known: {', '.join(sorted(_KNOWN))})")
    cfg = Config(root=root, source=source)
    for key, attr in (("source-language", "source_lang"), ("target-language", "target_lang")):
        if key in table:
            if table[key] not in ("zh", "en"):
                raise bad(key, f"expected 'zh' or 'en', got {table[key]!r}")
            setattr(cfg, attr, table[key])
    if cfg.source_lang == cfg.target_lang:
        raise bad("target-language", "must differ from source-language")
    for key in ("select", "ignore"):
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(key, "expected a list of rule codes or names")
            setattr(cfg, key, list(value))
    if "fail-on" in table:
        if table["fail-on"] not in SEVERITIES:
            raise bad("fail-on", f"expected one of {', '.join(SEVERITIES)}")
        cfg.fail_on = table["fail-on"]
    if "glossary" in table:
        if not isinstance(table["glossary"], str):
            raise bad("glossary", "expected a path")
        cfg.glossary = table["glossary"]
    if "cjk-latin-spacing" in table:
        if table["cjk-latin-spacing"] not in SPACING:
            raise bad("cjk-latin-spacing", f"expected one of {', '.join(SPACING)}")
        cfg.cjk_latin_spacing = table["cjk-latin-spacing"]
    sev = table.get("severity", {})
    if not isinstance(sev, dict) or any(v not in SEVERITIES for v in sev.values()):
        raise bad("severity", f"expected a table of CODE = one of {', '.join(SEVERITIES)}")
    cfg.severity = dict(sev)
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict) or not all(isinstance(v, list) for v in pfi.values()):
        raise bad("per-file-ignores", "expected a table of \"glob\" = [codes]")
    cfg.per_file_ignores = {k: list(v) for k, v in pfi.items()}
    opts = table.get("options", {})
    if not isinstance(opts, dict):
        raise bad("options", "expected a table")
    cfg.options = dict(opts)
    return cfg
