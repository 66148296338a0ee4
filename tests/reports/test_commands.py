"""The report commands end to end: five weekly runs (the real weekly job, a fake clock, the
outbox) with an officer's edits between them; `tracker history` and the paper's 'changes
since' list exactly those edits. CliRunner with exact output."""

import io
from datetime import date, datetime, timedelta

import pytest
from click.testing import CliRunner
from docx import Document

from automation.cli import main
from automation.core.model import column_letter
from automation.mail.settings import MailConfig
from automation.run.config import Config
from automation.run.weekly import weekly_run
from tests.builders import COLUMNS, PUB, edit, item, workbook

MONDAY = date(2021, 9, 6)


def at(key, row):
    return f"{column_letter(COLUMNS[key])}{row}"


def weeks(n):
    return MONDAY + timedelta(weeks=n)


@pytest.fixture
def five_runs(tmp_path):
    path = workbook(
        tmp_path / "tracker.xlsx",
        [
            item(ref="Recommendation 1", row=2, deadline_date=date(2022, 3, 31), last_update=weeks(0)),
            item(ref="Recommendation 2", row=3, deadline_date=date(2022, 3, 31), last_update=weeks(0)),
        ],
    )
    cfg = Config(
        base_dir=tmp_path,
        mail=MailConfig(register_owner="governance@demo.police.uk", allowed_domains=["demo.police.uk"]),
    )
    edits = {
        1: {at("owner", 2): "Tom Brennan", at("last_update", 2): weeks(1)},
        2: {at("target_date", 3): date(2022, 6, 30), at("last_update", 3): weeks(2)},
        4: {at("last_update", 2): weeks(4), at("last_update", 3): weeks(4)},
    }
    for n in range(5):
        edit(path, edits.get(n, {})) if n in edits else None
        clock = datetime.combine(weeks(n), datetime.min.time()).replace(hour=8)
        result = weekly_run(cfg, path, weeks(n), now=lambda clock=clock: clock)
        assert result.history_problem == ""
    return tmp_path, path


def test_history_command_lists_the_edits(five_runs, monkeypatch):
    folder, _ = five_runs
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["history"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"  13/09/2021  Recommendation 1      owner:         Dana Whitfield -> Tom Brennan  ({PUB})",
        f"  13/09/2021  Recommendation 1      last update:   06/09/2021 -> 13/09/2021  ({PUB})",
        f"  20/09/2021  Recommendation 2      due date:      31/03/2022 -> 30/06/2022  ({PUB})",
        f"  20/09/2021  Recommendation 2      last update:   06/09/2021 -> 20/09/2021  ({PUB})",
        f"  04/10/2021  Recommendation 1      last update:   13/09/2021 -> 04/10/2021  ({PUB})",
        f"  04/10/2021  Recommendation 2      last update:   20/09/2021 -> 04/10/2021  ({PUB})",
    ]
    since = CliRunner().invoke(main, ["history", "--since", "2021-09-20", "--format", "csv"])
    assert since.output.splitlines()[0] == "as_of,publication,ref,field,from,to"
    assert len(since.output.splitlines()) == 3


def test_paper_changes_since_are_those_edits(five_runs, monkeypatch):
    folder, _ = five_runs
    monkeypatch.chdir(folder)
    args = ["report", "paper", "--from", "2021-07-01", "--to", "2021-09-30", "--today", "2021-10-04"]
    result = CliRunner().invoke(main, [*args, "--since", "2021-09-06", "--format", "md", "--out", "p.md"])
    assert result.output == "Wrote the committee paper to p.md: 1 publication, 2 items of the period.\n"
    text = (folder / "p.md").read_text(encoding="utf-8")
    changes = text.split("Changes since 6 September 2021:")[1].split("\n\n2.6.")[0].strip().splitlines()
    assert changes == [
        "- New items (0)",
        "- Closed (0)",
        "- Turned red (0)",
        "- Back from red (0)",
        f"- Slipped (due date moved later) (1): Recommendation 2, {PUB} (20/09/2021: 31/03/2022 to 30/06/2022)",
        f"- Owner changed (1): Recommendation 1, {PUB} (13/09/2021: Dana Whitfield to Tom Brennan)",
        "- Left the register (0)",
    ]


def test_snapshot_command_and_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "tracker.xlsx", [item(row=2)])
    first = CliRunner().invoke(main, ["snapshot", "--today", "2021-10-04"])
    assert first.output == (
        "Snapshot 1 as at 04/10/2021: 1 item; 1 new, 0 changed, 0 gone since the last one.\n"
        "History is in tracker.ledger.sqlite\n"
    )
    late = CliRunner().invoke(main, ["snapshot", "--today", "2021-09-01"])
    assert late.exit_code == 2
    assert "in date order" in late.output
    one = CliRunner().invoke(main, ["history", "--item", f"{PUB}/Recommendation 1", "--format", "json"])
    assert '"field": "status"' in one.output
    bad = CliRunner().invoke(main, ["history", "--item", "no slash"])
    assert bad.exit_code == 2


def test_history_of_an_item_it_never_saw_is_a_usage_error_naming_near_ones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "tracker.xlsx", [item(row=2), item(ref="Recommendation 2", row=3)])
    CliRunner().invoke(main, ["snapshot", "--today", "2021-10-04"])

    nonsense = CliRunner().invoke(main, ["history", "--item", "nonsense/Rec 9"])
    short = CliRunner().invoke(main, ["history", "--item", "inspection of the demo/Recommendation 2"])

    fix = "give the publication's title and the ref exactly as the register has them, as TITLE/REF"
    assert (nonsense.exit_code, nonsense.output) == (
        2,
        f"tracker: the history has no item with the publication 'nonsense' and the ref 'Rec 9' ({fix})\n",
    )
    assert (short.exit_code, short.output) == (
        2,
        "tracker: the history has no item with the publication 'inspection of the demo' and the ref "
        f"'Recommendation 2' ({fix}; did you mean '{PUB}/Recommendation 2'?)\n",
    )


def test_dry_and_partial_runs_record_no_history(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", [item(row=2)])
    cfg = Config(base_dir=tmp_path, mail=MailConfig(allowed_domains=["demo.police.uk"]))
    weekly_run(cfg, path, MONDAY, dry_run=True)
    weekly_run(cfg, path, MONDAY, only="dana.whitfield@demo.police.uk")
    result = CliRunner().invoke(main, ["history", "--register", str(path)])
    assert result.output == (
        "No history yet: no weekly run or snapshot is recorded in "
        f"{tmp_path / 'tracker.ledger.sqlite'} (tracker remind and tracker snapshot record one).\n"
    )
    from automation.reports.history import HistoryStore

    with HistoryStore(tmp_path / "tracker.ledger.sqlite") as store:
        assert store.snapshots() == []


def test_a_history_failure_never_stops_the_weekly_run(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", [item(row=2)])
    cfg = Config(base_dir=tmp_path, mail=MailConfig(allowed_domains=["demo.police.uk"]))
    weekly_run(cfg, path, weeks(2))
    later = weekly_run(cfg, path, weeks(1), force=True)
    assert "in date order" in later.history_problem
    assert later.deliveries and later.exit_code == 0


def test_reports_refuse_the_register_and_bad_periods(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "tracker.xlsx", [item(row=2)])
    over = CliRunner().invoke(main, ["report", "dashboard", "--out", "tracker.xlsx"])
    assert over.exit_code == 2 and "is the register itself" in over.output
    swapped = CliRunner().invoke(main, ["report", "paper", "--from", "2021-09-30", "--to", "2021-07-01"])
    assert swapped.exit_code == 2 and "before --from" in swapped.output
    meeting = CliRunner().invoke(main, ["report", "meeting", "--today", "2021-10-04", "--format", "md"])
    assert meeting.output == (
        "Wrote the meeting pack to meeting-pack-2021-10-04.md: 0 awaiting sign-off, 0 red, 0 extensions requested.\n"
    )


def test_meeting_pack_lists_requested_extensions_not_yet_granted(tmp_path):
    import openpyxl

    from automation.register.schema import UPDATES
    from automation.reports.build import make_meeting, render_meeting

    path = workbook(
        tmp_path / "tracker.xlsx",
        [
            item(row=2, deadline_date=date(2021, 9, 30)),
            item(ref="Recommendation 2", row=3, target_date=date(2022, 1, 31)),
        ],
    )
    book = openpyxl.load_workbook(path)
    sheet = book[UPDATES.name]  # every new register has the Updates sheet that tracker collect fills
    values = {c.key: None for c in UPDATES.columns}
    for ref, requested in (
        ("Recommendation 1", datetime(2021, 12, 31)),
        ("Recommendation 2", datetime(2022, 1, 31)),
    ):
        row = dict(values, received=datetime(2021, 10, 1), publication=PUB, ref=ref, owner="Dana Whitfield")
        row.update(requested_date=requested, requested_reason="Waiting for the new system")
        sheet.append([row[c.key] for c in UPDATES.columns])
    book.save(path)
    pack = make_meeting(path, tmp_path / "none.sqlite", weeks(4))
    assert [(e.ref, e.current_due, e.requested) for e in pack.extensions] == [
        ("Recommendation 1", date(2021, 9, 30), date(2021, 12, 31))
    ]
    text = render_meeting(pack, "md").decode()
    line = next(x for x in text.splitlines() if "Waiting for the new system" in x)
    assert line.endswith(
        "Dana Whitfield | 30/09/2021 | 31/12/2021 | Waiting for the new system | 01/10/2021 |"
    ), line
    one_each = "1 target-date extension requested. For attention: 1 red item."
    assert one_each in text
    word = Document(io.BytesIO(render_meeting(pack, "docx")))
    assert any(one_each in p.text for p in word.paragraphs)
    out = str(tmp_path / "pack.md")
    said = CliRunner().invoke(
        main, ["report", "meeting", "--register", str(path), "--today", "2021-10-04", "--out", out]
    )
    assert (said.exit_code, said.output) == (
        2,
        f"tracker: {out} does not end in .docx, the format asked for (name the file NAME.docx, or pass "
        "--format md for a NAME.md file)\n",
    )
    said = CliRunner().invoke(
        main,
        [
            "report",
            "meeting",
            "--register",
            str(path),
            "--today",
            "2021-10-04",
            "--format",
            "md",
            "--out",
            out,
        ],
    )
    assert (
        said.output
        == f"Wrote the meeting pack to {out}: 0 awaiting sign-off, 1 red, 1 extension requested.\n"
    )


def test_a_report_file_named_for_another_format_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "tracker.xlsx", [item(row=2)])
    args = ["report", "paper", "--from", "2021-07-01", "--to", "2021-09-30", "--today", "2021-10-04"]

    text = CliRunner().invoke(main, [*args, "--out", "paper.txt"])
    markdown = CliRunner().invoke(main, [*args, "--out", "paper.md"])

    assert (text.exit_code, text.output) == (
        2,
        "tracker: paper.txt does not end in .docx, the format asked for (name the file NAME.docx, or "
        "pass --format md for a NAME.md file)\n",
    )
    assert (markdown.exit_code, markdown.output) == (
        2,
        "tracker: paper.md does not end in .docx, the format asked for (name the file NAME.docx, or "
        "pass --format md for a NAME.md file)\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tracker.xlsx"]
