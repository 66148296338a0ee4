"""Words hyphenated across a line break, joined again: 'organisa-' 'tional' is one word,
'decision-' 'making' keeps its hyphen. Whether the hyphen belongs to the word is judged by
the document's own words (its vocabulary) and by prefixes that take one."""

from __future__ import annotations

import re

# Prefixes written with a hyphen ('non-crime', 'self-assessment'): kept at a line end. Others
# ('co-', 'inter-', 'pre-') start plain words too ('inter-' 'cepting'), so only when the
# part after them is a word of the document ('co-' 'operate').
_KEEP_HYPHEN = frozenset(("non", "self", "cross", "cyber", "anti", "semi", "well"))
_MAYBE_HYPHEN = frozenset(("pre", "post", "co", "multi", "inter", "intra", "full", "part", "re", "sub"))


def document_words(pages: list[list[str]]) -> set[str]:
    """The document's words (its pages' lines), without the pieces of words hyphenated at
    a line's end."""
    words: set[str] = set()
    for lines in pages:
        previous = ""
        for line in lines:
            found = re.findall(r"[\w'\u2019-]+", line.casefold())
            if previous.endswith("-") and found:
                found = found[1:]
            words.update(word for word in found if not word.endswith("-"))
            previous = line
    return words


def join_line(text: str, line: str, vocabulary: set[str]) -> str:
    """Lines of one paragraph: a soft break, or one word again when hyphenated across."""
    match = re.search(r"([A-Za-z]+)-$", text)
    following = re.match(r"([a-z]+)", line)
    if not match or not following:
        return f"{text}\n{line}"
    left, right = match.group(1), following.group(1)
    if _keeps_hyphen(left.casefold(), right, vocabulary):
        return f"{text}{line}"
    return f"{text[:-1]}{line}"


def _keeps_hyphen(left: str, right: str, vocabulary: set[str]) -> bool:
    """'decision-' + 'making' keeps its hyphen; 'organisa-' + 'tional' does not."""
    if f"{left}{right}" in vocabulary:
        return False
    if f"{left}-{right}" in vocabulary or left in _KEEP_HYPHEN:
        return True
    if left in _MAYBE_HYPHEN:
        return right in vocabulary
    return left in vocabulary and right in vocabulary and len(left) > 2 and len(right) > 2
