"""Pausing the collector around bulk work: nothing left for it to scan afterwards."""

from __future__ import annotations

import gc
import weakref

from automation.core.pauses import no_gc_pauses, young_objects_only


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_objects_made_in_a_pause_are_moved_out_of_the_youngest_generation():
    """Else the first allocation after the pause makes the collector scan them all."""
    with no_gc_pauses():
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]
    assert gc.isenabled()
    gc.disable()  # so that looking does not itself start a collection
    try:
        with no_gc_pauses():
            more = [[n] for n in range(1000)]
        young = {id(o) for o in gc.get_objects(generation=0)}
        old = {id(o) for o in gc.get_objects(generation=2)}
    finally:
        gc.enable()
    assert not any(id(o) in young for o in (*made, *more))
    assert all(id(o) in old for o in (*made, *more))


def test_a_cycle_made_in_a_pause_is_still_collected():
    with no_gc_pauses():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
    assert gone() is not None  # a cycle: reference counting alone cannot free it
    gc.collect()
    assert gone() is None


def test_a_pause_inside_a_pause_leaves_the_collector_off():
    gc.disable()
    try:
        with no_gc_pauses():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_only_young_objects_are_scanned_and_their_cycles_collected():
    """A full collection in the block scans what the block made, not the whole heap."""
    kept = [[n] for n in range(1000)]
    with young_objects_only():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
        tracked = {id(o) for o in gc.get_objects()}
        assert not any(id(o) in tracked for o in kept)  # set aside: no collection looks at them
        gc.collect()
        assert gone() is None
    assert gc.get_freeze_count() == 0
    old = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(o) in old for o in kept)  # back with the collector, in the oldest generation
