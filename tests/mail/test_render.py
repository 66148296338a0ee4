"""Golden files for rendered email. Set TRACKER_UPDATE_GOLDEN=1 to rewrite them after an
intended change, then read the diff before committing."""

import dataclasses
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from automation.core.model import Owner, Publication, Rag, Settings, Status
from automation.core.problems import Problem, Severity
from automation.core.rating import status_report
from automation.core.register import Register
from automation.core.updates import Update
from automation.mail.compose import compose
from automation.mail.digests import History, Options, RefusedReturn
from automation.mail.render import TEMPLATE_NAMES, Renderer
from tests.builders import PUB, PUBLISHED, item

GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2021, 10, 4)


def plan():
    items = (
        item(
            ref="Recommendation 1",
            row=2,
            deadline_date=date(2021, 8, 31),
            deadline_text="By 31 August 2021",
            last_update=date(2021, 9, 27),
            text="By 31 August 2021, chief constables should review "
            "the force's use of pre-charge bail & release under investigation <in all cases>.",
        ),
        item(ref="Recommendation 2", row=3, deadline_date=date(2021, 10, 20), last_update=date(2021, 9, 30)),
        item(
            ref="AFI 3",
            row=4,
            kind=None,
            last_update=date(2021, 8, 1),
            text="The force should " + "improve " * 40,
        ),
        item(ref="Recommendation 4", row=5, target_date=date(2022, 3, 31), last_update=date(2021, 9, 29)),
        item(ref="Recommendation 5", row=6, status=Status.AWAITING_SIGN_OFF, last_update=date(2021, 9, 20)),
        item(ref="Recommendation 6", row=7, owner="", deadline_date=date(2021, 10, 10)),
        item(ref="Recommendation 7", row=8, owner="Tom Brennan", deadline_date=date(2021, 9, 1)),
    )
    register = Register(
        None,
        items,
        (
            Owner("Dana Whitfield", "dana.whitfield@demo.police.uk", "", "mark.ellison@demo.police.uk"),
            Owner("Tom Brennan", "", "", ""),
        ),
        (
            Publication(PUB, PUBLISHED, s55_required=True),
            Publication("A duty to protect", date(2021, 8, 24), s55_required=True),
            Publication("Fraud revisit", date(2021, 8, 5), s55_required=True, s55_published=date(2021, 9, 1)),
            Publication("State of Policing", date(2021, 7, 21), s55_required=False),
        ),
        Settings(),
        (),
        updates=UPDATES,
    )
    history = History(
        TODAY - timedelta(days=7),
        {(PUB, "Recommendation 1"): Rag.RED, (PUB, "Recommendation 2"): Rag.GREEN},
        {(PUB, "Recommendation 1"): date(2021, 9, 13)},
        frozenset({"dana.whitfield@demo.police.uk"}),
    )
    problems = [
        Problem(Severity.ERROR, "Register", "K4", "", "has no kind", "pick the kind from the drop-down", 4)
    ]
    return compose(
        register,
        status_report(register, TODAY),
        problems,
        history,
        Options(
            updates_to="governance@demo.police.uk",
            allowed_domains=("*.police.uk",),
            refused_returns=REFUSED,
        ),
    )


HELD = "held: the register's status is Not started, not In progress as when the return was sent"
UPDATES = (
    Update(date(2021, 9, 20), PUB, "Recommendation 9", "Dana Whitfield", "Before the window: not shown"),
    Update(
        date(2021, 9, 30), PUB, "Recommendation 4", "Dana Whitfield", "Policy <draft> agreed & published."
    ),
    Update(
        date(2021, 10, 1),
        PUB,
        "Recommendation 2",
        "Dana Whitfield",
        "Training done.",
        "Complete \u2013 awaiting sign-off",
        HELD,
        requested_date=date(2022, 1, 31),
        requested_reason="Supplier delay",
    ),
)
REFUSED = (
    RefusedReturn(
        "Dana Whitfield",
        "dana.whitfield@demo.police.uk",
        "update-2021-W39-dana-whitfield.xlsx",
        date(2021, 10, 1),
        ("Update!J12: 'Closed': an owner cannot close an item",),
    ),
)


def check(name, text):
    path = GOLDEN / name
    if os.environ.get("TRACKER_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; see the module docstring"


@pytest.fixture(scope="module")
def rendered():
    composed = plan()
    renderer = Renderer("OFFICIAL")
    digest = dataclasses.replace(composed.digests[0], return_name="update-2021-W40-dana-whitfield.xlsx")
    return (
        renderer.owner_digest(digest, composed.as_of, "2021-W40"),
        renderer.manager_summary(composed.summary, "2021-W40"),
    )


def test_owner_digest_golden(rendered):
    digest, _ = rendered
    assert (
        digest.subject
        == "OFFICIAL: HMICFRS recommendations \u2013 4 open items for you, week 2021-W40 (escalated)"
    )
    check("owner_digest.txt", digest.text)
    check("owner_digest.html", digest.html)


def test_manager_summary_golden(rendered):
    _, summary = rendered
    assert summary.subject == "OFFICIAL: HMICFRS recommendations status \u2013 2 red, 3 amber, week 2021-W40"
    check("manager_summary.txt", summary.text)
    check("manager_summary.html", summary.html)


def test_html_is_outlook_safe(rendered):
    for message in rendered:
        html = message.html
        assert "<script" not in html and "src=" not in html and "<link" not in html
        assert html.count(">OFFICIAL<") == 2


def test_workbook_text_is_escaped(rendered):
    digest, _ = rendered
    assert "&amp; release under investigation &lt;in all cases&gt;" in digest.html
    assert "& release under investigation <in all cases>" in digest.text


def test_built_in_templates_exist():
    assert all((Path(__file__).parents[2] / "templates" / name).is_file() for name in TEMPLATE_NAMES)
