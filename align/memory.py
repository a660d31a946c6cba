"""Give memory that Python has freed back to the operating system, between the stages of
a long document."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache


@cache
def _malloc_trim() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def release_free_memory() -> bool:
    """Ask the C allocator to return its free pages to the system (glibc's ``malloc_trim``);
    False where there is no such call.

    Why: numpy's arrays of a few MB (an aligner window's cost tables) come from the C heap
    once glibc has raised its mmap threshold, and freed they stay in the process, resident,
    under everything allocated after them. A long document's next stage then starts from
    that much higher.

    >>> release_free_memory() in (True, False)
    True
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
