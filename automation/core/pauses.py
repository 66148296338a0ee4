"""Pausing the cyclic garbage collector around bulk work.

Reading or rating a large register builds hundreds of thousands of small objects that are
freed by reference counting; meanwhile the collector's full passes scan them all and find
nothing to free, which makes 50,000 rows take super-linear time.

Pausing alone only defers that work: every object made during the pause is still in the
collector's youngest generation, and the first allocation after it is switched back on scans
them all (0.1 s per million objects). So at the end of a pause they are moved to the oldest
generation first (``gc.freeze`` then ``gc.unfreeze``, each a constant-time list move), where
only the rare full collections look at them; cyclic garbage among them is still collected then.
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
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


@contextmanager
def young_objects_only() -> Iterator[None]:
    """While the block runs, the collector looks only at objects made in it.

    Everything alive at its start (a register's items, the composed messages) is set aside
    (``gc.freeze``) and put back in the oldest generation at its end. For work that leaves
    cyclic garbage of its own (each XlsxWriter workbook is a cycle of thousands of objects):
    the full collections it needs would otherwise scan the whole register each time."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
