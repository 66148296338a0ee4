"""Walking one publication's blocks in order, proposing each candidate item.

What each block is decides what happens, in this order:

1. a table: its rows, when it is a table of recommendations (``tables``);
2. a heading: opens a part of the report; 'Recommendations', 'Areas for improvement',
   'Causes of concern', 'Actions' say what the blocks under it are, sub-headings keep
   that, a sub-heading under 'Causes of concern' names a cause; a heading that answers
   ('Chief Constable's response', 'Force updates') holds no items;
3. a label opens an item ('Recommendation 4: ...'); a label alone labels the next block;
4. in a response, a restated recommendation ('3. The force should ...') is an item and
   everything else is the answer;
5. a lead-in and the list after it (``leadins``);
6. under a 'Causes of concern' heading the statement is the cause, and what asks
   something after it are its recommendations;
7. under an items heading, a block that asks something (its main clause's verb, see
   ``grammar``) is an item; elsewhere it is only a candidate below the threshold.
"""

from __future__ import annotations

from dataclasses import replace

from automation.core.model import Kind
from automation.importing import candidates as conf
from automation.importing.candidates import REF_WORD, Candidate, quote
from automation.importing.causes import Causes, Pending
from automation.importing.document import Block, BlockKind
from automation.importing.found import Frame
from automation.importing.grammar import directive, is_quoted_or_log
from automation.importing.labels import (
    Label,
    asks_something,
    context_heading,
    is_answer_heading,
    is_committee_own,
    is_recommend_lead_in,
    is_should_lead_in,
    looks_like_heading,
    number_label,
    parse_label,
)
from automation.importing.leadins import Lead
from automation.importing.tables import table_candidates, unread_table


class Walker(Causes):
    def __init__(self, response: bool = False) -> None:
        super().__init__()
        self.response = response  # a response: only restated recommendations are items
        self.warnings: list[str] = []  # for the officer: a table that gave no items

    def walk(self, blocks: tuple[Block, ...]) -> list[Candidate]:
        kept = [block for block in blocks if block.flat or block.kind is BlockKind.TABLE]
        for index, block in enumerate(kept):
            self.following = kept[index + 1] if index + 1 < len(kept) else None
            self.feed(block)
        self.close_lead()
        return self.found

    def feed(self, block: Block) -> None:
        if block.kind is BlockKind.TABLE:
            self._table(block)
            return
        label = parse_label(block.flat)
        if self._names_cause(block, label):
            return
        if block.kind is BlockKind.HEADING or (label is None and looks_like_heading(block)):
            self._heading(block, label)
        elif label is not None:
            self.close_lead()
            if label.rest:
                self._labelled(label, label.rest, block)
            else:
                self.pending = Pending(label, block, self._level(block))
        elif self.pending is not None:
            self._after_label(block)
        else:
            self._unlabelled(block)

    def _table(self, block: Block) -> None:
        self.close_lead()
        rows = table_candidates(block, self.context)
        for found in rows:
            self.found.append(replace(found, ref=found.ref or self.made_up_ref(found.kind, found.confidence)))
        if not any(found.included for found in rows) and (warning := unread_table(block)):
            self.warnings.append(warning)

    # --- headings ---------------------------------------------------------------------

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
        if _unlevelled(block) and label is None and kind is None and self._names_plain_cause():
            return self._plain_cause_name(text)
        if _unlevelled(block) and kind is Kind.RECOMMENDATION and self.cause is not None and self.frames:
            level = self.frames[-1].level + 0.5  # a cause's own 'Recommendations' line stays in the cause
        lead = self.lead
        if not (lead is not None and lead.items == 0 and not lead.conditions and kind is None):
            self.close_lead()  # a heading between a lead-in and its bullets keeps the lead-in
        self._pop_to(level)
        parent = self.frames[-1] if self.frames else None
        answer = is_answer_heading(text)
        if kind is None and not answer and parent is not None:
            kind, answer = parent.kind, parent.answer
            if parent.kind is Kind.CAUSE_OF_CONCERN and label is None:
                self.cause, self.cause_name, self.cause_level = None, text, level  # a named cause
        if self.cause is not None and level <= self.cause_level and kind is not Kind.RECOMMENDATION:
            self.cause = None  # a heading as high as the cause's, and not its recommendations
        self.frames.append(Frame(level, kind, answer, text))
        if label is not None and not label.rest:
            self.pending = Pending(label, block, level)
        elif label is not None:
            self._labelled(label, label.rest, block)

    # --- labels -----------------------------------------------------------------------

    def _after_label(self, block: Block) -> None:
        assert self.pending is not None
        pending, self.pending = self.pending, None
        if pending.label.kind is Kind.CAUSE_OF_CONCERN and not pending.label.number:
            reason = f"under the heading {quote(pending.block.flat)}"
            self.add_cause(block, pending.name or self.cause_name, reason, level=pending.level)
        elif pending.label.number or not is_should_lead_in(block.flat):
            self._labelled(pending.label, block.flat, block, pending.block)
        else:
            self._unlabelled(block)

    def _labelled(self, label: Label, text: str, block: Block, heading: Block | None = None) -> None:
        self.close_lead()
        shown = (heading or block).flat
        reason = f"labelled {quote(shown.split(':')[0] if label.rest else shown, 40)}"
        para = block.number or (heading.number if heading else "") or None
        if label.kind is Kind.CAUSE_OF_CONCERN:
            self.add_cause(block, f"Cause of concern {label.number}" if label.number else "", reason, text)
            return
        if label.kind is Kind.RECOMMENDATION and not label.number and self.cause is not None:
            self.add_child(self.cause, text, block, conf.LABELLED, reason)
            return
        number = label.number or self.next_number(label.kind)
        ref = f"{REF_WORD[label.kind]} {number}"
        parent = ref.rsplit(".", 1)[0] if "." in number else None
        cause = label.cause_for_concern
        if label.kind is Kind.RECOMMENDATION and self.cause is not None and parent is None:
            parent, cause = self.cause.ref, True  # a cause of concern's own recommendation
        item = Candidate(
            ref, label.kind, text, conf.LABELLED, reason, para, cause, parent, ref_made_up=not label.number
        )
        self.found.append(item)
        if text.rstrip().endswith(":"):
            self.parent = item
            style = "recommend" if is_recommend_lead_in(text) else "should"
            self.lead = Lead(text, style, label.kind, para=para)

    # --- blocks without a label ---------------------------------------------------------

    def _unlabelled(self, block: Block) -> None:
        text = block.flat
        answering = bool(self.frames) and self.frames[-1].answer
        if is_quoted_or_log(text) or answering or is_committee_own(text):
            return
        if self.response:
            self._restated(block)  # anything else in a response is its answer or its own words
        elif (numbered := number_label(text)) is not None:
            self._numbered_label(*numbered)
        elif not (self.lead is not None and self.under_lead_in(block)) and not self.opens_lead_in(block):
            self._in_context(block)

    def _restated(self, block: Block) -> None:
        """A response restating a recommendation: '3. The force should ...' or in bold."""
        number = block.list_number
        if not (number or block.bold) or directive(block.flat) is None:
            return
        number = number or self.next_number(Kind.RECOMMENDATION)
        reason = f"restated recommendation {number} in a response"
        ref = f"Recommendation {number}"
        self.found.append(
            Candidate(ref, Kind.RECOMMENDATION, block.flat, conf.RESTATED, reason, block.number or None)
        )

    def _numbered_label(self, number: str, text: str) -> None:
        """'14: That the department publish ...' in a list of recommendations."""
        kind = self.list_kind() or Kind.RECOMMENDATION
        if not asks_something(text, allow_will=kind is Kind.ACTION):
            return
        under = self.lead.text if self.lead is not None else self.heading_title()
        confidence = conf.NUMBERED if self.lead is not None or self.context is not None else conf.OUTSIDE
        ref = f"{REF_WORD[kind]} {number}" if confidence >= conf.THRESHOLD else ""
        self.add(kind, text, Block(text), confidence, f"numbered '{number}:' under {quote(under)}", ref)
        if self.lead is not None:
            self.lead.items += 1

    def _in_context(self, block: Block) -> None:
        kind = self.context
        found = directive(block.flat, allow_will=kind is Kind.ACTION)
        if kind is Kind.CAUSE_OF_CONCERN and (found is None or found.modal.startswith("need")):
            if self.cause is None or self.has_children(self.cause) or self.cause_name:
                self.add_cause(block, self.cause_name, f"under the heading {quote(self.heading_title())}")
            return
        self.close_lead()
        if found is None:
            return
        words = block.flat[found.start :]
        if self.cause is not None and kind in (Kind.CAUSE_OF_CONCERN, Kind.RECOMMENDATION):
            reason = f"asks something under the cause of concern {quote(self.cause.ref, 40)}"
            self.add_child(self.cause, words, block, conf.IN_SECTION, reason)
        elif kind is None:
            self.add(
                Kind.RECOMMENDATION, words, block, conf.OUTSIDE, "asks something outside any items section"
            )
        elif number := block.list_number:
            reason = f"item {number} of a numbered list under {quote(self.heading_title())}"
            self.add(
                _item_kind(kind),
                words,
                block,
                conf.NUMBERED,
                reason,
                f"{REF_WORD[_item_kind(kind)]} {number}",
            )
        else:
            passive = found.form == "modal" and not _names_someone(found.subject)
            confidence = conf.PASSIVE_IN_SECTION if passive else conf.IN_SECTION
            reason = f"asks something under the heading {quote(self.heading_title())}"
            self.add(_item_kind(kind), words, block, confidence, reason)


def _unlevelled(block: Block) -> bool:
    """A heading line of plain text: neither styled as a heading nor emphasised."""
    return block.kind is not BlockKind.HEADING and not block.bold


def _item_kind(kind: Kind) -> Kind:
    return Kind.RECOMMENDATION if kind is Kind.CAUSE_OF_CONCERN else kind


def _names_someone(subject: str) -> bool:
    from automation.importing.bodies import is_body

    return bool(subject) and (is_body(subject) or (subject[:1].isupper() and " " not in subject.strip()))
