"""Word's list numbering: which number or bullet a paragraph shows (``1.4.``, ``a)``, ``•``).

Word keeps the numbers out of the text: a paragraph names a list (numId) and a level
(ilvl), directly or through its style; the list's abstract definition gives each level's
format ('%1.%2.'), number style and start. Counters run per abstract list, restart when a
list instance overrides its start, and deeper levels restart under a shallower one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass(frozen=True)
class Shown:
    label: str
    level: int
    bullet: bool


@dataclass
class Numbering:
    """The numbering definitions and the running counters while reading in order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstract id -> levels
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, word: Any) -> Numbering:
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls()
        numbering = cls()
        for abstract in root.iter(f"{_W}abstractNum"):
            levels = {int(_attr(item, "ilvl") or 0): _level(item) for item in abstract.iter(f"{_W}lvl")}
            numbering.levels[_attr(abstract, "abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            abstract_id = _val(num.find(f"{_W}abstractNumId"))
            overrides = {
                int(_attr(override, "ilvl") or 0): int(_val(override.find(f"{_W}startOverride")))
                for override in num.iter(f"{_W}lvlOverride")
                if override.find(f"{_W}startOverride") is not None
            }
            numbering.instances[_attr(num, "numId")] = (abstract_id, overrides)
        return numbering

    def show(self, num_id: str, ilvl: int) -> Shown | None:
        if num_id not in self.instances:
            return None
        abstract_id, overrides = self.instances[num_id]
        levels = self.levels.get(abstract_id, {})
        counts = self.counters.setdefault(abstract_id, [0] * 9)
        if overrides and num_id not in self.started:
            self.started.add(num_id)
            for index, start in overrides.items():
                counts[index] = start - 1
            counts[max(overrides) + 1 :] = [0] * (8 - max(overrides))
        level = levels.get(ilvl, Level())
        if counts[ilvl] == 0 and level.start != 1 and ilvl not in overrides:
            counts[ilvl] = level.start - 1
        counts[ilvl] += 1
        counts[ilvl + 1 :] = [0] * (8 - ilvl)
        if level.fmt == "bullet":
            return Shown("", ilvl, True)
        label = level.text
        for index in range(ilvl + 1):
            sub = levels.get(index, Level())
            value = counts[index] or sub.start
            label = label.replace(f"%{index + 1}", _format(value, sub.fmt))
        return Shown(label.strip(), ilvl, False)


def paragraph_numbering(paragraph: Any, numbering: Numbering) -> Shown | None:
    """What Word shows before this paragraph, or None for an unnumbered one."""
    num_id, ilvl = _num_pr(paragraph.paragraph_format.element)
    style = paragraph.style
    while num_id is None and style is not None:
        style_id, style_ilvl = _num_pr(style.element)
        num_id, ilvl = style_id, ilvl if ilvl is not None else style_ilvl
        style = style.base_style
    if num_id is None or num_id == "0":
        return None
    return numbering.show(num_id, ilvl or 0)


def _num_pr(element: Any) -> tuple[str | None, int | None]:
    ppr = element.find(f"{_W}pPr") if element.tag != f"{_W}pPr" else element
    num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    num_id = num_pr.find(f"{_W}numId")
    ilvl = num_pr.find(f"{_W}ilvl")
    return (_val(num_id) if num_id is not None else None), (int(_val(ilvl)) if ilvl is not None else None)


def _level(lvl: Any) -> Level:
    start = lvl.find(f"{_W}start")
    fmt = lvl.find(f"{_W}numFmt")
    text = lvl.find(f"{_W}lvlText")
    return Level(
        int(_val(start)) if start is not None else 1,
        _val(fmt) if fmt is not None else "decimal",
        _val(text) if text is not None else "",
    )


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman_numeral = roman(value)
        return roman_numeral if fmt == "upperRoman" else roman_numeral.lower()
    return str(value)


def roman(value: int) -> str:
    """'XIV' for 14."""
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = ""
    for number, letters in numerals:
        while value >= number:
            out, value = out + letters, value - number
    return out


def _attr(element: Any, name: str) -> str:
    return str(element.get(f"{_W}{name}", ""))


def _val(element: Any) -> str:
    return _attr(element, "val") if element is not None else ""
