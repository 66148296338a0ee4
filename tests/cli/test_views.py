"""Renderings for the terminal: the fast JSON is exactly what the json module writes."""

from __future__ import annotations

import json
from datetime import date

from automation.cli.views.register import _item_rows, status_json
from automation.core.model import Publication, Settings, Status
from automation.core.rating import status_report
from automation.core.register import Register
from tests.builders import PUB, PUBLISHED, item


def test_status_json_is_what_json_dumps_writes_for_awkward_values():
    awkward = 'Q "quoted" \\ back – dash \u2028 \x1b[31m é 😀'
    items = (
        item(ref=awkward, row=2, owner=awkward, deadline_date=date(2021, 9, 1)),
        item(ref="R2", row=3, owner="", status=None),
        item(ref="R3", row=4, status=Status.CLOSED, date_closed=date(2021, 9, 1)),
    )
    register = Register(None, items, (), (Publication(PUB, PUBLISHED),), Settings(), ())
    report = status_report(register, date(2021, 10, 1))
    counts = {rag.key: n for rag, n in report.counts.items()}
    expected = json.dumps(
        {"as_of": "2021-10-01", "counts": counts, "items": _item_rows(report)}, ensure_ascii=False
    )
    assert status_json(report) == expected
    assert json.loads(status_json(report))["items"][0]["ref"] == awkward
