"""Walking a publication's paragraphs to find its items, parents and children.

Rules, in the order they are tried on each paragraph:

1. a context heading ('Areas for improvement', 'Causes of concern', 'Recommendations')
   says what the unlabelled paragraphs after it are;
2. a label opens an item ('Recommendation 4: ...'); a label alone labels the next
   paragraph. An item ending in ':' is a parent: 'we recommend:' takes the following
   unnumbered recommendations as its children ('Recommendation 1.1', '1.2', ... in order),
   '... should:' takes the bullets after it;
3. a lead-in without a label ('By 30 September 2021, the service should:') hands its
   deadline and addressees to each bullet after it;
4. under a context heading, a paragraph that asks someone to act is an item;
5. anything else is narrative, and ends a parent's children.
"""

from __future__ import annotations

from dataclasses import dataclass

from automation.core.model import Kind
from automation.importing.document import Block, BlockKind
from automation.importing.labels import (
    Label,
    asks_something,
    context_heading,
    is_heading_like,
    is_recommend_lead_in,
    is_should_lead_in,
    listing_lead_in,
    parse_label,
)

REF_WORD = {
    Kind.RECOMMENDATION: "Recommendation",
    Kind.ACTION: "Action",
    Kind.AREA_FOR_IMPROVEMENT: "AFI",
    Kind.CAUSE_OF_CONCERN: "Cause of concern",
}


@dataclass(frozen=True)
class Draft:
    """An item as found, before its deadline and addressees are read."""

    ref: str
    kind: Kind
    text: str
    para: str | None = None
    cause_for_concern: bool = False
    parent_ref: str | None = None
    lead_in: str | None = None  # the words a bullet fragment takes its actor and date from


_LISTED = (Kind.AREA_FOR_IMPROVEMENT, Kind.ACTION, Kind.RECOMMENDATION)


def _is_bullet(block: Block) -> bool:
    return block.bullet or block.kind is BlockKind.LIST_ITEM


def find_items(blocks: tuple[Block, ...]) -> tuple[Draft, ...]:
    walker = _Walker()
    for block in blocks:
        if block.flat:
            walker.feed(block)
    return tuple(walker.drafts)


def ref_number(ref: str) -> str:
    return ref.rsplit(" ", 1)[-1] if ref[-1:].isdigit() else ""


class _Walker:
    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.context: Kind | None = None
        self.pending: tuple[Label, Block] | None = None
        self.parent: Draft | None = None
        self.recommend_mode = False  # the parent takes whole paragraphs, not only bullets
        self.lead_in: str | None = None
        self.bullets_open = False
        self.cause: Draft | None = None
        self.in_list = False  # the context comes from a lead-in ('... two areas for improvement:')
        self.list_bullets: bool | None = None  # whether that list is of bullets or paragraphs

    def feed(self, block: Block) -> None:
        text = block.flat
        if (context := context_heading(text)) is not None:
            return self._set_context(context)
        label = parse_label(text)
        if label is not None and not label.rest:
            self._close()
            self.pending = (label, block)
            return None
        if label is not None:
            return self._labelled(label, label.rest, block)
        if self.pending is not None:
            return self._after_label(block)
        if block.kind is BlockKind.HEADING or (not block.bullet and is_heading_like(text)):
            self._close()
            self.context, self.cause = None, None  # a new part of the report
            return None
        return self._unlabelled(block)

    def _after_label(self, block: Block) -> None:
        assert self.pending is not None
        label, heading = self.pending
        self.pending = None
        if label.number or not is_should_lead_in(block.flat):
            return self._labelled(label, block.flat, block, heading)
        return self._unlabelled(block)

    def _unlabelled(self, block: Block) -> None:
        if self._took_as_child(block) or self._took_as_lead_in(block) or self._took_in_context(block):
            return
        self._close()  # narrative
        if self.in_list:
            self.context, self.in_list = None, False

    def _took_as_child(self, block: Block) -> bool:
        text = block.flat
        if self.parent is not None and is_recommend_lead_in(text):
            self.lead_in = text  # 'To increase ..., we recommend:' inside a parent
            return True
        if _is_bullet(block) and self.bullets_open:
            self._add_fragment(block)
            return True
        if self.parent is not None and self.recommend_mode and asks_something(text):
            self._add_child(block)
            return True
        return False

    def _took_as_lead_in(self, block: Block) -> bool:
        text = block.flat
        if is_should_lead_in(text):
            self.lead_in, self.bullets_open = text, True
            return True
        if (listed := listing_lead_in(text)) is not None and self.parent is None:
            self._close()
            self.context, self.cause = listed, None
            self.in_list, self.list_bullets = True, None
            return True
        return False

    def _took_in_context(self, block: Block) -> bool:
        text = block.flat
        asks = asks_something(text)
        if self.context is Kind.CAUSE_OF_CONCERN:
            if asks and self.cause is not None:
                self._add_child(block, self.cause)  # the cause's own recommendation
                return True
            if not asks and (self.cause is None or self._has_children(self.cause)):
                self._labelled(Label(Kind.CAUSE_OF_CONCERN, "", True, text), text, block)
            return not asks  # more words about the cause
        if self.in_list and self.list_bullets is None:
            self.list_bullets = _is_bullet(block)
        elif self.in_list and self.list_bullets != _is_bullet(block):
            self.context, self.in_list = None, False  # the list is over
        if self.context in _LISTED and asks:
            assert self.context is not None
            self._labelled(Label(self.context, "", False, text), text, block)
            return True
        return False

    def _set_context(self, context: Kind) -> None:
        keep_cause = context is Kind.RECOMMENDATION and self.cause is not None
        self._close()
        self.in_list = False
        if keep_cause:
            return  # a cause of concern's own 'Recommendations'
        self.context, self.cause = context, None

    def _close(self) -> None:
        self.parent, self.recommend_mode = None, False
        self.lead_in, self.bullets_open, self.pending = None, False, None

    def _labelled(self, label: Label, text: str, block: Block, heading: Block | None = None) -> None:
        self._close()
        if label.kind is Kind.RECOMMENDATION and not label.number and self.cause is not None:
            child = self._child_of(self.cause, block)
            self.drafts.append(Draft(child.ref, child.kind, text, child.para, True, child.parent_ref))
            return
        number = label.number or self._next_number(label.kind)
        ref = f"{REF_WORD[label.kind]} {number}"
        parent = ref.rsplit(".", 1)[0] if "." in number else None
        cause = label.cause_for_concern
        if label.kind is Kind.RECOMMENDATION and self.cause is not None and parent is None:
            parent, cause = self.cause.ref, True  # a cause of concern's own recommendation
        para = block.number or (heading.number if heading else "") or None
        draft = Draft(ref, label.kind, text, para, cause, parent)
        self.drafts.append(draft)
        if label.kind is Kind.CAUSE_OF_CONCERN:
            self.cause, self.context = draft, Kind.CAUSE_OF_CONCERN
        if text.rstrip().endswith(":"):
            self.parent, self.lead_in = draft, text
            self.recommend_mode = is_recommend_lead_in(text)
            self.bullets_open = True

    def _add_child(self, block: Block, parent: Draft | None = None) -> None:
        self.drafts.append(self._child_of(parent or self.parent, block))

    def _add_fragment(self, block: Block) -> None:
        parent = self.parent or self.cause
        if parent is not None:
            self.drafts.append(self._child_of(parent, block))
            return
        kind = self.context if self.context in REF_WORD else Kind.RECOMMENDATION
        assert kind is not None
        ref = f"{REF_WORD[kind]} {self._next_number(kind)}"
        self.drafts.append(Draft(ref, kind, block.flat, block.number or None, lead_in=self.lead_in))

    def _child_of(self, parent: Draft | None, block: Block) -> Draft:
        assert parent is not None
        kind = parent.kind if parent.kind is not Kind.CAUSE_OF_CONCERN else Kind.RECOMMENDATION
        count = sum(1 for draft in self.drafts if draft.parent_ref == parent.ref) + 1
        ref = f"{REF_WORD[kind]} {ref_number(parent.ref)}.{count}"
        return Draft(
            ref,
            kind,
            block.flat,
            block.number or None,
            parent.cause_for_concern,
            parent.ref,
            self.lead_in,
        )

    def _has_children(self, draft: Draft) -> bool:
        return any(other.parent_ref == draft.ref for other in self.drafts)

    def _next_number(self, kind: Kind) -> str:
        used = [
            int(ref_number(draft.ref).split(".")[0])
            for draft in self.drafts
            if draft.kind is kind and draft.parent_ref is None and ref_number(draft.ref)
        ]
        return str(max(used, default=0) + 1)
