"""What a lead-in or an announcement says the items after it are.

'HMICFRS identified two areas for improvement:' lists areas for improvement; 'We have also
identified an area for improvement.' before a directive in the same paragraph makes the
directive one. 'no areas for improvement' and 'In addition to our recommendations, ...'
name what is not listed.
"""

from __future__ import annotations

import re

from automation.core.model import Kind
from automation.importing.labels import is_recommend_lead_in

_LISTING = re.compile(
    r"(?P<rec>\brecommendations?\b)|(?P<afi>\bareas?\s+for\s+improvement\b|\bAFIs?\b)"
    r"|(?P<coc>\bcauses?\s+(?:of|for)\s+concern\b)|(?P<act>\bactions\b)",
    re.I,
)


_NEGATED = re.compile(r"\bno\s+(?:new\s+|further\s+|other\s+)?$", re.I)
# 'In addition to our recommendations, we will take these actions:': not what is listed.
_BESIDES = re.compile(
    r"\b(?:in\s+addition\s+to|as\s+well\s+as|besides|alongside|apart\s+from|other\s+than)\s+"
    r"(?:(?:our|the|these|those|its|their|his|her)\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)


def listing_lead_in(text: str) -> Kind | None:
    """'HMICFRS identified two areas for improvement:': what the list after it holds, said in
    the last of its sentences that names items ('Recommendation 3 has not been met. We have
    identified two areas for improvement instead:' lists areas for improvement)."""
    if not text.rstrip().endswith(":") or is_recommend_lead_in(text):
        return None
    for sentence in reversed(re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip())):
        match = next(
            (
                m
                for m in _LISTING.finditer(sentence)
                if not _NEGATED.search(sentence[: m.start()]) and not _BESIDES.search(sentence[: m.start()])
            ),
            None,
        )
        if match is not None:
            return _LISTED_KINDS[str(match.lastgroup)]
    return None


_LISTED_KINDS = {
    "rec": Kind.RECOMMENDATION,
    "afi": Kind.AREA_FOR_IMPROVEMENT,
    "coc": Kind.CAUSE_OF_CONCERN,
    "act": Kind.ACTION,
}


_ANNOUNCES = re.compile(
    r"\b(?:we|hmicfrs|hmic|the\s+inspectorate|inspectors)\b[^.;:]*?\b(?:identified|identify|found|find"
    r"|raised|made|make|set\s+out|gave|give)\b",
    re.I,
)


def announced_kind(words: str) -> Kind | None:
    """'We have also identified an area for improvement.' before a directive in the same
    paragraph: the kind of item the directive is. Only the inspectorate's own announcement
    counts, and the item it names last ('Although it is not part of this cause of concern,
    we also found an area for improvement.')."""
    sentences = [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", words.strip()) if part]
    if not sentences or not _ANNOUNCES.search(sentences[-1]):
        return None
    sentence = sentences[-1]
    matches = [
        m
        for m in _LISTING.finditer(sentence)
        if not _NEGATED.search(sentence[: m.start()]) and not _BESIDES.search(sentence[: m.start()])
    ]
    return _LISTED_KINDS[str(matches[-1].lastgroup)] if matches else None
