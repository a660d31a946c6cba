"""Freed memory goes back to the system (align/memory.py)."""

from __future__ import annotations

import sys

import pytest

from align import memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_heap_memory_is_returned_on_linux():
    # Many blocks of 64 KiB (under glibc's mmap threshold: they come from the heap), freed
    # but the last one, which pins the heap's top: only malloc_trim gives the pages back.
    def resident_kib() -> int:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))

    blocks = [bytearray(b"x" * 65536) for _ in range(1600)]  # 100 MiB
    pin = bytearray(b"y" * 65536)
    del blocks
    before = resident_kib()
    assert memory.release_free_memory() is True
    assert before - resident_kib() > 50 * 1024
    assert pin[0] == ord("y")


def test_without_malloc_trim_nothing_happens(monkeypatch):
    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)
    assert memory.release_free_memory() is False
