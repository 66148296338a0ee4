"""One publication's candidates settled after the walk: repeats out, refs final.

- Repeats: a report that restates its items (a summary, then the chapters; a closing
  list with '(1.11)' cross-references) lists each once: a written ref seen before is a
  repeat, and so is a made-up item whose words (without a label in front or a reference
  in brackets behind) are those of an item already kept or of a labelled one anywhere.
- Lists numbered across lead-ins ('chief constables should: 1. 2. 3.', then 'the Probation
  Service should: 4. 5.') number the document's items: the shown number is the ref.
- Made-up refs are given last, in document order, so that they never take a number the
  document writes elsewhere (``AFI 3`` after a written ``AFI 2``; never a second
  ``Recommendation 1``); items under a parent are numbered under it (``Recommendation
  2.1``); held-back candidates are ``Candidate N``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from automation.core.model import Kind
from automation.importing.candidates import REF_WORD, Candidate
from automation.importing.labels import parse_label

_CROSS_REFERENCE = re.compile(r"\s*\((?:(?:see|para(?:graph)?s?\.?)\s*)?\d{1,3}(?:\.\d{1,3})*\)\s*$", re.I)


def settle(found: list[Candidate]) -> list[Candidate]:
    """The candidates without repeats, with their final refs (see the module's note)."""
    return _numbered(_document_numbers(_without_repeats(found)))


def words_key(text: str) -> str:
    """An item's words for comparing: no label in front, no cross-reference behind."""
    flat = " ".join(text.split())
    label = parse_label(flat)
    if label is not None and label.rest:
        flat = label.rest
    return _CROSS_REFERENCE.sub("", flat).rstrip(" .;").casefold()


def _without_repeats(found: list[Candidate]) -> list[Candidate]:
    written = {words_key(item.text) for item in found if item.included and not item.ref_made_up}
    refs: set[tuple[Kind, str]] = set()
    texts: set[tuple[int | None, str]] = set()  # (parent's position, words) of the items kept
    dropped: set[int | None] = set()
    kept: list[Candidate] = []
    for index, item in enumerate(found):
        parent = _parent_index(found, index)
        key = (parent, words_key(item.text))
        if item.ref_made_up:
            kept_words = {words for _, words in texts}  # a cause's recommendation restated on its own
            repeated = key in texts or (parent is None and (key[1] in written or key[1] in kept_words))
        else:
            repeated = (item.kind, item.ref) in refs
        if (parent is not None and parent in dropped) or (repeated and (item.included or key in texts)):
            dropped.add(index)
            continue
        if item.included:
            refs.add((item.kind, item.ref)) if not item.ref_made_up else None
            texts.add(key)
        kept.append(item)
    return kept


def _parent_index(found: list[Candidate], index: int) -> int | None:
    """The position of the item's parent: the nearest item before it with the parent's ref."""
    parent = found[index].parent_ref
    if parent is None:
        return None
    return next((before for before in range(index - 1, -1, -1) if found[before].ref == parent), None)


def _document_numbers(found: list[Candidate]) -> list[Candidate]:
    lists: dict[str, list[int]] = {}
    for index, item in enumerate(found):
        if (
            item.included
            and item.ref_made_up
            and item.parent_ref is None
            and item.lead_in
            and _digits(item.para)
        ):
            lists.setdefault(item.lead_in, []).append(index)
    groups = list(lists.values())
    numbers = [int(str(found[index].para)) for group in groups for index in group]
    if len(groups) < 2 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return found
    shown = {index for group in groups for index in group}
    return [
        replace(item, ref=f"{REF_WORD[item.kind]} {item.para}", ref_made_up=False) if index in shown else item
        for index, item in enumerate(found)
    ]


def _numbered(found: list[Candidate]) -> list[Candidate]:
    written: dict[Kind, set[int]] = {}
    for item in found:
        if (
            item.included
            and not item.ref_made_up
            and item.parent_ref is None
            and (number := _top_number(item.ref))
        ):
            written.setdefault(item.kind, set()).add(number)
    highest: dict[Kind, int] = {}
    children: dict[int, int] = {}
    settled: list[Candidate] = []
    held = 0
    for index, item in enumerate(found):
        parent = _parent_index(found, index)
        if not item.included:
            held += item.ref_made_up
            item = replace(item, ref=f"Candidate {held}") if item.ref_made_up else item
        elif parent is not None:
            children[parent] = children.get(parent, 0) + 1
            item = _child(item, settled[parent], children[parent], settled)
        elif number := _top_number(item.ref):
            if item.ref_made_up:
                number = highest.get(item.kind, 0) + 1
                while number in written.get(item.kind, set()):
                    number += 1
                item = replace(item, ref=f"{REF_WORD[item.kind]} {number}")
            highest[item.kind] = max(highest.get(item.kind, 0), number)
        settled.append(item)
    return settled


def _child(item: Candidate, parent: Candidate, place: int, before: list[Candidate]) -> Candidate:
    """An item under ``parent``, with its parent's final ref and a made-up ref under it."""
    item = replace(item, parent_ref=parent.ref)
    if not item.ref_made_up:
        return item
    kind = item.kind if item.kind is not Kind.CAUSE_OF_CONCERN else Kind.RECOMMENDATION
    return replace(item, ref=f"{REF_WORD[kind]} {_parent_number(parent, before)}.{place}")


def _parent_number(parent: Candidate, before: list[Candidate]) -> str:
    """'2' for 'Cause of concern 2'; for a named parent, its place among those of its kind."""
    if number := _written_number(parent.ref):
        return number
    named = [
        item for item in before if item.kind is parent.kind and item.parent_ref is None and item.included
    ]
    return str(named.index(parent) + 1) if parent in named else "1"


def _written_number(ref: str) -> str:
    last = ref.rsplit(" ", 1)[-1]
    return last if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", last) else ""


def _top_number(ref: str) -> int:
    number = _written_number(ref)
    return int(number.split(".")[0]) if number else 0


def _digits(value: str | None) -> bool:
    return bool(value) and str(value).isdigit()


def under_written_parents(found: list[Candidate]) -> list[Candidate]:
    """'CoC 1.1' after 'CoC 1': a child of the row it numbers under; under a cause of
    concern, a recommendation."""
    refs = {item.ref: item for item in found if item.ref}
    placed = []
    for item in found:
        head = re.match(r"^(?P<parent>.*\d)\.\d{1,2}$", item.ref)
        parent = refs.get(head.group("parent")) if head else None
        if parent is not None and parent is not item:
            cause = parent.kind is Kind.CAUSE_OF_CONCERN or parent.cause_for_concern
            kind = Kind.RECOMMENDATION if parent.kind is Kind.CAUSE_OF_CONCERN else parent.kind
            item = replace(item, kind=kind, parent_ref=parent.ref, cause_for_concern=cause)
        placed.append(item)
    return placed
