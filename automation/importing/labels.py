"""What a block *is*: an item's label, a heading that says what follows, a lead-in, an
answer in a response, or narrative.

``Recommendation 4: ...``, ``Recommendation 10 (cause for concern): ...``, ``Action 3: ...``,
``Area for improvement 2: ...``, ``Area for improvement: ...``, ``AFI 3 - ...`` and ``Cause of
concern: ...`` open items; a label alone on its line ('Recommendation 3'), or followed only
by a name ('Area for improvement 1 – Responding to the public', 'Cause of concern:
Prevention'), labels the block after it, and a cause of concern's name is its ref. A mention such as
'progress on AFI 7' or 'AFI 7 remains open' is not a label: the label must start the
block and be followed by a colon, stop or dash, and what follows must not report on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.core.model import Kind
from automation.importing.candidates import REF_WORD
from automation.importing.document import Block
from automation.importing.fragments import is_name
from automation.importing.grammar import MODAL, directive, is_quoted_or_log

_WORDS = {
    "recommendation": Kind.RECOMMENDATION,
    "r": Kind.RECOMMENDATION,
    "rec": Kind.RECOMMENDATION,
    "rec.": Kind.RECOMMENDATION,
    "action": Kind.ACTION,
    "area for improvement": Kind.AREA_FOR_IMPROVEMENT,
    "afi": Kind.AREA_FOR_IMPROVEMENT,
    "cause of concern": Kind.CAUSE_OF_CONCERN,
    "cause for concern": Kind.CAUSE_OF_CONCERN,
}
_CFC = r"(?:a\s+)?cause\s+(?:of|for)\s+concern"
_LABEL = re.compile(
    r"^(?P<word>recommendation|rec\.?(?=\s*\d)|r(?=\d)|action|area\s+for\s+improvement|afi"
    r"|cause\s+(?:of|for)\s+concern)"
    r"(?:(?:\s*|-)(?:no\.?\s*)?(?P<num>\d{1,3}(?:\.\d{1,2})?))?"
    rf"\s*(?P<cfc>\(\s*{_CFC}\s*\)|[-\u2013\u2014]\s*{_CFC})?"
    r"\s*(?P<sep>:|\.(?=\s|$)|\s[-\u2013\u2014](?=\s)|$|(?<=\d)\s+(?=[A-Z\u201c\"'(]))\s*",
    re.I,
)
# 'Cause of concern (Protecting vulnerable people)': the name in brackets after the label.
_BRACKETED = re.compile(
    r"^(?P<word>recommendation|action|area\s+for\s+improvement|afi|cause\s+(?:of|for)\s+concern)"
    r"(?:\s+(?P<num>\d{1,3}(?:\.\d{1,2})?))?\s*\((?P<name>[^()]{2,80})\)\s*$",
    re.I,
)
_CFC_ONLY = re.compile(rf"^\s*{_CFC}\s*$", re.I)
_NUMBER_LABEL = re.compile(r"^(?P<num>\d{1,3})\s*[:)]\s+(?=\S)")
_CONTEXT_WORDS = (
    (re.compile(r"^causes?\s+(?:of|for)\s+concern\b", re.I), Kind.CAUSE_OF_CONCERN),
    (re.compile(r"^areas?\s+for\s+improvement\b", re.I), Kind.AREA_FOR_IMPROVEMENT),
    (re.compile(r"^recommendations\b", re.I), Kind.RECOMMENDATION),
    (re.compile(r"^(?:additional\s+|further\s+)?actions\b", re.I), Kind.ACTION),
)
_CONTEXT_PREFIX = re.compile(
    r"^(?:(?:annex|appendix|part|section|chapter)\s+[\w.]+\s*[:.\u2013-]\s*)?"
    r"(?:(?:our|the|a|an|full|new|further|key|main|accelerated|national|summary\s+of(?:\s+the)?"
    r"|list\s+of(?:\s+the)?|hmicfrs(?:'s|\u2019s)?)\s+)*",
    re.I,
)
_RECOMMEND_LEAD = re.compile(
    r"\b(?:we|it|the\s+\w+(?:\s+\w+)?)\s+(?:therefore\s+|also\s+|further\s+|now\s+)?recommends?"
    r"(?:\s+that)?(?:\s+the\s+following)?\s*:\s*$",
    re.I,
)
_RECOMMENDS_THAT_LEAD = re.compile(r"\brecommends?\s+that\b[^:;.]{3,120}:\s*$", re.I)
_SHOULD_LEAD = re.compile(rf"\b(?:{MODAL}|will)\b[^:;.]{{0,160}}:\s*$", re.I)
_REPORTS = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|noted|discussed|reported|agreed|remains|updated)\b", re.I
)
_HEADING_LIKE = re.compile(r"^[A-Z\d\u2018\u201c'\"(][^.;?!]{0,99}$")
# The paper's own ask of its readers: 'It is recommended that the Committee ...', 'The
# committee is asked to note ...', 'Members are invited to consider ...'.
_COMMITTEE_OWN = re.compile(
    r"^(?:it\s+is\s+recommended\s+that\s+(?:the\s+)?(?:[\w&]+\s+){0,4}(?:committee|board|panel|members?)\b"
    r"|(?:the\s+)?(?:[\w&]+\s+){0,4}(?:committee|board|panel|members?)\s+(?:is|are)\s+"
    r"(?:asked|invited|recommended|requested)\s+to\s+(?:note|consider|approve|agree|endorse|receive|discuss"
    r"|comment|review|scrutinise|scrutinize)\b)",
    re.I,
)
_ANSWER_HEADING = re.compile(
    r"\b(?:response|responses|comments?|update|updates|progress|status(?:\s+log)?|action\s+taken|"
    r"our\s+view|reply)\s*:?$",
    re.I,
)
_ANSWER = re.compile(
    r"^(?:(?:[\w-]+\s+){0,4}?[\w-]+(?:'s|\u2019s)\s+(?:response|comments?|reply)\s*:"
    r"|response\s*:|answer\s*:|(?:partially\s+|partly\s+)?(?:accepted|agreed|rejected|not\s+accepted|noted)\b"
    r"|accepted\s+in\s+part\b|the\s+(?:government|department|force|home\s+office|commissioner|college)\s+"
    r"(?:partially\s+|partly\s+|does\s+not\s+|fully\s+)?(?:accepts?|agrees?|rejects?|welcomes?|notes?)\b"
    r"|we\s+(?:accept|agree|reject|welcome|will)\b|this\s+recommendation\s+(?:is|has|was)\b|lead\s*:)",
    re.I,
)


@dataclass(frozen=True)
class Label:
    kind: Kind
    number: str  # '' when the paper leaves it unnumbered
    cause_for_concern: bool
    rest: str  # the text after the label ('' for a label standing alone)
    name: str = ""  # a name after the label, with no verb ('Prevention'): a heading, not the text
    written: str = ""  # a ref written short ('R3', 'Rec 3'), kept as the document writes it

    @property
    def ref(self) -> str:
        """The item's ref: as written ('R3'), else the kind's word and number; '' unnumbered."""
        return self.written or (f"{REF_WORD[self.kind]} {self.number}" if self.number else "")


def parse_label(text: str) -> Label | None:
    if (
        (named := _BRACKETED.match(text))
        and is_name(named.group("name"))
        and not _CFC_ONLY.match(named.group("name"))
    ):
        word = " ".join(named.group("word").casefold().split())
        kind = _WORDS[word]
        return Label(kind, named.group("num") or "", kind is Kind.CAUSE_OF_CONCERN, "", named.group("name"))
    match = _LABEL.match(text)
    if not match:
        return None
    word = " ".join(match.group("word").casefold().split())
    kind, number, rest = _WORDS[word], match.group("num") or "", text[match.end() :].strip()
    if word == "r" and not number:
        return None
    cause = kind is Kind.CAUSE_OF_CONCERN or bool(match.group("cfc"))
    written = (
        {"r": f"R{number}", "rec": f"Rec {number}", "rec.": f"Rec {number}"}.get(word, "") if number else ""
    )
    if (
        rest
        and match.group("sep") not in (".", "")
        and (is_name(rest) or (number and is_name(rest[:1].upper() + rest[1:])))
    ):
        return Label(kind, number, cause, "", rest, written)  # 'Cause of concern 1: Prevention'
    if not number and rest and (match.group("sep") != ":" or kind is Kind.ACTION):
        return None  # 'Recommendation. ...', 'Action - ...' or a minute's 'Action: ...' is prose
    statement = kind is Kind.CAUSE_OF_CONCERN and match.group("sep") == ":"  # 'Cause of concern: X was weak.'
    if rest and not statement and not asks_something(rest, allow_will=True):
        reports = _REPORTS.search(" ".join(rest.split()[:6]))
        if reports or (match.group("sep") != ":" and not re.search(r"\bwill\b", rest, re.I)):
            return None  # 'AFI 7 - progress was discussed': minutes report on an item
    return Label(kind, number, cause, rest, written=written)


def number_label(text: str) -> tuple[str, str] | None:
    """'14: That the department publish ...' -> ('14', 'That the department ...')."""
    match = _NUMBER_LABEL.match(text)
    return (match.group("num"), text[match.end() :]) if match else None


def context_heading(text: str) -> Kind | None:
    """'Areas for improvement', 'Our recommendations', 'Recommendations to chief
    constables', 'Annex A: Recommendations': the kind of item the blocks after it hold."""
    flat = " ".join(text.split()).rstrip(":").strip()
    if len(flat.split()) > 10 or flat.endswith((".", "?")):
        return None
    words = _CONTEXT_PREFIX.sub("", flat)
    for pattern, kind in _CONTEXT_WORDS:
        if pattern.match(words):
            return kind
    return None


_ASSESSMENT_HEADING = re.compile(
    r"^(?:(?:annex|appendix|part|section|chapter)(?:\s+[\w.]+)?\s*[:.\u2013-]\s*)?"
    r"(?:(?:our|an|the)\s+)?(?:assessment\s+of\s+)?progress\s+(?:against|on|with|made|since|in)\b",
    re.I,
)


_ITEMS = r"(?:causes?\s+(?:of|for)\s+concern|areas?\s+for\s+improvement|recommendations?|afis?)"
# 'Our 2023 cause of concern', 'Recommendations from our 2019 inspection': earlier items.
_EARLIER_ITEMS = re.compile(
    rf"\b(?:our|the|previous|earlier|original)\s+(?:19|20)\d\d\s+(?:[\w-]+\s+){{0,2}}?{_ITEMS}\b"
    rf"|\b{_ITEMS}\s+(?:from|made\s+in|in)\s+(?:our|the)\s+(?:19|20)\d\d\b",
    re.I,
)


def is_answer_heading(text: str) -> bool:
    """'Chief Constable's response', 'Commissioner's comments', 'Force updates', and
    earlier items or their assessment: 'Progress against our 2019 recommendations', 'Our
    2023 cause of concern'."""
    flat = " ".join(text.split())
    if len(flat.split()) <= 12 and (_ASSESSMENT_HEADING.match(flat) or _EARLIER_ITEMS.search(flat)):
        return True
    return len(flat.split()) <= 6 and bool(_ANSWER_HEADING.search(flat)) and context_heading(flat) is None


def is_answer(text: str) -> bool:
    """A response's answer: 'Accepted.', 'The Government accepts ...', 'We will ...'."""
    return bool(_ANSWER.match(" ".join(text.split())))


def is_recommend_lead_in(text: str) -> bool:
    """'... we recommend:' / 'The Panel recommends:': unnumbered items follow."""
    return bool(_RECOMMEND_LEAD.search(text))


def is_should_lead_in(text: str) -> bool:
    """'By 30 September 2021, the service should:', '... should make sure that:': a list of
    asks follows, each going on from the lead-in's last words."""
    if not text.rstrip().endswith(":") or is_recommend_lead_in(text):
        return False
    last = re.split(r"(?<=[.!?])\s+", text.strip())[-1]
    if _RECOMMENDS_THAT_LEAD.search(last):
        return True  # 'We recommend that, within three months, the force:' then what it should do
    last = re.sub(r"^.{0,60}?\brecommends?\s+that\s+", "", last, flags=re.I)  # 'HMIC recommends that ...'
    return bool(_SHOULD_LEAD.search(last)) and directive(last, allow_will=True) is not None


def asks_something(text: str, allow_will: bool = False) -> bool:
    """Whether a block asks someone to act (and is not the paper's own proposal)."""
    return not _COMMITTEE_OWN.match(text) and directive(text, allow_will) is not None


def is_heading_like(text: str) -> bool:
    """A short line with no sentence end and no ask: a heading in a plain-text paper."""
    return (
        bool(_HEADING_LIKE.match(text))
        and not text.rstrip().endswith((":", ","))
        and not asks_something(text)
    )


def looks_like_heading(block: Block) -> bool:
    """A short line that is not a list item, quote or sentence: bold, or in plain text with
    no sentence end and no ask, it heads what follows."""
    if block.is_list or block.list_number or is_quoted_or_log(block.flat):
        return False
    words = len(block.flat.split())
    if block.bold and words <= 14 and not block.flat.endswith((".", ";", ",")):
        return not asks_something(block.flat)
    return words <= 14 and not block.number and is_heading_like(block.flat)


def is_committee_own(text: str) -> bool:
    return bool(_COMMITTEE_OWN.match(text))
