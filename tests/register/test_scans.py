"""The register's formula scan runs in the background while calamine reads its values, and
finds exactly what a scan in the foreground finds."""

from __future__ import annotations

import openpyxl
import pytest

from automation.register import scans as scans_module
from automation.register.load import load_register
from automation.register.read import Workbook
from tests.builders import COLUMNS, item, workbook


def register(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", [item(ref=f"R{n}", row=n + 1) for n in range(1, 6)])
    book = openpyxl.load_workbook(path)
    sheet = book["Register"]
    sheet.cell(3, COLUMNS["target_date"], "=DATE(2021,8,31)")  # no saved value
    sheet.cell(4, COLUMNS["notes"], "=1/0")
    sheet.cell(5, COLUMNS["rag"], "Red")  # a typed RAG: its formula is missing
    book.save(path)
    return path


def test_a_scan_in_the_background_finds_what_one_in_the_foreground_finds(tmp_path, monkeypatch):
    path = register(tmp_path)
    background = load_register(path).problems
    monkeypatch.setattr(Workbook, "prefetch_scan", lambda self, sheet: None)
    foreground = load_register(path).problems
    assert background == foreground
    assert any("no saved value" in p.message for p in background)
    assert any("has no RAG formula" in p.message and p.row == 5 for p in background)


def test_a_failure_in_the_background_is_raised_where_the_scan_is_needed(tmp_path, monkeypatch):
    path = register(tmp_path)

    def broken(*_args: object) -> None:
        raise OSError("the disk went away")

    monkeypatch.setattr(scans_module, "scan_part", broken)
    with pytest.raises(OSError, match="the disk went away"):
        load_register(path)
