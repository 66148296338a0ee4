"""Who a phrase names: whether it is an acting body, and the one name the register uses.

Names are kept as the text writes them, first letter capitalised, except for the
normalisations below (recorded with the example paper's judgements): the NPCC, NCA and
CPS by their initials; chief constables and police forces by one name each.
"""

from __future__ import annotations

import re

from automation.importing.normalise import fold

_APOS = "['\u2019]"
# Long names shortened wherever they occur inside an addressee.
_SHORTEN = (
    (re.compile(rf"\bNational Police Chief(?:s{_APOS}?|{_APOS}s) Council\b", re.I), "NPCC"),
    (re.compile(r"\bNational Crime Agency\b", re.I), "NCA"),
    (re.compile(r"\bCrown Prosecution Service\b", re.I), "CPS"),
    (re.compile(r"\bIndependent Office for Police Conduct\b", re.I), "IOPC"),
    (re.compile(r"\bserious organised crime\b", re.I), "serious and organised crime"),
)
# Whole names (folded, after determiners go) and the name recorded for them.
ALIASES = {
    "chief constable": "Chief constable",
    "chief constables": "Chief constables",
    "chief officers": "Chief officers",
    "police": "Police forces",
    "police forces": "Police forces",
    "police force": "Police forces",
    "forces": "Police forces",
    "force": "The force",
    "constabulary": "The force",
    "service": "The service",
    "cps areas": "CPS",
    "cps": "CPS",
    "director general": "Director General of the NCA",
    "moj": "Ministry of Justice",
    "agency": "The agency",
    "organisation": "The organisation",
    "organization": "The organisation",
}
# Bodies the force itself answers to: an item naming one of these binds the force.
FORCE_BODIES = frozenset(
    {"Chief constable", "Chief constables", "Chief officers", "Police forces", "The force", "The service"}
)
_DETERMINERS = re.compile(
    r"^(?:(?:the|all|each|every|relevant|both|any|individual|respective|their|its|our)\s+)+", re.I
)
_NOT_A_BODY = re.compile(
    r"^(?:a|an|this|these|those|that|its|their|his|her|our|such|there|it|they|we|which|what"
    r"|much|many|more|most|some|following|other\s+(?:things|matters))\b",
    re.I,
)
_HEADS = frozenset(  # the head nouns of acting bodies: 'the ... lead', '... agencies'
    """office offices ministry ministries college colleges council councils board boards agency
    agencies centre center service services department departments bodies lead leads coordinator
    co-ordinator director directors general secretary secretaries minister ministers government
    governments inspectorate inspectorates inspector inspectors commissioner commissioners
    constable constables force forces police partners partnerships organisations organizations
    authority authorities committee committees executive executives pccs unit units team teams
    panel panels trust trusts provider providers commission commissions institute association associations
    federation constabulary regulator regulators ombudsman treasury parliament judiciary
    npcc nca cps hmicfrs hmcpsi iopc moj""".split()  # noqa: SIM905
)
# Names with 'and' inside them: one body, not two.
_NAME_WORD = r"[A-Z][a-z][\w-]*"
_COMPOUND = re.compile(
    r"\b(?i:police(?:,\s*fire)?\s+and\s+crime\s+(?:commissioners?|panels?)"
    r"|fire\s+and\s+rescue\s+(?:services?|authorit(?:y|ies)))"
    rf"|\b(?:Department|Ministry)\s+(?:of|for)\s+(?:{_NAME_WORD},?\s+)+and\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?"
)
_NAMED = re.compile(r"^NHS\b|^His\s+Majesty(?:'|\u2019)s\b|^HM\s+[A-Z]")
_CHUNK_END = re.compile(
    r"\s(?:of|for|in|on|at|to|with|from|by|who|which|that|whose|under|across|within|and|or)\s", re.I
)
_INNER_DETERMINER = re.compile(
    r"\b(?:the|a|an|this|their|its|which|who|is|are|was|were|has|have|had|does|do|did|got|gets)\b"
    r"|n[\'\u2019]t\b",
    re.I,
)
_ANAPHOR = re.compile(r"^(?:the\s+)?(?:national\s+)?lead$", re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z]s?$")


def strip_determiners(phrase: str) -> str:
    return _DETERMINERS.sub("", phrase.strip(" ,;:")).strip()


def is_anaphor(phrase: str) -> bool:
    """'The lead', 'the national lead': a body named earlier in the same item."""
    return bool(_ANAPHOR.match(phrase.strip()))


def is_body(phrase: str) -> bool:
    """Whether the phrase starts by naming someone who can act."""
    name = strip_determiners(unmask(phrase))
    if not name or _NOT_A_BODY.match(name) or not name[0].isalnum():
        return False
    if fold(name) in ALIASES or _ACRONYM.match(name) or _NAMED.match(name) or _COMPOUND.fullmatch(name):
        return True
    chunk = " " + name + " "
    end = _CHUNK_END.search(chunk)
    head_words = chunk[: end.start()].split() if end else name.split()
    if not head_words or len(head_words) > 6 or _INNER_DETERMINER.search(" ".join(head_words[1:])):
        return False
    head = re.sub(rf"{_APOS}s?$", "", head_words[-1]).casefold()
    return head in _HEADS or _proper_name_with_head(name)


def _proper_name_with_head(name: str) -> bool:
    """'City of London Police', 'Department for Education': capitalised, ending in a head."""
    words = name.split()
    small = {"of", "for", "and", "the", "&", "in", "on"}
    capitalised = all(word[0].isupper() or word in small for word in words)
    return capitalised and words[-1].casefold() in _HEADS


def display_name(phrase: str) -> str:
    """The register's name for a body phrase (see the module's note)."""
    name = strip_determiners(unmask(phrase))
    for pattern, short in _SHORTEN:
        name = pattern.sub(short, name)
    name = ALIASES.get(fold(name), name)
    return name[:1].upper() + name[1:]


_SPACE, _COMMA = "\ue000", "\ue001"  # a space and a comma inside a body's own name


def mask_compounds(text: str) -> str:
    """``text`` with the spaces and commas inside bodies' own names ('Police and crime
    commissioners', 'Department for Science, Innovation and Technology') hidden, so that
    splitting at 'and' or a comma does not cut a name in two."""
    return _COMPOUND.sub(lambda match: match.group(0).replace(" ", _SPACE).replace(",", _COMMA), text)


def unmask(text: str) -> str:
    return text.replace(_SPACE, " ").replace(_COMMA, ",")
