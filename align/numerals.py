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

import re
from dataclasses import dataclass


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

    def __str__(self) -> str:
        return self.text


def _fmt(v: float) -> str:
    return f"{int(v):,}" if v == int(v) else f"{v:g}"


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
}
_EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
#: Cardinal words with their value on their own (the anchor scorer reads words one by one).
_EN_CARDINALS = {w: float(v) for w, v in
                 {**_EN_SMALL, **_EN_TENS, "hundred": 100, **_EN_SCALES}.items()}
_EN_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
_EN_ORDINALS.update({"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
                     "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
                     "hundredth": 100, "thousandth": 1000})
#: Words that are numbers on their own: (value, hard).
_EN_SPECIAL = {"once": (1, False), "twice": (2, True), "thrice": (3, True),
               "half": (0.5, False), "both": (2, False), "pair": (2, False),
               "couple": (2, False), "double": (2, False), "dozen": (12, True),
               "single": (1, False)}

_EN_DIGITS = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?P<dec>\.\d+)?(?P<suf>s\b|st\b|nd\b"
    r"|rd\b|th\b)?")
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_EN_RANGE = re.compile(r"\s*(?:–|—|-|to|and|or)\s*$")
_UNIT_AFTER = re.compile(
    r"\s?(mg/kg|per cent|percent|[A-Za-zµ%]+)(?![A-Za-z])")
_SCALE_AFTER = re.compile(r"\s+(thousand|million|billion|trillion)\b", re.I)


def _en_unit(text: str, end: int) -> tuple[str | None, int]:
    m = _UNIT_AFTER.match(text, end)
    if m and m.group(1).lower() in _EN_UNITS:
        return _EN_UNITS[m.group(1).lower()], m.end()
    m = re.match(r"-(week|day|month|year|hour|minute|fold|time)s?\b", text[end:])
    if m:
        return _EN_UNITS[m.group(1)], end + m.end()
    return None, end


def en_number_word(word: str) -> float | None:
    """Value of one English cardinal word (any case); None for any other word.

    >>> [en_number_word(w) for w in ("Three", "forty", "hundred", "million", "once", "cat")]
    [3.0, 40.0, 100.0, 1000000.0, None, None]
    """
    return _EN_CARDINALS.get(word.lower())


def numbers_en(text: str) -> list[Number]:
    """Numbers in English text.

    >>> [(n.value, n.hard) for n in numbers_en("twice weekly for 3 weeks, 10 million, one")]
    [(2, True), (3.0, True), (10000000.0, True), (1.0, False)]
    """
    out: list[Number] = []
    taken: list[tuple[int, int]] = []
    for m in _EN_DIGITS.finditer(text):
        a, b = m.span()
        before = text[a - 1] if a else ""
        if before.isalpha() or (before == "-" and a >= 2 and text[a - 2].isalpha()):
            continue  # part of an identifier: TrkB2, COVID-19
        after = text[b:b + 2]
        if after[:1].isalpha() and not m.group("suf"):
            unit, _ = _en_unit(text, b)
            if unit is None:
                continue  # 3D, 5HT
        if after[:1] == "-" and (after[1:2].isupper() or after[1:2].isdigit() is False
                                 and not after[1:2].islower()):
            continue  # 5-HT
        value = float(m.group("num").replace(",", "") + (m.group("dec") or ""))
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
        unit, _ = _en_unit(text, b)
        if kind == "cardinal" and 1000 <= value <= 2100 and value == int(value) and unit is None:
            kind = "year"
        approx = bool(re.search(r"(?:over|more than|above|at least)\s*$", text[max(0, a - 12):a]))
        out.append(Number(value, a, b, text[a:b], hard, kind, unit, approx))
        taken.append((a, b))
    out += _en_words(text, taken)
    out.sort(key=lambda n: n.start)
    return out


def _en_words(text: str, taken: list[tuple[int, int]]) -> list[Number]:
    """Number words: runs like "one hundred thousand", "forty-one", and once/twice/first."""
    out: list[Number] = []
    words = [(m.start(), m.end(), m.group(0)) for m in _EN_WORD.finditer(text)
             if not any(a <= m.start() < b for a, b in taken)]
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
        if w in _EN_ORDINALS and not (w == "second" and nxt in ("", "of")):
            out.append(Number(_EN_ORDINALS[w], a, b, text[a:b], False, "ordinal"))
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
        if w in _EN_SMALL or w in _EN_TENS or (w in ("a", "an") and nxt in ("hundred",
                                                                              "thousand",
                                                                              "million")):
            j, value = _en_number_run(parts, i)
            if value is None:
                i += 1
                continue
            end = parts[j - 1][1]
            last = parts[j - 1][2]
            if last in ("and",):
                j -= 1
                end = parts[j - 1][1]
            unit, uend = _en_unit(text, end)
            hard = not (value == 1 and j - i == 1)
            if w == "one" and j - i == 1 and nxt in ("another", "of", "day", "by"):
                hard = False
            out.append(Number(value, a, end, text[a:end], hard, "cardinal", unit))
            i = j
            continue
        i += 1
    return out


def _en_number_run(parts: list[tuple[int, int, str]], i: int) -> tuple[int, float | None]:
    """Parse number words from ``parts[i]`` on; returns (index after the run, value)."""
    total, current, seen = 0.0, 0.0, False
    j = i
    while j < len(parts):
        w = parts[j][2]
        if j > i and parts[j][0] - parts[j - 1][1] > 1:
            break  # words must be adjacent (one space or hyphen)
        if w in ("a", "an") and j == i:
            current = 1
        elif w in _EN_SMALL:
            if seen and current % 10 != 0 and current < 100:
                break  # "two three" is two numbers
            current += _EN_SMALL[w]
        elif w in _EN_TENS:
            if seen and current % 100 != 0:
                break
            current += _EN_TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _EN_SCALES:
            total += max(current, 1) * _EN_SCALES[w]
            current = 0
        elif w == "and" and seen and j + 1 < len(parts) and (
                parts[j + 1][2] in _EN_SMALL or parts[j + 1][2] in _EN_TENS) and \
                (total or current >= 100):
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return i + 1, None
    return j, total + current


# ---------------------------------------------------------------------------------------------
# Chinese

_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 1e4, "亿": 1e8}
_ZH_CHARS = "".join(_ZH_DIGIT) + "".join(_ZH_UNIT) + "".join(_ZH_BIG)
#: Measure words and units that make a numeral a count (longest first), with unit ids.
_ZH_CLASSIFIERS = {
    "分钟": "minute", "小时": "hour", "钟头": "hour", "星期": "week", "礼拜": "week",
    "个月": "month", "年代": "decade", "世纪": "century", "毫克": "mg", "公斤": "kg",
    "千克": "kg", "毫升": "ml", "公里": "km", "厘米": "cm", "毫米": "mm", "秒钟": "second",
    "周岁": "year", "美元": None, "英镑": None, "阶段": None, "个": None, "种": None,
    "次": "time", "年": "year", "岁": "year", "月": None, "日": None, "天": "day", "周": "week",
    "秒": "second", "名": None, "位": None, "人": None, "只": None, "条": None, "本": None,
    "件": None, "张": None, "份": None, "家": None, "层": None, "座": None, "所": None,
    "间": None, "元": None, "块": None, "倍": "fold", "米": "m", "克": "g", "升": None,
    "斤": None, "杯": None, "碗": None, "瓶": None, "句": None, "声": None, "步": None,
    "遍": "time", "趟": "time", "场": None, "台": None, "辆": None, "匹": None, "头": None,
    "把": None, "双": None, "对": None, "群": None, "批": None, "项": None, "类": None,
    "组": None, "章": None, "节": None, "页": None, "号": None, "点": None, "度": None,
    "例": None, "期": None, "轮": None, "届": None, "代": None, "季": None, "首": None,
    "篇": None, "部": None, "棵": None, "片": None, "粒": None, "颗": None, "根": None,
    "支": None, "扇": None, "道": None, "户": None, "剂": None, "针": None, "套": None,
    "箱": None, "袋": None, "包": None, "盒": None, "亩": None, "里": None, "尺": None,
    "寸": None, "级": None, "款": None, "型": None, "口": None, "回": "time", "下": "time",
    "成": None,
}
_ZH_CLASSIFIER_RE = "|".join(sorted((re.escape(k) for k in _ZH_CLASSIFIERS), key=len,
                                    reverse=True))
#: Compounds whose numeral characters are not numbers (千万 "by all means", 万一 "in case").
_ZH_IDIOMS = ("千万", "万万", "万一", "一一", "一五一十", "三三两两", "千千万万", "十万火急",
              "乱七八糟", "七上八下", "一二", "九九", "三番五次", "四面八方", "五花八门",
              "一点", "一下", "一些", "十分", "万分", "百般", "千方百计", "一成不变")
_ZH_SCAN = re.compile(
    rf"(?P<pre>第|百分之)?(?P<num>(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?"
    rf"(?:[{_ZH_CHARS}]+)?|[{_ZH_CHARS}]+)"
    rf"(?P<more>[多余几来])?(?P<big>[万亿])?(?P<frac>分之(?P<den>[{_ZH_CHARS}]+|\d+))?"
    rf"(?P<pct>%|％)?(?P<cls>个?(?:{_ZH_CLASSIFIER_RE}))?")
#: Characters that make a following single numeral part of a word (统一, 唯一, 同一 …).
_ZH_WORD_HEADS = "统唯同专划合归不逐单均之"
_ZH_NEXT_OK = re.compile(r"$|[\s\W\dA-Za-z]")


def parse_zh_numeral(s: str) -> float | None:
    """Value of a Chinese numeral (digits may lead: ``10万``); None if it is not well formed.

    >>> [parse_zh_numeral(s) for s in ("四十一", "十万", "一万五", "一百零五", "3.5亿", "一九八零")]
    [41.0, 100000.0, 15000.0, 105.0, 350000000.0, 1980.0]
    """
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)  # thousands separators: 1,000
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

    >>> [zh_numeral_values(s) for s in ("一万五", "三百五", "两三", "一九八四", "三五")]
    [[15000.0], [350.0], [2.0, 3.0], [1984.0], []]
    """
    pair = _consecutive_pair(s)
    if pair:
        return pair
    value = parse_zh_numeral(s)
    return [] if value is None else [value]


def numbers_zh(text: str) -> list[Number]:
    """Numbers in Chinese text.

    >>> [(n.value, n.hard) for n in numbers_zh("每周两次、连续3周，约十多万人，统一，机制一：")]
    [(2.0, True), (3.0, True), (100000.0, True), (1.0, False)]
    """
    out: list[Number] = []
    for m in _ZH_SCAN.finditer(text):
        a, b = m.span()
        num = m.group("num")
        pre, cls, frac = m.group("pre"), m.group("cls"), m.group("frac")
        before = text[a - 1] if a else ""
        after = text[b:b + 1]
        digits = num[0].isdigit()
        if digits:
            if before.isalpha() and before.isascii() or before == "-" and a >= 2 and \
                    text[a - 2].isascii() and text[a - 2].isalpha():
                continue
            if after == "-" and not text[b + 1:b + 2].isdigit():
                continue  # 5-羟色胺, 5-HT: part of a name
            if after.isascii() and after.isalpha() and not re.match(
                    r"\s?(mg|kg|g|ml|mcg|km|cm|mm|h|s)\b", text[b:]):
                continue
        if any(idiom in text[max(0, a - 3):b + 3] and _overlaps(text, idiom, a, b)
               for idiom in _ZH_IDIOMS):
            continue
        if not digits and not (pre or cls or frac or m.group("pct")):
            # A bare numeral run counts only when it stands alone at the end of a phrase
            # (机制一：), never inside a word (统一, 十分).
            if not _ZH_NEXT_OK.match(text, b) or len(num) == 1 and before in _ZH_WORD_HEADS:
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
        values = zh_numeral_values(num)
        if not values:
            continue
        if m.group("big"):  # 十多万: the scale after 多 applies to the whole number
            values = [v * _ZH_BIG[m.group("big")] for v in values]
        kind, unit = "cardinal", None
        if cls:
            unit = _ZH_CLASSIFIERS.get(cls.lstrip("个") or "个")
            if unit in ("decade", "century"):
                kind, unit = unit, None
        if pre == "第":
            kind = "ordinal"
        if pre == "百分之" or m.group("pct"):
            kind, unit = "percent", "%"
        approx = bool(m.group("more"))
        for v in values:
            if kind == "cardinal" and 1000 <= v <= 2100 and v == int(v) and cls and \
                    cls.startswith("年") and digits:
                kind_k = "year"
            else:
                kind_k = kind
            hard = kind_k != "ordinal" and not (v == 1 and not digits)
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


def extract_numbers(text: str, lang: str) -> list[Number]:
    """Numbers of ``text`` in language ``lang`` ("zh" or "en")."""
    return numbers_zh(text) if lang == "zh" else numbers_en(text)


# ---------------------------------------------------------------------------------------------
# Comparison


def _equivalent(a: Number, b: Number) -> bool:
    if abs(a.value - b.value) <= 1e-9 * max(abs(a.value), 1):
        return True
    for x, y in ((a, b), (b, a)):
        v = x.value
        if x.kind in ("year", "decade") and v == int(v) and 1000 <= v <= 2100:
            # 1990s ↔ 90年代, 2000s ↔ 21世纪
            if y.value in (v % 100, v // 100 + 1, v // 100):
                return True
        if x.approx and x.value <= y.value < x.value * 10:
            return True
    return False


@dataclass
class NumberMatch:
    """The outcome of comparing the numbers of two sides."""

    matched: list[tuple[Number, Number]]
    missing: list[Number]  # hard source numbers with no target counterpart
    extra: list[Number]  # hard target numbers with no source counterpart


def compare_numbers(source: list[Number], target: list[Number]) -> NumberMatch:
    """Compare two sides' numbers as multisets: exact values first, then the tolerated
    equivalences (1990s ↔ 90年代, 2000s ↔ 21世纪, 十多万 ↔ 110,000). Soft numbers match but
    are never reported missing."""
    left, right = list(source), list(target)
    matched: list[tuple[Number, Number]] = []
    for exact in (True, False):
        for x in list(left):
            # Prefer a partner with the same unit and hardness, so "3 weeks" pairs with 3周
            # rather than 三次, and a soft "one" does not take the digit 1 a hard one needs.
            candidates = sorted(right, key=lambda y: (y.unit != x.unit, y.hard != x.hard))
            for y in candidates:
                same = abs(x.value - y.value) <= 1e-9 * max(abs(x.value), 1) if exact \
                    else _equivalent(x, y)
                if same:
                    left.remove(x)
                    right.remove(y)
                    matched.append((x, y))
                    break
    return NumberMatch(matched, [n for n in left if n.hard], [n for n in right if n.hard])


#: Units of the same dimension; a matched value whose units differ within one is reported.
DIMENSIONS = {"time": {"second", "minute", "hour", "day", "week", "month", "year"},
              "mass": {"mg", "g", "kg", "mcg", "mg/kg"},
              "length": {"m", "km", "cm", "mm"}}


def unit_conflict(a: Number, b: Number) -> bool:
    """Both numbers carry units of one dimension, and the units differ (3 weeks ↔ 3天)."""
    if not a.unit or not b.unit or a.unit == b.unit:
        return False
    return any(a.unit in units and b.unit in units for units in DIMENSIONS.values())


def describe(n: Number) -> str:
    """``10万 (100,000)`` — the written form, and the value when they differ."""
    v = _fmt(n.value)
    return n.text if n.text.replace(",", "") in (v.replace(",", ""), f"{n.value:g}") \
        else f"{n.text} ({v})"
