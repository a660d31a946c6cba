"""Where translations live: path mappings from source files to target files, and the scan
that pairs a repository's documents through them.

Docs teams keep translations in their site generator's layout, not in ``en/`` and ``zh/``
folders: ``docs/en/PATH`` ↔ ``docs/zh/PATH``, Docusaurus ``docs/PATH`` ↔
``i18n/zh-Hans/docusaurus-plugin-content-docs/current/PATH``, Hugo ``content/en/PATH`` ↔
``content/zh-cn/PATH``, ``NAME.en.md`` ↔ ``NAME.zh.md``, VitePress ``docs/PATH`` ↔
``docs/zh/PATH``, MkDocs ``NAME.md`` ↔ ``NAME.zh.md``. A :class:`PathMapping` is a pair
of patterns with placeholders — ``{path}`` (any relative path), ``{lang}`` (the side's
language folder or suffix: ``en``; ``zh``, ``zh-cn``, ``zh-Hans`` …) and any other
``{name}`` (one path segment, the same on both sides) — and its own direction.
:func:`detect_mappings` finds the common layouts in a folder without configuration.

>>> m = PathMapping("docs/en/{path}", "docs/zh/{path}")
>>> m.target_candidates("docs/en/start/intro.md")
['docs/zh/start/intro.md']
>>> m.source_candidates("docs/zh/start/intro.md"), m.name_of("docs/en/start/intro.md")
(['docs/en/start/intro.md'], 'start/intro.md')
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from align.errors import InputError

if TYPE_CHECKING:
    from align.parts import Part

#: File endings taken as documents.
DOCUMENT_SUFFIXES = (".md", ".markdown", ".mdx", ".txt")
#: What a docs site's detected layout pairs: its pages, not the data files beside them
#: (a ``metrics.txt`` of sample output is not prose to translate).
PAGE_SUFFIXES = (".md", ".markdown", ".mdx")
#: How sites name their language folders and suffixes (first: the name used when none exists).
LANGUAGE_CODES = {
    "en": ("en", "en-us", "en-US", "en_US", "EN"),
    "zh": ("zh", "zh-cn", "zh-CN", "zh_CN", "zh-hans", "zh-Hans", "zh-Hans-CN", "cn",
           "chinese", "CN", "ZH", "ZH-CN", "ZH_CN"),
}
#: Locale folders and suffixes of the other languages a site may keep beside these two
#: (Traditional Chinese included): never a source document of a layout whose sources sit at
#: its root (VitePress ``docs/`` + ``docs/zh/``, MkDocs ``index.md`` + ``index.zh.md``).
OTHER_LOCALES = ("ja", "ja-JP", "ko", "ko-KR", "fr", "fr-FR", "de", "de-DE", "es", "es-ES",
                 "pt", "pt-BR", "pt-PT", "ru", "ru-RU", "it", "vi", "id", "tr", "pl", "uk", "ar",
                 "nl", "th", "fa", "he", "hi", "zh-TW", "zh-tw", "zh_TW", "zh-Hant", "zh-hant",
                 "zh-HK", "zh-hk", "tw")
#: Folders never searched for documents (build output and dependencies), unless a configured
#: mapping names them. Not site/: alibaba/arthas keeps its VuePress pages in site/docs/
#: (MkDocs builds into a site/ of HTML, which holds no page anyway).
_SKIP_DIRS = {"node_modules", "build", "dist", "public", "__pycache__", "venv"}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class PathMapping:
    """Source files matching ``source`` are translated in the file ``target`` names."""

    source: str
    target: str
    source_lang: str = "en"
    target_lang: str = "zh"
    #: File endings this mapping pairs.
    suffixes: tuple[str, ...] = DOCUMENT_SUFFIXES
    #: Paths (regular expressions, whole relative path) that are never a source even where
    #: ``source`` matches: a root layout's translations and other languages.
    excludes: tuple[str, ...] = ()
    #: Whether the direction is a guess: the language at a site's root, or of files without
    #: a language suffix, need not be the one it was written in (a Chinese-first project may
    #: keep its English pages at the root). A configured direction turns such pairs round.
    guessed: bool = False
    #: Whether a page's translation may end in another page ending (``x.md`` ↔ ``x.mdx``)
    #: where none ends in its own: Docusaurus takes the two for one page, and TDengine keeps
    #: Chinese pages as .mdx whose English pages are .md. A configured mapping keeps its own.
    any_page_ending: bool = False

    def pairs_file(self, rel: str) -> bool:
        return Path(rel).suffix.lower() in self.suffixes

    @cached_property
    def _source_re(self) -> re.Pattern[str]:
        return _compile(self.source, self.source_lang)

    @cached_property
    def _target_re(self) -> re.Pattern[str]:
        return _compile(self.target, self.target_lang)

    def source_values(self, rel: str) -> dict[str, str] | None:
        m = self._source_re.fullmatch(rel)
        if m and self.excludes and any(re.fullmatch(x, rel) for x in self.excludes):
            return None
        return m.groupdict() if m else None

    def target_values(self, rel: str) -> dict[str, str] | None:
        m = self._target_re.fullmatch(rel)
        return m.groupdict() if m else None

    def target_candidates(self, source_rel: str) -> list[str]:
        """Where the translation of ``source_rel`` may be (one path per language code)."""
        values = self.source_values(source_rel)
        return [] if values is None else _fill(self.target, values, self.target_lang)

    def source_candidates(self, target_rel: str) -> list[str]:
        values = self.target_values(target_rel)
        return [] if values is None else _fill(self.source, values, self.source_lang)

    def name_of(self, source_rel: str) -> str:
        """The pair's name: its ``{path}`` (with other placeholders' values before it)."""
        values = self.source_values(source_rel) or {}
        parts = [v for k, v in values.items() if k not in ("path", "lang")]
        return "/".join([*parts, values["path"]]) if "path" in values else source_rel


def _compile(pattern: str, lang: str) -> re.Pattern[str]:
    out, pos = [], 0
    for m in _PLACEHOLDER.finditer(pattern):
        out.append(re.escape(pattern[pos:m.start()]))
        name = m.group(1)
        if name == "path":
            out.append(r"(?P<path>[^/].*?)")
        elif name == "lang":
            codes = "|".join(re.escape(c) for c in LANGUAGE_CODES.get(lang, (lang,)))
            out.append(f"(?P<lang>{codes})")
        else:
            out.append(f"(?P<{name}>[^/]+)")
        pos = m.end()
    out.append(re.escape(pattern[pos:]))
    return re.compile("".join(out))


def _fill(pattern: str, values: dict[str, str], lang: str) -> list[str]:
    def put(code: str) -> str:
        return _PLACEHOLDER.sub(lambda m: code if m.group(1) == "lang" else
                                values.get(m.group(1), m.group(0)), pattern)

    if "{lang}" not in pattern:
        return [put("")]
    return [put(code) for code in LANGUAGE_CODES.get(lang, (lang,))]


@dataclass(frozen=True)
class DocumentPair:
    """A source document and its translation, by name (``ketamine.md``)."""

    name: str
    source_path: str
    target_path: str
    source_lang: str = "en"
    target_lang: str = "zh"
    #: The part of a long pair this is (see :mod:`align.parts`); None: the whole files.
    part: Part | None = None


@dataclass(frozen=True)
class Unpaired:
    """A document whose counterpart does not exist: a source page without its translation
    (``side == "source"``) or a translation without its source."""

    name: str
    path: str
    expected: str  # where the counterpart would be
    side: str  # "source" | "target": the side that exists
    source_lang: str = "en"
    target_lang: str = "zh"


@dataclass
class CorpusScan:
    """What a scan found: the pairs, and the documents without a counterpart."""

    pairs: list[DocumentPair] = field(default_factory=list)
    unpaired: list[Unpaired] = field(default_factory=list)
    #: Warnings for the user: what the scan saw but did not pair (a site too deep to look
    #: for its layout).
    notes: list[str] = field(default_factory=list)

    def add(self, other: CorpusScan) -> None:
        self.notes += [n for n in other.notes if n not in self.notes]
        seen = {(p.source_path, p.target_path) for p in self.pairs}
        self.pairs += [p for p in other.pairs if (p.source_path, p.target_path) not in seen]
        known = {u.path for u in self.unpaired}
        self.unpaired += [u for u in other.unpaired if u.path not in known]


def documents_under(folder: Path, keep: frozenset[str] = frozenset()) -> list[str]:
    """Relative POSIX paths of the documents under ``folder`` (hidden and build folders
    skipped, but for the folder names in ``keep``), sorted."""
    return sorted(_documents(folder, keep))


def _documents(folder: Path, keep: frozenset[str] = frozenset()) -> Iterator[str]:
    """:func:`documents_under`'s paths as the walk finds them (a caller may stop early)."""
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d in keep or (
            not d.startswith(".") and d not in _SKIP_DIRS))
        for f in files:
            if Path(f).suffix.lower() in DOCUMENT_SUFFIXES and not f.startswith("."):
                yield (Path(here) / f).relative_to(folder).as_posix()


def scan(root: Path, mappings: list[PathMapping], only: list[Path] | None = None,
         detected: bool = False, direction: tuple[str, str] | None = None) -> CorpusScan:
    """Pair the documents under ``root`` through ``mappings`` (the first that matches a
    file wins; a translation is an orphan only when no mapping pairs it); ``only`` restricts
    the result to files in or at those paths. With ``detected`` (the mappings are
    :func:`detect_mappings`'s), the result notes each folder with ``en/`` + ``zh/``
    documents that no mapping took (deeper than :data:`LAYOUT_DEPTH`).
    ``direction``, configured: a guessed mapping's pairs that go the other way are turned."""
    # A folder a mapping names (docs/public/{path}) is searched even if it is a build's.
    files = documents_under(root, frozenset(
        part for m in mappings for pattern in (m.source, m.target)
        for part in pattern.split("/") if part and "{" not in part))
    present = set(files)
    result = CorpusScan()
    names: set[str] = set()
    taken: set[str] = set()
    translations: set[str] = set()  # the translations the sources found
    orphans: dict[Unpaired, str] = {}  # the translations without a source, so far

    def wanted(rel: str) -> bool:
        if only is None:
            return True
        p = (root / rel).resolve()
        return any(p == o or o in p.parents for o in only)

    for rel in files:
        for m in _by_present_target(mappings, rel, present):
            if not m.pairs_file(rel):
                continue
            targets = m.target_candidates(rel)
            if targets:
                taken.add(rel)
                found = next((t for t in targets if t in present), None)
                if found is None and m.any_page_ending:
                    found = _same_page(rel, present, m.target_candidates)
                if found is not None:
                    translations.add(found)
                name = m.name_of(rel)
                if name in names:
                    name = rel
                names.add(name)
                turned = _turned(m, direction)
                if found is None:
                    if wanted(rel):
                        result.unpaired.append(Unpaired(
                            name, str(root / rel), str(root / _expected(root, targets)),
                            "target" if turned else "source", *_langs(m, turned)))
                elif wanted(rel) or wanted(found):
                    a, b = (found, rel) if turned else (rel, found)
                    result.pairs.append(DocumentPair(name, str(root / a), str(root / b),
                                                     *_langs(m, turned)))
                break
            sources = m.source_candidates(rel)
            if sources:
                taken.add(rel)
                # Any mapping may pair a translation, not only the first whose pattern
                # matches it: TDengine's docs/zh/{path} → docs/en/{path} beside
                # docs/zh/a-TDgpt/{path} → docs/en/a-tdgpt/{path} (the site spells the folder
                # two ways) reported docs/en/a-tdgpt/faq.md as having no source.
                if not any(s in present for other in mappings if other.pairs_file(rel)
                           for s in other.source_candidates(rel)) and wanted(rel):
                    turned = _turned(m, direction)
                    orphan = Unpaired(rel, str(root / rel), str(root / _expected(root, sources)),
                                      "source" if turned else "target", *_langs(m, turned))
                    result.unpaired.append(orphan)
                    orphans[orphan] = rel
                break
    # A source later in the walk may have taken the file as its translation; and a page
    # another mapping pairs is no page without a translation (youzan/vant, zh → en:
    # README.zh-CN.md is the source of README.md, not of a README.en.md the suffix layout
    # looked for).
    paired = {path for pair in result.pairs for path in (pair.source_path, pair.target_path)}
    result.unpaired = [u for u in result.unpaired
                       if orphans.get(u) not in translations and u.path not in paired]
    if detected:
        result.notes += [_deep_site_note(root, prefix)
                         for prefix, docs in language_sites(files).items()
                         if prefix.count("/") >= LAYOUT_DEPTH and wanted(prefix)
                         and not any(d in taken for d in docs)]
    return result


def _turned(mapping: PathMapping, direction: tuple[str, str] | None) -> bool:
    """Whether the pairs of a guessed ``mapping`` go against the configured ``direction``."""
    return direction is not None and mapping.guessed and \
        (mapping.target_lang, mapping.source_lang) == direction


def _langs(mapping: PathMapping, turned: bool) -> tuple[str, str]:
    return (mapping.target_lang, mapping.source_lang) if turned else \
        (mapping.source_lang, mapping.target_lang)


def language_sites(files: list[str]) -> dict[str, list[str]]:
    """Folders (relative paths, ``""`` for the root) with both an English and a Chinese
    language folder (``en/`` + ``zh/``, any code of :data:`LANGUAGE_CODES`) among ``files``'
    paths, each with the documents in those language folders."""
    langs: dict[str, set[str]] = {}
    docs: dict[str, list[str]] = {}
    for rel in files:
        parts = rel.split("/")
        for i, part in enumerate(parts[:-1]):
            lang = next((k for k, codes in LANGUAGE_CODES.items() if part in codes), None)
            if lang:
                prefix = "/".join(parts[:i])
                langs.setdefault(prefix, set()).add(lang)
                docs.setdefault(prefix, []).append(rel)
                break
    return {p: docs[p] for p in sorted(langs) if len(langs[p]) == len(LANGUAGE_CODES)}


def _deep_site_note(root: Path, prefix: str) -> str:
    return (f"{root / prefix}: its language folders are more than {LAYOUT_DEPTH} folder "
            "levels down and were not checked; give that folder to check them")


def _by_present_target(mappings: list[PathMapping], rel: str,
                       present: set[str]) -> list[PathMapping]:
    """The mappings in order, except that one pairing ``rel`` with a translation that exists
    comes first: a folder may name its translations two ways (``index.zh.md`` and
    ``README_zh-CN.md``), and the first pattern that matches must not leave a source
    unpaired whose translation the second finds."""
    for k, m in enumerate(mappings):
        if m.pairs_file(rel) and any(t in present for t in m.target_candidates(rel)):
            return [m, *mappings[:k], *mappings[k + 1:]]
    return mappings


def _same_page(rel: str, present: set[str],
               counterparts: Callable[[str], list[str]]) -> str | None:
    """The counterpart of page ``rel`` under another page ending (``x.md`` ↔ ``x.mdx``), where
    each side holds one page of that name: of two (``x.md`` and ``x.mdx``) neither takes the
    other side's one, which is the translation of the page of its own ending."""
    stem, ending = os.path.splitext(rel)
    if ending.lower() not in PAGE_SUFFIXES:
        return None
    others = [e for e in PAGE_SUFFIXES if e != ending.lower()]
    if any(stem + e in present for e in others):
        return None
    found = [c for e in others for c in counterparts(stem + e) if c in present]
    return found[0] if len(found) == 1 else None


def _expected(root: Path, candidates: list[str]) -> str:
    """The candidate whose folder exists (a site's own language folder name), else the first."""
    for c in candidates:
        if (root / c).parent.is_dir():
            return c
    return candidates[0]


def _codes_in(folder: Path, lang: str) -> list[str]:
    return [c for c in LANGUAGE_CODES[lang] if (folder / c).is_dir()]


def _has_pages(folder: Path, codes: list[str]) -> bool:
    """Whether any of the language folders ``codes`` of ``folder`` holds a Markdown page."""
    return any(Path(rel).suffix.lower() in PAGE_SUFFIXES
               for code in codes for rel in _documents(folder / code))


#: How many folder levels below the folder given the layouts are looked for: a corpus or a
#: site within a repository (``docs/``, ``website/``, Hugo's ``content/``) and the sites of
#: a folder that holds several (``data/docs/seatunnel/docs/en``: four levels). At three, a
#: site four levels down was left out without a word while one three down was checked.
LAYOUT_DEPTH = 5


def detect_mappings(root: Path, source_lang: str = "en",
                    target_lang: str = "zh") -> list[PathMapping]:
    """The common layouts found in ``root``, with paths relative to it: language folders
    (``en/`` + ``zh/`` at any depth up to :data:`LAYOUT_DEPTH`: ``corpus/``, ``docs/``,
    Hugo's ``content/``), Docusaurus ``i18n/`` (its direction from the locale it translates
    into), and ``NAME.en.md`` ↔ ``NAME.zh.md`` suffixes."""
    out: list[PathMapping] = []
    for folder in _folders(root, depth=LAYOUT_DEPTH):
        prefix = folder.relative_to(root).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        en, zh = _codes_in(folder, "en"), _codes_in(folder, "zh")
        if en and zh:
            pattern = f"{prefix}{{lang}}/{{path}}"
            # A corpus of text files pairs them; a site (language folders with pages in
            # them) pairs its pages only: a .txt beside them is data (sample output). The
            # files decide, not the folder given: docs/en and the site above it pair alike.
            suffixes = PAGE_SUFFIXES if _has_pages(folder, en + zh) else DOCUMENT_SUFFIXES
            out.append(PathMapping(pattern, pattern, source_lang, target_lang, suffixes,
                                   any_page_ending=True))
        else:
            out += _root_and_locale_folder(folder, prefix)
        out += _docusaurus(folder, prefix)
    out += _suffixes(root, source_lang, target_lang)
    return out


def _folders(root: Path, depth: int) -> list[Path]:
    out = [root]
    frontier = [root]
    for _ in range(depth):
        nxt = []
        for f in frontier:
            try:
                children = sorted(c for c in f.iterdir() if c.is_dir())
            except OSError:
                continue
            for c in children:
                if c.name.startswith(".") or c.name in _SKIP_DIRS or \
                        c.name in LANGUAGE_CODES["en"] or c.name in LANGUAGE_CODES["zh"]:
                    continue
                nxt.append(c)
        out += nxt
        frontier = nxt
    return out


def _docusaurus(folder: Path, prefix: str) -> list[PathMapping]:
    """A Docusaurus site: ``docs/`` (and ``versioned_docs/``) in one language, ``i18n/LOCALE``
    holding the translation — its direction is from the default docs into that locale."""
    out = []
    # A site in website/ often keeps its docs beside it (docs: '../docs' in its config).
    docs = f"{prefix}docs/"
    if prefix and not (folder / "docs").is_dir() and (folder.parent / "docs").is_dir():
        docs = prefix.rstrip("/").rpartition("/")[0]
        docs = f"{docs}/docs/" if docs else "docs/"
    for lang, other in (("zh", "en"), ("en", "zh")):
        # An English default locale is often a Chinese-first project's choice for its
        # international readers (apache/linkis-website, inlong, streampark: Chinese written
        # first, kept in i18n/zh-CN/): a guess a configured direction turns. A Chinese
        # default locale with i18n/en says the Chinese came first.
        guessed = lang == "zh"
        for code in _codes_in(folder / "i18n", lang):
            plugin = f"{prefix}i18n/{code}/docusaurus-plugin-content-docs"
            if (folder / plugin.removeprefix(prefix)).is_dir():
                out.append(PathMapping(f"{docs}{{path}}", f"{plugin}/current/{{path}}",
                                       other, lang, PAGE_SUFFIXES, guessed=guessed,
                                       any_page_ending=True))
                out.append(PathMapping(f"{prefix}versioned_docs/version-{{version}}/{{path}}",
                                       f"{plugin}/version-{{version}}/{{path}}", other, lang,
                                       PAGE_SUFFIXES, guessed=guessed, any_page_ending=True))
            # The blog, the standalone pages, and further docs instances (plugin id "api":
            # api/PATH ↔ …/docusaurus-plugin-content-docs-api/current/PATH).
            locale = folder / "i18n" / code
            extra = [("blog", "docusaurus-plugin-content-blog"),
                     ("src/pages", "docusaurus-plugin-content-pages")]
            extra += [(d.name.removeprefix("docusaurus-plugin-content-docs-"), f"{d.name}/current")
                      for d in sorted(locale.glob("docusaurus-plugin-content-docs-*"))
                      if d.is_dir()]
            for source, target in extra:
                if (folder / source).is_dir() and (locale / target).is_dir():
                    out.append(PathMapping(f"{prefix}{source}/{{path}}",
                                           f"{prefix}i18n/{code}/{target}/{{path}}", other, lang,
                                           PAGE_SUFFIXES, guessed=guessed, any_page_ending=True))
    return out


def _locale_alternation() -> str:
    codes = [*LANGUAGE_CODES["en"], *LANGUAGE_CODES["zh"], *OTHER_LOCALES]
    return "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))


def _root_and_locale_folder(folder: Path, prefix: str) -> list[PathMapping]:
    """VitePress, VuePress, Docsify, Starlight: the default language's pages at the folder's
    root and the translation in one locale folder below it (``docs/guide/a.md`` ↔
    ``docs/zh/guide/a.md``; a Chinese site's ``en/``). The root must hold pages that the
    locale folder mirrors (a third of them at least), so a stray ``cn/`` folder is no
    layout; the other locale folders (``ja/``, ``zh-TW/``) are never sources."""
    en, zh = _codes_in(folder, "en"), _codes_in(folder, "zh")
    if bool(en) == bool(zh):
        return []
    sub_lang, root_lang = ("zh", "en") if zh else ("en", "zh")
    sub = folder / (zh or en)[0]
    locales = _locale_alternation()
    mirrored = [rel for rel in documents_under(sub)
                if Path(rel).suffix.lower() in PAGE_SUFFIXES]
    if not mirrored:
        return []
    common = sum((folder / rel).is_file() for rel in mirrored)
    if common == 0 or common * 3 < len(mirrored):
        return []
    return [PathMapping(f"{prefix}{{path}}", f"{prefix}{{lang}}/{{path}}", root_lang, sub_lang,
                        PAGE_SUFFIXES, excludes=(rf"{re.escape(prefix)}(?:{locales})/.*",),
                        guessed=True, any_page_ending=True)]


#: A document named with a language: ``a.zh.md``, ``README_zh-CN.md``, ``intro-en.mdx``.
_LANG_SUFFIX = re.compile(r"(?P<base>.+?)(?P<sep>[._-])(?P<code>[A-Za-z]{2}(?:[-_][A-Za-z]{2,4})*)"
                          r"\.(?P<ext>md|mdx|markdown|txt)")


def _suffixes(root: Path, source_lang: str, target_lang: str) -> list[PathMapping]:
    """``NAME.en.md`` ↔ ``NAME.zh.md``; and MkDocs, Hugo and README style, where the default
    language's file has no suffix: ``index.md`` ↔ ``index.zh.md``, ``README.md`` ↔
    ``README_zh-CN.md`` (a Chinese site's ``index.md`` ↔ ``index.en.md`` runs zh → en)."""
    names = documents_under(root)
    present = set(names)
    # (kind, sep, ext) → the folders that name translations so, in order of discovery.
    found: dict[tuple[str, str, str], dict[str, None]] = {}
    for rel in names:
        m = _LANG_SUFFIX.fullmatch(rel)
        if not m or m.group("code") not in (*LANGUAGE_CODES["en"], *LANGUAGE_CODES["zh"]):
            continue
        sep, ext, code = m.group("sep"), m.group("ext"), m.group("code")
        lang = "en" if code in LANGUAGE_CODES["en"] else "zh"
        folder = rel.rpartition("/")[0]
        if lang == "en" and any(
                f"{m.group('base')}{sep}{c}.{ext}" in present for c in LANGUAGE_CODES["zh"]):
            found.setdefault(("both", sep, ext), {})[folder] = None
        elif f"{m.group('base')}.{ext}" in present:
            found.setdefault((lang, sep, ext), {})[folder] = None
    locales = _locale_alternation()
    out = []
    for (kind, sep, ext), folders in found.items():
        if kind == "both":  # NAME.en.md ↔ NAME.zh.md, NAME_en.md ↔ NAME_cn.md (PaddlePaddle)
            pattern = f"{{path}}{sep}{{lang}}.{ext}"
            out.append(PathMapping(pattern, pattern, source_lang, target_lang))
            continue
        # Only the folders that hold such translations: elsewhere a plain file (CHANGELOG.md)
        # is no page waiting for its translation.
        within = "|".join(re.escape(f"{f}/" if f else "") for f in folders)
        root_lang = "zh" if kind == "en" else "en"
        out.append(PathMapping(f"{{path}}.{ext}", f"{{path}}{sep}{{lang}}.{ext}", root_lang, kind,
                               excludes=(rf".*[._-](?:{locales})\.{re.escape(ext)}",
                                         rf"(?!(?:{within})[^/]+$).*"), guessed=True))
    return out


def find_pairs(paths: list[str], mappings: list[PathMapping] | None = None,
               root: Path | None = None, source_lang: str = "en",
               target_lang: str = "zh", turn: bool = False) -> CorpusScan:
    """Pairs for each path. With ``mappings`` (configured, relative to ``root``) the paths
    restrict the scan of ``root``; without, each folder's layout is detected (a file's, in
    the nearest folder above it that has one). With ``turn`` (the direction was configured)
    a pair of a layout whose direction is only a guess (see :attr:`PathMapping.guessed`) is
    turned round when it goes the other way: the Chinese pages of a site whose English
    pages sit at its root (apache/iotdb-docs), or of a Docusaurus site with an English
    default locale written Chinese first (apache/linkis-website), are the sources.

    Raises :class:`InputError` for a missing path or a folder where no layout is found.
    """
    result = CorpusScan()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(raw, "no such file or directory")
        if mappings:
            base = root or Path.cwd()
            scanned = scan(base, mappings, [p.resolve()])
            if not scanned.pairs and not scanned.unpaired:
                # Never "All checks passed!" over nothing: a pattern that names no file.
                raise InputError(raw, "no document here matches [[tool.bitext.pairs]] ("
                                      + "; ".join(f"{m.source} -> {m.target}" for m in mappings)
                                      + f", relative to {base})")
            result.add(_relative(scanned, base, Path.cwd()))
            continue
        folder, found = _layout_for(p, source_lang, target_lang)
        if folder is None:
            if p.is_dir():
                deeper = [prefix for prefix in language_sites(documents_under(p))
                          if prefix.count("/") >= LAYOUT_DEPTH]
                hint = (f"; {p / deeper[0]} has {source_lang}/ and {target_lang}/ more "
                        f"than {LAYOUT_DEPTH} folder levels down: give that folder") \
                    if deeper else " (configure [[tool.bitext.pairs]])"
                raise InputError(raw, f"not a corpus folder: found no {source_lang}/ and "
                                      f"{target_lang}/ folders, Docusaurus i18n/, a locale "
                                      "folder beside its source pages or NAME.zh.md files"
                                      + hint)
            raise InputError(raw, "no layout pairs this file with a translation (give the "
                                  "corpus folder, or configure [[tool.bitext.pairs]])")
        only = None if p.resolve() == folder.resolve() else [p.resolve()]
        result.add(scan(folder, found, only, detected=True,
                        direction=(source_lang, target_lang) if turn else None))
    return result


def _layout_for(p: Path, source_lang: str,
                target_lang: str) -> tuple[Path | None, list[PathMapping]]:
    """The folder whose detected layout covers ``p`` (``p`` itself when it is a folder with
    one; else the nearest folder above), and its mappings."""
    start = p if p.is_dir() else p.parent
    inside = [p] if not p.is_dir() else [p / f for f in documents_under(p)]
    top = start.resolve()
    for folder in (start, *start.parents):
        if not top.is_relative_to(folder.resolve()):
            break  # a relative path's parents end at ".", which need not hold it (../data)
        if folder.name not in LANGUAGE_CODES["en"] and folder.name not in LANGUAGE_CODES["zh"]:
            mappings = detect_mappings(folder, source_lang, target_lang)
            if mappings and folder == p:
                return folder, mappings
            # An enclosing folder's layout counts only if it pairs a document of ``p``.
            for doc in inside:
                rel = doc.resolve().relative_to(folder.resolve()).as_posix()
                if any(m.pairs_file(rel) and (m.source_values(rel) or m.target_values(rel))
                       for m in mappings):
                    return folder, mappings
        if (folder / ".git").exists() or (folder / "pyproject.toml").is_file():
            break  # never look above the repository
    return None, []


def _relative(scan_result: CorpusScan, base: Path, cwd: Path) -> CorpusScan:
    """Paths as the user would type them: relative to the working directory when inside it."""

    def rel(path: str) -> str:
        try:
            return os.path.relpath(path, cwd) if Path(path).resolve().is_relative_to(cwd) \
                else path
        except ValueError:
            return path

    return CorpusScan(
        [DocumentPair(p.name, rel(p.source_path), rel(p.target_path), p.source_lang,
                      p.target_lang) for p in scan_result.pairs],
        [Unpaired(u.name, rel(u.path), rel(u.expected), u.side, u.source_lang, u.target_lang)
         for u in scan_result.unpaired])
