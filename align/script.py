"""Script and punctuation primitives, defined once for every module that reads zh or en text.

``HAN`` is for use inside a regex character class: CJK Unified Ideographs with Extension A,
the compatibility ideographs, and the supplementary-plane extensions (B onwards).

``CLOSING_MARKS`` are the closing quotation marks and brackets that stay with the sentence
they close (the segmenter keeps them, the checks look past them to a sentence's last mark);
``END_MARKS`` names the kind of every mark that can end a sentence or a clause, in its
Chinese (full-width) and ASCII forms alike.
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")

#: Closing quotation marks, Chinese and ASCII (the ASCII ones are ambiguous, as they also open).
CLOSING_QUOTES = "\"'”’」』"
#: Closing brackets, full-width and ASCII.
CLOSING_BRACKETS = "）)】》〉〕]"
#: Everything that may follow a sentence's end mark and still belong to that sentence.
CLOSING_MARKS = CLOSING_QUOTES + CLOSING_BRACKETS
#: Quotation marks that are never apostrophes, opening → closing: a quotation opened with one
#: is still open until its closing mark (it may run on over paragraphs of dialogue).
QUOTATIONS = {"“": "”", "「": "」", "『": "』"}

#: Marks that end a sentence (Chinese and ASCII forms), by the kind of sentence they end.
SENTENCE_END_KINDS = {"。": "statement", ".": "statement", "？": "question", "?": "question",
                      "！": "exclamation", "!": "exclamation", "…": "ellipsis"}
#: Marks that end a clause: the text before them is complete, though not a full sentence.
CLAUSE_END_KINDS = {"；": "semicolon", ";": "semicolon", "：": "colon", ":": "colon"}
#: Every mark a sentence or a segment can end with, and its kind.
END_MARKS = SENTENCE_END_KINDS | CLAUSE_END_KINDS
#: The full-width sentence ends: they end a Chinese sentence wherever they stand.
FULLWIDTH_SENTENCE_ENDS = "。？！"
#: The ASCII sentence ends: English ones, and Chinese ones where the context says so.
ASCII_SENTENCE_ENDS = ".?!"


def is_han(ch: str) -> bool:
    """Whether ``ch`` (one character, possibly empty) is a Han character.

    >>> is_han("受"), is_han("R"), is_han("")
    (True, False, False)
    """
    return HAN_RE.fullmatch(ch) is not None


def has_han(text: str) -> bool:
    """Whether ``text`` contains a Han character.

    >>> has_han("NMDA受体"), has_han("NMDA receptor")
    (True, False)
    """
    return HAN_RE.search(text) is not None


def strip_closing(text: str, also: str = "") -> str:
    """``text`` without the white space, closing marks and ``also`` characters at its end.

    >>> strip_closing('他问：“你去吗？” ')
    '他问：“你去吗？'
    >>> strip_closing("**It works.**", also="*")
    '**It works.'
    """
    k = len(text)
    while k and (text[k - 1].isspace() or text[k - 1] in CLOSING_MARKS or text[k - 1] in also):
        k -= 1
    return text[:k]


def end_mark(text: str, also: str = "") -> tuple[str, int]:
    """The kind of ``text``'s final punctuation (looking past closing marks and ``also``)
    and its index, or ``("none", -1)``; ``...`` counts as an ellipsis.

    >>> end_mark('他问：“你去吗？”')
    ('question', 7)
    >>> end_mark("It works...")
    ('ellipsis', 10)
    >>> end_mark("Dosage: 0.5 mg")
    ('none', -1)
    """
    k = len(strip_closing(text, also)) - 1
    if k < 0 or text[k] not in END_MARKS:
        return "none", -1
    if text[k] == "." and text[max(0, k - 2):k + 1] == "...":
        return "ellipsis", k
    return END_MARKS[text[k]], k


#: An HTML character reference (&mdash; &nbsp; &#8212; &#x2014;): one character when
#: rendered, neither punctuation (its ";") nor a number (its digits).
HTML_ENTITY = r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
