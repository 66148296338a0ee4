"""Headings and labels while walking a publication (see ``walker``).

A heading opens a part: what it names ('Recommendations', 'Areas for improvement', 'Causes
of concern') says what the blocks under it are, and its sub-headings keep that; a
sub-heading that is itself a directive, or a cause's statement, is the item, and what is
under it explains it. A heading that answers or assesses holds no items, nor do the
headings under it. A label opens an item; a label alone (or with only a name after it)
labels the next block that asks something.
"""

from __future__ import annotations

from automation.core.model import Kind
from automation.importing import candidates as conf
from automation.importing.candidates import REF_WORD, Candidate, quote
from automation.importing.causes import Causes, Pending
from automation.importing.document import Block, BlockKind
from automation.importing.found import Frame
from automation.importing.fragments import is_name
from automation.importing.grammar import directive
from automation.importing.labels import (
    Label,
    asks_something,
    context_heading,
    is_answer_heading,
    is_recommend_lead_in,
    is_should_lead_in,
)
from automation.importing.leadins import Lead


class Headings(Causes):
    def _unlabelled(self, block: Block) -> None:
        raise NotImplementedError  # the walker's: what a block with no label is

    def _level(self, block: Block) -> float:
        if block.kind is BlockKind.HEADING and block.level:
            return float(block.level)
        real = [frame.level for frame in self.frames if frame.level == int(frame.level)]
        if block.bold or block.kind is BlockKind.HEADING:
            return (max(real) if real else 0) + 0.5
        return 1.0  # a plain-text heading line: its level is not written, so it is a top one

    def _heading(self, block: Block, label: Label | None) -> None:
        level = self._level(block)
        text = block.flat
        kind = label.kind if label is not None else context_heading(text)
        if _unlevelled(block) and label is None and kind is None and self._names_plain_cause(text):
            return self._plain_cause_name(text)
        if _unlevelled(block) and kind is Kind.RECOMMENDATION and self.cause is not None and self.frames:
            level = self.frames[-1].level + 0.5  # a cause's own 'Recommendations' line stays in the cause
        lead = self.lead
        if not (lead is not None and lead.items == 0 and not lead.conditions and kind is None):
            self.close_lead()  # a heading between a lead-in and its bullets keeps the lead-in
        self._pop_to(level)
        parent = self.frames[-1] if self.frames else None
        answer = is_answer_heading(text) or (parent is not None and parent.answer)
        item_heading = label is None and kind is None and not answer and parent is not None
        if item_heading and parent is not None and self._heading_item(block, parent, level):
            return
        explains = False
        if kind is None and not answer and parent is not None:
            kind, explains = parent.kind, parent.explains
            if parent.kind is Kind.CAUSE_OF_CONCERN and label is None:
                self.cause, self.cause_name, self.cause_level = None, text, level  # a named cause
        if self.cause is not None and level <= self.cause_level and kind is not Kind.RECOMMENDATION:
            self.cause = None  # a heading as high as the cause's, and not its recommendations
        self.frames.append(Frame(level, kind, answer, text, explains))
        if label is not None and not label.rest:
            self.pending = Pending(label, block, level, label.name)
        elif label is not None:
            self._labelled(label, label.rest, block)

    def _heading_item(self, block: Block, parent: Frame, level: float) -> bool:
        """A sub-heading that is the item itself: a directive under 'Areas for improvement'
        (or under a waiting label), or a cause's statement under 'Cause of concern'."""
        pending = self.pending
        kind = pending.label.kind if pending is not None else parent.kind
        text = block.flat
        if kind is Kind.CAUSE_OF_CONCERN:
            if is_name(text) or parent.explains:
                return False
            self.close_lead()
            self.pending = None
            ref = f"Cause of concern {pending.label.number}" if pending and pending.label.number else ""
            reason = f"the statement heading {quote(parent.title)}"
            self.add_cause(
                block, ref or (pending.name if pending else "") or self.cause_name, reason, text, parent.level
            )
        elif kind is None or (found := directive(text, allow_will=kind is Kind.ACTION)) is None:
            return False
        else:
            self.close_lead()
            self._heading_directive(block, text[found.start :], kind, parent)
        self.frames.append(Frame(level, kind, False, text, explains=True))
        return True

    def _heading_directive(self, block: Block, text: str, kind: Kind, parent: Frame) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            self._labelled(pending.label, text, block, pending.block)
        elif self.cause is not None and kind is Kind.RECOMMENDATION:
            reason = f"a heading that asks something under the cause of concern {quote(self.cause.ref, 40)}"
            self.add_child(self.cause, text, block, conf.IN_SECTION, reason)
        else:
            self.add(
                kind,
                text,
                block,
                conf.IN_SECTION,
                f"a heading that asks something under {quote(parent.title)}",
            )

    def _after_label(self, block: Block) -> None:
        assert self.pending is not None
        pending, self.pending = self.pending, None
        if pending.label.kind is Kind.CAUSE_OF_CONCERN and not pending.label.number:
            reason = f"under the heading {quote(pending.block.flat)}"
            self.add_cause(block, pending.name or self.cause_name, reason, level=pending.level)
        elif (
            pending.label.kind is not Kind.CAUSE_OF_CONCERN
            and not asks_something(block.flat, allow_will=True)
            and not (pending.label.number and is_recommend_lead_in(block.flat))
        ):
            self._unlabelled(block)  # a finding after the label: the label does not take it
        elif pending.label.number or not is_should_lead_in(block.flat):
            self._labelled(pending.label, block.flat, block, pending.block)
        else:
            self._unlabelled(block)

    def _labelled(self, label: Label, text: str, block: Block, heading: Block | None = None) -> None:
        self.close_lead()
        shown = (heading or block).flat
        written = shown[: len(shown) - len(label.rest)].strip(" :.-\u2013\u2014") if label.rest else shown
        reason = f"labelled {quote(written or shown, 40)}"
        para = block.number or (heading.number if heading else "") or None
        if label.kind is Kind.CAUSE_OF_CONCERN:
            self.add_cause(block, f"Cause of concern {label.number}" if label.number else "", reason, text)
            return
        if label.kind is Kind.RECOMMENDATION and not label.number and self.cause is not None:
            self.add_child(self.cause, text, block, conf.LABELLED, reason)
            return
        number = label.number or self.next_number(label.kind)
        ref = label.ref or f"{REF_WORD[label.kind]} {number}"
        parent = ref.rsplit(".", 1)[0] if "." in number and not label.written else None
        cause = label.cause_for_concern
        if label.kind is Kind.RECOMMENDATION and self.cause is not None and parent is None:
            parent, cause = self.cause.ref, True  # a cause of concern's own recommendation
        item = Candidate(
            ref,
            label.kind,
            text,
            conf.LABELLED,
            reason,
            para,
            cause,
            parent,
            ref_made_up=not label.number,
        )
        self.found.append(item)
        if text.rstrip().endswith(":"):
            self.parent = item
            style = "recommend" if is_recommend_lead_in(text) else "should"
            self.lead = Lead(text, style, label.kind, para=para)


def _unlevelled(block: Block) -> bool:
    """A heading line of plain text: neither styled as a heading nor emphasised."""
    return block.kind is not BlockKind.HEADING and not block.bold
