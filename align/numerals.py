"""Numbers in English and Chinese text, with their exact spans: digits, number words, ranges.

Why our own parser rather than cn2an / text2num: ``cn2an.transform()`` on free text turns
十多万 into 10多万, 两三次 into 23次 and 统一 into 统1, so Chinese numerals have to be delimited
before they are parsed; text2num handles English number words but not once/twice/thrice. Here
each language has one scanner that finds the spans (digits, numeral runs followed by a
classifier, 第N, 百分之N, N分之M, number words) and one parser for the span.

A number is *hard* when a translation must carry it (digits, "three", 两种) and *soft* when it
may legitimately disappear ("one", 一种 "a kind of", ordinals, "half"): soft numbers still
match a hard one on the other side, but are never reported missing.

This is the one numeral parser of the project: the N001 check reads numbers with
``numbers_zh``/``numbers_en``, and the aligner's anchor score takes its values from
``zh_numeral_values`` and ``en_number_word``, so the two cannot read 一万五 differently.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from align.script import HTML_ENTITY


@dataclass(frozen=True)
class Number:
    """A number found in text: its value, where it is, and how it was written."""

    value: float
    start: int
    end: int
    text: str
    hard: bool = True
    kind: str = "cardinal"  # cardinal | ordinal | percent | year | decade | century
    unit: str | None = None
    approx: bool = False  # 十多万, "over 100,000": the value is a lower bound
    #: Exact identity for numbers that are not one value (versions 8.0.16, IPs, dates, times):
    #: they match only a number with the same key, never another number's value.
    key: str | None = None

    def __str__(self) -> str:
        return self.text


def _fmt(v: float) -> str:
    return f"{int(v):,}" if v == int(v) else f"{v:g}"


# ---------------------------------------------------------------------------------------------
# Shared by both languages: text that is no prose number, and numbers with a structure
#
# Technical writing is full of digits that are not quantities: 192.168.0.1, 8.0.16, jdk8,
# img_1.png, le_1_ms. Read digit by digit they give "numbers" (168, 0.1, 8) that a translation
# never has in the same form, so they are found first, in both languages alike, and either
# become one number with an exact key (an address, a version, a date, a time) or are hidden.

#: Replaces hidden characters: offsets stay valid and no number pattern matches it.
HIDE = "\x00"
_A = "A-Za-z0-9_"  # ASCII word characters (``\w`` would also take Han characters)

_FILE_EXTENSIONS = (r"(?:mdx?|png|jpe?g|gif|svg|ya?ml|json|xml|conf|properties|sh|cmd|bat|jar"
                    r"|java|py|go|txt|log|zip|t?gz|tar|html?|csv|sql|toml|ini|cfg)")
_HIDDEN = re.compile("|".join([
    r"(?:https?|ftp)://[^\s<>()\[\]，。）；：！？、\x00]+|www\.[^\s<>()\[\]，。）；\x00]+",  # URLs
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # e-mail addresses
    r"</?[A-Za-z][^<>\n]*>",  # HTML tags
    rf"(?<![{_A}/.-])(?:\.{{1,2}}/|/)?(?:[{_A}.*-]+/)+[{_A}.*-]*",  # paths: a/b, ../x/y.md
    rf"(?<![{_A}.-])[{_A}-]+(?:\.[{_A}-]+)*\.{_FILE_EXTENSIONS}(?![{_A}])",  # img_1.png, a.xml
    HTML_ENTITY,  # &#8212; &sup2;
]))
#: What every run of :data:`_HIDDEN` contains ("://" and "/" of URLs and paths, "www.", "@",
#: "<", "&", a file name's ".ext"): a text without any has none, and is not scanned for them (the
#: scan tries six patterns at every character; this one skips straight to the few it needs).
_MAY_HIDE = re.compile(rf"/|@|<|&|www\.|\.{_FILE_EXTENSIONS}")
#: ASCII words that mix digits with letters or underscores: jdk8, log4j2, s3a, le_1_ms, M4.
_MIXED = re.compile(rf"(?<![{_A}])[{_A}]*(?:[A-Za-z_]\d|\d[A-Za-z_])[{_A}]*(?:\.[{_A}]+)*")
#: Units written right after digits in both languages (case-sensitive first, then lower case).
_ASCII_UNITS = {
    "G": "GB", "T": "TB", "M": None, "K": None, "k": None, "x": "fold", "X": "fold",
    "b": "B", "B": "B", "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB", "pb": "PB",
    "kib": "KB", "mib": "MB", "gib": "GB", "tib": "TB", "byte": "B", "bytes": "B",
    "ms": "millisecond", "millisecond": "millisecond", "milliseconds": "millisecond",
    "us": "microsecond", "ns": "nanosecond", "qps": None, "tps": None, "w": None,
    "core": None, "cores": None, "mhz": None, "ghz": None,
}
_ASCII_UNIT_AFTER = re.compile(r"\s?([A-Za-zµ%]+(?:/[A-Za-z]+)?)(?![A-Za-z])")
_DIGIT = re.compile(r"\d")
_IPV4 = re.compile(rf"(?<![{_A}.])(\d{{1,3}}(?:\.(?:\d{{1,3}}|\\?\*)){{3}})(?![{_A}]|\.\d)")
_VERSION = re.compile(
    rf"(?P<op>(?:[<>]=?|~|\^|==)\s*)?(?<![0-9_.])(?P<v>(?<![A-Za-z])[vV])?"
    rf"(?P<body>\d+(?:\.(?:\d+|[xX*]))+)(?P<plus>\+)?(?![{_A}]|\.\d)")
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split())}
_MONTH_RE = r"(?P<mon>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)"
_DATES = [
    re.compile(r"(?<!\d)(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?"),
    re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(_MONTH_RE + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?(?!\d)"),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE
               + r"(?:,?\s+(?P<y>\d{4}))?(?!\d)"),
    re.compile(_MONTH_RE + r",?\s+(?:of\s+)?(?P<y>\d{4})(?!\d)"),
]
#: What every match of each of :data:`_DATES` has: a separator, 月, a month's name.
_MONTH_NAME = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_DATE_HINTS = (re.compile(r"[-/.]"), re.compile("月"), re.compile("月"), _MONTH_NAME, _MONTH_NAME,
               _MONTH_NAME)
#: A second day after a date: 和 6 日, 至 8 号, "and 6", "to 8th" (then no word or digit).
_MORE_DAYS_ZH = re.compile(r"\s*(?:和|与|及|或|、|至|到|-|–|~)\s*(?P<day>(?P<d>\d{1,2})\s*[日号])")
_MORE_DAYS_EN = re.compile(r"\s*(?:and|or|to|through|–|-)\s*(?P<day>(?P<d>\d{1,2})(?:st|nd|rd|th)?)"
                           r"(?![\w.]|\s+(?:\d|[A-Za-z]))")
_TIME = re.compile(r"(?<![\d:.])(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?![\d:])")
_FRACTION = re.compile(rf"(?<![{_A}./])(\d{{1,3}})/(\d{{1,3}})(?![{_A}/])")


def ascii_unit(text: str, end: int) -> tuple[bool, str | None, int]:
    """Whether an ASCII unit follows the digits ending at ``end`` (10ms, 4 GB, 2x), its id,
    and where it ends.

    >>> ascii_unit("10ms内", 2), ascii_unit("4 GB", 1), ascii_unit("3D", 1)
    ((True, 'millisecond', 4), (True, 'GB', 4), (False, None, 1))
    """
    m = _ASCII_UNIT_AFTER.match(text, end)
    if not m:
        return False, None, end
    word = m.group(1)
    for key in (word, word.lower()):
        if key in _ASCII_UNITS:
            return True, _ASCII_UNITS[key], m.end()
        if key in _EN_UNITS:
            return True, _EN_UNITS[key], m.end()
    return False, None, end


def _hide(chars: list[str], a: int, b: int) -> None:
    for k in range(a, b):
        chars[k] = HIDE


#: A "path" that is a fraction (1/2) or two versions (3.x/4.x): left for the number patterns.
_NOT_HIDDEN = re.compile(r"[\d.xX*/]+")


def _hidden_run(m: re.Match[str]) -> str:
    """A run of :data:`_HIDDEN` as :data:`HIDE` characters, unless :data:`_NOT_HIDDEN`."""
    run = m.group(0)
    return run if _NOT_HIDDEN.fullmatch(run) else HIDE * len(run)


def _date_key(m: re.Match[str]) -> str | None:
    """``2023-05-01``, ``2023-05`` or ``--05-01`` for a matched date; None if impossible."""
    parts = m.groupdict()
    month = int(parts["m"]) if parts.get("m") else _MONTHS.get(
        next((k for k in _MONTHS if k.startswith(parts["mon"].rstrip(".").lower()[:3])), ""))
    day = int(parts["d"]) if parts.get("d") else None
    if not month or not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    year = parts.get("y") or "-"
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


def _version_key(body: str) -> str:
    """``3.7.0`` → ``3.7``: trailing zero parts do not change a version (5.0 is 5)."""
    parts = body.lower().split(".")
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return ".".join(parts)


def structured_numbers(text: str) -> tuple[list[Number], str]:
    """Addresses, versions, dates, times and fractions of ``text``, and the text with them and
    every non-prose run (URL, path, file name, HTML tag, identifier) hidden by :data:`HIDE`.

    >>> found, rest = structured_numbers("Use 192.168.33.1:8080 with jdk8 and v1.13.1+")
    >>> [(n.kind, n.key or n.value, n.hard) for n in found]
    [('address', '192.168.33.1', True), ('version', '1.13.1', True), ('identifier', 8.0, False)]
    >>> rest.count(HIDE)
    24
    """
    found, rest = _structured(text)
    return list(found), rest


@lru_cache(maxsize=4096)
def _structured(text: str) -> tuple[tuple[Number, ...], str]:
    """:func:`structured_numbers`, once per text: N001 reads the numbers of a sentence and
    N002 its kept tokens, which leave out the same structured numbers."""
    hiding = _MAY_HIDE.search(text) is not None
    if not _DIGIT.search(text):  # every pattern but the hidden runs needs a digit
        return (), _HIDDEN.sub(_hidden_run, text) if hiding else text
    chars = list(text)
    out: list[Number] = []

    def take(m: re.Match[str], kind: str, key: str | None, value: float = 0.0,
             group: int | str = 0) -> None:
        a, b = m.span(group)
        if HIDE in "".join(chars[a:b]):
            return  # inside something already found
        out.append(Number(value, a, b, text[a:b], True, kind, key=key))
        _hide(chars, a, b)

    for m in _HIDDEN.finditer(text) if hiding else ():
        if not _NOT_HIDDEN.fullmatch(m.group(0)):
            _hide(chars, *m.span())
    # Each pattern runs only where the text has what all its matches need (see _DATE_HINTS).
    dotted = "." in text
    for m in _IPV4.finditer(text) if dotted else ():
        take(m, "address", m.group(1).replace("\\", ""), group=1)
    for pattern, hint in zip(_DATES, _DATE_HINTS, strict=True):
        if not hint.search(text):
            continue
        for m in pattern.finditer("".join(chars)):
            key = _date_key(m)
            if key:
                take(m, "date", key)
                # A second day of the same month: 4 月 5 日和 6 日, April 5 and 6 (StarRocks).
                more = m.groupdict().get("d") and (_MORE_DAYS_ZH if m.group(0)[-1] in "日号" else
                                         _MORE_DAYS_EN).match(text, m.end())
                if more and 1 <= int(more.group("d")) <= 31:
                    take(more, "date", f"{key[:-2]}{int(more.group('d')):02d}", group="day")
    for m in _TIME.finditer("".join(chars)) if ":" in text else ():
        h, mi, sec = int(m.group("h")), int(m.group("m")), m.group("s")
        if h <= 24 and mi <= 59:
            take(m, "time", f"{h}:{mi:02d}" + (f":{sec}" if sec and sec != "00" else ""))
    for m in _VERSION.finditer("".join(chars)) if dotted else ():
        body = m.group("body")
        glued = m.start("body") and text[m.start("body") - 1].isascii() and \
            text[m.start("body") - 1].isalpha() and not m.group("v")
        if glued and body.count(".") < 2 and not re.search(r"[xX*]", body):
            continue  # jdk1.8 is an identifier; Spark3.x.x still names a version
        if glued and text[m.end("body"):m.end("body") + 1] == "*":
            continue  # a glob: root.sg.group1.** (apache/iotdb-docs)
        if m.group("v") or m.group("plus") or m.group("op") or body.count(".") >= 2 or \
                re.search(r"[xX*]", body):
            take(m, "version", _version_key(body), group="body" if not m.group("v") else 0)
            if m.group("plus"):
                _hide(chars, m.end("body"), m.end())
    for m in _FRACTION.finditer("".join(chars)) if "/" in text else ():
        num, den = int(m.group(1)), int(m.group(2))
        if 0 < num < den <= 100:
            take(m, "cardinal", None, num / den)
    for m in _MIXED.finditer("".join(chars)):
        word = m.group(0)
        lead = re.match(r"\d+", word)
        if lead and (re.fullmatch(r"\d+(?:st|nd|rd|th|s)", word)
                     or ascii_unit(word, lead.end())[0]
                     and ascii_unit(word, lead.end())[2] == len(word)):
            continue  # 21st, 1990s, 10ms, 4GB: a number with a suffix, read by the scanners
        out += _identifier_digits(text, *m.span())
        _hide(chars, *m.span())
    return tuple(out), "".join(chars)


def _identifier_digits(text: str, a: int, b: int) -> list[Number]:
    """The digit runs of an identifier as soft numbers: never reported, but "example1" ↔ 示例1
    and jdk8 ↔ "JDK 8" are the same number written two ways."""
    return [Number(float(d.group(0)), a + d.start(), a + d.end(), d.group(0), False,
                   "identifier") for d in re.finditer(r"\d+", text[a:b])]


# "5.After" (no space) is a marker too; "5.x" is a version. A label's number at the start
# ("提示1：", "Step 2:", "Tip 3.") numbers the item, as "1." does.
_ITEM = r"[(（]\d{1,3}[)）]|\d{1,3}、|\d{1,3}[.)）](?=[\s\x00A-Z]|[^\x00-\x7f])|" \
    r"(?:提示|注意|说明|步骤|示例|例|方法|方式|场景|问题|(?i:tip|note|step|example|case|" \
    r"option|method|scenario|question))\s?\d{1,2}(?=[：:.、)）\s])"
_ITEM_MARKER = re.compile(rf"[\s>*+\-\x00]*(?:{_ITEM})")
_HEADING_MARKER = re.compile(rf"[\s#>*+\-\x00]*(?:\d{{1,3}}(?:\.\d{{1,3}})+\.?(?=\s)|{_ITEM}|"
                             rf"\d{{1,3}}(?=\s))")


def _marker_end(text: str, heading: bool) -> int:
    """Where a leading list or heading number ends ("1. ", "(2)", "（3）", "## 3.2 "), or 0."""
    m = (_HEADING_MARKER if heading else _ITEM_MARKER).match(text)
    return m.end() if m else 0


# ---------------------------------------------------------------------------------------------
# English

_EN_UNITS = {
    "mg/kg": "mg/kg", "mg": "mg", "kg": "kg", "g": "g", "ml": "ml", "mcg": "mcg", "µg": "mcg",
    "%": "%", "percent": "%", "per cent": "%", "minute": "minute", "minutes": "minute",
    "min": "minute", "mins": "minute", "hour": "hour", "hours": "hour", "hr": "hour",
    "hrs": "hour", "h": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "year": "year", "years": "year", "second": "second",
    "seconds": "second", "sec": "second", "s": "second", "times": "time", "time": "time",
    "fold": "fold", "km": "km", "m": "m", "cm": "cm", "mm": "mm",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
    # "her sixteenth birthday" is 十六岁: an age in years.
    "birthday": "year", "birthdays": "year",
    # Measures a translation may convert (five feet four ↔ 一米六零): see CONVERSIONS.
    "metre": "m", "metres": "m", "meter": "m", "meters": "m", "kilometre": "km",
    "kilometres": "km", "kilometer": "km", "kilometers": "km", "centimetre": "cm",
    "centimetres": "cm", "centimeter": "cm", "centimeters": "cm", "millimetre": "mm",
    "millimetres": "mm", "millimeter": "mm", "millimeters": "mm", "kilogram": "kg",
    "kilograms": "kg", "kilo": "kg", "kilos": "kg", "gram": "g", "grams": "g",
    "foot": "ft", "feet": "ft", "ft": "ft", "inch": "inch", "inches": "inch", "yard": "yd",
    "yards": "yd", "mile": "mile", "miles": "mile", "pound": "lb", "pounds": "lb", "lb": "lb",
    "lbs": "lb", "ounce": "oz", "ounces": "oz", "oz": "oz", "ton": "tonne", "tons": "tonne",
    "tonne": "tonne", "tonnes": "tonne", "acre": "acre", "acres": "acre", "hectare": "ha",
    "hectares": "ha", "litre": "l", "litres": "l", "liter": "l", "liters": "l",
    "gallon": "gal", "gallons": "gal", "li": "li",
}
#: Units that are a multiple of another: four decades are 40 years (四十年).
_EN_MULTIPLES = {"decade": (10, "year"), "century": (100, "year")}
_EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
#: Old counts by twenties, one word each (the Authorised Version's "threescore and ten").
_EN_SCORES = {"twoscore": 40, "threescore": 60, "fourscore": 80, "fivescore": 100}
#: Cardinal words with their value on their own (the anchor scorer reads words one by one).
_EN_CARDINALS = {w: float(v) for w, v in
                 {**_EN_SMALL, **_EN_TENS, "hundred": 100, **_EN_SCALES}.items()}
_EN_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
_EN_ORDINALS.update({"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
                     "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
                     "hundredth": 100, "thousandth": 1000})
#: Denominators of fractions in words: "two thirds", "a quarter of", "three-fifths".
_EN_DENOMINATORS = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4,
                    **{w: v for w, v in _EN_ORDINALS.items() if 3 <= v <= 10},
                    **{w + "s": v for w, v in _EN_ORDINALS.items() if 3 <= v <= 10}}
#: Words that are numbers on their own: (value, hard).
_EN_SPECIAL = {"once": (1, False), "twice": (2, True), "thrice": (3, True),
               "half": (0.5, False), "both": (2, False), "pair": (2, False),
               "couple": (2, False), "double": (2, False), "dozen": (12, True),
               "single": (1, False), "midnight": (12, False), "noon": (12, False)}

#: What follows the "-" of an arrow after a number (1->2, Markdown-escaped 1-\>2).
_ARROW_HEADS = (">", "\\")

_EN_DIGITS = re.compile(
    r"(?<![A-Za-z0-9_.,])(?P<num>\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+(?![\d])|\d+)"
    r"(?P<dec>\.\d+)?(?P<suf>s\b|st\b|nd\b|rd\b|th\b)?")
#: Thousands separators: 1,000 ≡ 1 000 ≡ 1000.
_THOUSANDS = re.compile(r"(?<=\d)[,\u00a0\u202f\u2009 ](?=\d{3})")
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_EN_RANGE = re.compile(r"\s*(?:–|—|-|to|and|or)\s*$")
_UNIT_AFTER = re.compile(
    r"\s?(mg/kg|per cent|percent|[A-Za-zµ%]+)(?![A-Za-z])")
_SCALE_AFTER = re.compile(r"\s+(thousand|million|billion|trillion)\b", re.I)


def scale_suffix(text: str, end: int) -> float:
    """The scale a letter right after the digits ending at ``end`` gives them: 1,000 for a
    ``k`` (10k QPS, 4K, 50k+, 10k次), 1,000,000 for an ``M`` (1M messages); 1 for none, or
    for the start of a unit or a word (10kb, 3km, 5kg, 4MB, 2m). A name such as "3K glasses"
    reads as 3,000 too: :func:`compare_numbers` lets it match a 3 ("Three-K").

    >>> [scale_suffix(t, 2) for t in ("10k QPS", "10K", "10k+", "10kb", "10kg", "10M rows",
    ...                               "10MB", "10m")]
    [1000.0, 1000.0, 1000.0, 1.0, 1.0, 1000000.0, 1.0, 1.0]
    """
    scale = _SCALE_LETTERS.get(text[end:end + 1])
    if scale is None:
        return 1.0
    after = text[end + 1:end + 2]
    return 1.0 if after.isascii() and (after.isalnum() or after == "_") else scale


#: Letters that scale the digits they follow (see :func:`scale_suffix`).
_SCALE_LETTERS = {"k": 1e3, "K": 1e3, "M": 1e6}


#: A unit joined to its number by a hyphen: "three-week", "six-meter horn antenna".
_HYPHEN_UNIT = re.compile(
    r"-(week|day|month|year|hour|minute|fold|time|(?:kilo|centi|milli)?met(?:er|re)|foot|inch"
    r"|mile|yard|pound|ounce|ton|tonne|acre|gallon|lit(?:er|re)|(?:kilo)?gram)s?\b", re.I)


def _en_unit(text: str, end: int) -> tuple[str | None, int]:
    """The unit after a number ending at ``end`` (3 weeks, 4 GB, 10ms) and where it ends."""
    found, unit, uend = ascii_unit(text, end)
    if found:
        return unit, uend
    m = _HYPHEN_UNIT.match(text, end)
    if m:
        return _EN_UNITS[m.group(1).lower()], m.end()
    return None, end


def en_number_word(word: str) -> float | None:
    """Value of one English cardinal word (any case); None for any other word.

    >>> [en_number_word(w) for w in ("Three", "forty", "hundred", "million", "once", "cat")]
    [3.0, 40.0, 100.0, 1000000.0, None, None]
    """
    return _EN_CARDINALS.get(word.lower())


def numbers_en(text: str, heading: bool = False) -> list[Number]:
    """Numbers in English text (``heading``: a leading "3.2 " numbers the heading).

    >>> [(n.value, n.hard) for n in numbers_en("twice weekly for 3 weeks, 10 million, one")]
    [(2, True), (3.0, True), (10000000.0, True), (1.0, False)]
    """
    return list(_numbers_en(text, heading))


@lru_cache(maxsize=4096)
def _numbers_en(text: str, heading: bool) -> tuple[Number, ...]:
    found, rest = _structured(text)
    return tuple(_finish(_feet_and_inches([*found, *_en_prose(rest)], rest), text, rest,
                         heading))


#: What may stand between the feet and the inches of a height: "5 ft 4 in", "five feet
#: four inches", "five foot four", "5英尺4英寸" …
_FEET_GAP = re.compile(r"\s*(?:feet|foot|ft\.?|英尺)?\s*(?:and\s+)?", re.IGNORECASE)
#: … and an "in" for inches, which no unit table may take ("4 in the morning"), or the end
#: of the height ("five foot four, …", "five foot four tall").
_INCHES_AFTER = re.compile(r"\s*in\b\.?(?!\s+(?:the|a|an|his|her|my|their|our)\b)")
_HEIGHT_END = re.compile(r"\s*(?:[^\w\s]|$|tall\b|and\b)")


def _feet_and_inches(numbers: list[Number], text: str) -> list[Number]:
    """Feet followed by inches as one length in feet: "5 ft 4 in" is 5.33 feet, the
    1.6 metres (一米六零) a translation may convert it to.

    >>> [(n.value, n.unit) for n in numbers_en("She was 5 ft 4 in tall, five foot two.")]
    [(5.333333333333333, 'ft'), (5.166666666666667, 'ft')]
    >>> [(n.value, n.unit) for n in numbers_en("5 feet 4 in the morning")]
    [(5.0, 'ft'), (4.0, None)]
    """
    if not any(n.unit == "ft" for n in numbers):
        return numbers
    numbers = sorted(numbers, key=lambda n: n.start)
    out: list[Number] = []
    k = 0
    while k < len(numbers):
        x = numbers[k]
        y = numbers[k + 1] if k + 1 < len(numbers) else None
        if x.unit == "ft" and y is not None and y.unit in ("inch", None) and \
                y.value < 12 and y.value == int(y.value) and y.key is None and \
                _FEET_GAP.fullmatch(text, x.end, y.start):
            end = y.end
            if y.unit is None and (m := _INCHES_AFTER.match(text, end)):
                end = m.end()
            elif y.unit is None and not _HEIGHT_END.match(text, end):
                out.append(x)  # "5 feet 4 in the morning", "six feet two men"
                k += 1
                continue
            out.append(replace(x, value=x.value + y.value / 12, end=end, text=text[x.start:end],
                               hard=True))
            k += 2
            continue
        out.append(x)
        k += 1
    return out


def _en_prose(text: str) -> list[Number]:
    """Numbers of English prose whose non-prose runs are already hidden."""
    out: list[Number] = []
    taken: list[tuple[int, int]] = []
    for m in _EN_DIGITS.finditer(text) if _DIGIT.search(text) else ():
        a, b = m.span()
        before = text[a - 1] if a else ""
        if before.isalpha() or (before == "-" and a >= 2 and text[a - 2].isalpha()):
            continue  # part of an identifier: TrkB2, COVID-19
        after = text[b:b + 2]
        if after[:1].isalpha() and not m.group("suf") and not ascii_unit(text, b)[0]:
            continue  # 3D, 5HT
        if after[:1] == "-" and after[1:2] not in _ARROW_HEADS and (
                after[1:2].isupper() or after[1:2].isdigit() is False
                and not after[1:2].islower()):
            continue  # 5-HT (but 1->2, 1-\>2 is a sequence of numbers)
        value = float(_THOUSANDS.sub("", m.group("num")) + (m.group("dec") or ""))
        kind, hard = "cardinal", True
        suf = m.group("suf")
        if suf in ("st", "nd", "rd", "th"):
            kind, hard = "ordinal", False
        elif suf == "s":
            kind = "decade"
        sm = _SCALE_AFTER.match(text, b)
        if sm:
            value *= _EN_SCALES[sm.group(1).lower()]
            b = sm.end()
        elif (scale := scale_suffix(text, b)) > 1:
            value, b = value * scale, b + 1
        unit, _ = _en_unit(text, b)
        value, unit = _in_base_unit(value, unit)
        if kind == "cardinal" and 1000 <= value <= 2100 and value == int(value) and unit is None:
            kind = "year"
        approx = bool(re.search(r"(?:over|more than|above|at least)\s*$", text[max(0, a - 12):a]))
        out.append(Number(value, a, b, text[a:b], hard, kind, unit, approx))
        taken.append((a, b))
    out += _en_words(text, taken)
    out.sort(key=lambda n: n.start)
    return _soft_ranges(out, text)


def _in_base_unit(value: float, unit: str | None) -> tuple[float, str | None]:
    """``(4, "decade")`` → ``(40, "year")``; other units as they are."""
    if unit in _EN_MULTIPLES:
        factor, base = _EN_MULTIPLES[unit]
        return value * factor, base
    return value, unit


def _soft_ranges(numbers: list[Number], text: str) -> list[Number]:
    """"four or five", "two or three": a vague count in words, soft on both ends (五六岁 may
    render it; the values are no promise). Digits stay hard: "set it to 1 or 2" names two
    exact values."""
    out = list(numbers)
    for k in range(len(out) - 1):
        x, y = out[k], out[k + 1]
        if x.kind == y.kind == "cardinal" and y.value == x.value + 1 and \
                x.text.isalpha() and y.text.isalpha() and \
                re.fullmatch(r"\s+or\s+", text[x.end:y.start]):
            out[k], out[k + 1] = replace(x, hard=False), replace(y, hard=False)
    return out


def overlap_test(spans: Iterable[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether ``[start, end)`` overlaps any of ``spans``, in logarithmic time (a
    long line has thousands of words and of spans; testing each word against each span was
    quadratic).

    >>> hits = overlap_test([(5, 8), (2, 4)])
    >>> [hits(0, 2), hits(0, 3), hits(4, 5), hits(7, 9), hits(8, 12)]
    [False, True, False, True, False]
    """
    merged: list[list[int]] = []
    for a, b in sorted(s for s in spans if s[1] > s[0]):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def hits(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, max(end, start + 1)) - 1
        return k >= 0 and merged[k][1] > start

    return hits


def _en_words(text: str, taken: list[tuple[int, int]]) -> list[Number]:
    """Number words: runs like "one hundred thousand", "forty-one", and once/twice/first."""
    if _EN_NUMBER_WORDS.isdisjoint(" ".join(_ASCII_WORD.findall(text)).lower().split()):
        return []  # most sentences: no word below can start a number
    out: list[Number] = []
    inside = overlap_test(taken)
    words = [(m.start(), m.end(), m.group(0)) for m in _EN_WORD.finditer(text)
             if not inside(m.start(), m.start() + 1)]
    # Split hyphenated words into parts with their own offsets ("forty-one", "three-week").
    parts: list[tuple[int, int, str]] = []
    for a, _b, w in words:
        pos = a
        for piece in w.split("-"):
            parts.append((pos, pos + len(piece), piece.lower()))
            pos += len(piece) + 1
    i = 0
    while i < len(parts):
        a, b, w = parts[i]
        nxt = parts[i + 1][2] if i + 1 < len(parts) else ""
        fraction = _en_fraction(parts, i)
        if fraction is not None:
            end = parts[i + 1][1]
            out.append(Number(fraction, a, end, text[a:end], True, "cardinal"))
            i += 2
            continue
        if w in _EN_TENS and nxt in _EN_ORDINALS and parts[i + 1][0] == b + 1 and \
                text[b] == "-" and _EN_ORDINALS[nxt] < 10:
            # twenty-first is one ordinal, 21st, never "twenty" and "first"
            end = parts[i + 1][1]
            out.append(Number(_EN_TENS[w] + _EN_ORDINALS[nxt], a, end, text[a:end], False,
                              "ordinal", _en_unit(text, end)[0]))
            i += 2
            continue
        if w in _EN_ORDINALS and not (w == "second" and nxt in ("", "of")):
            # "her sixteenth birthday" (十六岁), "the third day" (第三天): the unit it counts
            out.append(Number(_EN_ORDINALS[w], a, b, text[a:b], False, "ordinal",
                              _en_unit(text, b)[0]))
            i += 1
            continue
        if w in _EN_SPECIAL:
            if w in ("pair", "couple", "dozen") and nxt != "of" and \
                    (i == 0 or parts[i - 1][2] not in ("a", "one")):
                i += 1
                continue
            v, hard = _EN_SPECIAL[w]
            unit = "time" if w in ("once", "twice", "thrice") else None
            out.append(Number(v, a, b, text[a:b], hard, "cardinal", unit))
            i += 1
            continue
        if w in _EN_SMALL or w in _EN_TENS or w in _EN_SCORES or (
                w in ("a", "an") and nxt in ("hundred", "thousand", "million")):
            j, value, ordinal = _en_number_run(parts, i)
            if value is None:
                i += 1
                continue
            end = parts[j - 1][1]
            if ordinal:  # "the six hundredth year", "the four and twentieth day"
                out.append(Number(value, a, end, text[a:end], False, "ordinal",
                                  _en_unit(text, end)[0]))
                i = j
                continue
            last = parts[j - 1][2]
            if last in ("and",):
                j -= 1
                end = parts[j - 1][1]
            unit, uend = _en_unit(text, end)
            value, unit = _in_base_unit(value, unit)
            hard = not (value == 1 and j - i == 1)
            if w == "one" and j - i == 1 and nxt in ("another", "of", "day", "by"):
                hard = False
            out.append(Number(value, a, end, text[a:end], hard, "cardinal", unit))
            i = j
            continue
        i += 1
    return out


#: Every word that can begin or make a number in :func:`_en_words` (a fraction's denominator,
#: an ordinal, once/twice/…, a cardinal, a scale after "a"): a text none of whose runs of
#: ASCII letters is one of them, in any case, has no number words.
_EN_NUMBER_WORDS = frozenset({*_EN_DENOMINATORS, *_EN_ORDINALS, *_EN_SPECIAL, *_EN_SMALL,
                              *_EN_TENS, *_EN_SCORES, "hundred", *_EN_SCALES})
_ASCII_WORD = re.compile(r"[A-Za-z]+")


def _en_fraction(parts: list[tuple[int, int, str]], i: int) -> float | None:
    """The value of a fraction in words starting at ``parts[i]``: "two thirds", "three
    quarters", "two-fifths" (a numerator word before a plural denominator), "a third of",
    "one quarter of" (a or one before a singular one, and "of": "a third party" is no
    fraction); None otherwise.

    >>> [_en_fraction([(0, 3, "two"), (4, 10, "thirds")], 0),
    ...  _en_fraction([(0, 1, "a"), (2, 9, "quarter"), (10, 12, "of")], 0),
    ...  _en_fraction([(0, 1, "a"), (2, 7, "third"), (8, 13, "party")], 0)]
    [0.6666666666666666, 0.25, None]
    """
    if i + 1 >= len(parts):
        return None
    word, denominator = parts[i][2], _EN_DENOMINATORS.get(parts[i + 1][2])
    if denominator is None or parts[i + 1][0] - parts[i][1] > 1:
        return None
    plural = parts[i + 1][2].endswith("s")
    if plural and 2 <= _EN_SMALL.get(word, 0) < denominator:
        return _EN_SMALL[word] / denominator
    following = parts[i + 2][2] if i + 2 < len(parts) else ""
    if not plural and word in ("a", "one") and following == "of" and denominator > 2:
        return 1 / denominator
    return None


def _en_number_run(parts: list[tuple[int, int, str]], i: int,
                   ) -> tuple[int, float | None, bool]:
    """Parse number words from ``parts[i]`` on; returns (index after the run, value, whether
    it is an ordinal).

    Besides today's forms ("two hundred and five", "forty-one") it reads the older ones of
    the Authorised Version: units before tens ("five and thirty" is 35, "an hundred and
    seven and twenty" 127), tens and units joined by "and" ("sixty and five"), counts by
    scores ("threescore and ten") and a run ending in an ordinal ("six hundredth", "four
    and twentieth"). "between five and twenty" stays two numbers.

    >>> import re
    >>> text = "an hundred and seven and twenty"
    >>> _en_number_run([(m.start(), m.end(), m.group()) for m in re.finditer(r"\\w+", text)],
    ...                0)[1:]
    (127.0, False)
    """
    total, current, seen, joined = 0.0, 0.0, False, False
    # "between five and twenty" is a range, never 25.
    archaic = i == 0 or parts[i - 1][2] not in ("between", "from")
    j = i
    while j < len(parts):
        w = parts[j][2]
        if j > i and parts[j][0] - parts[j - 1][1] > 1:
            break  # words must be adjacent (one space or hyphen)
        unit = current % 100
        if w in ("a", "an") and j == i:
            current = 1
        elif w in _EN_SMALL:
            if seen and current % 10 != 0 and current < 100:
                break  # "two three" is two numbers
            current += _EN_SMALL[w]
        elif w in _EN_TENS or w in _EN_SCORES:
            if seen and unit != 0 and not (joined and 0 < unit < 10):
                break
            current += _EN_TENS.get(w) or _EN_SCORES[w]
        elif w in _EN_ORDINALS and seen and joined and 0 < unit < 10 \
                and _EN_ORDINALS[w] % 10 == 0 and 20 <= _EN_ORDINALS[w] <= 90:
            return j + 1, total + current + _EN_ORDINALS[w], True  # "four and twentieth"
        elif w in ("hundredth", "thousandth") and seen and not joined:
            scale = 100 if w == "hundredth" else 1000
            return j + 1, total + max(current, 1) * scale, True  # "six hundredth"
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _EN_SCALES:
            total += max(current, 1) * _EN_SCALES[w]
            current = 0
        elif w == "and" and seen and j + 1 < len(parts) and _joins(
                parts[j + 1][2], unit, total or current >= 100, archaic):
            joined = True
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return i + 1, None, False
    return j, total + current, False


def _joins(word: str, unit: float, scaled: bool, archaic: bool) -> bool:
    """Whether "and" joins the number so far (its last two digits ``unit``) to ``word``:
    after hundreds or thousands a unit or ten ("two hundred and five"), and in the old
    forms a unit after a ten ("sixty and five") or a ten after a unit ("five and thirty",
    also as an ordinal: "four and twentieth")."""
    if scaled and (word in _EN_SMALL or word in _EN_TENS or word in _EN_SCORES):
        return True
    if not archaic:
        return False
    if word in _EN_SMALL and 1 <= _EN_SMALL[word] <= 19:  # "threescore and twelve"
        return unit >= 20 and unit % 10 == 0 and (_EN_SMALL[word] <= 9 or unit % 20 == 0)
    tens = _EN_TENS.get(word) or _EN_SCORES.get(word) or (
        _EN_ORDINALS.get(word) if word.endswith("ieth") else None)
    return bool(tens) and 0 < unit < 10


# ---------------------------------------------------------------------------------------------
# Chinese

_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 1e4, "亿": 1e8}
_ZH_CHARS = "".join(_ZH_DIGIT) + "".join(_ZH_UNIT) + "".join(_ZH_BIG)
#: Measure words and units that make a numeral a count (longest first), with unit ids.
_ZH_CLASSIFIERS = {
    "毫秒": "millisecond", "微秒": "microsecond", "纳秒": "nanosecond", "字节": "B",
    "分钟": "minute", "小时": "hour", "钟头": "hour", "星期": "week", "礼拜": "week",
    "个月": "month", "年代": "decade", "世纪": "century", "毫克": "mg", "公斤": "kg",
    "千克": "kg", "毫升": "ml", "公里": "km", "厘米": "cm", "毫米": "mm", "秒钟": "second",
    "周岁": "year", "美元": None, "英镑": None, "阶段": None, "个": None, "种": None,
    "次": "time", "年": "year", "岁": "year", "月": None, "日": None, "天": "day", "周": "week",
    "秒": "second", "名": None, "位": None, "人": None, "只": None, "条": None, "本": None,
    "件": None, "张": None, "份": None, "家": None, "层": None, "座": None, "所": None,
    "间": None, "元": None, "块": None, "倍": "fold", "米": "m", "克": "g", "升": "l",
    "公尺": "m", "公分": "cm", "英尺": "ft", "英寸": "inch", "英里": "mile", "海里": "nmi",
    "磅": "lb", "盎司": "oz", "加仑": "gal", "英亩": "acre", "公顷": "ha", "吨": "tonne",
    "丈": "zhang", "斤": "jin", "杯": None, "碗": None, "瓶": None, "句": None, "声": None,
    "步": None,
    "遍": "time", "趟": "time", "场": None, "台": None, "辆": None, "匹": None, "头": None,
    "把": None, "双": None, "对": None, "群": None, "批": None, "项": None, "类": None,
    "组": None, "章": None, "节": None, "页": None, "号": None, "点": None, "度": None,
    "例": None, "期": None, "轮": None, "届": None, "代": None, "季": None, "首": None,
    "篇": None, "部": None, "棵": None, "片": None, "粒": None, "颗": None, "根": None,
    "支": None, "扇": None, "道": None, "户": None, "剂": None, "针": None, "套": None,
    "箱": None, "袋": None, "包": None, "盒": None, "亩": "mu", "里": "li", "尺": "chi",
    "寸": "cun", "级": None, "款": None, "型": None, "口": None, "回": "time", "下": "time",
    "成": None,
}
_ZH_CLASSIFIER_RE = "|".join(sorted((re.escape(k) for k in _ZH_CLASSIFIERS), key=len,
                                    reverse=True))
#: Compounds whose numeral characters are not numbers (千万 "by all means", 万一 "in case").
_ZH_IDIOMS = ("千万", "万万", "万一", "一一", "一五一十", "三三两两", "千千万万", "十万火急",
              "乱七八糟", "七上八下", "一二", "九九", "三番五次", "四面八方", "五花八门",
              "一点", "一下", "一些", "十分", "万分", "百般", "千方百计", "一成不变",
              "二元组", "三元组", "四元组", "五元组")
_ZH_SCAN = re.compile(
    rf"(?P<pre>第|百分之)?(?P<num>(?:\d{{1,3}}(?:[,\u00a0\u202f\u2009 ]\d{{3}})+(?!\d)|\d+)"
    rf"(?:\.\d+)?"
    rf"(?:[{_ZH_CHARS}]+|[ \u00a0][万亿](?![{_ZH_CHARS}]))?|[{_ZH_CHARS}]+)"
    rf"(?:(?P<more>[多余几来])两?)?(?P<big>[万亿])?(?P<frac>分之(?P<den>[{_ZH_CHARS}]+|\d+))?"
    rf"(?P<pct>%|％)?(?P<cls>个?(?:{_ZH_CLASSIFIER_RE}))?")
#: What every match of :data:`_ZH_SCAN` has (a digit or a numeral character), and any of
#: the idioms: tests that spare the slower scans most texts and most numbers.
_ZH_NUMERAL = re.compile(rf"[\d{_ZH_CHARS}]")
_ZH_IDIOM = re.compile("|".join(map(re.escape, _ZH_IDIOMS)))
#: Years of the Republic of China (民国, still the calendar of Taiwan): year N is 1911 + N,
#: its first year 元年.
_ROC_ERA = ("民国", "民國")
ROC_OFFSET = 1911
_ROC_FIRST = re.compile(rf"(?<={'|'.join(_ROC_ERA)})元年")
#: Characters that make a following single numeral part of a word (统一, 唯一, 同一 …).
_ZH_WORD_HEADS = "统唯同专划合归不逐单均之"
_ZH_NEXT_OK = re.compile(r"$|[\s\W\dA-Za-z]")
#: A label noun that a numeral numbers, whatever follows: 示例二的语句 ("Example 2"), 步骤三中.
_ZH_LABEL = re.compile(r"(?:示例|步骤|方法|方式|场景|阶段|选项|方案|实验)$")


def parse_zh_numeral(s: str) -> float | None:
    """Value of a Chinese numeral (digits may lead: ``10万``); None if it is not well formed.

    >>> [parse_zh_numeral(s) for s in ("四十一", "十万", "一万五", "一百零五", "3.5亿", "一九八零")]
    [41.0, 100000.0, 15000.0, 105.0, 350000000.0, 1980.0]
    >>> [parse_zh_numeral(s) for s in ("五十两", "一百二", "一百两", "两百")]
    [50.0, 120.0, 100.0, 200.0]
    """
    s = _THOUSANDS.sub("", s)  # thousands separators: 1,000, 1 000
    if len(s) > 1 and s[-1] == "两" and (s[-2] in _ZH_UNIT or s[-2] in _ZH_BIG):
        # 两 after a multiplier is the tael, never a final digit (that is 二): 五十两 = 50
        # taels, 一百二 = 120 but 一百两 = 100 taels, 万两黄金.
        s = s[:-1]
    m = re.match(r"\d+(?:\.\d+)?", s)
    total, section, cur = 0.0, 0.0, None
    last_mult, zero_seen = 0.0, False
    rest = s
    if m:
        cur = float(m.group(0))
        rest = s[m.end():]
    if rest and all(ch in _ZH_DIGIT for ch in rest) and cur is None and len(rest) > 1:
        if len(rest) == 4:  # a year read digit by digit: 一九八零
            return float("".join(str(_ZH_DIGIT[c]) for c in rest))
        return None
    smallest_unit = float("inf")
    for ch in rest:
        if ch in _ZH_DIGIT:
            if cur is not None and not zero_seen:
                return None
            cur = float(_ZH_DIGIT[ch])
            zero_seen = ch in "零〇"
            if zero_seen:
                cur = None
                zero_seen = True
                last_mult = 0
        elif ch in _ZH_UNIT:
            u = _ZH_UNIT[ch]
            if u >= smallest_unit:
                return None
            smallest_unit = u
            section += (cur if cur is not None else 1) * u
            cur, last_mult, zero_seen = None, u, False
        elif ch in _ZH_BIG:
            big = _ZH_BIG[ch]
            total += (section + (cur or 0)) * big if (section or cur) else big
            section, cur, last_mult, zero_seen = 0.0, None, big, False
            smallest_unit = float("inf")
    if cur is not None:
        # 一万五 = 15,000 and 三百五 = 350: a final digit right after a multiplier counts in
        # the next lower place.
        section += cur * (last_mult / 10 if last_mult and not zero_seen else 1)
    return total + section


def zh_numeral_values(s: str) -> list[float]:
    """Values a Chinese numeral stands for: one, two for a range of neighbours (两三 "two or
    three"), none when it is not well formed.

    >>> [zh_numeral_values(s) for s in ("一万五", "三百五", "两三", "一九八四", "三五", "八九两")]
    [[15000.0], [350.0], [2.0, 3.0], [1984.0], [], [8.0, 9.0]]
    """
    pair = _consecutive_pair(s[:-1] if len(s) == 3 and s[-1] == "两" else s)
    if pair:  # 八九两: eight or nine taels
        return pair
    value = parse_zh_numeral(s)
    return [] if value is None else [value]


def numbers_zh(text: str, heading: bool = False) -> list[Number]:
    """Numbers in Chinese text (``heading``: a leading "3.2 " numbers the heading).

    >>> [(n.value, n.hard) for n in numbers_zh("每周两次、连续3周，约十多万人，统一，机制一：")]
    [(2.0, True), (3.0, True), (100000.0, True), (1.0, False)]
    """
    return list(_numbers_zh(text, heading))


@lru_cache(maxsize=4096)
def _numbers_zh(text: str, heading: bool) -> tuple[Number, ...]:
    found, rest = _structured(text)
    numbers = _feet_and_inches(_metres_and_tenths([*found, *_zh_prose(rest)], rest), rest)
    return tuple(_finish(numbers, text, rest, heading))


#: The digits after 米 in a height said the Chinese way: 一米六 is 1.6 metres, 一米七五 1.75.
_TENTHS = re.compile(r"([零〇一二三四五六七八九]{1,2})(?![\d十百千万亿个岁年])")


def _metres_and_tenths(numbers: list[Number], text: str) -> list[Number]:
    """A whole number of metres followed by the digits of its fraction (一米六零, 一米七五) as
    one length.

    >>> [(n.text, n.value) for n in numbers_zh("身高一米六零，体重六十公斤。")]
    [('一米六零', 1.6), ('六十公斤', 60.0)]
    """
    if "米" not in text:
        return numbers
    out: list[Number] = []
    skip_from = -1
    for n in sorted(numbers, key=lambda n: n.start):
        if n.start == skip_from:
            continue  # the tenths, read on their own as a bare numeral
        if n.unit == "m" and n.value == int(n.value) and text[n.end - 1:n.end] == "米" and \
                (m := _TENTHS.match(text, n.end)):
            digits = "".join(str(_ZH_DIGIT[c]) for c in m.group(1))
            n = replace(n, value=n.value + int(digits) / 10 ** len(digits), end=m.end(),
                        text=text[n.start:m.end()], hard=True)
            skip_from = m.start()
        out.append(n)
    return out


def _finish(numbers: list[Number], text: str, hidden: str, heading: bool) -> list[Number]:
    """Numbers in text order, their text from the original, list/heading markers made soft
    (an outline number is structure: "1. " ↔ "（1）" must not be a mismatch)."""
    if not numbers:
        return []
    # A heading's section number may have been read as a version (## 2.1.3. 配置): its text.
    marker = max(_marker_end(hidden, heading), _marker_end(text, heading) if heading else 0)
    out = []
    for n in sorted(numbers, key=lambda n: n.start):
        if n.text != text[n.start:n.end]:
            n = replace(n, text=text[n.start:n.end])
        if n.start < marker:
            n = replace(n, hard=False, kind="marker")
        out.append(n)
    return out


def _zh_prose(text: str) -> list[Number]:
    """Numbers of Chinese prose whose non-prose runs are already hidden."""
    # 民国元年, the first year of the Republic: 1912.
    out = [Number(float(ROC_OFFSET + 1), m.start(), m.end(), m.group(0), True, "year")
           for m in _ROC_FIRST.finditer(text)] if "元年" in text else []
    if not _ZH_NUMERAL.search(text):
        return out  # most sentences: no digit, no numeral character
    for m in _ZH_SCAN.finditer(text):
        a, b = m.span()
        num = m.group("num")
        pre, cls, frac = m.group("pre"), m.group("cls"), m.group("frac")
        before = text[a - 1] if a else ""
        after = text[b:b + 1]
        digits = num[0].isdigit()
        if digits:
            if before.isalpha() and before.isascii() or before in "-." and a >= 2 and \
                    text[a - 2].isascii() and text[a - 2].isalpha():
                continue  # part of a name: v1.10.4-gke.0 (istio), as English reads it
            if after == "-" and not text[b + 1:b + 2].isdigit() and \
                    text[b + 1:b + 2] not in _ARROW_HEADS:
                continue  # 5-羟色胺, 5-HT: part of a name (not 1->2, 1-\>2: an arrow)
            if not cls and after.isascii() and after.isalpha() and not ascii_unit(text, b)[0]:
                continue  # part of a name the identifier pass did not hide
        near = text[max(0, a - 3):b + 3]
        if _ZH_IDIOM.search(near) and any(idiom in near and _overlaps(text, idiom, a, b)
                                          for idiom in _ZH_IDIOMS):
            continue
        if not digits and not (pre or cls or frac or m.group("pct")):
            # A bare numeral run counts only when it stands alone at the end of a phrase
            # (机制一：), never inside a word (统一, 十分).
            labelled = _ZH_LABEL.search(text, max(0, a - 2), a) is not None
            # (But 归零, "back to zero", says 0: "reset to 0" in nocobase's English.)
            if not labelled and (not _ZH_NEXT_OK.match(text, b) or
                                 len(num) == 1 and before in _ZH_WORD_HEADS
                                 and text[a - 1:b] != "归零"):
                continue
        if frac:
            # X分之Y is Y/X: 三分之一 = 1/3.
            nu = parse_zh_numeral(m.group("den"))
            den = parse_zh_numeral(num)
            if not den or nu is None:
                continue
            value, kind, hard = nu / den, "cardinal", True
            out.append(Number(value, a, b, text[a:b], hard, kind))
            continue
        # "1 万": Chinese docs put a space between digits and a numeral character too.
        values = zh_numeral_values(num.replace(" ", "").replace("\u00a0", ""))
        if not values:
            continue
        if m.group("big"):  # 十多万: the scale after 多 applies to the whole number
            values = [v * _ZH_BIG[m.group("big")] for v in values]
        kind, unit = "cardinal", None
        if cls:
            unit = _ZH_CLASSIFIERS.get(cls.lstrip("个") or "个")
            if unit in ("decade", "century"):
                kind, unit = unit, None
        elif digits and (scale := scale_suffix(text, b)) > 1 and len(values) == 1:
            values, b = [values[0] * scale], b + 1  # 10k, 1M: as in English
        elif digits and text[b:b + 1] in ("W", "w") and not text[b + 1:b + 2].isalpha():
            b += 1  # 1000W: 万 in Chinese shorthand, or watts; see _equivalent
        elif digits:
            unit = ascii_unit(text, b)[1]  # 10ms, 4GB: the same units as in English
        if pre == "第":
            kind = "ordinal"
        if pre == "百分之" or m.group("pct"):
            kind, unit = "percent", "%"
        approx = bool(m.group("more"))
        if cls and cls.startswith("年") and text[max(0, a - 2):a] in _ROC_ERA and \
                kind == "cardinal" and len(values) == 1:
            values, kind = [values[0] + ROC_OFFSET], "year"  # 民国二十六年 is 1937
        for v in values:
            if kind == "cardinal" and 1000 <= v <= 2100 and v == int(v) and cls and \
                    cls.startswith("年") and digits:
                kind_k = "year"
            else:
                kind_k = kind
            hard = kind_k != "ordinal" and not (v == 1 and not digits) and len(values) == 1
            if num.startswith("半"):
                hard = False
            out.append(Number(v, a, b, text[a:b], hard, kind_k, unit, approx))
    for m in re.finditer(r"一半", text):
        out.append(Number(0.5, m.start(), m.end(), "一半", False))

    out.sort(key=lambda n: n.start)
    return out


def _overlaps(text: str, idiom: str, a: int, b: int) -> bool:
    k = text.find(idiom, max(0, a - len(idiom)))
    while k != -1 and k < b:
        if k < b and k + len(idiom) > a:
            return True
        k = text.find(idiom, k + 1)
    return False


def _consecutive_pair(num: str) -> list[float] | None:
    """两三 → [2, 3]: two neighbouring digits mean "two or three"."""
    if len(num) == 2 and all(c in _ZH_DIGIT for c in num):
        x, y = _ZH_DIGIT[num[0]], _ZH_DIGIT[num[1]]
        if y == x + 1:
            return [float(x), float(y)]
    return None


def extract_numbers(text: str, lang: str, heading: bool = False) -> list[Number]:
    """Numbers of ``text`` in language ``lang`` ("zh" or "en")."""
    return numbers_zh(text, heading) if lang == "zh" else numbers_en(text, heading)


# ---------------------------------------------------------------------------------------------
# Comparison


def _key(n: Number) -> str:
    """What a number is compared by when either side has a structure: its key, or its value
    written the way a version would be (3.7 ↔ 3.7.0, 5 ↔ 5.0)."""
    if n.key is not None:
        return n.key
    return str(int(n.value)) if n.value == int(n.value) else repr(n.value)


def same_number(a: Number, b: Number) -> bool:
    """Exactly the same number: equal keys (versions, addresses, dates), else equal values.
    A version of four parts reads like an address: v3.3.0.0 ↔ "version 3.3.0.0" (TDengine)."""
    if a.key is not None or b.key is not None:
        if {a.kind, b.kind} == {"version", "address"}:
            return _version_key(_key(a)) == _version_key(_key(b))
        return _key(a) == _key(b)
    return abs(a.value - b.value) <= 1e-9 * max(abs(a.value), 1)


def _repeats(a: Number, b: Number) -> bool:
    """``b`` says the same quantity as ``a``: same number, and no other unit (三次 is not
    "3 weeks")."""
    return same_number(a, b) and (a.unit == b.unit or a.unit is None or b.unit is None)


def _equivalent(a: Number, b: Number) -> bool:
    if same_number(a, b):
        return True
    if a.key is not None or b.key is not None:
        return False
    for x, y in ((a, b), (b, a)):
        v = x.value
        if x.kind in ("year", "decade") and v == int(v) and 1000 <= v <= 2100:
            # 1990s ↔ 90年代, 2000s ↔ 21世纪
            if y.value in (v % 100, v // 100 + 1, v // 100):
                return True
        if x.approx and x.value <= y.value < x.value * 10:
            return True
        scale = _SCALE_LETTERS.get(x.text[-1:])
        if scale and x.value == y.value * scale:
            return True  # 3K glasses ↔ Three-K, 1M ↔ 1 MB: a name or a unit, not a scale
        if x.text[-1:] in ("W", "w") and x.value * 1e4 == y.value:
            return True  # 1000W ↔ 10,000,000: Chinese shorthand for 万 (cloudwego), not watts
    return False


#: Measures by dimension, in the dimension's base unit (metre, kilogram, square metre,
#: litre): a translation may convert one into another, rounding ("five feet four" ↔ 一米六零,
#: 130 pounds ↔ 六十公斤, 十里 ↔ "three miles"), and a literary one renders the old Chinese
#: measures in the reader's (三尺 ↔ "three feet"; that one matches by value).
CONVERSIONS = {
    "m": ("length", 1.0), "km": ("length", 1000.0), "cm": ("length", 0.01),
    "mm": ("length", 0.001), "ft": ("length", 0.3048), "inch": ("length", 0.0254),
    "yd": ("length", 0.9144), "mile": ("length", 1609.344), "nmi": ("length", 1852.0),
    "li": ("length", 500.0), "zhang": ("length", 10 / 3), "chi": ("length", 1 / 3),
    "cun": ("length", 1 / 30),
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "mg": ("mass", 1e-6), "tonne": ("mass", 1000.0),
    "lb": ("mass", 0.45359237), "oz": ("mass", 0.028349523), "jin": ("mass", 0.5),
    "ha": ("area", 10000.0), "acre": ("area", 4046.8564), "mu": ("area", 10000 / 15),
    "l": ("volume", 1.0), "ml": ("volume", 0.001), "gal": ("volume", 3.785411784),
    # A timeout or a size said in another unit (3s ↔ 3000ms: apache/dubbo-website).
    "nanosecond": ("time", 1e-9), "microsecond": ("time", 1e-6), "millisecond": ("time", 1e-3),
    "second": ("time", 1.0), "minute": ("time", 60.0), "hour": ("time", 3600.0),
    "day": ("time", 86400.0), "week": ("time", 604800.0),
    "B": ("data", 1.0), "KB": ("data", 1024.0), "MB": ("data", 1024.0 ** 2),
    "GB": ("data", 1024.0 ** 3), "TB": ("data", 1024.0 ** 4), "PB": ("data", 1024.0 ** 5),
}
#: How far a converted measure may be rounded: within this share of the larger value.
CONVERSION_TOLERANCE = 0.1


def converted(a: Number, b: Number) -> bool:
    """Whether ``b`` says the measure ``a`` says in another unit of its dimension, rounded
    (see :data:`CONVERSIONS`).

    >>> converted(numbers_en("130 pounds")[0], numbers_zh("六十公斤")[0])
    True
    >>> converted(numbers_en("130 pounds")[0], numbers_zh("九十公斤")[0])
    False
    >>> converted(numbers_zh("3s")[0], numbers_en("3000ms")[0])
    True
    """
    if a.unit == b.unit or a.unit not in CONVERSIONS or b.unit not in CONVERSIONS or \
            a.key is not None or b.key is not None:
        return False
    (dim_a, x), (dim_b, y) = CONVERSIONS[a.unit], CONVERSIONS[b.unit]
    if dim_a != dim_b:
        return False
    x, y = a.value * x, b.value * y
    return abs(x - y) <= CONVERSION_TOLERANCE * max(abs(x), abs(y))


@dataclass
class NumberMatch:
    """The outcome of comparing the numbers of two sides."""

    matched: list[tuple[Number, Number]]
    missing: list[Number]  # hard source numbers with no target counterpart
    extra: list[Number]  # hard target numbers with no source counterpart


def compare_numbers(source: list[Number], target: list[Number]) -> NumberMatch:
    """Compare two sides' numbers as multisets: exact values first, then the tolerated
    equivalences (1990s ↔ 90年代, 2000s ↔ 21世纪, 十多万 ↔ 110,000), then measures converted
    into another unit (:func:`converted`). Soft numbers match but
    are never reported missing; a value the other side has (if fewer times) is not either."""
    left, right = list(source), list(target)
    matched: list[tuple[Number, Number]] = []
    for test in (same_number, _equivalent, converted):
        for x in list(left):
            # Prefer a partner with the same unit and hardness, so "3 weeks" pairs with 3周
            # rather than 三次, and a soft "one" does not take the digit 1 a hard one needs.
            candidates = sorted(right, key=lambda y: (y.unit != x.unit, y.hard != x.hard))
            for y in candidates:
                same = test(x, y)
                if same:
                    left.remove(x)
                    right.remove(y)
                    matched.append((x, y))
                    break
    # A value said twice on one side and once on the other ("4条…这4条" ↔ "four messages")
    # is how translation works: only a value the other side lacks entirely is reported.
    missing = [n for n in left if n.hard and not any(_repeats(n, y) for y in target)]
    extra = [n for n in right if n.hard and not any(_repeats(n, x) for x in source)]
    return NumberMatch(matched, missing, extra)


#: Units of the same dimension; a matched value whose units differ within one is reported.
DIMENSIONS = {"time": {"nanosecond", "microsecond", "millisecond", "second", "minute",
                      "hour", "day", "week", "month", "year"},
              "data": {"B", "KB", "MB", "GB", "TB", "PB"},
              "mass": {"mg", "g", "kg", "mcg", "mg/kg"},
              "length": {"m", "km", "cm", "mm"}}


def unit_conflict(a: Number, b: Number) -> bool:
    """Both numbers carry units of one dimension, and the units differ (3 weeks ↔ 3天). An
    ordinal's unit is what it counts, and an ordinal is matched by its value alone ("the
    first month, the first day" ↔ 一年正月初一): no conflict."""
    if not a.unit or not b.unit or a.unit == b.unit or "ordinal" in (a.kind, b.kind) or \
            converted(a, b):
        return False  # (3s ↔ 3000ms says one thing)
    return any(a.unit in units and b.unit in units for units in DIMENSIONS.values())


def describe(n: Number) -> str:
    """``10万 (100,000)`` — the written form, and the value when they differ."""
    if n.key is not None:
        return n.text  # 8.0.16, 2023-05-01: the form is the value
    v = _fmt(n.value)
    return n.text if n.text.replace(",", "") in (v.replace(",", ""), f"{n.value:g}") \
        else f"{n.text} ({v})"
