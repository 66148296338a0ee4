"""What a paragraph *is*: an item's label, a context heading, a lead-in, or narrative.

``Recommendation 4: ...``, ``Recommendation 10 (cause for concern): ...``, ``Action 3: ...``,
``Area for improvement 2: ...``, ``AFI 3 - ...`` and ``Cause of concern: ...`` open items; a
label alone on its line ('Recommendation 3') labels the paragraph after it. A mention
such as 'progress on AFI 7' or 'AFI 7 remains open' is not a label: the label must
start the paragraph and be followed by a colon, stop or dash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.core.model import Kind

_WORDS = {
    "recommendation": Kind.RECOMMENDATION,
    "action": Kind.ACTION,
    "area for improvement": Kind.AREA_FOR_IMPROVEMENT,
    "afi": Kind.AREA_FOR_IMPROVEMENT,
    "cause of concern": Kind.CAUSE_OF_CONCERN,
    "cause for concern": Kind.CAUSE_OF_CONCERN,
}
_CFC = r"(?:a\s+)?cause\s+(?:of|for)\s+concern"
_LABEL = re.compile(
    r"^(?P<word>recommendation|action|area\s+for\s+improvement|afi|cause\s+(?:of|for)\s+concern)"
    r"(?:\s+(?:no\.?\s*)?(?P<num>\d{1,3}(?:\.\d{1,2})?))?"
    rf"\s*(?P<cfc>\(\s*{_CFC}\s*\)|[-\u2013\u2014]\s*{_CFC})?"
    r"\s*(?P<sep>:|\.(?=\s|$)|\s[-\u2013\u2014](?=\s)|$)\s*",
    re.I,
)
_CONTEXTS = re.compile(
    r"^(?:(?P<rec>(?:our\s+|the\s+)?recommendations?)|(?P<afi>areas?\s+for\s+improvement)"
    r"|(?P<coc>causes?\s+(?:of|for)\s+concern)|(?P<act>(?:additional\s+)?actions))\s*:?$",
    re.I,
)
_RECOMMEND_LEAD = re.compile(
    r"\bwe\s+(?:therefore\s+|also\s+|further\s+)?recommend(?:\s+that)?(?:\s+the\s+following)?\s*:\s*$",
    re.I,
)
_SHOULD_LEAD = re.compile(r"\b(?:should|must|needs?\s+to|is\s+to|are\s+to|will)(?:\s+\w+){0,2}\s*:\s*$", re.I)
_MODAL = re.compile(r"\b(?:should|must|shall|needs?\s+to)\b|^\S+(?:\s+\S+){0,6}\s+to\s+\w", re.I)
_REPORTS = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|noted|discussed|reported|agreed|remains|updated)\b", re.I
)
_HEADING_LIKE = re.compile(r"^[A-Z\d][^.:;?!]{0,79}$")
_COMMITTEE_OWN = re.compile(
    r"^it\s+is\s+recommended\s+that\s+(?:the\s+)?(?:[\w&]+\s+){0,4}"
    r"(?:committee|board|panel|members?)\b",
    re.I,
)


@dataclass(frozen=True)
class Label:
    kind: Kind
    number: str  # '' when the paper leaves it unnumbered
    cause_for_concern: bool
    rest: str  # the text after the label ('' for a label standing alone)


def parse_label(text: str) -> Label | None:
    match = _LABEL.match(text)
    if not match:
        return None
    word = " ".join(match.group("word").casefold().split())
    kind, number, rest = _WORDS[word], match.group("num") or "", text[match.end() :].strip()
    if not number and rest and kind not in (Kind.CAUSE_OF_CONCERN, Kind.RECOMMENDATION):
        return None
    if not number and rest and match.group("sep") != ":":
        return None  # 'Recommendation. ...' or 'Action - ...' is prose, not a label
    if rest and not asks_something(rest):
        reports = _REPORTS.search(" ".join(rest.split()[:6]))
        if reports or (match.group("sep") != ":" and not re.search(r"\bwill\b", rest, re.I)):
            return None  # 'AFI 7 - progress was discussed': minutes report on an item
    cause = kind is Kind.CAUSE_OF_CONCERN or bool(match.group("cfc"))
    return Label(kind, number, cause, rest)


def context_heading(text: str) -> Kind | None:
    """'Areas for improvement', 'Causes of concern', 'Recommendations': what follows."""
    match = _CONTEXTS.match(text.strip())
    if not match:
        return None
    if match.group("afi"):
        return Kind.AREA_FOR_IMPROVEMENT
    if match.group("coc"):
        return Kind.CAUSE_OF_CONCERN
    return Kind.ACTION if match.group("act") else Kind.RECOMMENDATION


_LISTING = re.compile(
    r"(?P<rec>\brecommendations?\b)|(?P<afi>\bareas?\s+for\s+improvement\b|\bAFIs?\b)"
    r"|(?P<coc>\bcauses?\s+(?:of|for)\s+concern\b)|(?P<act>\bactions\b)",
    re.I,
)


def listing_lead_in(text: str) -> Kind | None:
    """'HMICFRS identified two areas for improvement:': what the list after it holds."""
    if not text.rstrip().endswith(":") or is_recommend_lead_in(text):
        return None
    match = _LISTING.search(text)
    if match is None:
        return None
    return {
        "rec": Kind.RECOMMENDATION,
        "afi": Kind.AREA_FOR_IMPROVEMENT,
        "coc": Kind.CAUSE_OF_CONCERN,
        "act": Kind.ACTION,
    }[str(match.lastgroup)]


def is_recommend_lead_in(text: str) -> bool:
    """'... we recommend:' / 'We therefore recommend that:': unnumbered items follow."""
    return bool(_RECOMMEND_LEAD.search(text))


def is_should_lead_in(text: str) -> bool:
    """'By 30 September 2021, the service should:': a list of asks follows."""
    return bool(_SHOULD_LEAD.search(text)) and not is_recommend_lead_in(text)


def asks_something(text: str) -> bool:
    """Whether a paragraph asks someone to act (and is not the paper's own proposal)."""
    return bool(_MODAL.search(text)) and not _COMMITTEE_OWN.match(text)


def is_heading_like(text: str) -> bool:
    """A short line with no sentence end and no ask: a heading in a plain-text paper."""
    return bool(_HEADING_LIKE.match(text)) and not _MODAL.search(text)


def is_committee_own(text: str) -> bool:
    return bool(_COMMITTEE_OWN.match(text))
