"""Pausing the cyclic garbage collector around bulk work.

Reading or rating a large register builds hundreds of thousands of small objects that are
freed by reference counting; meanwhile the collector's full passes scan them all and find
nothing to free, which makes 50,000 rows take super-linear time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
