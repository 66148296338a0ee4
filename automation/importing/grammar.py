"""Whether words ask someone to act, decided by the main clause's verb, not by keywords.

A directive's main clause has a modal of obligation ('should', 'must', 'needs to', 'is to',
'are asked to') whose subject is a plain noun phrase, possibly after an opening adverbial
('By 31 May 2025,', 'To make sure that ...,') and with a parenthetical co-actor ('the NCA,
with the Home Office, should'); or an imperative ('Review the ...', 'make sure that ...');
or the committee form 'That the department publish ...'; or an action's 'HMICFRS to
consider ...'. A modal inside a reported or subordinate clause ('we found that forces
should ...', 'officers told us they should ...'), in quoted words, or in the inspectorate's
own voice ('we should like to thank') does not make a directive; nor do 'should be proud'
and 'should have been' or 'should have had' (what ought to have happened is a finding), nor
'X should ..., but few did' (what ought to happen set against what does is a finding), nor
what a report asks its readers to do with it ('should read the recommendations for national
bodies too', 'are asked to respond to the recommendations', 'should tell us how it
intends to respond').
'We recommend that, by March, the College updates ...' is the committee form after a
recommending clause. Whether a directive is an *item* is for its context to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.importing.normalise import top_level_commas

MODAL = (
    r"should|must|shall|ought\s+to|needs?\s+to|has\s+to|have\s+to|will\s+need\s+to"
    r"|(?:is|are)\s+(?:(?:now|also)\s+)?(?:asked|required|invited|encouraged|expected(?=\s+to\s+(?!be\b)))\s+to"
    r"|(?:is|are)\s+to(?=\s+\w)"
)
_MODAL = re.compile(rf"\b(?:{MODAL})\b", re.I)
_WILL = re.compile(r"\bwill\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]?\s+(?=[A-Z\"'\u2018\u201c(])")
_QUOTED = re.compile(r"[\u201c\"][^\u201d\"]{0,400}[\u201d\"]")
# Words that make the text before a modal more than a subject: a finite verb of its own,
# a subordinating word, or the inspectorate's own voice.
_NOT_SUBJECT = re.compile(
    r"\b(?:that|which|whether|because|although|though|if|unless|whom|whose|what|how|why|while|whilst"
    r"|we|i|you|us|our|is|are|was|were|has|have|had|do|does|did|can|could|would|may|might|will|says?|said"
    r"|told|tells?|found|finds?|showed|shows?|believes?|believed|thinks?|thought|felt|feels?|noted|notes"
    r"|reported|reports|agreed|agrees|recommended|recommends|suggested|suggests|explained|stated|accepted"
    r"|concluded|considered|expected|heard|saw|asked|wanted|wants|knew|know|knows|seems?|appears?)\b",
    re.I,
)
_OPENER = re.compile(
    r"^(?:by|within|immediately|with\s+immediate|as\s+(?:a\s+matter|soon|part|a\s+minimum|well)|in\s+order"
    r"|to\s|in\s|from|following|once|when|whenever|where|if|after|before|given|over|during|subject|at\s|on\s"
    r"|for\s|having|until|also|further|furthermore|therefore|however|finally|first|second|third|additionally"
    r"|working|together|alongside|jointly|supported|no\s+later|not\s+later|urgently|now|then|and|so)\b",
    re.I,
)
_PARENTHETICAL = re.compile(
    r"^(?:with|in\s+consultation|in\s+collaboration|in\s+conjunction|in\s+partnership|working|together"
    r"|alongside|jointly|supported|as\s+part|where|which|who|through|for\s+example|including|and|or|if)\b",
    re.I,
)
_NOT_AN_ASK = re.compile(
    r"^(?:\s*(?:not\s+)?be\s+(?:proud|pleased|commended|congratulated|reassured|in\s+no\s+doubt|aware|noted"
    r"|recognised|acknowledged|remembered|underestimated)|\s*like\s+to"
    r"|\s*(?:not\s+)?have\s+(?:been|had|done|known|taken|given|made|seen|gone|begun|shown|told|heard|got"
    r"|acted|started|identified|recognised|recognized|considered|asked|checked|referred|received|spoken"
    r"|followed|stopped|called|sought|thought|realised|realized|noticed|intervened|responded))\b",
    re.I,
)
# What the report's readers are asked to do with the report itself: not an item.
_PROCEDURAL = re.compile(
    r"^\s*(?:also\s+)?(?:(?:read|note|respond\s+to|reply\s+to|comment\s+on|take\s+note\s+of)\s+"
    r"(?:the|these|this|our|its|all\s+(?:of\s+)?the)\s+(?:\w+\s+){0,2}?"
    r"(?:recommendations?|report|letter|findings|areas?\s+for\s+improvement)\b|note\s+that\b"
    r"|(?:tell|inform|let|send|write\s+to)\s+us\b)",  # 'should tell us how it intends to respond'
    re.I,
)
# 'Victims should be told ..., but in 26 of 70 cases they were not': what ought to happen set
# against what does is a finding ('but only', 'but also' and 'but not' qualify an ask).
_CONTRASTED = re.compile(r",\s+but\s+(?!only\b|also\b|not\b|without\b|where\b|when\b|if\b|unless\b)", re.I)
# A date in the words before a verb: 'By 31 May 2025' is not the modal 'may'.
_DATE_WORDS = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+May\b|\bMay\s+\d{4}\b|\bMay\s+\d{1,2}\b")
_PURPOSE = re.compile(
    r"\b(?:aim|aims|purpose|intention|objective|goal|plan|idea|intent|ambition|challenge|task|role|answer"
    r"|question|point|result|effect|hope|vision|priority|priorities)$",
    re.I,
)
_RECOMMENDS_THAT = re.compile(
    r"^(?:we|hmicfrs|hmic|hmi|the\s+inspectorate|the\s+\w+(?:\s+\w+)?|it\s+is)\s+"
    r"(?:therefore\s+|also\s+|further\s+|strongly\s+|now\s+)?(?:recommends?|recommended)\s+that\s*,?\s*",
    re.I,
)
_PRONOUN_SUBJECT = re.compile(r"^(?:it|this|there|these|that|those|such)$", re.I)
DIRECTIVE_VERBS = frozenset(
    """make ensure review publish appoint introduce develop set establish put consider evaluate agree improve
    provide implement produce carry undertake create update adopt commission assess audit reduce increase
    monitor record collect share train brief prioritise prioritize clarify identify work engage use
    strengthen embed revise define design deliver refer report respond take give seek include prepare
    complete conduct arrange allocate check confirm extend invest issue mandate recruit remove replace
    require resource stop support test understand write apply build communicate coordinate co-ordinate
    continue demonstrate document encourage enable enhance examine explore maintain measure plan promote
    protect reconsider reform restate clear analyse analyze offer inform notify fund limit expand
    standardise standardize align integrate streamline adapt amend formalise formalize investigate
    explain pilot secure supervise test track upgrade contact attend act bring""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Directive:
    """A directive sentence found: its form, the subject before the verb (may be '') and
    where the directive sentence starts in the text."""

    form: str  # 'modal', 'imperative', 'that', 'to', 'will'
    subject: str
    start: int
    modal: str = ""


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs."""
    found: list[tuple[int, str]] = []
    position = 0
    for match in _SENTENCE.finditer(text):
        found.append((position, text[position : match.start()].strip()))
        position = match.end()
    found.append((position, text[position:].strip()))
    return [(offset, sentence) for offset, sentence in found if sentence]


def directive(text: str, allow_will: bool = False) -> Directive | None:
    """The first directive sentence in ``text``, or None."""
    for offset, sentence in sentences(text):
        found = directive_sentence(sentence, allow_will)
        if found is not None:
            return Directive(found.form, found.subject, offset, found.modal)
    return None


def directive_sentence(sentence: str, allow_will: bool = False) -> Directive | None:
    text = sentence.strip().lstrip("\u2022-*\u2013 ").strip()
    if not text or _wholly_quoted(text):
        return None
    text = _QUOTED.sub('"..."', text)
    if match := _RECOMMENDS_THAT.match(text):
        rest = text[
            match.end() :
        ]  # 'We recommend that, by June, forces should ...' / '... the force review ...'
        return _modal(rest, _MODAL) or _that_form(f"That {rest}")
    if (found := _that_form(text)) or (found := _imperative(text)) or (found := _to_form(text)):
        return found
    return _modal(text, _MODAL) or (_modal(text, _WILL) if allow_will else None)


def _wholly_quoted(text: str) -> bool:
    return text[:1] in "\u201c\"'\u2018" and text.rstrip(".").rstrip()[-1:] in "\u201d\"'\u2019"


def _modal(text: str, pattern: re.Pattern[str]) -> Directive | None:
    for match in pattern.finditer(text):
        subject = main_subject(text[: match.start()])
        if subject is None:
            return None  # the first modal is not in the main clause
        after = text[match.end() :]
        if (
            _NOT_AN_ASK.match(after)
            or _PROCEDURAL.match(after)
            or _CONTRASTED.search(after)
            or (subject and _PRONOUN_SUBJECT.match(subject))
        ):
            return None
        if not subject or (match.group(0).casefold().endswith(" to") and _PURPOSE.search(subject)):
            return None  # 'The aim is to reduce ...' says what something is for
        return Directive(
            "modal" if pattern is _MODAL else "will", subject, 0, " ".join(match.group(0).split())
        )
    return None


def main_subject(before: str) -> str | None:
    """The subject in the words before a main-clause verb, without opening adverbials and
    parentheticals; None when those words hold a clause of their own."""
    segments = top_level_commas(before)
    while segments and _OPENER.match(segments[0]) and len(segments) > 1:
        segments.pop(0)
    if len(segments) == 1 and _OPENER.match(segments[0]):
        segments = [_strip_opener(segments[0])]
    kept = [segments[0]] if segments else []
    kept += [segment for segment in segments[1:] if not _PARENTHETICAL.match(segment)]
    subject = " ".join(" ".join(kept).split())
    if len(subject.split()) > 16 or _NOT_SUBJECT.search(_DATE_WORDS.sub("", subject)):
        return None
    return subject


def _strip_opener(segment: str) -> str:
    """'Immediately the force' -> 'the force'; 'within six months the force' -> 'the force'."""
    from automation.importing.phrases import PHRASE

    if (match := PHRASE.match(segment)) is not None:
        segment = segment[match.end() :]
    words = segment.split()
    while words and re.fullmatch(
        r"immediately|urgently|now|then|also|further|therefore|and|so", words[0], re.I
    ):
        words.pop(0)
    return " ".join(words)


def _first_words(text: str) -> list[str]:
    """The words after any opening adverbial: 'By March 2025, review ...' -> ['review', ...]."""
    segments = top_level_commas(text)
    while len(segments) > 1 and _OPENER.match(segments[0]):
        segments.pop(0)
    return re.findall(r"[A-Za-z][\w'\u2019-]*", ", ".join(segments))[:3]


def _imperative(text: str) -> Directive | None:
    if re.match(r"^\s*[A-Za-z][\w'\u2019-]*\s*:", text):
        return None  # 'Complete: signed off by the board' defines a word of a key
    words = _first_words(text)
    if len(words) < 2 or words[0].casefold() not in DIRECTIVE_VERBS:
        return None  # 'Report' alone is a heading, not an order
    if len(words) > 1 and words[1].casefold() in ("is", "are", "was", "were", "has", "have", "of", "and"):
        return None  # 'Review is ...', 'Work has ...': a noun, not an order
    if words[1].casefold() in _PREPOSITIONS and _NOUN_SUBJECT.match(text.strip()):
        return None  # 'Work on recommendation 1 is complete': a noun phrase with its own verb
    return Directive("imperative", "", 0)


_PREPOSITIONS = frozenset("on in with for to from at by under into about across against".split())  # noqa: SIM905
# The first words and a finite verb with no subordinating word between: a subject and its verb.
_NOUN_SUBJECT = re.compile(
    r"^[A-Za-z-]+\s+(?:(?!that\b|whether\b|how\b|which\b|who\b|what\b|when\b|where\b|if\b|so\b"
    r"|because\b|until\b)[\w'\u2019,-]+\s+){1,8}?(?:is|are|was|were|has|have|had)\b",
    re.I,
)


def _that_form(text: str) -> Directive | None:
    """'That the Commissioner publish ...', 'that, by March, the College updates ...': the
    committee form of a recommendation (an opening adverbial before its subject)."""
    match = re.match(r"^that\s*,?\s+(?P<rest>.+)$", text, re.I)
    if not match:
        return None
    segments = top_level_commas(match.group("rest"))
    while len(segments) > 1 and _OPENER.match(segments[0]):
        segments.pop(0)
    words = ", ".join(segments).split()
    for index, word in enumerate(words[:14]):
        if index and verb_stems(word) & DIRECTIVE_VERBS:
            subject = " ".join(words[:index])
            return (
                None if _NOT_SUBJECT.search(_DATE_WORDS.sub("", subject)) else Directive("that", subject, 0)
            )
    return None


def verb_stems(word: str) -> set[str]:
    """'updates' -> {'update', ...}: the base forms a verb written in the third person may have."""
    word = word.casefold().strip(",;:")
    if not word.endswith("s"):
        return {word}
    return {word, word[:-1], word[:-2], word[:-3] + "y"}


def _to_form(text: str) -> Directive | None:
    """'HMICFRS to consider ...', 'The Home Office and the MoJ to review ...'."""
    from automation.importing.bodies import is_body

    match = re.match(r"^(?P<who>[^,.;:]{2,80}?)\s+to\s+(?:\w+ly\s+)?(?P<verb>[a-z][\w-]*)\b", text)
    if not match or match.group("verb") not in DIRECTIVE_VERBS:
        return None
    parts = re.split(r"\s+(?:and|&)\s+|,\s*", match.group("who"))
    if all(is_body(part) for part in parts if part):
        return Directive("to", match.group("who"), 0)
    return None


def is_quoted_or_log(text: str) -> bool:
    """Quoted words, or an entry of a dated progress log ('14/01/2025 – ...')."""
    stripped = text.strip()
    return _wholly_quoted(stripped) or bool(
        re.match(r"^\d{1,2}(?:[/.]\d{1,2}[/.]\d{2,4}|\s+\w+\s+\d{4})\s*[-\u2013\u2014:]", stripped)
    )
