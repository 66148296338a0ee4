"""Issue 11: a manager's summary is about what they can act on, and never unbounded."""

from __future__ import annotations

import io
import sys
from datetime import date, timedelta

import openpyxl

from automation.core.model import Owner, Publication, Rag, Settings, Status
from automation.core.problems import Problem, Severity
from automation.core.rating import status_report
from automation.core.register import Register
from automation.mail import outgoing as outgoing_module
from automation.mail.compose import compose
from automation.mail.digests import History, Options
from automation.mail.outgoing import build_outgoing
from automation.mail.render import Renderer
from automation.mail.settings import MailConfig
from automation.mail.summary import LIMIT
from tests.builders import PUB, PUBLISHED, item, plain

TODAY = date(2021, 10, 1)
MANAGERS = ("mark@demo.police.uk", "claire@demo.police.uk")
OWNERS = (
    Owner("Dana Whitfield", "dana@demo.police.uk", "", MANAGERS[0]),
    Owner("Tom Brennan", "tom@demo.police.uk", "", MANAGERS[0]),
    Owner("Gareth Lloyd", "gareth@demo.police.uk", "", MANAGERS[1]),
)
FORMULA = '=HYPERLINK("http://example.com","click")'


def overdue(n: int, owner: str, row: int) -> object:
    return item(ref=f"R{n}", row=row, owner=owner, deadline_date=TODAY - timedelta(days=n))


def register(items: list, publications: tuple = ()) -> Register:
    pubs = publications or (Publication(PUB, PUBLISHED),)
    return Register(None, tuple(items), OWNERS, pubs, Settings(), ())


def composed(reg: Register, problems: tuple = (), teams: tuple[str, ...] = ()):
    return compose(reg, status_report(reg, TODAY), list(problems), History(), Options(teams=teams))


def test_a_long_list_shows_the_most_urgent_and_says_how_many_more():
    reg = register([overdue(n, "Dana Whitfield", n + 1) for n in range(1, LIMIT + 11)])
    summary = composed(reg).summary
    assert len(summary.overdue) == LIMIT and summary.total("overdue") == LIMIT + 10
    assert summary.more("overdue") == 10
    assert summary.overdue[0].ref == f"R{LIMIT + 10}"  # the longest overdue first
    assert summary.everything is not None and len(summary.everything.items["overdue"]) == LIMIT + 10
    text = Renderer("OFFICIAL").manager_summary(summary, "2021-W39").text
    assert f"OVERDUE ({LIMIT + 10})" in text
    assert "And 10 more, in the attached workbook." in text
    assert text.count(" - Dana Whitfield - due ") == LIMIT


def test_short_lists_need_no_attachment():
    summary = composed(register([overdue(1, "Dana Whitfield", 2)])).summary
    assert summary.everything is None and summary.more("overdue") == 0


def test_the_whole_list_travels_as_a_workbook_with_register_text_kept_as_text():
    pubs = (Publication(FORMULA, PUBLISHED),)
    items = [
        item(publication=FORMULA, ref=f"R{n}", row=n + 1, deadline_date=TODAY - timedelta(days=n))
        for n in range(1, LIMIT + 6)
    ]
    plan = composed(register(items, pubs))
    mail = MailConfig(register_owner="governance@demo.police.uk")
    out, _ = build_outgoing(plan, "2021-W39", mail, Renderer("OFFICIAL"), OWNERS)
    summary = next(o for o in out if o.kind == "summary").message
    files = [p for p in summary.iter_attachments()]
    assert [f.get_filename() for f in files] == ["summary-2021-W39.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(files[0].get_content()))
    sheet = book["Overdue"]
    assert sheet.max_row == LIMIT + 5 + 1
    assert sheet["A2"].value == FORMULA and sheet["A2"].data_type == "s"
    assert "OFFICIAL" in book["Summary"]["A1"].value


def test_a_line_manager_gets_the_items_of_the_owners_who_report_to_them():
    items = [
        overdue(1, "Dana Whitfield", 2),
        overdue(2, "Tom Brennan", 3),
        overdue(3, "Gareth Lloyd", 4),
        item(ref="U1", row=5, owner="", deadline_date=TODAY + timedelta(days=3)),
    ]
    problem = Problem(Severity.ERROR, "Register", "K4", "", "has no kind", "pick the kind", 4)
    plan = composed(register(items), (problem,), teams=MANAGERS)
    mark, claire = plan.summary_for(MANAGERS[0]), plan.summary_for(MANAGERS[1])
    assert {line.ref for line in mark.overdue} == {"R1", "R2"}
    assert [line.ref for line in claire.overdue] == ["R3"] and claire.total("left_out") == 1
    assert mark.problems == () and claire.problems == (problem,)
    assert mark.unowned == () and plan.summary.total("unowned") == 1
    assert mark.counts[Rag.RED] == 2 and plan.summary.counts[Rag.RED] == 3
    assert "owners who report to you: Dana Whitfield, Tom Brennan" in mark.scope
    assert plan.summary_for("governance@demo.police.uk") is plan.summary
    text = Renderer("OFFICIAL").manager_summary(mark, "2021-W39").text
    assert "This summary covers the items of the 2 owners who report to you" in text
    assert "OPEN ITEMS WITHOUT AN OWNER" not in text


def test_a_closure_on_a_row_with_errors_counts_as_awaiting_sign_off_in_every_summary():
    signed_off = dict(status=Status.CLOSED, evidence="E1", signed_off_by="Board", signed_off_on=TODAY)
    items = [
        item(ref="C1", row=2, owner="Gareth Lloyd", **signed_off),
        item(ref="C2", row=3, owner="Gareth Lloyd", **signed_off),
        overdue(1, "Dana Whitfield", 4),
    ]
    problem = Problem(Severity.ERROR, "Register", "K2", "", "has no kind", "pick the kind", 2)
    plan = composed(register(items), (problem,), teams=MANAGERS)
    for summary in (plan.summary, plan.summary_for(MANAGERS[1])):
        assert (summary.counts[Rag.BLUE], summary.counts[Rag.GREEN]) == (1, 1)
        assert summary.by_owner["Gareth Lloyd"][Rag.BLUE] == 1
        assert summary.by_publication[PUB][Rag.GREEN] == 1
        assert [(line.ref, line.rag) for line in summary.left_out] == [("C1", Rag.BLUE)]  # as rated
        assert summary.problems == (problem,)
    mark = plan.summary_for(MANAGERS[0])
    assert mark.counts[Rag.GREEN] == 0 and mark.problems == () and mark.left_out == ()


def test_a_body_several_recipients_share_is_built_once(monkeypatch):
    reg = register([overdue(n, "Dana Whitfield", n + 1) for n in range(1, 4)])
    plan = composed(reg)
    calls = []
    real = outgoing_module.message_body

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(outgoing_module, "message_body", counted)
    mail = MailConfig(register_owner="governance@demo.police.uk", managers=list(MANAGERS))
    out, _ = build_outgoing(plan, "2021-W39", mail, Renderer("OFFICIAL"), OWNERS)
    summaries = [o for o in out if o.kind == "summary"]
    messages = [o.message for o in summaries]
    assert len(summaries) == 3 and len(calls) == 1
    assert {str(m["To"]) for m in messages} == {"governance@demo.police.uk", *MANAGERS}
    assert len({plain(m) for m in messages}) == 1


def test_no_summary_grows_past_the_limit_whatever_the_register_size():
    items = [
        item(
            publication=f"Publication {n}",
            ref="R1",
            row=n + 1,
            owner="Dana Whitfield",
            status=Status.IN_PROGRESS,
            deadline_date=TODAY - timedelta(days=1 + n % 300),
        )
        for n in range(3 * LIMIT)
    ]
    pubs = tuple(Publication(f"Publication {n}", PUBLISHED) for n in range(3 * LIMIT))
    summary = composed(register(items, pubs)).summary
    assert len(summary.by_publication) == LIMIT and summary.more("by_publication") == 2 * LIMIT
    assert all(len(getattr(summary, name)) <= LIMIT for name in ("overdue", "due_soon", "needs_update"))


def test_owner_messages_wait_as_utf8_and_are_built_with_every_character():
    """A run renders every message before it sends one; a body with a single '–' would be two
    bytes a character in memory, so each waits as UTF-8 until it is built."""
    text = "Review the force\u2019s arrangements \u2013 in full " + "x" * 5000
    reg = register([item(ref="R1", row=2, owner="Dana Whitfield", text=text, deadline_date=TODAY)])
    plan = composed(reg)
    mail = MailConfig(register_owner="governance@demo.police.uk")
    out, _ = build_outgoing(plan, "2021-W39", mail, Renderer("OFFICIAL"), OWNERS)
    owner = next(o for o in out if o.kind == "owner")
    (held,) = owner.make.args  # type: ignore[attr-defined]
    waiting = sys.getsizeof(held.text) + sys.getsizeof(held.html)
    shown = Renderer("OFFICIAL").owner_digest(plan.digests[0], TODAY, "2021-W39")
    assert waiting < 1.2 * (len(shown.text) + len(shown.html))
    assert plain(owner.message) == shown.text.replace("\r\n", "\n")
    assert "force\u2019s arrangements \u2013 in full" in plain(owner.message)


def test_a_shared_body_is_let_go_once_its_last_recipient_has_it(monkeypatch):
    """Built once for all who share it, and not held for the rest of the run after that: a
    message built again (after it was let go) builds its body again."""
    plan = composed(register([overdue(n, "Dana Whitfield", n + 1) for n in range(1, LIMIT + 5)]))
    calls = []
    real = outgoing_module.message_body
    monkeypatch.setattr(outgoing_module, "message_body", lambda *a, **k: calls.append(1) or real(*a, **k))
    mail = MailConfig(register_owner="governance@demo.police.uk", managers=list(MANAGERS))
    out, _ = build_outgoing(plan, "2021-W39", mail, Renderer("OFFICIAL"), OWNERS)
    summaries = [o for o in out if o.kind == "summary"]
    first = [o.message for o in summaries]
    assert len(calls) == 1 and all(m.iter_attachments() for m in first)
    summaries[0].forget()
    again = summaries[0].message
    assert len(calls) == 2 and plain(again) == plain(first[0])
