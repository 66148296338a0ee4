"""Score extraction against reviewed expected JSON: items found, missed and invented, how
often each field is right, and the corpus totals against the goals.

    python bench/score_extraction.py                  # the whole corpus, one line a document
    python bench/score_extraction.py --details        # ... and every miss, invention and wrong field
    python bench/score_extraction.py PAPER EXPECTED.json

The corpus is every document in ``tests/importing/corpus`` with a ``<name>.expected.json``
beside it, and the example paper. Items are paired across the whole document (so an item
put under the wrong publication is found, with its publication field wrong): first by the
closest text, then by reference. A missed item counts wrong in every field of the overall
score; an invented one is reported but scores no field. Goals (issue 14): at least 95% of
the expected items found, invented items at most 2% of the expected ones, at least 95% of
the expected deadlines right (a missed item's deadline counts wrong).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from automation.core.errors import TrackerError  # noqa: E402
from automation.importing import extract_file, to_json_dict  # noqa: E402

CORPUS = ROOT / "tests" / "importing" / "corpus"
EXAMPLE = ROOT / "automation" / "data" / "jac-overview-hmicfrs-2021-q3.txt"
EXAMPLE_EXPECTED = ROOT / "tests" / "data" / "jac-overview-hmicfrs-2021-q3.expected.json"
ITEM_FIELDS = ("ref", "parent_ref", "kind", "cause_for_concern", "para", "text", "deadline_text",
               "deadline", "addressees", "applies_to_force", "ref_made_up", "publication")  # fmt: skip
PUBLICATION_FIELDS = ("title", "published", "kind", "tracked_via_business_assurance")
PAPER_FIELDS = ("title", "to", "from", "dated", "period_start", "period_end")
GOALS = {"items": 95.0, "invented": 2.0, "deadlines": 95.0}
_TEXT_MATCH = 0.75  # closest texts at least this alike are the same item
_REF_MATCH = 0.4  # same ref, and texts at least this alike


@dataclass
class Score:
    fields: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, compared]
    found: int = 0
    missed: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    compared_fields: set[str] = field(default_factory=set)  # the item fields the expected items have

    def tally(self, name: str, right: bool) -> None:
        counts = self.fields.setdefault(name, [0, 0])
        counts[0] += int(right)
        counts[1] += 1

    @property
    def expected(self) -> int:
        return self.found + len(self.missed)

    def right(self, name: str) -> int:
        return self.fields.get(name, [0, 0])[0]

    def overall(self) -> float:
        right = sum(self.right(name) for name in self.compared_fields)
        possible = self.expected * len(self.compared_fields)
        return 100.0 * right / possible if possible else 100.0

    def add(self, other: Score) -> None:
        for name, (right, compared) in other.fields.items():
            counts = self.fields.setdefault(name, [0, 0])
            counts[0] += right
            counts[1] += compared
        self.found += other.found
        self.missed += other.missed
        self.invented += other.invented
        self.wrong += other.wrong
        self.compared_fields |= other.compared_fields


def score(got: dict[str, Any], expected: dict[str, Any]) -> Score:
    result = Score()
    for name in PAPER_FIELDS:
        result.tally(f"paper.{name}", got["paper"].get(name) == expected["paper"].get(name))
    for mine, theirs in _pair_publications(got["publications"], expected["publications"]):
        for name in PUBLICATION_FIELDS:
            result.tally(f"publication.{name}", mine is not None and mine.get(name) == theirs.get(name))
    _score_items(result, _items(got), _items(expected))
    return result


def _items(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**item, "publication": pub["title"]} for pub in data["publications"] for item in pub["items"]]


def _pair_publications(
    got: list[dict[str, Any]], expected: list[dict[str, Any]]
) -> list[tuple[dict[str, Any] | None, dict[str, Any]]]:
    free = list(got)
    pairs: list[tuple[dict[str, Any] | None, dict[str, Any]]] = []
    for theirs in expected:
        best = max(free, key=lambda mine: _similar(mine["title"], theirs["title"]), default=None)
        if best is not None and _similar(best["title"], theirs["title"]) < 0.6:
            best = None
        if best is not None:
            free.remove(best)
        pairs.append((best, theirs))
    return pairs


def _pair_items(got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> dict[int, int]:
    """expected index -> got index: the same text first, then the closest, then the same ref."""
    pairs: dict[int, int] = {}
    by_text: dict[str, list[int]] = {}
    for g, mine in enumerate(got):
        by_text.setdefault(_key(mine["text"]), []).append(g)
    for e, theirs in enumerate(expected):
        same = by_text.get(_key(theirs["text"]))
        if same:
            pairs[e] = same.pop(0)
    used = set(pairs.values())
    scored = sorted(
        (
            (_similar(mine["text"], theirs["text"], floor=_REF_MATCH), g, e)
            for g, mine in enumerate(got)
            if g not in used
            for e, theirs in enumerate(expected)
            if e not in pairs
        ),
        reverse=True,
    )
    for similarity, g, e in scored:
        if similarity < _TEXT_MATCH:
            break
        if e not in pairs and g not in used:
            pairs[e] = g
            used.add(g)
    for similarity, g, e in scored:
        same_ref = got[g]["ref"] == expected[e]["ref"]
        if same_ref and similarity >= _REF_MATCH and e not in pairs and g not in used:
            pairs[e] = g
            used.add(g)
    return pairs


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _score_items(result: Score, got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    pairs = _pair_items(got, expected)
    for e, theirs in enumerate(expected):
        result.compared_fields.update(name for name in ITEM_FIELDS if name in theirs)
        label = f"{theirs['publication'][:30]}: {theirs['ref']}"
        if e not in pairs:
            result.missed.append(f"{label} ({theirs['text'][:60]})")
            continue
        mine = got[pairs[e]]
        result.found += 1
        for name in ITEM_FIELDS:
            if name not in theirs:
                continue
            right = mine.get(name) == theirs.get(name)
            result.tally(name, right)
            if not right:
                mine_value, their_value = repr(mine.get(name))[:80], repr(theirs.get(name))[:80]
                result.wrong.append(f"{label} {name}: got {mine_value} want {their_value}")
    used = set(pairs.values())
    for g, mine in enumerate(got):
        if g not in used:
            result.invented.append(f"{mine['publication'][:30]}: {mine['ref']} ({mine['text'][:60]})")


def _similar(left: str, right: str, floor: float = 0.0) -> float:
    """How alike two texts are, 0 to 1; 0 when they are surely less alike than ``floor``."""
    if left == right:
        return 1.0
    matcher = SequenceMatcher(None, left.casefold(), right.casefold(), autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def report(result: Score) -> str:
    lines = [
        f"items: expected {result.expected}, found {result.found}, missed {len(result.missed)}, "
        f"invented {len(result.invented)}",
        "",
        f"{'field':<42} {'right':>6} {'of':>6} {'accuracy':>9}",
    ]
    for name, (right, compared) in result.fields.items():
        accuracy = 100.0 * right / compared if compared else 100.0
        lines.append(f"{name:<42} {right:>6} {compared:>6} {accuracy:>8.1f}%")
    lines.append(f"\noverall (item fields, missed items count wrong): {result.overall():.1f}%")
    lines.extend(_details(result))
    return "\n".join(lines)


def _details(result: Score) -> list[str]:
    lines: list[str] = []
    for title, entries in (("missed", result.missed), ("invented", result.invented), ("wrong", result.wrong)):
        if entries:
            lines.append(f"\n{title}:")
            lines.extend(f"  {entry}" for entry in entries)
    return lines


def corpus_documents(folder: Path = CORPUS) -> list[tuple[Path, Path]]:
    """(document, expected) pairs: every file with a ``<name>.expected.json`` beside it."""
    pairs = []
    for expected in sorted(folder.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        documents = [path for path in folder.glob(f"{stem}.*") if path != expected]
        pairs.extend((document, expected) for document in documents)
    if EXAMPLE.is_file() and folder == CORPUS:
        pairs.append((EXAMPLE, EXAMPLE_EXPECTED))
    return pairs


def _percent(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 100.0


def score_corpus(folder: Path = CORPUS, details: bool = False) -> tuple[str, Score]:
    total = Score()
    columns = f"{'items':>5} {'found':>5} {'missed':>6} {'invented':>8} {'fields':>7} {'deadlines':>9}"
    lines = [f"{'document':<46} {columns}"]
    started = time.perf_counter()
    for document, expected_path in corpus_documents(folder):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        try:
            got = to_json_dict(extract_file(document))
        except TrackerError as error:
            got = {"paper": {}, "publications": []}
            lines.append(f"{document.name}: could not read: {error.message}")
        result = score(got, expected)
        total.add(result)
        deadlines = _percent(result.right("deadline"), result.expected)
        lines.append(
            f"{document.name[:46]:<46} {result.expected:>5} {result.found:>5} {len(result.missed):>6} "
            f"{len(result.invented):>8} {result.overall():>6.1f}% {deadlines:>8.1f}%"
        )
        if details:
            lines.extend(f"    {line}" for line in _details(result) if line.strip())
    elapsed = time.perf_counter() - started
    lines.append("")
    lines.extend(_summary(total, len(corpus_documents(folder)), elapsed))
    return "\n".join(lines), total


def _summary(total: Score, documents: int, elapsed: float) -> list[str]:
    found = _percent(total.found, total.expected)
    invented = _percent(len(total.invented), total.expected)
    deadlines = _percent(total.right("deadline"), total.expected)
    lines = [
        f"corpus: {documents} documents, {total.expected} items expected, read in {elapsed:.1f} s",
        _goal_line("items found", found, f"{total.found} of {total.expected}", GOALS["items"]),
        _goal_line("items invented", invented, f"{len(total.invented)}", GOALS["invented"], at_most=True),
        _goal_line(
            "deadlines right", deadlines, f"{total.right('deadline')} of {total.expected}", GOALS["deadlines"]
        ),
        f"  all item fields  {total.overall():6.1f}%  (missed items count wrong)",
        "",
        f"{'field':<20} {'right':>6} {'of':>6} {'accuracy':>9}",
    ]
    for name in ITEM_FIELDS:
        if name not in total.fields:
            continue
        right, compared = total.fields[name]
        lines.append(f"{name:<20} {right:>6} {compared:>6} {_percent(right, compared):>8.1f}%")
    return lines


def _goal_line(name: str, value: float, detail: str, goal: float, at_most: bool = False) -> str:
    met = value <= goal if at_most else value >= goal
    return (
        f"  {name:<16} {value:6.1f}%  ({detail}){' ' * max(1, 14 - len(detail))}"
        f"goal {'<=' if at_most else '>='} {goal:.0f}%  {'met' if met else 'NOT MET'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("paper", type=Path, nargs="?")
    parser.add_argument("expected", type=Path, nargs="?")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of documents and expected files")
    parser.add_argument("--details", action="store_true", help="list every miss, invention and wrong field")
    args = parser.parse_args(argv)
    if args.paper is None:
        text, _ = score_corpus(args.corpus, args.details)
        print(text)
        return 0
    if args.expected is None:
        parser.error("give the expected JSON after the paper")
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
