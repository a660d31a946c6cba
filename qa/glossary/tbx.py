"""TBX-Basic import and export (ISO 30042: TBX v3 ``<tbx>`` and TBX v2 ``<martif>``).

One glossary row becomes one concept entry: the English term is the preferred term of
the ``en`` language section, English variants are admitted terms; the Chinese rendering
is preferred (``approved``), ``deprecatedTerm-admn-sts`` (``forbidden``) or
``supersededTerm-admn-sts`` (``deprecated``), its variants admitted (or banned alike).
A ``keep`` row's Chinese section holds the English form itself. ``domain`` is the
``subjectField``; the case flag travels as a ``<note>bitext:case=sensitive</note>``.

What else a TSV file holds travels in ``bitext:`` notes of the concept, so that TSV → TBX →
TSV gives the same file (less blank lines): ``bitext:comment=`` (a comment line above the
row), ``bitext:column:NAME=`` (a column bitext does not know), ``bitext:status=`` (a
``proposed`` or ``rejected`` row, whose Chinese term is ``admittedTerm`` or
``deprecatedTerm`` for other tools) and, on the first and last concept,
``bitext:columns=`` (the header), ``bitext:preamble=`` and ``bitext:trailer=`` (comments
before the header and after the last row).

Imported XML is untrusted: it is parsed with :mod:`defusedxml`, which refuses entity
declarations (billion laughs) and external entities without expanding them.
"""

from __future__ import annotations

import xml.etree.ElementTree as StdET
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import defusedxml
import defusedxml.ElementTree as SafeET

from align.errors import InputError
from align.script import has_han
from align.textio import read_bytes
from qa.glossary.model import COLUMNS, Entry, Glossary, Status

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_NS = "urn:iso:std:iso:30042:ed-2"
_CASE_NOTE = "bitext:case=sensitive"
_STATUS_TO_TBX = {
    Status.APPROVED: "preferredTerm-admn-sts",
    Status.KEEP: "preferredTerm-admn-sts",
    Status.FORBIDDEN: "deprecatedTerm-admn-sts",
    Status.DEPRECATED: "supersededTerm-admn-sts",
    Status.PROPOSED: "admittedTerm-admn-sts",
    Status.REJECTED: "deprecatedTerm-admn-sts",
}
_NOTE = "bitext:"


def export_tbx(glossary: Glossary) -> str:
    """The glossary as a TBX-Basic (v3, DCA style) document."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">',
           "  <tbxHeader>", "    <fileDesc>",
           "      <sourceDesc><p>bitext glossary</p></sourceDesc>",
           "    </fileDesc>", "  </tbxHeader>", "  <text>", "    <body>"]
    for n, e in enumerate(glossary.entries, start=1):
        out.append(f'      <conceptEntry id="c{n}">')
        if e.domain:
            out.append(f'        <descrip type="subjectField">{escape(e.domain)}</descrip>')
        if e.note:
            out.append(f"        <note>{escape(e.note)}</note>")
        if e.case_sensitive:
            out.append(f"        <note>{_CASE_NOTE}</note>")
        first, last = n == 1, n == len(glossary.entries)
        out += [f"        <note>{escape(_NOTE + note)}</note>"
                for note in _file_notes(glossary, e, first, last)]
        en_terms = [(e.en, "preferredTerm-admn-sts")]
        en_terms += [(v, "admittedTerm-admn-sts") for v in e.en_forms[1:]]
        if e.status is Status.KEEP:
            zh_main = e.zh or e.en
        else:
            zh_main = e.zh
        other = "admittedTerm-admn-sts" if e.status in (Status.APPROVED, Status.KEEP) \
            else _STATUS_TO_TBX[e.status]
        zh_terms = [(zh_main, _STATUS_TO_TBX[e.status])]
        zh_terms += [(v, other) for v in e.zh_forms if v != zh_main]
        for lang, terms in (("en", en_terms), ("zh", zh_terms)):
            out.append(f'        <langSec xml:lang="{lang}">')
            for term, status in terms:
                out += ["          <termSec>",
                        f"            <term>{escape(term)}</term>",
                        f'            <termNote type="administrativeStatus">{status}</termNote>',
                        "          </termSec>"]
            out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)


def _file_notes(glossary: Glossary, e: Entry, first: bool, last: bool) -> list[str]:
    """The ``bitext:`` notes (without the prefix) that carry what TBX has no place for."""
    notes = []
    if first:
        notes.append("columns=" + "\t".join(glossary.columns))
        notes += [f"preamble={c}" for c in glossary.preamble]
    notes += [f"comment={c}" for c in e.comments]
    notes += [f"column:{name}={value}" for name, value in e.extra]
    if not e.status.in_force:
        notes.append(f"status={e.status.value}")
    if last:
        notes += [f"trailer={c}" for c in glossary.trailer]
    return notes


def parse_tbx(data: bytes | str, path: str | None = None) -> Glossary:
    """Rows from a TBX document (v2 or v3); refuses entity tricks without expanding them."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                 forbid_external=True)
    except defusedxml.EntitiesForbidden as exc:
        raise InputError(path, f"refused: the XML declares entity {exc.name!r} "
                               "(entity declarations are not allowed)") from None
    except defusedxml.DefusedXmlException as exc:
        raise InputError(path, f"refused: unsafe XML ({exc})") from None
    except StdET.ParseError as exc:
        line, column = exc.position
        raise InputError(path, f"line {line}, column {column + 1}: not well-formed XML "
                               f"({str(exc).split(':')[0]})") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise InputError(path, f"not a TBX document (root element <{_local(root.tag)}>)")
    entries: list[Entry] = []
    kept: dict[str, list[str]] = {"columns": [], "preamble": [], "trailer": []}
    for concept in root.iter():
        if _local(concept.tag) in ("conceptEntry", "termEntry"):
            rows = _concept_rows(concept, path)
            entries.extend(_restore(rows, _bitext_notes(concept), kept))
    glossary = Glossary.from_entries(entries, path)
    columns = tuple(kept["columns"][0].split("\t")) if kept["columns"] else ()
    if "en" in columns and "zh" in columns:
        # The file's header, plus unknown columns it lacked (known ones come when needed).
        glossary.columns = columns + tuple(c for c in glossary.columns
                                           if c not in columns and c not in COLUMNS)
    glossary.preamble, glossary.trailer = tuple(kept["preamble"]), tuple(kept["trailer"])
    return glossary


def _bitext_notes(concept: StdET.Element) -> list[tuple[str, str]]:
    """The concept's ``bitext:NAME=VALUE`` notes (but the case flag), in order."""
    out = []
    for child in concept:
        text = _text(child) if _local(child.tag) == "note" else ""
        if text.startswith(_NOTE) and text != _CASE_NOTE and "=" in text:
            name, _, value = text[len(_NOTE):].partition("=")
            out.append((name, value))
    return out


def _restore(rows: list[Entry], notes: list[tuple[str, str]],
             kept: dict[str, list[str]]) -> list[Entry]:
    """Rows with what the ``bitext:`` notes carry; file-level notes go to ``kept``."""
    comments, extra, status = [], [], None
    for name, value in notes:
        if name in kept:
            kept[name].append(value)
        elif name == "comment":
            comments.append(value)
        elif name.startswith("column:"):
            extra.append((name.removeprefix("column:"), value))
        elif name == "status" and value in (Status.PROPOSED, Status.REJECTED):
            status = Status(value)
    out = []
    for i, row in enumerate(rows):
        out.append(replace(row, comments=tuple(comments) if i == 0 else (),
                           extra=tuple(extra), status=status or row.status))
    return out


def load_tbx(path: str | Path) -> Glossary:
    """Read a TBX file (see :func:`parse_tbx`)."""
    return parse_tbx(read_bytes(path), str(path))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el: StdET.Element) -> str:
    return "".join(el.itertext()).strip()


def _concept_rows(concept: StdET.Element, path: str | None) -> list[Entry]:
    domain, notes, case = "", [], False
    terms: dict[str, list[tuple[str, str]]] = {"en": [], "zh": []}
    for child in concept:
        name = _local(child.tag)
        if name == "descrip" and child.get("type") == "subjectField":
            domain = _text(child)
        elif name == "note":
            text = _text(child)
            if text == _CASE_NOTE:
                case = True
            elif text and not text.startswith(_NOTE):
                notes.append(text)
        elif name in ("langSec", "langSet"):
            lang = (child.get(XML_LANG) or child.get("lang") or "").lower().split("-")[0]
            if lang not in terms:
                continue
            for holder in child:
                if _local(holder.tag) not in ("termSec", "tig", "ntig"):
                    continue
                term, status = "", "preferredTerm-admn-sts"
                for el in holder.iter():
                    if _local(el.tag) == "term":
                        term = _text(el)
                    elif _local(el.tag) == "termNote" and \
                            el.get("type") == "administrativeStatus":
                        status = _text(el)
                if term:
                    terms[lang].append((term, status))
    if not terms["en"]:
        return []  # a concept without an English term cannot be matched in the source
    good = ("preferredTerm-admn-sts", "admittedTerm-admn-sts")
    en_forms = [t for t, s in terms["en"] if s in good] or [terms["en"][0][0]]
    zh_good = [t for t, s in terms["zh"] if s in good]
    note, domain = "; ".join(notes), domain
    rows: list[Entry] = []
    en, en_variants = en_forms[0], tuple(en_forms[1:])
    if zh_good or not terms["zh"]:
        zh = zh_good[0] if zh_good else ""
        if not zh or (not has_han(zh) and zh in en_forms):
            rows.append(Entry(en, "", Status.KEEP, en_variants, case, note, domain))
        else:
            rows.append(Entry(en, zh, Status.APPROVED, en_variants + tuple(zh_good[1:]),
                              case, note, domain))
    for status, tbx in ((Status.FORBIDDEN, "deprecatedTerm-admn-sts"),
                        (Status.DEPRECATED, "supersededTerm-admn-sts")):
        banned = [t for t, s in terms["zh"] if s == tbx]
        if banned:
            variants = tuple(banned[1:]) if rows else en_variants + tuple(banned[1:])
            rows.append(Entry(en, banned[0], status, variants, case,
                              "" if rows else note, "" if rows else domain))
    return rows
