"""Lead-ins and the lists after them.

- 'By 30 June 2025, the force should:' or '... should make sure that:': each bullet or
  numbered item that asks something ('review how it ...', 'supervisors review ...') is an
  item, taking the lead-in's deadline and body; bullets that only qualify it ('with the
  partnership;', 'before the audit.') make the lead-in one item with them.
- 'we recommend:' (in a labelled recommendation, its children) or 'The Panel recommends:':
  each following paragraph or list item that asks something is an item.
- 'HMICFRS identified two areas for improvement:' or 'We make two further
  recommendations.': the list after it holds items of that kind; a list of causes of
  concern is a summary, not the causes, but the paragraph after 'HMICFRS identified the
  following cause of concern:' is the cause's statement. 'To address this cause of
  concern, we recommend that the force:' lists the last cause's recommendations.
- '2. By June, chief constables should:' numbered in a list of recommendations is itself
  the item (Recommendation 2); the bullets that ask something are its children, and
  bullets that only qualify it become part of its text.

A document that numbers its paragraphs ('1.', '2.' of a letter, items among them) shows
paragraph numbers, not refs: a number continuing a narrative paragraph's is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from automation.core.model import Kind
from automation.importing import candidates as conf
from automation.importing.candidates import REF_WORD, Candidate, quote
from automation.importing.document import Block
from automation.importing.found import Found
from automation.importing.fragments import is_condition, starts_with_verb
from automation.importing.labels import (
    asks_something,
    is_recommend_lead_in,
    is_should_lead_in,
)
from automation.importing.listings import listing_lead_in


@dataclass
class Lead:
    text: str
    style: str  # 'should' (a directive lead-in), 'listing', 'recommend', 'intro'
    kind: Kind | None = None
    items: int = 0
    conditions: list[str] = field(default_factory=list)
    para: str | None = None
    listed: bool | None = None  # whether its items are list items (a block of the other sort ends them)
    marker: str = ""  # how its list marks items ('letter', 'number', 'bullet'): another mark ends it


_ONE_CAUSE = re.compile(r"\b(?:a|one|the\s+following|this)\s+cause\s+(?:of|for)\s+concern\s*:$", re.I)
_THIS_CAUSE = re.compile(r"\b(?:this|that|the\s+above)\s+cause\s+(?:of|for)\s+concern\b", re.I)


def _goes_on_from_that(lead: str) -> bool:
    """'We recommend that:': what follows is the rest of the sentence, in the committee form."""
    return bool(re.search(r"\brecommends?\s+that\s*:\s*$", lead, re.I))


def _is_listed(block: Block) -> bool:
    return block.is_list or bool(block.list_number)


def _marker(block: Block) -> str:
    if block.lettered:
        return "letter"
    return "number" if block.list_number else "bullet"


def _is_intro(text: str) -> bool:
    """'We make two further recommendations to chief constables.' before a list."""
    return (
        text.endswith(".")
        and listing_lead_in(text.rstrip(".") + ":") is not None
        and not asks_something(text)
    )


class LeadIns(Found):
    def __init__(self) -> None:
        super().__init__()
        self.lead: Lead | None = None
        self.parent: Candidate | None = None  # a labelled item ending 'we recommend:' or 'should:'
        self.narrative: set[int] = set()  # numbers of narrative paragraphs seen (a letter's '1.', '2.')
        self.paragraph_numbers = False  # the document numbers its paragraphs: a number is not a ref

    def numbers_paragraphs(self, block: Block) -> bool:
        """Whether ``block``'s number is a paragraph number rather than an item's: it goes on
        from the number of a narrative paragraph (or the document was found to do so)."""
        if block.list_number and int(block.list_number) - 1 in self.narrative:
            self.paragraph_numbers = True
        return self.paragraph_numbers

    def list_kind(self) -> Kind | None:
        if self.lead is not None and self.lead.kind is not None:
            return self.lead.kind
        return self.context

    def opens_lead_in(self, block: Block) -> bool:
        text = block.flat
        if not text.endswith(":") and not _is_intro(text):
            return False
        self.close_lead()
        if self.cause is None and _THIS_CAUSE.search(text):
            self._reopen_cause()  # 'To address this cause of concern, we recommend that the force:'
        if is_recommend_lead_in(text):
            self.lead = Lead(text, "recommend", self.list_kind())
        elif is_should_lead_in(text):
            kind = self.context or Kind.RECOMMENDATION
            kind = Kind.RECOMMENDATION if kind is Kind.CAUSE_OF_CONCERN else kind
            self.lead = Lead(text, "should", kind, para=block.number or None)
            if block.list_number and self.context is not None and self.cause is None:
                self._numbered_lead_in(block, kind)
        elif (listed := listing_lead_in(text)) is not None:
            self.lead = Lead(text, "listing", listed)
        elif _is_intro(text):
            self.lead = Lead(text, "intro", listing_lead_in(text.rstrip(".") + ":"))
        else:
            return False
        return True

    def _reopen_cause(self) -> None:
        causes = [item for item in self.found if item.kind is Kind.CAUSE_OF_CONCERN and item.included]
        if causes:
            self.cause = causes[-1]
            self.cause_under = self.frames[-1] if self.frames else None

    def _numbered_lead_in(self, block: Block, kind: Kind) -> None:
        """'2. By June, chief constables should:' in a numbered list of items: item 2 itself."""
        if self.numbers_paragraphs(block):
            return
        number = block.list_number
        reason = f"item {number} of a numbered list, a lead-in to what follows"
        item = Candidate(
            f"{REF_WORD[kind]} {number}",
            kind,
            block.flat,
            conf.NUMBERED,
            reason,
            number,
        )
        self.found.append(item)
        self.parent = item

    def under_lead_in(self, block: Block) -> bool:
        lead = self.lead
        assert lead is not None
        listed = _is_listed(block)
        if listed and lead.marker and _marker(block) != lead.marker and lead.style != "recommend":
            self.close_lead()
            return False  # 'a) b) c)' under '4. ... should:' end at '5.'
        if listed and not lead.marker:
            lead.marker = _marker(block)
        if lead.style == "should" and listed:
            return self._lead_in_bullet(lead, block)
        if lead.style in ("listing", "intro") and (listed or lead.style == "listing"):
            return self._listed(lead, block)
        if lead.style == "recommend" and self.parent is not None and is_recommend_lead_in(block.flat):
            lead.text = block.flat  # 'To make this sustainable, we also recommend:' inside a parent
            return True
        if lead.style == "recommend" and (listed or asks_something(block.flat)):
            return self._recommended(lead, block)
        return False

    def _lead_in_bullet(self, lead: Lead, block: Block) -> bool:
        text = block.flat
        asks = starts_with_verb(text) or asks_something(text) or lead.text.endswith("that:")
        if (is_condition(text) and (lead.conditions or lead.items == 0)) or not asks:
            lead.conditions.append(text)
            return True
        kind = lead.kind or Kind.RECOMMENDATION
        reason = f"{'bullet' if block.bullet else 'item'} under the lead-in {quote(lead.text)}"
        owner = self.parent or self.cause
        if owner is not None:
            self.add_child(owner, text, block, conf.UNDER_LEAD_IN, reason, lead.text, shown=False)
        else:
            self.add(kind, text, block, conf.UNDER_LEAD_IN, reason, lead_in=lead.text)
        lead.items += 1
        return True

    def _listed(self, lead: Lead, block: Block) -> bool:
        """A list after 'HMICFRS identified two areas for improvement:'."""
        kind = lead.kind or self.context or Kind.RECOMMENDATION
        text = block.flat
        listed = _is_listed(block)
        if lead.listed is not None and lead.listed != listed:
            self.close_lead()
            return False  # a paragraph after the bullets ends the list
        if kind is Kind.CAUSE_OF_CONCERN and not listed and lead.items == 0 and _ONE_CAUSE.search(lead.text):
            self.close_lead()
            self.add_cause(block, "", f"after {quote(lead.text)}")
            return True  # 'HMICFRS identified the following cause of concern:' then its statement
        if kind is Kind.CAUSE_OF_CONCERN or not asks_something(text, allow_will=kind is Kind.ACTION):
            self.close_lead()
            return False  # a summary listing causes is not the causes; prose ends the list
        lead.listed = listed
        reason = f"{'bullet' if block.bullet else 'item'} after {quote(lead.text)}"
        self.add(kind, text, block, conf.UNDER_LEAD_IN, reason)
        lead.items += 1
        return True

    def _recommended(self, lead: Lead, block: Block) -> bool:
        """After 'we recommend:' each paragraph that asks something is an item; after 'We
        recommend that:' so is each clause that goes on from it ('by July, chief constables
        make sure that ...')."""
        text = block.flat
        if not (
            asks_something(text, allow_will=True)
            or (_goes_on_from_that(lead.text) and asks_something(f"That {text}"))
        ):
            self.close_lead()
            return False
        reason = f"paragraph under {quote(lead.text)}"
        if self.parent is not None:
            self.add_child(self.parent, text, block, conf.UNDER_LEAD_IN, reason, lead.text)
        else:
            self.add(
                lead.kind or self.context or Kind.RECOMMENDATION, text, block, conf.UNDER_LEAD_IN, reason
            )
        lead.items += 1
        return True

    def close_lead(self) -> None:
        """The end of a lead-in's list: a lead-in whose bullets only qualified it is one item."""
        lead = self.lead
        self.lead, self.parent = None, None
        if lead is None or lead.style != "should" or lead.items:
            return
        if self.found and self.found[-1].text == lead.text:
            if lead.conditions:  # 'Recommendation 12' + '... setting out:' + its conditions
                self.found[-1] = replace(self.found[-1], text=" ".join([lead.text, *lead.conditions]))
            return
        if not (lead.conditions or self.context or self.cause):
            return
        text = " ".join([lead.text, *lead.conditions])
        block = Block(text, number=lead.para or "")
        reason = f"asks something with the conditions listed under {quote(lead.text)}"
        kind = lead.kind or Kind.RECOMMENDATION
        shown = f"{REF_WORD[kind]} {lead.para}" if lead.para and lead.para.isdigit() else ""
        if self.cause is not None:
            self.add_child(self.cause, text, block, conf.IN_SECTION, reason)
        else:
            self.add(kind, text, block, conf.IN_SECTION if self.context else conf.OUTSIDE, reason, ref=shown)
