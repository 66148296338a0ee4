"""Fragments of a sentence: bullets that go on from a lead-in, and names.

- After 'By June, the force should:' a bullet either asks something of its own ('review how
  it records ...') or only qualifies the lead-in ('with the partnership;', 'when the trust
  will report ...').
- A short phrase with no verb of its own ('Prevention', 'Managing performance and
  developing leaders') is a name, not a statement.
"""

from __future__ import annotations

import re

from automation.importing.grammar import DIRECTIVE_VERBS, directive, directive_sentence, verb_stems

_CONDITION_START = re.compile(
    r"^(?:with|without|using|before|after|by|in|including|for|through|within|at|on|when|whenever|where"
    r"|if|once|following|during|as|no\s+later|so\s+that|taking|having|under|via|from|to\s+cover"
    r"|and|or)\b",
    re.I,
)


def is_condition(text: str) -> bool:
    """A bullet that qualifies a directive ('with the partnership;', 'before the audit')
    rather than asking something of its own."""
    return bool(_CONDITION_START.match(text.strip())) and directive_sentence(text) is None


# Words a fragment that is not a verb phrase starts with: it qualifies a lead-in, or is a
# noun phrase ('when the trust will report ...', 'the number of ...', 'using data ...').
_NOT_A_VERB = frozenset(
    """a an the this that these those its their his her our your my all each every any some no
    when where whether what which who whom whose how why if unless while whilst as at by in on of
    for from to with without within into onto over under after before during through across
    between among against about around than and or but nor so not only also both either
    neither more most less least such there here it they we you he she i""".split()  # noqa: SIM905
)


def starts_with_verb(text: str) -> bool:
    """A fragment that goes on from 'should:' ('review how it records ...', 'staff every
    suite ...') or from 'we recommend that the force:' ('reviews how it records ...',
    'within 28 days, produces a plan ...'): after any deadline it opens with, a known
    directive verb, or a lower-case word that cannot start a noun phrase or a qualifier."""
    from automation.importing.phrases import PHRASE

    if (deadline := PHRASE.match(text.strip())) is not None:
        text = text.strip()[deadline.end() :].lstrip(" ,")  # '(b) within 28 days, produces a plan ...'
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", text)
    if not words:
        return False
    first = words[0]
    if verb_stems(first) & DIRECTIVE_VERBS:
        return True
    folded = first.casefold()
    return first.islower() and folded not in _NOT_A_VERB and not folded.endswith(("ing", "ly", "ed"))


_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|does|do|did|can|could|will|would|shall|should|must|may|might"
    r"|needs?|isn|aren|wasn|doesn|hasn|haven|didn|won|cannot)\b|n[\'\u2019]t\b",
    re.I,
)


def is_name(text: str) -> bool:
    """A short name with no verb of its own ('Prevention', 'Managing performance and
    developing leaders'), not a statement ('The service hasn't made enough progress.')."""
    flat = " ".join(text.split()).strip()
    return (
        0 < len(flat.split()) <= 12
        and flat[0].isupper()
        and not flat.endswith((".", "!", "?", ":", ";"))
        and not _FINITE.search(flat)
        and (directive(flat) is None or " " not in flat)  # 'Contact' names; 'Review the policy' asks
    )
