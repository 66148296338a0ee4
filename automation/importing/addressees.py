"""Who must act on an item: the subjects of its 'should', 'must', 'will' and 'X to ...'.

The rule (the example paper's judgements): the body or bodies that are the subject of
the verb, co-actors in the subject included ('X, with Y, should', 'X together with Y',
'X, in conjunction with Y'), plus any further body given its own sentence in the item.
Consultees ('in consultation with'), partners named after the verb ('should work with'),
the subjects of clauses the verb governs ('should agree how forces should count ...')
and bodies only mentioned are not addressees. A body's name with 'and' inside it ('Police
and crime commissioners') is one body. A passive directive names who acts only by its
agent ('a review should be carried out by the force'); 'by 31 May' is a date, not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from automation.importing.bodies import FORCE_BODIES, display_name, is_anaphor, is_body, mask_compounds
from automation.importing.normalise import top_level_commas
from automation.importing.phrases import PHRASE

_MODAL = re.compile(
    r"\b(?:should|must|shall|will|needs?\s+to|(?:is|are)\s+(?:asked\s+|expected\s+|required\s+)?to)\b",
    re.I,
)
_TO = re.compile(r"\bto\b", re.I)
_BOUNDARY = re.compile(
    r"[:;]|\b\d{1,2}\)|(?<![\w(-])[a-z]\)|\b(?:whether|where|when|if|how|why|unless)\b"
    r"|\b(?:propose|recommend|suggest|expect|agree|ask)s?\s+that\b",
    re.I,
)
# A clause the verb before it governs: 'agree how ...', 'setting out: when ...'.
_SUBORDINATE = re.compile(r"\b(?:whether|where|when|if|how|why|unless|what|which)\s*$", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]?\s+(?=[A-Z\"'\u2018\u201c(\d])")
_CONSULTEES = re.compile(
    r",\s*(?:in\s+consultation\s+with|in\s+collaboration\s+with|consulting|working\s+with"
    r"|supported\s+by|informed\s+by|having\s+regard\s+to)\b.*,\s*$",
    re.I,
)
_CO_ACTORS = re.compile(
    r",\s*(?:together\s+with|in\s+conjunction\s+with|jointly\s+with|in\s+partnership\s+with"
    r"|alongside|with)\s+(.*?),\s*$",
    re.I,
)
_JOINERS = re.compile(
    r"\s+(?:and/or|and|or|&|together\s+with|in\s+conjunction\s+with|as\s+well\s+as|with)\s+", re.I
)
_FILLER = re.compile(
    r"^(?:(?:and|or|then|also|immediately|jointly|therefore|further|additionally|now|so"
    r"|we\s+(?:propose|recommend)\s+that)\s+)+",
    re.I,
)


def find_addressees(text: str) -> list[str]:
    """Every body that must act, in order of appearance, each once."""
    found: list[str] = []
    for sentence in _SENTENCE.split(mask_compounds(text)):
        subjects = list(_subjects(sentence)) or _that_subject(sentence) or _lead_in_subject(sentence)
        for phrase in subjects or _passive_agent(sentence):
            _add(found, phrase)
    return found


def clause_addressees(text: str) -> list[str]:
    """Who must act in a clause that goes on from 'We recommend that:' ('by June 2026, the
    College updates ...'): the subject of its verb, the committee form's."""
    found: list[str] = []
    for phrase in _that_subject(f"That {mask_compounds(text)}"):
        _add(found, phrase)
    return found


_RECOMMENDED_BODY = re.compile(r"\brecommends?\s+that\s*,?\s*(?P<who>[^:;]+?)\s*:\s*$", re.I)


# 'A review should be carried out by the force': the agent of a passive directive acts.
_PASSIVE = re.compile(
    r"\b(?:should|must|shall|needs?\s+to)\s+(?:also\s+|now\s+|then\s+)?be\s+[a-z]+(?:ed|en|wn|ne|t)\b"
    r"[^.;:]*?\bby\s+(?P<agent>[^,.;:()]+)",
    re.I,
)


_AFTER_AGENT = re.compile(
    r"\s(?:within|before|so|to|in|on|at|for|when|if|after|as|until|from|during|through|that|which)\b", re.I
)


def _passive_agent(sentence: str) -> list[str]:
    """The body after 'by' in a passive directive, not a date ('by 31 May'): the longest
    run of its first words that names bodies."""
    match = _PASSIVE.search(sentence)
    if match is None or PHRASE.match("by " + match.group("agent")):
        return []
    agent = _AFTER_AGENT.split(match.group("agent"), maxsplit=1)[0]
    words = agent.split()[:8]
    for end in range(len(words), 0, -1):
        if names := _names(" ".join(words[:end])):
            return names
    return []


def _lead_in_subject(sentence: str) -> list[str]:
    """'We recommend that, within three months, the force:' -> the force."""
    match = _RECOMMENDED_BODY.search(sentence)
    if match is None:
        return []
    who = match.group("who")
    if (deadline := PHRASE.match(who)) is not None:
        who = who[deadline.end() :]
    return _to_subject(who.strip(" ,"))


def _that_subject(sentence: str) -> list[str]:
    """'That the Commissioner and the Chief Constable report ...': the committee form."""
    from automation.importing.grammar import directive_sentence

    found = directive_sentence(sentence)
    if found is None or found.form != "that":
        return []
    return _to_subject(found.subject)


def applies_to_force(addressees: Iterable[str]) -> bool:
    return any(name in FORCE_BODIES for name in addressees)


def _add(found: list[str], phrase: str) -> None:
    if is_anaphor(phrase):
        return  # 'the lead' is someone named before, or no addressee at all
    name = display_name(phrase)
    if name not in found:
        found.append(name)


def _subjects(sentence: str) -> Iterable[str]:
    markers = sorted(
        [(m.start(), m.end(), True) for m in _MODAL.finditer(sentence)]
        + [(m.start(), m.end(), False) for m in _TO.finditer(sentence)]
    )
    last_end = verb_end = 0
    for start, end, modal in markers:
        if start < last_end:
            continue
        boundary = _last_boundary(sentence, start)
        candidate = sentence[max(last_end, boundary) : start]
        if verb_end and boundary > verb_end and _SUBORDINATE.search(sentence[:boundary]):
            pass  # 'the NPCC should agree how forces should count ...': not a main clause
        elif modal:
            verb_end = end
            yield from _modal_subject(candidate)
        elif boundary >= last_end:  # 'X to do' only right after a sentence, ':', ';' or '1)'
            yield from _to_subject(candidate)
        last_end = end


def _last_boundary(sentence: str, before: int) -> int:
    ends = [m.end() for m in _BOUNDARY.finditer(sentence, 0, before)]
    return ends[-1] if ends else 0


def _modal_subject(candidate: str) -> list[str]:
    """'By March 2022, as part of ..., A, B and C' -> [A, B, C]: the bodies listed last."""
    if (match := PHRASE.match(candidate.strip())) is not None:
        candidate = candidate.strip()[match.end() :]  # 'within six months the force should ...'
    candidate = _CONSULTEES.sub("", candidate.rstrip() + " ").rstrip()
    candidate = _CO_ACTORS.sub(r" and \1", candidate + ",").rstrip(" ,")
    taken: list[str] = []
    for segment in reversed(top_level_commas(candidate)):
        names = _names(segment)
        if not names:
            break
        taken[:0] = names
    return taken


def _to_subject(candidate: str) -> list[str]:
    """'Home Office and Ministry of Justice to each provide': only a bare list of bodies."""
    names: list[str] = []
    for segment in top_level_commas(candidate):
        found = _names(segment)
        if not found:
            return []
        names.extend(found)
    return names


def _names(segment: str) -> list[str]:
    """The bodies a comma-free phrase lists, or [] unless every part of it is one."""
    segment = _FILLER.sub("", segment.strip())
    if not segment:
        return []
    pieces: list[str] = []
    parts, seps = _JOINERS.split(segment), _JOINERS.findall(segment)
    for index, part in enumerate(parts):
        if pieces and not is_body(part):
            pieces[-1] += seps[index - 1] + part  # 'serious and organised crime'
        else:
            pieces.append(part)
    return pieces if all(is_body(piece) for piece in pieces) else []


def single_body(phrase: str) -> str | None:
    """The one body a phrase names ('the Ministry of Justice'), or None for a list."""
    phrase = phrase.strip(" .,:;")
    if re.search(r",|/|\b(?:and|or)\b", phrase) or not is_body(phrase):
        return None
    return display_name(phrase)


def bodies_in_cell(cell: str) -> tuple[str, ...]:
    """The bodies a table's 'Addressed to' cell names: a list of known bodies split at
    commas and 'and', else at semicolons and line breaks whatever they are."""
    for pattern in (r"[;\n]|,\s*|\s+and\s+(?=[A-Z])", r"[;\n]|,\s*"):
        parts = [part.strip() for part in re.split(pattern, mask_compounds(cell)) if part.strip()]
        if parts and all(is_body(part) for part in parts):
            return tuple(dict.fromkeys(display_name(part) for part in parts))
    listed = [part.strip() for part in re.split(r"[;\n]", cell) if part.strip()]
    return tuple(dict.fromkeys(display_name(part) for part in listed))  # 'Chief constables; ROCU network'
