"""Walking one publication's blocks in order, proposing each candidate item.

What each block is decides what happens, in this order:

1. a table: its rows, when it is a table of recommendations (``tables``); quoted words
   (a blockquote, or the block after 'In 2023 we said:') restate someone's earlier words
   and are never new items;
2. a heading: opens a part of the report; 'Recommendations', 'Areas for improvement',
   'Causes of concern', 'Actions' say what the blocks under it are, sub-headings keep
   that, a sub-heading under 'Causes of concern' names a cause; a sub-heading that is
   itself a directive ('The force should answer calls within ...') or a cause's statement
   is the item, and the paragraphs under it explain it; a heading that answers or
   assesses ('Chief Constable's response', 'Force updates', 'Our assessment of
   progress') holds no items, nor do the headings under it;
3. a label opens an item ('Recommendation 4: ...'); a label alone labels the next block
   that asks something (a finding after it does not take it);
4. in a response, a restated recommendation ('3. The force should ...') is an item and
   everything else is the answer;
5. a lead-in and the list after it (``leadins``);
6. under a 'Causes of concern' heading the statement is the cause, and what asks
   something after it are its recommendations;
7. under an items heading, a block that asks something (its main clause's verb, see
   ``grammar``) is an item; elsewhere it is only a candidate below the threshold.
"""

from __future__ import annotations

import re
from dataclasses import replace

from automation.core.model import Kind
from automation.importing import candidates as conf
from automation.importing.candidates import REF_WORD, Candidate, quote
from automation.importing.causes import OWN_VOICE, Pending
from automation.importing.document import Block, BlockKind
from automation.importing.found import Frame
from automation.importing.fragments import is_name
from automation.importing.grammar import directive, is_quoted_or_log
from automation.importing.headings import Headings
from automation.importing.labels import (
    Label,
    asks_something,
    is_committee_own,
    looks_like_heading,
    number_label,
    parse_label,
)
from automation.importing.listings import announced_kind
from automation.importing.tables import table_candidates, unread_table

_CLOSING = re.compile(r"^yours\s+(?:sincerely|faithfully|truly)\b", re.I)
# 'In December 2025 we said:', 'Our 2023 report stated:': earlier words quoted next.
_QUOTING = re.compile(
    r"\b(?:we|i|it|they|hmicfrs|hmic|the\s+(?:report|inspectorate|letter))\s+(?:said|wrote|stated|reported|concluded)"
    r"(?:\s+that)?\s*:$",
    re.I,
)


class Walker(Headings):
    def __init__(self, response: bool = False) -> None:
        super().__init__()
        self.response = response  # a response: only restated recommendations are items
        self.quoting = ""  # 'next' after 'In 2023 we said:', 'list' inside a quoted list
        self.warnings: list[str] = []  # for the officer: a table that gave no items

    def walk(self, blocks: tuple[Block, ...]) -> list[Candidate]:
        kept = [block for block in blocks if block.flat or block.kind is BlockKind.TABLE]
        for index, block in enumerate(kept):
            self.following = kept[index + 1] if index + 1 < len(kept) else None
            self.feed(block)
        self.close_lead()
        return self.found

    def feed(self, block: Block) -> None:
        if self._quoted(block):
            return
        if block.kind is BlockKind.TABLE:
            if not self._assessing():
                self._table(block)
            return
        if _CLOSING.match(block.flat):
            self.close_lead()
            self.pending = None
            self.frames.append(
                Frame(99.0, None, True, block.flat)
            )  # a letter's close: no items until a heading
            return
        label = parse_label(block.flat)
        if self._names_cause(block, label):
            return
        if (
            block.kind is BlockKind.HEADING
            or _heads_items(block, label)
            or (label is None and looks_like_heading(block) and not self._labels(block))
        ):
            self._heading(block, label)
        elif self._assessing():
            return
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

    def _quoted(self, block: Block) -> bool:
        """Quoted words restate earlier ones (a revisit quoting what it assesses): a block set
        as a quote, or what follows 'In 2023 we said:' (a paragraph, or a whole list)."""
        quoting, self.quoting = self.quoting, ""
        if quoting and block.is_list:
            self.quoting = "list"
        elif quoting == "list":
            quoting = ""  # the quoted list has ended
        if block.kind is BlockKind.HEADING:
            return False
        if (block.quoted or quoting) and not self.response:
            return True
        if _QUOTING.search(block.flat):
            self.close_lead()
            self.quoting = "next"  # what it said comes next, whether or not it is set as a quote
            return True
        return False

    def _labels(self, block: Block) -> bool:
        """A plain line after a waiting label that is not a name: the label's own words
        ('Cause of concern 1: Protection' then 'The service hasn't audited ...')."""
        return self.pending is not None and not block.bold and not is_name(block.flat)

    def _assessing(self) -> bool:
        """Under a heading that answers or assesses earlier items, outside a response."""
        return not self.response and bool(self.frames) and self.frames[-1].answer

    def _table(self, block: Block) -> None:
        self.close_lead()
        rows = table_candidates(block, self.context)
        for found in rows:
            self.found.append(replace(found, ref=found.ref or self.made_up_ref(found.kind, found.confidence)))
        if not any(found.included for found in rows) and (warning := unread_table(block)):
            self.warnings.append(warning)

    # --- blocks without a label ---------------------------------------------------------

    def _unlabelled(self, block: Block) -> None:
        text = block.flat
        frame = self.frames[-1] if self.frames else None
        if (
            is_quoted_or_log(text)
            or is_committee_own(text)
            or (frame is not None and (frame.answer or frame.explains))
        ):
            return
        if block.list_number:
            self.numbers_paragraphs(block)
            own_words = OWN_VOICE.match(text) and directive(text) is None  # not 'We recommend that ...'
            if (self.context is None and self.lead is None) or own_words:
                self.narrative.add(int(block.list_number))
        if self.response:
            self._restated(block)  # anything else in a response is its answer or its own words
        elif (numbered := number_label(text)) is not None:
            self._numbered_label(*numbered)
        elif (
            not (self.lead is not None and self.under_lead_in(block))
            and not self.opens_lead_in(block)
            and not self._announced(block)
        ):
            self._in_context(block)

    def _announced(self, block: Block) -> bool:
        """'We have also identified an area for improvement. The force should ...': the
        directive after the announcement is an item of the kind it names."""
        found = directive(block.flat)
        kind = announced_kind(block.flat[: found.start]) if found is not None and found.start else None
        if found is None or kind is None or kind is Kind.CAUSE_OF_CONCERN:
            return False
        self.close_lead()
        words, reason = block.flat[found.start :], f"asks something after {quote(block.flat[: found.start])}"
        if kind is Kind.RECOMMENDATION and self.cause is not None and self.cause_open():
            self.add_child(self.cause, words, block, conf.UNDER_LEAD_IN, reason)
        else:
            self.add(kind, words, block, conf.UNDER_LEAD_IN, reason)
        return True

    def _restated(self, block: Block) -> None:
        """A response restating a recommendation: '3. The force should ...' or in bold."""
        number = block.list_number
        if not (number or block.bold or block.quoted) or directive(block.flat) is None:
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
        if kind is None and self.cause_open():
            kind = Kind.RECOMMENDATION  # what asks something straight after a cause's statement is its own
        found = directive(block.flat, allow_will=kind is Kind.ACTION)
        if kind is Kind.CAUSE_OF_CONCERN and (found is None or found.modal.startswith("need")):
            if OWN_VOICE.match(block.flat):
                return  # 'We inspected the service in July': the inspectorate's narrative, not a cause
            if self.cause is None or self.has_children(self.cause) or self.cause_name:
                self.add_cause(block, self.cause_name, f"under the heading {quote(self.heading_title())}")
            return
        self.close_lead()
        if found is None:
            return
        words = block.flat[found.start :]
        if self.cause is not None and kind in (Kind.CAUSE_OF_CONCERN, Kind.RECOMMENDATION):
            reason = f"asks something under the cause of concern {quote(self.cause.ref, 40)}"
            self.add_child(
                self.cause, words, block, conf.IN_SECTION, reason, shown=not self.numbers_paragraphs(block)
            )
        elif kind is None:
            self.add(
                Kind.RECOMMENDATION, words, block, conf.OUTSIDE, "asks something outside any items section"
            )
        elif (number := block.list_number) and not self.numbers_paragraphs(block):
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


def _heads_items(block: Block, label: Label | None) -> bool:
    """'Recommendation' alone on its line, unnumbered: it heads the asks after it, as
    'Recommendations' does, not only the first ('Recommendation 4' alone labels one)."""
    return (
        label is not None
        and not (label.number or label.rest or label.name or label.cause_for_concern)
        and looks_like_heading(block)
    )


def _item_kind(kind: Kind) -> Kind:
    return Kind.RECOMMENDATION if kind is Kind.CAUSE_OF_CONCERN else kind


def _names_someone(subject: str) -> bool:
    from automation.importing.bodies import is_body

    return bool(subject) and (is_body(subject) or (subject[:1].isupper() and " " not in subject.strip()))
