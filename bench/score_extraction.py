"""Score an extraction against a reviewed expected JSON: items found, missed and invented,
and how often each field is right.

    python bench/score_extraction.py PAPER EXPECTED.json

PAPER is any file ``automation.importing`` reads (.txt .md .docx .pdf .html). Items are
paired within paired publications (by title, else by position) by reference, then by
paragraph number, then by closest text. A missed item counts wrong in every field of the
overall score; an invented one is reported but scores no field.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from automation.core.errors import TrackerError
from automation.importing import extract_file, to_json_dict

ITEM_FIELDS = (
    "ref",
    "parent_ref",
    "kind",
    "cause_for_concern",
    "para",
    "text",
    "deadline_text",
    "deadline",
    "addressees",
    "applies_to_force",
)
PUBLICATION_FIELDS = ("title", "published", "kind", "tracked_via_business_assurance")
PAPER_FIELDS = ("title", "to", "from", "dated", "period_start", "period_end")


@dataclass
class Score:
    fields: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, compared]
    found: int = 0
    missed: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def tally(self, name: str, right: bool) -> None:
        counts = self.fields.setdefault(name, [0, 0])
        counts[0] += int(right)
        counts[1] += 1

    def overall(self) -> float:
        right = sum(self.fields.get(name, [0, 0])[0] for name in ITEM_FIELDS)
        possible = (self.found + len(self.missed)) * len(ITEM_FIELDS)
        return 100.0 * right / possible if possible else 100.0


def score(got: dict[str, Any], expected: dict[str, Any]) -> Score:
    result = Score()
    for name in PAPER_FIELDS:
        result.tally(f"paper.{name}", got["paper"].get(name) == expected["paper"].get(name))
    pairs, unpaired = _pair_publications(got["publications"], expected["publications"])
    for mine, theirs in pairs:
        label = theirs["title"][:40]
        if mine is None:
            result.missed += [f"{label}: {item['ref']}" for item in theirs["items"]]
            continue
        for name in PUBLICATION_FIELDS:
            result.tally(f"publication.{name}", mine.get(name) == theirs.get(name))
        _score_items(result, label, mine["items"], theirs["items"])
    for mine in unpaired:
        result.invented += [f"{mine['title'][:40]}: {item['ref']}" for item in mine["items"]]
    return result


def _pair_publications(
    got: list[dict[str, Any]], expected: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any] | None, dict[str, Any]]], list[dict[str, Any]]]:
    free = list(got)
    pairs: list[tuple[dict[str, Any] | None, dict[str, Any]]] = []
    for index, theirs in enumerate(expected):
        best = max(free, key=lambda mine: _similar(mine["title"], theirs["title"]), default=None)
        if best is not None and _similar(best["title"], theirs["title"]) < 0.6:
            best = next((mine for mine in free if got.index(mine) == index), None)
        if best is not None:
            free.remove(best)
        pairs.append((best, theirs))
    return pairs, free


def _score_items(
    result: Score, label: str, got: list[dict[str, Any]], expected: list[dict[str, Any]]
) -> None:
    free = list(got)
    for theirs in expected:
        mine = _find(free, theirs)
        if mine is None:
            result.missed.append(f"{label}: {theirs['ref']} (para {theirs.get('para')})")
            continue
        free.remove(mine)
        result.found += 1
        for name in ITEM_FIELDS:
            right = mine.get(name) == theirs.get(name)
            result.tally(name, right)
            if not right:
                mine_value, their_value = repr(mine.get(name))[:80], repr(theirs.get(name))[:80]
                result.wrong.append(f"{label}: {theirs['ref']} {name}: got {mine_value} want {their_value}")
    result.invented += [f"{label}: {mine['ref']} (para {mine.get('para')})" for mine in free]


def _find(free: list[dict[str, Any]], theirs: dict[str, Any]) -> dict[str, Any] | None:
    for key in ("ref", "para"):
        for mine in free:
            if theirs.get(key) and mine.get(key) == theirs.get(key):
                return mine
    best = max(free, key=lambda mine: _similar(mine["text"], theirs["text"]), default=None)
    return best if best is not None and _similar(best["text"], theirs["text"]) >= 0.8 else None


def _similar(left: str, right: str) -> float:
    return SequenceMatcher(None, left.casefold(), right.casefold()).ratio()


def report(result: Score) -> str:
    expected = result.found + len(result.missed)
    lines = [
        f"items: expected {expected}, found {result.found}, missed {len(result.missed)}, "
        f"invented {len(result.invented)}",
        "",
        f"{'field':<42} {'right':>6} {'of':>6} {'accuracy':>9}",
    ]
    for name, (right, compared) in result.fields.items():
        accuracy = 100.0 * right / compared if compared else 100.0
        lines.append(f"{name:<42} {right:>6} {compared:>6} {accuracy:>8.1f}%")
    lines.append(f"\noverall (item fields, missed items count wrong): {result.overall():.1f}%")
    for title, entries in (("missed", result.missed), ("invented", result.invented), ("wrong", result.wrong)):
        if entries:
            lines.append(f"\n{title}:")
            lines.extend(f"  {entry}" for entry in entries)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paper", type=Path)
    parser.add_argument("expected", type=Path)
    args = parser.parse_args(argv)
    try:
        got = to_json_dict(extract_file(args.paper))
    except TrackerError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return error.exit_code
    expected = json.loads(args.expected.read_text(encoding="utf-8"))
    print(f"{args.paper.name} against {args.expected.name}")
    print(report(score(got, expected)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
