"""What a scorer reads from one sentence's text, kept for the texts that come again.

A documentation site repeats sentences from page to page (notes, table headings, "For
example:"; 23% of the docs pages' Chinese sentences occur more than once), and a long
document is aligned in windows that overlap by a quarter (:mod:`align.structure`): the
words, translations and anchors of a text are worked out once, not each time it is met.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")

#: Texts a memo keeps, at most; when full it forgets the older half. A window of a long
#: document is 2,000 sentences a side, and the next window starts with the last quarter of
#: them: those were met last, so they are still held.
LIMIT = 2048


class TextMemo(Generic[T]):
    """``function(key)``, computed once per key while the memo holds it (the ``limit`` keys
    met most recently, give or take half); the results are shared, so callers must not
    change them.

    >>> seen = []
    >>> memo = TextMemo(lambda text: seen.append(text) or len(text))
    >>> [memo("ab"), memo("abc"), memo("ab")], seen
    ([2, 3, 2], ['ab', 'abc'])
    """

    def __init__(self, function: Callable[[Hashable], T], limit: int = LIMIT) -> None:
        self._function = function
        self._found: dict[Hashable, T] = {}
        self.limit = limit

    def __call__(self, key: Hashable) -> T:
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= self.limit:
                # Keys in the order they were first met: forget the older half.
                for old in list(self._found)[:max(1, self.limit // 2)]:
                    del self._found[old]
            found = self._found[key] = self._function(key)
        return found

    def __len__(self) -> int:
        return len(self._found)
