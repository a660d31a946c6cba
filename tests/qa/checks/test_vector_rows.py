"""Sentence vectors kept in a temporary file (qa/checks/vector_rows.py)."""

from __future__ import annotations

import numpy as np
import pytest

from qa.checks.vector_rows import SpilledRows


def matrix(n: int = 10, dim: int = 3) -> np.ndarray:
    return np.arange(n * dim, dtype=np.float32).reshape(n, dim) / 7


def test_rows_read_back_as_written():
    m = matrix()
    rows = SpilledRows.of(m, block=4)
    assert rows.shape == (10, 3) and len(rows) == 10 and rows.ndim == 2
    assert rows[0].tobytes() == m[0].tobytes()
    assert rows[9].tobytes() == m[9].tobytes() and rows[-1].tobytes() == m[9].tobytes()
    assert rows[np.int64(5)].tobytes() == m[5].tobytes()
    assert rows[3:9].tobytes() == m[3:9].tobytes()  # across blocks of 4
    assert rows[8:20].tobytes() == m[8:].tobytes() and rows[7:7].shape == (0, 3)
    assert rows[[9, 0, 4, 4]].tobytes() == m[[9, 0, 4, 4]].tobytes()
    assert rows[np.array([2, 6])].tobytes() == m[[2, 6]].tobytes()
    assert rows[[]].shape == (0, 3)


def test_only_a_few_blocks_stay_in_memory():
    rows = SpilledRows.of(matrix(100), block=10)
    for i in range(100):
        assert rows[i][0] == np.float32(3 * i) / np.float32(7)
    assert len(rows._blocks) == 4 and sorted(rows._blocks) == [6, 7, 8, 9]
    rows[65]  # a kept block is used again, not read again
    assert list(rows._blocks) == [7, 8, 9, 6]


def test_a_matrix_at_an_offset_of_a_shared_file():
    # Both sides of a document's vectors live in one file, one after the other.
    first = SpilledRows.of(np.vstack([matrix(5), matrix(4) + 100]))
    second = SpilledRows(first._file, 5 * 3 * 4, 4, 3)
    assert second[0:4].tobytes() == (matrix(4) + 100).tobytes()


def test_rows_out_of_range():
    rows = SpilledRows.of(matrix(3))
    with pytest.raises(IndexError):
        rows[3]
    with pytest.raises(IndexError):
        rows[0:3:2]


def test_pickled_rows_arrive_as_an_array():
    # A worker process may send a document back with its evidence: the rows travel, the
    # file handle does not.
    import pickle

    m = matrix()
    back = pickle.loads(pickle.dumps(SpilledRows.of(m, block=4)))
    assert isinstance(back, np.ndarray) and back.tobytes() == m.tobytes()


def test_rows_listed_from_several_blocks():
    m = matrix(100)
    rows = SpilledRows.of(m, block=8)
    close = [3, 9, 17, 17, 30, 12]  # within a short range: read at once
    far = [0, 99, 50]  # spread out: one by one
    for key in (close, far, [-1, 5], sorted(close)):
        assert rows[key].tobytes() == m[key].tobytes()
