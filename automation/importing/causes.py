"""Causes of concern and their names.

A cause of concern is stated under a 'Cause of concern' heading or label, often under a
named sub-heading ('Cause of concern' / 'Investigating crime'): the name is the cause's
ref and must not end the cause's part of the document. In plain text, which writes no
heading levels, a heading line under 'Causes of concern' names the next cause when a
statement of it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.core.model import Kind
from automation.importing.document import Block, BlockKind
from automation.importing.found import Frame
from automation.importing.fragments import is_name
from automation.importing.grammar import directive
from automation.importing.labels import Label, context_heading, looks_like_heading, parse_label
from automation.importing.leadins import LeadIns

OWN_VOICE = re.compile(r"^(?:we|our|i|hmicfrs|the\s+inspectorate)\b", re.I)
# Headings every report has: they end a cause, they never name one.
_STRUCTURAL = re.compile(
    r"^(?:next\s+steps|what\s+happens\s+next|conclusions?|background|introduction|summary|overview"
    r"|methodology|about\s+(?:this|the|our)\b.*|further\s+information|contacts?|glossary|foreword"
    r"|(?:annex|appendix)\b.*|yours\s+(?:sincerely|faithfully)|terms\s+of\s+reference)$",
    re.I,
)


@dataclass
class Pending:
    label: Label
    block: Block
    level: float  # of the heading or line the label stands on
    name: str = ""  # a cause of concern's name, from the heading under its label


class Causes(LeadIns):
    def __init__(self) -> None:
        super().__init__()
        self.pending: Pending | None = None
        self.following: Block | None = None  # the block after the one being read

    def _names_plain_cause(self, heading: str) -> bool:
        """In text without heading levels, a heading line under 'Causes of concern' names
        the next cause when a statement of it follows ('The force doesn't ...')."""
        if not (self.cause is not None or any(frame.kind is Kind.CAUSE_OF_CONCERN for frame in self.frames)):
            return False
        if _STRUCTURAL.match(heading.strip(" :")):
            return False
        following = self.following
        if following is None or following.kind is BlockKind.HEADING or following.is_list:
            return False
        text = following.flat
        if parse_label(text) is not None or looks_like_heading(following) or OWN_VOICE.match(text):
            return False
        found = directive(text)
        return found is None or found.modal.startswith("need")

    def _plain_cause_name(self, text: str) -> None:
        self.close_lead()
        while self.frames and self.frames[-1].kind is not Kind.CAUSE_OF_CONCERN:
            self.frames.pop()
        self.cause, self.cause_name = None, text
        self.cause_level = self.frames[-1].level if self.frames else 1.0

    def _pop_to(self, level: float) -> None:
        while self.frames and self.frames[-1].level >= level:
            self.frames.pop()

    def _names_cause(self, block: Block, label: Label | None) -> bool:
        """'Cause of concern' then 'Risk assessment of missing children': the cause's name."""
        pending = self.pending
        if (
            pending is None
            or pending.label.kind is not Kind.CAUSE_OF_CONCERN
            or pending.name
            or label is not None
        ):
            return False
        if pending.label.number or context_heading(block.flat) is not None:
            return False
        if block.kind is not BlockKind.HEADING and not looks_like_heading(block):
            return False
        if not is_name(block.flat):
            return False  # the cause's statement set as a heading, not its name
        pending.name = block.flat
        if block.kind is BlockKind.HEADING and block.level:
            pending.level = float(block.level)
            self._pop_to(pending.level)
            self.frames.append(Frame(pending.level, Kind.CAUSE_OF_CONCERN, False, block.flat))
        return True
