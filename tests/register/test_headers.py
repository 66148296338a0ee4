"""A header row officers have tidied: a renamed or lost Owner header stops the run (nobody
would be chased), and values under a blank header are pointed out, not silently unread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import main
from automation.core.errors import RegisterLayoutError
from automation.register.load import load_register
from tests.builders import edit, item, workbook


def register(tmp_path: Path) -> Path:
    return workbook(tmp_path / "tracker.xlsx", [item(deadline_date=date(2021, 9, 20))])


@pytest.mark.parametrize("header", ["Responsible officer", None])
def test_no_owner_column_is_a_layout_problem(tmp_path: Path, header: str | None) -> None:
    path = register(tmp_path)
    edit(path, {"F1": header})
    with pytest.raises(RegisterLayoutError, match="has no Owner column"):
        load_register(path)
    result = CliRunner().invoke(main, ["validate", "--register", str(path)])
    assert result.exit_code == 2
    assert (
        "has no Owner column" in result.output and "add the column Owner to the header row" in result.output
    )


def test_values_under_a_blank_header_are_pointed_out(tmp_path: Path) -> None:
    path = register(tmp_path)
    edit(path, {"G1": None})  # the Target date header, cleared; G2 holds a date
    edit(path, {"G2": date(2021, 12, 1)})
    found = [(p.where, p.message) for p in load_register(path).problems if "no header" in p.message]
    assert found == [
        ("Register!G2", "column G has values but no header in Register!G1, so tracker does not read it")
    ]


def test_a_blank_column_between_headers_is_fine(tmp_path: Path) -> None:
    path = register(tmp_path)
    edit(path, {"G1": None, "G2": None})
    assert [p for p in load_register(path).problems if "no header" in p.message] == []
