"""A long document's sentence vectors in a temporary file, read a block of rows at a time.

The checks' semantic evidence needs every sentence's vector (512 float32, 2 KiB): 250 MiB
for a document pair of 5 MB of text, 1 GiB for 20 MB. The checks read them near one
another (a bead's sentences and their neighbours, in document order), so a few blocks of
rows in memory serve nearly every read, and the file stays in the system's page cache.
"""

from __future__ import annotations

import os
import tempfile
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: Rows read from the file at once, and blocks of them kept per matrix.
BLOCK_ROWS = 1024
KEPT_BLOCKS = 4


class SpilledRows:
    """A float32 matrix of ``n`` rows of ``dim`` in a file, indexed like a 2-D array for
    what the checks do with it: ``rows[i]`` (one row), ``rows[a:b]`` (a copy of those
    rows), ``rows[[i, j, …]]`` (a copy of the rows listed).

    >>> import numpy as np
    >>> m = np.arange(12, dtype=np.float32).reshape(4, 3)
    >>> rows = SpilledRows.of(m, block=2)
    >>> rows.shape, rows[1].tolist(), rows[1:3].tolist()
    ((4, 3), [3.0, 4.0, 5.0], [[3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    >>> rows[[3, 0]].tolist()
    [[9.0, 10.0, 11.0], [0.0, 1.0, 2.0]]
    """

    ndim = 2

    def __init__(self, file: object, offset: int, n: int, dim: int,
                 block: int = BLOCK_ROWS, kept: int = KEPT_BLOCKS) -> None:
        self._file = file
        self._offset = offset
        self._n = n
        self._dim = dim
        self._block = block
        self._kept = kept
        self._blocks: OrderedDict[int, np.ndarray] = OrderedDict()

    @classmethod
    def of(cls, matrix: np.ndarray, block: int = BLOCK_ROWS) -> SpilledRows:
        """The rows of ``matrix`` written to a new temporary file."""
        file = tempfile.TemporaryFile(prefix="bitext-vectors-")
        write_rows(file, 0, matrix)
        return cls(file, 0, len(matrix), matrix.shape[1], block)

    def __reduce__(self) -> tuple:
        # A file handle does not travel to another process: the rows go as an array.
        return _as_array, (self[0:self._n],)

    @property
    def shape(self) -> tuple[int, int]:
        return self._n, self._dim

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, key: int | slice | Iterable[int]) -> np.ndarray:
        import numpy as np

        if isinstance(key, slice):
            a, b, step = key.indices(self._n)
            if step != 1:
                raise IndexError("SpilledRows: slices with a step are not supported")
            return read_rows(self._file, self._offset, self._dim, a, max(a, b))
        if isinstance(key, int | np.integer):
            i = int(key) + (self._n if key < 0 else 0)
            if not 0 <= i < self._n:
                raise IndexError(f"row {key} out of {self._n}")
            return self._block_of(i // self._block)[i % self._block]
        wanted = [int(i) for i in key]
        if not wanted:
            return np.zeros((0, self._dim), dtype=np.float32)
        lo, hi = min(wanted), max(wanted)
        if lo < 0 or hi >= self._n:
            return np.stack([self[i] for i in wanted])
        if lo // self._block == hi // self._block:  # the usual case: one block
            base = lo // self._block * self._block
            return self._block_of(lo // self._block)[[i - base for i in wanted]]
        if hi - lo < 4 * len(wanted):  # many rows close together: their range at once
            return read_rows(self._file, self._offset, self._dim, lo, hi + 1)[
                [i - lo for i in wanted]]
        return np.stack([self[i] for i in wanted])

    def _block_of(self, k: int) -> np.ndarray:
        found = self._blocks.get(k)
        if found is not None:
            self._blocks.move_to_end(k)
            return found
        a = k * self._block
        found = read_rows(self._file, self._offset, self._dim, a, min(a + self._block, self._n))
        self._blocks[k] = found
        if len(self._blocks) > self._kept:
            self._blocks.popitem(last=False)
        return found


def _as_array(rows: np.ndarray) -> np.ndarray:
    """What a pickled :class:`SpilledRows` is unpickled as: its rows, in memory."""
    return rows


def write_rows(file: object, offset: int, rows: np.ndarray, at: int = 0) -> None:
    """Write float32 ``rows`` as rows ``at``… of the matrix that starts at byte ``offset``."""
    import numpy as np

    data = np.ascontiguousarray(rows, dtype=np.float32)
    view = memoryview(data).cast("B") if data.size else memoryview(b"")
    start = offset + at * (data.shape[1] if data.ndim == 2 else 0) * 4
    done = 0
    while done < len(view):
        done += os.pwrite(file.fileno(), view[done:], start + done)


def read_rows(file: object, offset: int, dim: int, a: int, b: int) -> np.ndarray:
    """Rows ``a:b`` (a new array) of the ``dim``-wide float32 matrix at byte ``offset``."""
    import numpy as np

    out = np.empty((b - a, dim), dtype=np.float32)
    want = out.nbytes
    if want:
        view = memoryview(out).cast("B")
        got = 0
        while got < want:
            n = os.preadv(file.fileno(), [view[got:]], offset + a * dim * 4 + got)
            if n <= 0:
                raise OSError(f"short read of the vector file ({got} of {want} bytes)")
            got += n
    return out
