"""What the register commands print: problems, BRAG status (text, JSON, CSV), files made."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from automation.cli.views.csvsafe import csv_safe
from automation.core.model import Rag, Status
from automation.core.problems import Problem, problem_counts
from automation.core.problems import problems_text as problems_text
from automation.core.rating import StatusReport
from automation.core.text import clip, ddmmyyyy

RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE, Rag.NOT_RATED)


def problems_json(problems: Sequence[Problem], path: Path) -> str:
    errors, warnings = problem_counts(problems)
    return json.dumps(
        {
            "register": str(path),
            "errors": errors,
            "warnings": warnings,
            "problems": [p.as_dict() for p in problems],
        },
        indent=2,
        ensure_ascii=False,
    )


def _counts_row(label: str, counts: Mapping[Rag, int], width: int) -> str:
    cells = "".join(f"{counts[rag]:>{len(rag.value) + 2}}" for rag in RAG_ORDER)
    return f"  {clip(label, width - 2):<{width - 2}}{cells}{sum(counts.values()):>7}"


def _counts_table(title: str, groups: Mapping[str, Mapping[Rag, int]], width: int) -> list[str]:
    header = "".join(f"{rag.value:>{len(rag.value) + 2}}" for rag in RAG_ORDER)
    lines = [f"{title:<{width}}{header}{'Total':>7}"]
    lines += [_counts_row(name or "(no owner)", counts, width) for name, counts in groups.items()]
    return lines


def status_text(report: StatusReport, path: Path) -> str:
    width = 46
    lines = [f"BRAG status of {path} as of {ddmmyyyy(report.as_of)}", ""]
    lines += _counts_table("", {"All items": report.counts}, width)
    lines += ["", *_counts_table("By publication", report.by("publication"), width)]
    lines += ["", *_counts_table("By owner", report.by("owner"), width), ""]
    lines.append("Items, most urgent first")
    lines.append(f"  {'RAG':<10}{'Due':<12}{'Owner':<18}{'Ref':<20}{'Publication':<32}Reason")
    for rated in report.rated:
        item, rating = rated.item, rated.rating
        lines.append(
            f"  {rating.rag.value:<10}{ddmmyyyy(rating.due):<12}{clip(item.owner, 16):<18}"
            f"{clip(item.ref, 18):<20}{clip(item.publication, 30):<32}{rating.reason}"
        )
    return "\n".join(lines)


_STATUS_LABELS: dict[object, str] = {None: "", **{s: s.label for s in Status}}
_RAG_KEYS = {rag: rag.key for rag in Rag}


def _item_rows(report: StatusReport) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for rated in report.rated:  # a plain loop with lookups: this runs once per item
        item, rating = rated.item, rated.rating
        due = rating.due
        rows.append(
            {
                "publication": item.publication,
                "ref": item.ref,
                "owner": item.owner,
                "status": _STATUS_LABELS[item.status],
                "due": due.isoformat() if due else None,
                "rag": _RAG_KEYS[rating.rag],
                "reason": rating.reason,
            }
        )
    return rows


class _Encoded(dict[object, str]):
    """JSON strings for values, each encoded once, by the C encoder ``json.dumps`` uses."""

    def __missing__(self, value: object) -> str:
        text = value.isoformat() if isinstance(value, date) else str(value)
        found = self[value] = json.encoder.encode_basestring(text)
        return found


def status_json(report: StatusReport) -> str:
    """The report as JSON, exactly as ``json.dumps`` writes it. Each distinct value is encoded
    once (a register repeats a few thousand titles, names, dates and reasons over hundreds of
    thousands of items), and each item is one formatted line."""
    counts = {rag.key: n for rag, n in report.counts.items()}
    head = json.dumps({"as_of": report.as_of.isoformat(), "counts": counts}, ensure_ascii=False)
    text = _Encoded({None: "null"})
    labels, rags = _STATUS_LABELS, _RAG_KEYS
    rated = report.rated
    # Lines are made in the order the items lie in memory (as they were read), then put in
    # the report's order: made in the report's order, almost every item is a cache miss
    # (the loop took 40% longer at 50,000 rows).
    order = sorted(range(len(rated)), key=list(map(id, rated)).__getitem__)
    made = [
        f'{{"publication": {text[item.publication]}, "ref": {text[item.ref]}, "owner": {text[item.owner]}, '
        f'"status": {text[labels[item.status]]}, "due": {text[rating.due]}, '
        f'"rag": {text[rags[rating.rag]]}, "reason": {text[rating.reason]}}}'
        for item, rating in ((r.item, r.rating) for r in map(rated.__getitem__, order))
    ]
    rows = [""] * len(rated)
    for n, line in zip(order, made, strict=True):
        rows[n] = line
    return f'{head[:-1]}, "items": [{", ".join(rows)}]}}'


def status_csv(report: StatusReport) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8 (else "–" and "’"
    come out garbled), whatever the console's own encoding."""
    buffer = io.StringIO()
    fields = ["publication", "ref", "owner", "status", "due", "rag", "reason"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in _item_rows(report):
        writer.writerow({k: csv_safe(v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def created(path: Path, backup: Path | None) -> str:
    return f"Created {path}" + (f" (previous file kept as {backup})" if backup else "")


def demo_written(count: int, path: Path, backup: Path | None) -> str:
    kept = f" (previous file kept as {backup})" if backup else ""
    return f"Wrote {count} items to {path}{kept}"
