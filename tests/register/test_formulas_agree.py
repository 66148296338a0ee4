"""The register's Due and RAG formulas, recalculated by a real spreadsheet engine (LibreOffice
Calc, headless), rate every row exactly as the Python rules in ``automation.core.rating`` do.

One workbook holds a row for every branch of the rules, dated relative to the machine's real
date (LibreOffice's TODAY()), with non-default Settings so the named cells AmberDays and
StaleDays must be the ones used; the shipped demo register is checked too. Both workbooks are
recalculated in a single LibreOffice run through a throwaway user profile that forces
"recalculate on load" (XlsxWriter leaves the formulas' cached values empty).

Rows whose deadline exists only as words ('Within six months', 'By 31 March 2020') are the one
intended difference: the Python rules resolve the wording, the formula leaves Due blank, and
validation warns about such rows; test_deadline_wording_is_the_intended_difference pins that.

Rows that once disagreed stay as regressions: a blank Due (AND() evaluates every argument, so
the formula goes through N()), a Publication cell with a trailing space (TRIM), and a target
date with a time of day (INT).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from automation.core.model import Item, Kind, Publication, Settings, Status
from automation.core.rating import RatedItem, rate_all
from automation.core.s55 import s55_due
from automation.register.load import load_register
from automation.register.schema import PUBLICATIONS, REGISTER
from automation.register.template import write_register
from automation.run.demo import build_demo

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc"
)

SETTINGS = Settings(amber_days=14, stale_days=10)  # not the defaults (30, 28)
AMBER, STALE = SETTINGS.amber_days, SETTINGS.stale_days
RAG_COL = next(n for n, c in enumerate(REGISTER.columns, start=1) if c.key == "rag")
DUE_COL = next(n for n, c in enumerate(REGISTER.columns, start=1) if c.key == "due")
CONVERT_TIMEOUT = 180

OLD = "Inspection published long ago"
RECENT = "Inspection published five days ago"
AT_STALE = "Review published exactly the stale window ago"
PAST_STALE = "Review published one day more than the stale window ago"
SOON = "Report published in the amber window"  # immediate deadlines due in the future
LATER = "Report published after the amber window"
UNDATED = "Report with no publication date"
UNLISTED = "Report not on the Publications sheet"

# LibreOffice reads this profile setting on start-up: recalculate OOXML files on load, always.
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@dataclass(frozen=True)
class Odd:
    """A status as an officer might type it; write_register writes ``.label`` verbatim."""

    label: str


def publications(today: date) -> list[Publication]:
    def days(n: int) -> date:
        return today + timedelta(days=n)

    return [
        Publication(OLD, days(-200), "Inspection"),
        Publication(RECENT, days(-5), "Inspection"),
        Publication(AT_STALE, days(-STALE), "Review"),
        Publication(PAST_STALE, days(-STALE - 1), "Review"),
        Publication(SOON, days(AMBER), "Other"),
        Publication(LATER, days(AMBER + 1), "Other"),
        Publication(UNDATED, None, "Other"),
    ]


def case_rows(today: date) -> dict[str, dict[str, Any]]:
    """Each case's cells (Item fields), by case id; the id is also the row's Ref."""

    def days(n: int) -> date:
        return today + timedelta(days=n)

    fresh = days(-1)
    rows: dict[str, dict[str, Any]] = {}
    # every status, on an item that would otherwise be Red
    for status in Status:
        rows[f"status {status.name.lower()}, target passed"] = dict(status=status, target_date=days(-5))
    for typed in (
        "",
        "Done",
        "closed",
        "SUPERSEDED",
        "for information",
        "complete \u2013 awaiting sign-off",
        "Complete - awaiting sign-off",
        "Closed ",
        "  In  progress ",
        " superseded",
        "Closed\u00a0",
    ):
        rows[f"status typed {typed!r}, target passed"] = dict(status=Odd(typed), target_date=days(-5))
    for typed in ("", "Done"):
        rows[f"status typed {typed!r}, due far ahead, fresh"] = dict(
            status=Odd(typed), target_date=days(90), last_update=fresh
        )
    # two-step closure: Closed is Blue only with evidence, signed off by and signed off on
    signed = dict(evidence="Audit report", signed_off_by="DCC", signed_off_on=days(-2))
    rows["status closed, signed off, target passed"] = dict(
        status=Status.CLOSED, target_date=days(-5), **signed
    )
    for blank in ("evidence", "signed_off_by", "signed_off_on"):
        rows[f"status closed, no {blank}, target passed"] = dict(
            status=Status.CLOSED, target_date=days(-5), **{**signed, blank: None}
        )
    rows["status closed, evidence only spaces"] = dict(status=Status.CLOSED, **{**signed, "evidence": "   "})
    for status in (Status.CLOSED, Status.SUPERSEDED, Status.FOR_INFORMATION, Status.AWAITING_SIGN_OFF):
        rows[f"status {status.name.lower()}, no deadline, never updated"] = dict(
            status=status, publication=UNDATED
        )
    # the due date: target date, else deadline date, else an immediate deadline's publication
    for field in ("target_date", "deadline_date"):
        for offset in (-30, -1, 0, 1, AMBER - 1, AMBER, AMBER + 1, 90):
            rows[f"{field} today{offset:+d}, fresh"] = {field: days(offset), "last_update": fresh}
        rows[f"{field} amber+1, updated stale ago"] = {field: days(AMBER + 1), "last_update": days(-STALE)}
        rows[f"{field} amber+1, updated stale+1 ago"] = {
            field: days(AMBER + 1),
            "last_update": days(-STALE - 1),
        }
        rows[f"{field} far, updated stale+1 ago"] = {field: days(90), "last_update": days(-STALE - 1)}
        rows[f"{field} far, never updated, old pub"] = {field: days(90)}
        rows[f"{field} far, never updated, recent pub"] = {field: days(90), "publication": RECENT}
    rows["target ahead beats deadline passed"] = dict(
        target_date=days(60), deadline_date=days(-3), last_update=fresh
    )
    rows["target passed beats deadline ahead"] = dict(target_date=days(-3), deadline_date=days(60))
    rows["target beats immediate"] = dict(
        target_date=days(60), deadline_text="Immediately", last_update=fresh
    )
    rows["deadline beats immediate"] = dict(deadline_date=days(AMBER), deadline_text="Immediately")
    updates = {"fresh": fresh, "never updated": None, "updated stale+1 ago": days(-STALE - 1)}
    for text, publication, update in (
        ("Immediately", OLD, "never updated"),
        ("With immediate effect", RECENT, "fresh"),
        ("IMMEDIATE", SOON, "never updated"),
        ("immediately", LATER, "fresh"),
        ("Immediately", LATER, "never updated"),
        ("Immediately", LATER, "updated stale+1 ago"),
        ("Immediately", UNDATED, "fresh"),
        ("Immediately", UNDATED, "never updated"),
        ("With immediate effect", UNLISTED, "fresh"),
        ("Immediately", UNLISTED, "never updated"),
    ):
        rows[f"{text!r}, {publication}, {update}"] = dict(
            deadline_text=text, publication=publication, last_update=updates[update]
        )
    # no deadline at all: the stale window, from the last update or else from publication
    for offset in (0, -1, -STALE + 1, -STALE, -STALE - 1, -400, 3):
        rows[f"no deadline, updated today{offset:+d}"] = dict(last_update=days(offset))
    for publication in (OLD, RECENT, AT_STALE, PAST_STALE, UNDATED, UNLISTED):
        rows[f"no deadline, never updated, {publication}"] = dict(publication=publication)
    rows["no deadline, never updated, title in other case"] = dict(publication=RECENT.upper())
    rows["vague deadline text, fresh"] = dict(deadline_text="As soon as practicable", last_update=fresh)
    rows["no ref, due passed"] = dict(ref="", target_date=days(-2))
    rows["no publication, never updated"] = dict(publication="", last_update=None)
    rows["no publication, due far, fresh"] = dict(publication="", target_date=days(90), last_update=fresh)
    rows["status typed '', no deadline, fresh"] = dict(status=Odd(""), last_update=fresh)
    # regressions: once disagreed; then the intended difference (see WORDING)
    rows["title with a trailing space, immediate"] = dict(
        publication=RECENT + " ", deadline_text="Immediately", last_update=fresh
    )
    rows["title with a trailing space, never updated"] = dict(publication=RECENT + " ")
    rows["target at noon exactly amber days ahead"] = dict(
        target_date=datetime.combine(days(AMBER), time(12)), last_update=fresh
    )
    rows["deadline wording 'Within six months'"] = dict(deadline_text="Within six months", last_update=fresh)
    rows["deadline wording 'By 31 March 2020'"] = dict(deadline_text="By 31 March 2020", last_update=fresh)
    return rows


ALL_IDS = list(case_rows(date(2024, 1, 1)))
WORDING = [case for case in ALL_IDS if case.startswith("deadline wording")]
CASE_IDS = [case for case in ALL_IDS if case not in WORDING]
ROW = {case: row for row, case in enumerate(ALL_IDS, start=2)}


def case_items(today: date) -> list[Item]:
    items = []
    for row, (case, cells) in enumerate(case_rows(today).items(), start=2):
        values: dict[str, Any] = dict(
            publication=OLD,
            ref=case,
            row=row,
            kind=Kind.RECOMMENDATION,
            status=Status.IN_PROGRESS,
            owner="Dana Whitfield",
            text=f"Case: {case}.",
        )
        values.update(cells)
        items.append(Item(**values))
    return items


def recalculate(sources: list[Path], out: Path, profile: Path) -> None:
    """Open each workbook in LibreOffice, recalculate every formula, save it under ``out``."""
    settings = profile / "user" / "registrymodifications.xcu"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(RECALC_ALWAYS, "utf-8")
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        *map(str, sources),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"LibreOffice did not convert the workbooks within {CONVERT_TIMEOUT} s")
    missing = [s.name for s in sources if not (out / s.name).exists()]
    assert done.returncode == 0 and not missing, (
        f"LibreOffice failed (exit {done.returncode}, missing {missing}):\n{done.stdout}\n{done.stderr}"
    )


def computed_cells(path: Path) -> dict[int, tuple[Any, Any]]:
    """RAG and Due as LibreOffice computed them, by 1-based row of the Register sheet."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book[REGISTER.name]
        found = {}
        for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            if len(row) >= max(RAG_COL, DUE_COL):
                found[number] = (row[RAG_COL - 1], row[DUE_COL - 1])
        return found
    finally:
        book.close()


@dataclass(frozen=True)
class Recalculated:
    today: date
    python: dict[int, RatedItem]  # by row: the Python rules on the register as tracker reads it
    excel: dict[int, tuple[Any, Any]]  # by row: (RAG, Due) as LibreOffice computed them
    path: Path  # the recalculated workbook


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Recalculated]:
    for attempt in range(2):  # TODAY() must be the same date on both sides: redo over midnight
        base = tmp_path_factory.mktemp(f"formulas{attempt}")
        source, out = base / "source", base / "out"
        source.mkdir()
        today = date.today()
        write_register(
            source / "cases.xlsx",
            items=case_items(today),
            publications=publications(today),
            settings=SETTINGS,
        )
        build_demo(source / "demo.xlsx")
        recalculate([source / "cases.xlsx", source / "demo.xlsx"], out, base / "profile")
        if date.today() == today:
            break
    results = {}
    for name in ("cases", "demo"):
        register = load_register(source / f"{name}.xlsx")
        python = {rated.item.row: rated for rated in rate_all(register, today)}
        results[name] = Recalculated(
            today, python, computed_cells(out / f"{name}.xlsx"), out / f"{name}.xlsx"
        )
    assert results["cases"].python[2].item.ref == ALL_IDS[0]
    return results


def as_date(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


def disagreement(rated: RatedItem, excel: tuple[Any, Any]) -> str | None:
    """Why LibreOffice's RAG and Due differ from the Python rating, or None when they agree."""
    rag, due = excel
    want_rag, want_due = rated.rating.rag.value, rated.rating.due
    got_due = None if due in ("", None) else as_date(due)
    if rag == want_rag and got_due == want_due:
        return None
    item = rated.item
    return (
        f"row {item.row} ({item.publication!r}, {item.ref!r}): LibreOffice RAG {rag!r}, Due {due!r}; "
        f"Python {want_rag!r} ({rated.rating.reason}), due {want_due}"
    )


def row_of(recalculated: dict[str, Recalculated], case: str) -> tuple[RatedItem, tuple[Any, Any]]:
    cases = recalculated["cases"]
    rated = cases.python[ROW[case]]
    assert rated.item.ref == ("" if case == "no ref, due passed" else case)
    return rated, cases.excel[ROW[case]]


def test_libreoffice_really_recalculated(recalculated):
    cases, today = recalculated["cases"], recalculated["cases"].today
    assert len(cases.python) == len(ALL_IDS)
    # XlsxWriter cached "" for every formula: a computed value in every row proves recalculation
    assert all(cases.excel[row][0] not in ("", None) for row in cases.python)
    _, (rag, due) = row_of(recalculated, "target_date today-30, fresh")
    assert (rag, as_date(due)) == ("Red", today - timedelta(days=30))
    _, (rag, due) = row_of(recalculated, f"'Immediately', {OLD}, never updated")
    assert (rag, as_date(due)) == ("Red", today - timedelta(days=200))
    # the Settings sheet's named cells decide: under the default 30 days both would be Amber
    assert row_of(recalculated, f"target_date today+{AMBER}, fresh")[1][0] == "Amber"
    assert row_of(recalculated, f"target_date today+{AMBER + 1}, fresh")[1][0] == "Green"
    # ... and under the default 28 days this one would be Green
    assert row_of(recalculated, "target_date far, updated stale+1 ago")[1][0] == "Amber"
    demo = recalculated["demo"]
    assert len(demo.python) == 93
    assert all(demo.excel[row][0] not in ("", None) for row in demo.python)


@pytest.mark.parametrize("case", CASE_IDS)
def test_formula_agrees_with_python_rules(recalculated, case):
    rated, excel = row_of(recalculated, case)
    assert disagreement(rated, excel) is None


def test_demo_register_formulas_agree_with_python_rules(recalculated):
    demo = recalculated["demo"]
    problems = [d for row, rated in demo.python.items() if (d := disagreement(rated, demo.excel[row]))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", WORDING)
def test_deadline_wording_is_the_intended_difference(recalculated, case):
    """The Python rules resolve a deadline written only in words; the formula leaves Due blank."""
    rated, (_, due) = row_of(recalculated, case)
    assert rated.rating.due is not None
    assert due in ("", None), f"LibreOffice resolved {case!r} to {due!r}: rag_formula has changed"


def test_s55_due_formula_agrees_with_python(recalculated):
    """The Publications sheet's 's.55 response due' is published + 56 days where a response
    is required, blank elsewhere, in LibreOffice as in ``automation.core.s55``."""
    path = recalculated["demo"].path
    register = load_register(path)
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book[PUBLICATIONS.name]
        column = next(n for n, c in enumerate(PUBLICATIONS.columns) if c.key == "s55_due")
        computed = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    finally:
        book.close()
    expected = [s55_due(p) for p in register.publications]
    assert [as_date(v) if v not in ("", None) else None for v in computed] == expected
    assert sum(1 for v in expected if v) == 5
