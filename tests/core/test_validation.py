from datetime import date, datetime

from automation.core.addresses import is_email
from automation.core.model import Status
from automation.core.validation import validate
from automation.register.load import load_register
from tests.builders import PUB, edit, item, workbook


def problems_of(path):
    return [(p.severity.value, p.where, p.message) for p in validate(load_register(path))]


def test_a_clean_register_has_no_problems(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [item(last_update=date(2021, 9, 1))])
    assert problems_of(path) == []


def test_a_broken_register_names_every_problem_by_cell(tmp_path):
    items = [item(ref=f"Recommendation {n}", row=n + 1, deadline_date=date(2021, 8, 31)) for n in range(1, 9)]
    path = workbook(tmp_path / "r.xlsx", items)
    edit(
        path,
        {
            "E2": "Done",  # status not on the list
            "F3": "Nobody Known",  # owner not on the Owners sheet
            "H4": "31/13/2021",  # not a date
            "B5": "Recommendation 1",  # duplicate (publication, ref)
            "A6": "A report nobody listed",  # publication not on Publications
            "E7": "Closed",  # closed with no date closed, no evidence, not signed off
            "G8": datetime(2021, 12, 31),  # target date after the deadline
            "K9": None,  # kind missing
            "Q9": "#DIV/0!",  # an Excel error value
        },
    )
    edit(path, {"B2": "not-an-email"}, sheet="Owners")
    edit(path, {"B3": "many"}, sheet="Settings")
    assert problems_of(path) == [
        ("error", "Register!E2", "is not one of the statuses"),
        ("error", "Register!F3", "is not on the Owners sheet"),
        ("error", "Register!H4", "is not a date"),
        ("error", "Register!B5", "appears twice for this publication (first on row 2)"),
        ("error", "Register!A6", "is not on the Publications sheet"),
        ("error", "Register!S7", "Closed item has no evidence"),
        ("error", "Register!T7", "Closed item has no date closed"),
        ("error", "Register!U7", "Closed item has not been signed off, so it is rated as awaiting sign-off"),
        ("error", "Register!V7", "Closed item has no sign-off date, so it is rated as awaiting sign-off"),
        ("warning", "Register!G8", "is after the deadline 31/08/2021, and no extension is recorded"),
        ("error", "Register!K9", "has no kind"),
        ("error", "Register!Q9", "holds an Excel error value"),
        ("error", "Owners!B2", "is not a valid email address"),
        ("error", "Settings!B3", "Amber window (days) must be a whole number of days from 0 to 3,650"),
    ]


def test_every_problem_says_how_to_fix_it_and_shows_the_value(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [item()])
    edit(path, {"H2": "31/13/2021", "E2": "complete - awaiting sign-off"})
    found = {p.cell: p for p in validate(load_register(path))}
    assert found["H2"].value == "31/13/2021"
    assert found["H2"].fix.startswith("type the date as dd/mm/yyyy")
    assert "did you mean 'Complete \u2013 awaiting sign-off'?" in found["E2"].message
    assert all(p.fix for p in found.values())


def test_deadline_before_publication_is_a_warning_never_fixed(tmp_path):
    path = workbook(
        tmp_path / "r.xlsx", [item(deadline_date=date(2021, 5, 31), deadline_text="By 31 May 2021")]
    )
    register = load_register(path)
    (problem,) = validate(register)
    assert (problem.severity.value, problem.where) == ("warning", "Register!H2")
    assert problem.message == "is before the publication date 13/07/2021"
    assert register.items[0].deadline_date == date(2021, 5, 31)


def test_deadline_text_without_a_date_asks_for_the_date(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [item(deadline_text="By March 2022")])
    (problem,) = validate(load_register(path))
    assert problem.where == "Register!H2"
    assert "reads as 31/03/2022" in problem.message


def test_unowned_open_item_is_a_warning_and_for_information_needs_no_owner(tmp_path):
    path = workbook(
        tmp_path / "r.xlsx",
        [item(owner=""), item(ref="Recommendation 2", owner="", status=Status.FOR_INFORMATION)],
    )
    assert problems_of(path) == [("warning", "Register!F2", "open item has no owner, so nobody is chased")]


def test_closed_item_with_date_evidence_and_sign_off_is_fine(tmp_path):
    signed = dict(signed_off_by="Priya Shah (DCC)", signed_off_on=date(2021, 9, 1))
    path = workbook(
        tmp_path / "r.xlsx",
        [item(status=Status.CLOSED, date_closed=date(2021, 9, 1), evidence="Policy published", **signed)],
    )
    assert problems_of(path) == []


def test_missing_owners_and_publications_sheets_are_reported(tmp_path):
    import openpyxl

    path = workbook(tmp_path / "r.xlsx", [item()])
    book = openpyxl.load_workbook(path)
    del book["Owners"]
    del book["Publications"]
    book.save(path)
    messages = [m for _, _, m in problems_of(path)]
    assert any("has no Owners sheet" in m for m in messages)
    assert any("has no Publications sheet" in m for m in messages)


def test_email_shapes():
    assert is_email("dana.whitfield@demo.police.uk")
    for bad in ("dana", "dana@", "dana@police", "a b@x.police.uk", "x@y.uk\nBcc: z@evil.com"):
        assert not is_email(bad)


def test_publication_title_matches_in_any_case(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [item(publication=PUB.upper())])
    assert problems_of(path) == []


def test_a_value_typed_over_the_rag_formula_is_reported(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [item(), item(ref="Recommendation 2", row=3)])
    edit(path, {"C2": "Green", "D3": "01/01/2030"})
    assert problems_of(path) == [
        ("warning", "Register!C2", "has no RAG formula, so Excel's RAG here is typed or missing"),
        ("warning", "Register!D3", "has no Due formula, so Excel's Due here is typed or missing"),
    ]


def test_a_misspelt_owner_gets_a_suggestion(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [item(last_update=date(2021, 9, 1))])
    edit(path, {"F2": "Dana Whitfeld"})
    assert problems_of(path) == [
        ("error", "Register!F2", "is not on the Owners sheet; did you mean 'Dana Whitfield'?")
    ]


def test_settings_out_of_range_are_errors_and_the_weekly_run_still_runs(tmp_path):
    """Issue 10, item 13: an amber window of 10^15 days passed validate and crashed remind."""
    from datetime import date

    from automation.mail.settings import MailConfig
    from automation.run.config import Config
    from automation.run.weekly import weekly_run

    path = workbook(tmp_path / "tracker.xlsx", [item()])
    edit(path, {"B3": 10**15, "B4": -1}, sheet="Settings")

    found = {p.cell: p.message for p in validate(load_register(path)) if p.sheet == "Settings"}
    config = Config(
        base_dir=tmp_path,
        mail=MailConfig(register_owner="governance@demo.police.uk", allowed_domains=["demo.police.uk"]),
    )
    result = weekly_run(config, path, date(2021, 10, 1))

    assert found == {
        "B3": "Amber window (days) must be a whole number of days from 0 to 3,650",
        "B4": "Stale update window (days) must be a whole number of days from 0 to 3,650",
    }
    assert {d.outgoing.recipient for d in result.deliveries} == {
        "dana.whitfield@demo.police.uk",
        "governance@demo.police.uk",
    }


def test_a_recorded_extension_ends_the_target_date_warning(tmp_path):
    import openpyxl

    later = item(
        deadline_date=date(2021, 8, 31), target_date=date(2021, 12, 31), last_update=date(2021, 9, 1)
    )
    path = workbook(tmp_path / "r.xlsx", [later])
    assert problems_of(path) == [
        ("warning", "Register!G2", "is after the deadline 31/08/2021, and no extension is recorded")
    ]
    header = [c.value for c in openpyxl.load_workbook(path)["Register"][1]]
    by, on = header.index("Extension agreed by") + 1, header.index("Extension agreed on") + 1
    book = openpyxl.load_workbook(path)
    book["Register"].cell(2, by, "Chief Superintendent Hale")
    book["Register"].cell(2, on, datetime(2021, 9, 10))
    book.save(path)
    assert problems_of(path) == []


def test_spacing_a_reader_cannot_see_is_named(tmp_path):
    path = workbook(tmp_path / "t.xlsx", [item(), item(ref="R2", row=3, owner="Tom Brennan")])
    edit(path, {"E2": "In progress\u00a0", "F3": "Tom  Brennan"})
    loaded = load_register(path)
    found = {(p.where, p.message) for p in validate(loaded)}
    assert (
        "Register!E2",
        "is not one of the statuses: it reads 'In progress' but has a non-breaking space in it",
    ) in found
    assert (
        "Register!F3",
        "is not on the Owners sheet: it reads 'Tom Brennan' but has two spaces together in it",
    ) in found


def test_a_date_closed_beside_a_status_not_on_the_list_names_no_blank_status(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [item(date_closed=date(2021, 9, 1), last_update=date(2021, 9, 1))])
    edit(path, {"E2": "Open"})
    assert [p for p in problems_of(path) if p[1] == "Register!T2"] == [
        ("warning", "Register!T2", "has a date closed but the status is not Closed")
    ]
