from datetime import date, timedelta

from automation.core.model import Owner, Publication, Rag, Settings, Status
from automation.core.problems import Problem, Severity
from automation.core.rating import status_report
from automation.core.register import Register
from automation.mail.compose import compose, rows_with_errors
from automation.mail.digests import History, Options, shorten
from tests.builders import PUB, PUBLISHED, item

TODAY = date(2021, 10, 1)
OWNERS = (
    Owner("Dana Whitfield", "dana@demo.police.uk", "", "boss@demo.police.uk"),
    Owner("Tom Brennan", "tom@demo.police.uk", "", "boss@demo.police.uk"),
    Owner("No Mail", "", "", ""),
    Owner("Outsider", "someone@gmail.com", "", ""),
)


def register(*items):
    return Register(
        path=None,
        items=tuple(items),
        owners=OWNERS,
        publications=(Publication(PUB, PUBLISHED),),
        settings=Settings(),
        problems=(),
    )


def plan(reg, problems=(), history=None, **options):
    return compose(
        reg,
        status_report(reg, TODAY),
        list(problems),
        history or History(),
        Options(allowed_domains=("*.police.uk",), **options),
    )


FRESH = TODAY - timedelta(days=2)
SIGNED = dict(signed_off_by="DCC", signed_off_on=FRESH)
ITEMS = (
    item(ref="R1", row=2, deadline_date=TODAY - timedelta(days=5), last_update=FRESH),  # red
    item(ref="R2", row=3, deadline_date=TODAY + timedelta(days=10), last_update=FRESH),  # amber due soon
    item(ref="R3", row=4, last_update=TODAY - timedelta(days=40)),  # amber stale
    item(ref="R4", row=5, deadline_date=TODAY + timedelta(days=90), last_update=FRESH),  # green
    item(ref="R5", row=6, status=Status.CLOSED, date_closed=FRESH, evidence="x", **SIGNED),  # blue
    item(ref="R6", row=7, status=Status.FOR_INFORMATION),  # not rated
    item(ref="T1", row=8, owner="Tom Brennan", deadline_date=TODAY - timedelta(days=1)),  # Tom's red
    item(ref="U1", row=9, owner="", deadline_date=TODAY + timedelta(days=3)),  # unowned
    item(ref="N1", row=10, owner="No Mail", last_update=FRESH),
    item(ref="O1", row=11, owner="Outsider", last_update=FRESH),
)


def test_each_owner_gets_only_their_open_items_grouped_most_urgent_first():
    result = plan(register(*ITEMS))
    digests = {d.owner.name: d for d in result.digests}
    assert set(digests) == {"Dana Whitfield", "Tom Brennan"}
    dana = digests["Dana Whitfield"]
    assert [(s.title, [line.ref for line in s.lines]) for s in dana.sections] == [
        ("Overdue", ["R1"]),
        ("Due soon", ["R2"]),
        ("Needs an update", ["R3"]),
        ("On track", ["R4"]),
    ]
    assert dana.count == 4
    assert [line.ref for s in digests["Tom Brennan"].sections for line in s.lines] == ["T1"]


def test_owners_that_cannot_be_emailed_are_reported_not_sent():
    unreachable = dict(plan(register(*ITEMS)).summary.unreachable)
    assert unreachable["No Mail"] == "has no email address"
    assert "outside the allowed domains" in unreachable["Outsider"]


def test_rows_with_errors_are_left_out_of_digests_and_listed_in_the_summary():
    problem = Problem(Severity.ERROR, "Register", "H3", "x", "is not a date", "fix", 3)
    warning = Problem(Severity.WARNING, "Register", "H5", "x", "odd", "fix", 5)
    result = plan(register(*ITEMS), [problem, warning])
    dana = next(d for d in result.digests if d.owner.name == "Dana Whitfield")
    assert "R2" not in [line.ref for s in dana.sections for line in s.lines]
    assert "R4" in [line.ref for s in dana.sections for line in s.lines]
    assert [line.ref for line in result.summary.left_out] == ["R2"]
    assert result.summary.problems == (problem, warning)
    assert rows_with_errors([problem, warning]) == {("Register", 3)}


def test_red_at_two_runs_in_a_row_escalates_to_the_owners_manager():
    since = TODAY - timedelta(days=14)
    history = History(
        TODAY - timedelta(days=7),
        {(PUB, "R1"): Rag.RED, (PUB, "T1"): Rag.GREEN},
        {(PUB, "R1"): since},
        frozenset({"dana@demo.police.uk", "tom@demo.police.uk"}),
    )
    result = plan(register(*ITEMS), history=history)
    digests = {d.owner.name: d for d in result.digests}
    dana, tom = digests["Dana Whitfield"], digests["Tom Brennan"]
    assert dana.escalate_to == "boss@demo.police.uk"
    assert [(line.ref, line.red_since) for line in dana.escalated] == [("R1", since)]
    assert tom.escalate_to == "" and tom.escalated == ()  # red now, but green last run
    assert [line.ref for line in result.summary.turned_red] == ["T1"]
    assert plan(register(*ITEMS), history=history, escalate=False).digests[0].escalate_to == ""


def test_no_escalation_when_last_weeks_red_digest_never_reached_the_owner():
    history = History(
        TODAY - timedelta(days=7), {(PUB, "R1"): Rag.RED}, {}, frozenset({"tom@demo.police.uk"})
    )
    dana = next(
        d for d in plan(register(*ITEMS), history=history).digests if d.owner.name == "Dana Whitfield"
    )
    assert dana.escalate_to == "" and dana.escalated == ()


def test_summary_counts_changes_and_lists():
    history = History(TODAY - timedelta(days=7), {(PUB, "R1"): Rag.AMBER})
    summary = plan(register(*ITEMS), history=history).summary
    assert summary.counts[Rag.RED] == 2 and summary.counts[Rag.BLUE] == 1
    assert summary.counts[Rag.NOT_RATED] == 1
    assert summary.previous_counts[Rag.AMBER] == 1
    assert [line.ref for line in summary.overdue] == ["R1", "T1"]
    assert [line.ref for line in summary.unowned] == ["U1"]
    assert [line.ref for line in summary.due_soon] == ["U1", "R2"]
    assert summary.by_owner["(no owner)"][Rag.AMBER] == 1


def test_first_run_has_no_previous_counts_and_nobody_turned_red():
    summary = plan(register(*ITEMS)).summary
    assert summary.previous_counts is None
    assert summary.turned_red == ()


def test_owner_with_nothing_open_gets_nothing_unless_configured():
    reg = register(item(ref="R5", status=Status.CLOSED, date_closed=FRESH, evidence="x"))
    assert plan(reg).digests == ()
    empty = plan(reg, send_empty=True).digests
    assert {d.owner.name for d in empty} == {"Dana Whitfield", "Tom Brennan"}
    assert all(d.count == 0 for d in empty)


def test_shorten_keeps_whole_words():
    assert shorten("a  b\nc") == "a b c"
    text = "word " * 100
    short = shorten(text, 22)
    assert short == "word word word word\u2026"


def test_lines_made_fast_are_ordinary_lines():
    import dataclasses

    from automation.core.rating import RatedItem, rate
    from automation.mail.digests import Line

    made = item(ref="R9", text="A  long   text " * 30, last_update=FRESH)
    line = Line.of(RatedItem(made, rate(made, TODAY, Settings(), PUBLISHED)), TODAY)
    ordinary = Line(**{f.name: getattr(line, f.name) for f in dataclasses.fields(Line)})
    assert line == ordinary and hash(line) == hash(ordinary) and repr(line) == repr(ordinary)
    assert line.text.endswith("\u2026") and line.where == "Register!B2"
