"""The candidates one publication has so far, and how a new one is added and numbered.

A made-up ref is the kind's word and the next number of that kind among the items
(``AFI 3``); an item under a parent or a cause of concern is numbered under it
(``Recommendation 2.1``), or keeps a numbered list's own number; a candidate below the
threshold is ``Candidate N``, so that ticking it in a review cannot clash with an item's ref.
"""

from __future__ import annotations

from dataclasses import dataclass

from automation.core.model import Kind
from automation.importing import candidates as conf
from automation.importing.candidates import REF_WORD, Candidate
from automation.importing.document import Block


@dataclass
class Frame:
    """An open heading: its level, the kind of item under it, whether it holds answers, and
    whether it is itself an item that the blocks under it explain."""

    level: float
    kind: Kind | None
    answer: bool
    title: str
    explains: bool = False


def ref_number(ref: str) -> str:
    return ref.rsplit(" ", 1)[-1] if ref[-1:].isdigit() else ""


class Found:
    """The candidates, the open headings and the cause of concern being read."""

    def __init__(self) -> None:
        self.found: list[Candidate] = []
        self.frames: list[Frame] = []
        self.cause: Candidate | None = None
        self.cause_level = 0.0  # the level of the cause's heading: a heading as high ends it
        self.cause_name = ""  # a named cause's sub-heading, before its statement
        self.cause_under: Frame | None = None  # the heading open when the cause was stated

    @property
    def context(self) -> Kind | None:
        return self.frames[-1].kind if self.frames else None

    def heading_title(self) -> str:
        return self.frames[-1].title if self.frames else ""

    def add_cause(
        self, block: Block, ref: str, reason: str, text: str = "", level: float | None = None
    ) -> None:
        made_up = not ref
        ref = ref or f"Cause of concern {self.next_number(Kind.CAUSE_OF_CONCERN)}"
        item = Candidate(
            ref,
            Kind.CAUSE_OF_CONCERN,
            text or block.flat,
            conf.CAUSE,
            f"cause of concern {reason}",
            block.number or None,
            True,
            ref_made_up=made_up,
        )
        self.found.append(item)
        if level is None:
            level = self.cause_level if self.cause_name else (self.frames[-1].level if self.frames else 0.0)
        self.cause, self.cause_name, self.cause_level = item, "", level
        self.cause_under = self.frames[-1] if self.frames else None

    def cause_open(self) -> bool:
        """A cause stated with no heading since: what asks something after it is its own."""
        return self.cause is not None and (self.frames[-1] if self.frames else None) is self.cause_under

    def add_child(
        self,
        parent: Candidate,
        text: str,
        block: Block,
        confidence: float,
        reason: str,
        lead_in: str | None = None,
        shown: bool = True,
    ) -> None:
        """An item under ``parent``: 'Recommendation 2.1', or the number a list shows."""
        kind = parent.kind if parent.kind is not Kind.CAUSE_OF_CONCERN else Kind.RECOMMENDATION
        number = block.list_number if shown else ""
        count = sum(1 for item in self.found if item.parent_ref == parent.ref) + 1
        ref = f"{REF_WORD[kind]} {number or f'{self._parent_number(parent)}.{count}'}"
        self.found.append(
            Candidate(
                ref,
                kind,
                text,
                confidence,
                reason,
                block.number or None,
                parent.cause_for_concern,
                parent.ref,
                lead_in,
                ref_made_up=not number,
            )
        )

    def add(
        self,
        kind: Kind,
        text: str,
        block: Block,
        confidence: float,
        reason: str,
        ref: str = "",
        lead_in: str | None = None,
    ) -> None:
        made_up = not ref
        ref = ref or self.made_up_ref(kind, confidence)
        self.found.append(
            Candidate(
                ref,
                kind,
                text,
                confidence,
                reason,
                block.number or None,
                lead_in=lead_in,
                ref_made_up=made_up,
            )
        )

    def made_up_ref(self, kind: Kind, confidence: float) -> str:
        if confidence >= conf.THRESHOLD:
            return f"{REF_WORD[kind]} {self.next_number(kind)}"
        return f"Candidate {sum(1 for item in self.found if not item.included) + 1}"

    def has_children(self, item: Candidate) -> bool:
        return any(other.parent_ref == item.ref for other in self.found)

    def next_number(self, kind: Kind) -> str:
        used = [
            int(ref_number(item.ref).split(".")[0])
            for item in self.found
            if item.kind is kind and item.parent_ref is None and ref_number(item.ref) and item.included
        ]
        return str(max(used, default=0) + 1)

    def _parent_number(self, parent: Candidate) -> str:
        if number := ref_number(parent.ref):
            return number
        named = [item.ref for item in self.found if item.kind is parent.kind and item.parent_ref is None]
        return str(named.index(parent.ref) + 1) if parent.ref in named else "1"
