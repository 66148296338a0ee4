"""The PCC's s.55 response: due 56 days after publication, rated like an item, validated."""

from datetime import date

from automation.core.model import Publication, Rag, Settings
from automation.core.register import Register
from automation.core.s55 import rate_s55, s55_due, s55_responses
from automation.core.validation import validate

PUBLISHED = date(2021, 8, 24)
COLUMNS = {"title": 1, "published": 2, "s55_required": 6, "s55_due": 7, "s55_published": 8}


def pub(**changes):
    values = dict(title="A duty to protect", published=PUBLISHED, s55_required=True, row=2)
    values.update(changes)
    return Publication(sheet="Publications", columns=COLUMNS, **values)


def test_due_56_days_after_publication_when_required():
    assert s55_due(pub()) == date(2021, 10, 19)
    assert s55_due(pub(s55_required=False)) is None
    assert s55_due(pub(s55_required=None)) is None
    assert s55_due(pub(published=None)) is None


def test_rated_like_an_item():
    settings = Settings(amber_days=30)
    cases = {
        date(2021, 9, 1): (Rag.GREEN, "due in 48 days"),
        date(2021, 9, 19): (Rag.AMBER, "due in 30 days"),
        date(2021, 10, 19): (Rag.AMBER, "due today"),
        date(2021, 10, 20): (Rag.RED, "overdue by 1 day"),
    }
    for today, (rag, reason) in cases.items():
        rating = rate_s55(pub(), today, settings)
        assert (rating.rag, rating.reason, rating.due) == (rag, reason, date(2021, 10, 19))
    done = rate_s55(pub(s55_published=date(2021, 10, 25)), date(2021, 11, 1), settings)
    assert (done.rag, done.reason) == (Rag.BLUE, "published 25/10/2021")
    assert rate_s55(pub(s55_required=False), date(2021, 9, 1), settings) is None
    assert rate_s55(pub(published=None), date(2021, 9, 1), settings).rag is Rag.NOT_RATED


def test_responses_most_urgent_first_and_attention():
    pubs = (
        pub(title="later", published=date(2021, 9, 17)),
        pub(title="late", published=date(2021, 7, 1)),
        pub(title="done", s55_published=date(2021, 9, 1)),
        pub(title="none", s55_required=False),
    )
    found = s55_responses(pubs, date(2021, 10, 1), Settings())
    assert [r.publication.title for r in found] == ["late", "later", "done"]
    assert [r.needs_attention for r in found] == [True, False, False]


def test_validation_of_the_response_columns():
    register = Register(
        None,
        (),
        (),
        (
            pub(s55_published=date(2021, 8, 1)),
            pub(title="Other", row=3, s55_required=False, s55_published=date(2021, 9, 1)),
        ),
        Settings(),
        (),
    )
    found = [(p.cell, p.message) for p in validate(register)]
    assert found == [
        ("H2", "is before the report was published (24/08/2021)"),
        ("H3", "has a s.55 response date, but 's.55 response required' is not Yes"),
    ]
