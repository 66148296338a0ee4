"""What snapshots, history and the committee reports print."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from automation.cli.views.csvsafe import csv_safe
from automation.core.text import clip, ddmmyyyy, plural, printable

if TYPE_CHECKING:
    from automation.reports.build import ItemHistory
    from automation.reports.history import Recorded
    from automation.run.reports import Written


def snapshot_text(recorded: Recorded, history: Path) -> str:
    snap = recorded.snapshot
    return (
        f"Snapshot {snap.id} as at {ddmmyyyy(snap.as_of)}: {plural(snap.items, 'item')}; "
        f"{recorded.new} new, {recorded.changed} changed, {recorded.removed} gone since the last one.\n"
        f"History is in {history}"
    )


def history_text(found: ItemHistory) -> str:
    from automation.reports.wording import when

    if not found.recorded:
        return (
            f"No history yet: no weekly run or snapshot is recorded in {found.ledger} "
            "(tracker remind and tracker snapshot record one)."
        )
    if not found.changes:
        return "No changes recorded."
    lines = []
    for c in found.changes:
        move = f"{clip(when(c.old), 40)} -> {clip(when(c.new), 50)}"
        lines.append(
            f"  {ddmmyyyy(c.as_of)}  {printable(clip(c.ref, 20)):<20}  {c.label + ':':<14} {printable(move)}"
            f"  ({printable(clip(c.publication, 40))})"
        )
    return "\n".join(lines)


def history_json(found: ItemHistory) -> str:
    from automation.reports.history import iter_rows

    return json.dumps(list(iter_rows(found.changes)), indent=2, ensure_ascii=False)


def history_csv(found: ItemHistory) -> str:
    from automation.reports.history import iter_rows

    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=["as_of", "publication", "ref", "field", "from", "to"], lineterminator="\n"
    )
    writer.writeheader()
    for row in iter_rows(found.changes):
        writer.writerow({k: csv_safe(v) for k, v in row.items()})
    return out.getvalue().rstrip("\n")


def written_text(written: Written) -> str:
    return f"Wrote the {written.what} to {written.path}: {written.summary}."
