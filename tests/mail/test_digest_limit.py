"""An owner with many open items: each list of their digest shows the most urgent and says how
many more there are and where; the attached return holds them all, so the body stays the
same size however many there are. Golden files as in test_render (TRACKER_UPDATE_GOLDEN=1 rewrites them)."""

import dataclasses
from datetime import date, timedelta

from automation.core.model import Owner, Publication, Rag, Settings, Status
from automation.core.problems import Problem, Severity
from automation.core.rating import status_report
from automation.core.register import Register
from automation.mail.compose import compose
from automation.mail.digests import LIMIT, History, Options
from automation.mail.outgoing import build_outgoing
from automation.mail.render import Renderer
from automation.mail.settings import MailConfig
from automation.mail.summary import LIMIT as SUMMARY_LIMIT
from automation.returns.outgoing import attacher, issue_returns, with_return_names
from tests.builders import EXAMPLE_PAPER, PUB, PUBLISHED, item, plain
from tests.mail.test_render import check

TODAY = date(2021, 10, 4)
WEEK = "2021-W40"
DANA = Owner("Dana Whitfield", "dana.whitfield@demo.police.uk", "", "mark.ellison@demo.police.uk")
GOVERNANCE = "governance@demo.police.uk"
FRESH = TODAY - timedelta(days=3)


def overdue(n, text="The force should do a thing."):
    """Overdue by ``n`` days: the larger ``n``, the more urgent."""
    return item(ref=f"R{n}", row=n + 1, deadline_date=TODAY - timedelta(days=n), last_update=FRESH, text=text)


def composed(items, problems=(), **options):
    register = Register(None, tuple(items), (DANA,), (Publication(PUB, PUBLISHED),), Settings(), ())
    report = status_report(register, TODAY)
    history = History(  # every item red last week too, and Dana's digest reached her
        TODAY - timedelta(days=7),
        {i.key: Rag.RED for i in items},
        {},
        frozenset({DANA.email}),
    )
    return compose(register, report, list(problems), history, Options(updates_to=GOVERNANCE, **options))


def test_the_digest_shares_the_summary_limit():
    assert LIMIT == SUMMARY_LIMIT == Options().limit == 50


def test_a_long_section_lists_its_most_urgent_and_counts_the_rest():
    items = [overdue(n) for n in range(1, LIMIT + 8)] + [
        item(ref="G1", row=500, target_date=TODAY + timedelta(days=200), last_update=FRESH)
    ]
    plan = composed(items)
    (digest,) = plan.digests
    overdue_section, on_track = digest.sections
    assert [line.ref for line in overdue_section.lines] == [f"R{n}" for n in range(LIMIT + 7, 7, -1)]
    assert (overdue_section.total, overdue_section.more) == (LIMIT + 7, 7)
    assert (on_track.total, on_track.more) == (1, 0)
    assert digest.count == LIMIT + 8 and digest.cut
    assert (
        len(digest.escalated) == LIMIT and digest.escalated_more == 7 and digest.escalated_total == LIMIT + 7
    )
    (issued,) = issue_returns(plan, WEEK, "tracker.xlsx").values()
    assert [row.cells[1] for row in issued.rows] == [f"R{n}" for n in range(LIMIT + 7, 0, -1)] + ["G1"]


def test_a_digest_within_the_limit_is_not_cut():
    (digest,) = composed([overdue(n) for n in range(1, LIMIT + 1)]).digests
    assert not digest.cut and digest.count == LIMIT and len(digest.sections[0].lines) == LIMIT
    assert digest.escalated_more == 0 and len(digest.escalated) == LIMIT


def capped(**changes):
    """Dana's digest listing at most two items a list: three overdue (all red two weeks
    running), one due soon."""
    items = [overdue(n, f"Overdue item {n} & <its> text.") for n in (5, 10, 20)]
    items.append(item(ref="S1", row=30, deadline_date=TODAY + timedelta(days=10), last_update=FRESH))
    plan = composed(items, limit=2)
    digest = dataclasses.replace(plan.digests[0], **changes)
    return Renderer("OFFICIAL").owner_digest(digest, TODAY, WEEK)


def test_capped_digest_golden():
    rendered = capped(return_name="update-2021-W40-dana-whitfield.xlsx")
    assert rendered.subject == (
        "OFFICIAL: HMICFRS recommendations \u2013 4 open items for you, week 2021-W40 (escalated)"
    )
    check("owner_digest_capped.txt", rendered.text)
    check("owner_digest_capped.html", rendered.html)


def test_without_a_return_the_rest_are_in_the_register():
    text = capped().text
    assert "OVERDUE (3; the 2 most urgent below)\n" in text
    assert (
        "  And 1 more, not listed here: they are in the register (ask governance@demo.police.uk for the list).\n"
        in text
    )
    assert "DUE SOON (1)\n" in text
    assert "attached" not in text
    nobody = capped(updates_to="").html
    assert "And 1 more, not listed here: they are in the register.</p>" in nobody


def long_texts(count: int, length: int) -> list[str]:
    """``count`` different texts of ``length`` characters of a real inspection report."""
    paper = " ".join(EXAMPLE_PAPER.read_text(encoding="utf-8").split())
    return [paper[(n * 97) % (len(paper) - length) :][:length] for n in range(count)]


def many(count: int) -> list:
    """``count`` open items in every section of a digest, with 400-character texts (the email
    shows 220 of them; the return all)."""
    texts = long_texts(count, 400)
    shapes = (
        dict(deadline_date=TODAY - timedelta(days=30), last_update=FRESH),  # overdue
        dict(deadline_date=TODAY + timedelta(days=10), last_update=FRESH),  # due soon
        dict(last_update=TODAY - timedelta(days=60)),  # needs an update
        dict(target_date=TODAY + timedelta(days=200), last_update=FRESH),  # on track
        dict(status=Status.AWAITING_SIGN_OFF, last_update=FRESH),  # awaiting sign-off
    )
    return [
        item(ref=f"Recommendation {n}", row=n + 2, text=texts[n], **shapes[n % len(shapes)])
        for n in range(count)
    ]


def message_of(count, *, attach):
    """The owner digest for ``count`` items as ``build_outgoing`` builds it, with the return
    attached or not, and the return issued."""
    plan = composed(many(count))
    issued = issue_returns(plan, WEEK, "tracker.xlsx")
    plan = with_return_names(plan, WEEK)
    mail = MailConfig(sender="tracker@demo.police.uk", register_owner=GOVERNANCE)
    files = attacher(issued, "OFFICIAL") if attach else None
    outgoing, _ = build_outgoing(plan, WEEK, mail, Renderer("OFFICIAL"), (DANA,), files)
    return outgoing[0].message, issued[DANA.email.casefold()]


def test_a_busy_owners_digest_lists_the_most_urgent_and_its_return_all():
    count, each = 5_000, 1_000  # a thousand in each of the five sections
    message, issued = message_of(count, attach=False)
    size = len(message.as_bytes())
    assert size < 400_000, f"{size:,} bytes"  # 250 lines and 50 escalated, whatever the count
    text = plain(message)
    assert f"You have {count:,} open HMICFRS items" in text
    for title in ("OVERDUE", "DUE SOON", "NEEDS AN UPDATE", "ON TRACK", "AWAITING SIGN-OFF"):
        assert f"\n{title} ({each}; the {LIMIT} most urgent below)\n" in text
    assert f"these {each} items have been red at two weekly runs in a row; the {LIMIT} most urgent:" in text
    rest = f"  And {each - LIMIT} more, not listed here: every one is in your attached update form"
    assert text.count(rest) == 6  # five sections and the escalated items
    assert text.count("\n* Recommendation ") == 5 * LIMIT
    assert len(issued.rows) == count


def test_a_digest_with_its_return_stays_under_a_megabyte():
    """2,000 open items with 400-character texts (the busiest owner of the benchmark's
    200,000-row register has about 2,100): the return grows with the items, the body not."""
    message, issued = message_of(2_000, attach=True)
    size = len(message.as_bytes())
    assert size < 1_000_000, f"{size:,} bytes"
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == issued.filename and len(issued.rows) == 2_000
    assert f"update form is attached ({issued.filename})" in plain(message)  # named as issued


def test_rows_left_out_for_errors_are_listed_up_to_the_limit():
    count = LIMIT + 30
    items = [overdue(n) for n in range(1, count + 1)]
    bad = [
        Problem(Severity.ERROR, "Register", f"H{n + 1}", "x", "is not a date", "fix", n + 1)
        for n in range(1, count + 1)
    ]
    (digest,) = composed(items, bad).digests
    assert (len(digest.left_out), digest.left_out_more, digest.left_out_total) == (LIMIT, 30, count)
    shown = Renderer("OFFICIAL").owner_digest(digest, TODAY, WEEK)
    assert (
        f"LEFT OUT OF THIS EMAIL BECAUSE THEIR ROWS HAVE ERRORS ({count}; the first {LIMIT} below)\n"
        in shown.text
    )
    assert "  And 30 more, not listed here: ask governance@demo.police.uk for the full list.\n" in shown.text
    assert shown.text.count("is not a date") == LIMIT
    assert "And 30 more, not listed here: ask <a href=" in shown.html
    assert shown.html.count("is not a date") == LIMIT
