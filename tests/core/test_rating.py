from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from automation.core.model import Rag, Settings, Status
from automation.core.rating import Basis, rate
from tests.builders import PUBLISHED, item

TODAY = date(2021, 10, 1)
SETTINGS = Settings(amber_days=30, stale_days=28)
FRESH = TODAY - timedelta(days=3)


def rated(**changes):
    return rate(item(**changes), TODAY, SETTINGS, PUBLISHED)


SIGNED_OFF = dict(evidence="Policy published", signed_off_by="Priya Shah (DCC)", signed_off_on=FRESH)


def test_closed_and_signed_off_is_blue_even_when_overdue():
    r = rated(status=Status.CLOSED, deadline_date=date(2021, 1, 1), **SIGNED_OFF)
    assert (r.rag, r.reason) == (Rag.BLUE, "closed")


@pytest.mark.parametrize("blank", ["evidence", "signed_off_by", "signed_off_on"])
def test_closed_without_its_sign_off_is_rated_as_awaiting_sign_off(blank):
    r = rated(status=Status.CLOSED, deadline_date=date(2021, 1, 1), **{**SIGNED_OFF, blank: None})
    label = blank.replace("_", " ")
    assert (r.rag, r.basis) == (Rag.GREEN, Basis.AWAITING_SIGN_OFF)
    assert r.reason == f"closed, awaiting sign-off (no {label})"


def test_a_register_without_the_sign_off_columns_needs_only_what_it_has():
    columns = {k: v for k, v in item().columns.items() if k not in ("signed_off_by", "signed_off_on")}
    r = rated(status=Status.CLOSED, evidence="x", columns=columns)
    assert r.rag is Rag.BLUE


@pytest.mark.parametrize("status", [Status.SUPERSEDED, Status.FOR_INFORMATION])
def test_superseded_and_for_information_are_not_rated(status):
    r = rated(status=status, deadline_date=date(2021, 1, 1))
    assert r.rag is Rag.NOT_RATED
    assert r.reason == status.label.lower()


def test_awaiting_sign_off_is_green_whatever_the_date():
    r = rated(status=Status.AWAITING_SIGN_OFF, deadline_date=date(2021, 1, 1))
    assert (r.rag, r.reason) == (Rag.GREEN, "awaiting sign-off")


def test_past_due_is_red_with_days():
    r = rated(deadline_date=TODAY - timedelta(days=1), last_update=FRESH)
    assert (r.rag, r.reason) == (Rag.RED, "overdue by 1 day")
    assert rated(deadline_date=TODAY - timedelta(days=47)).reason == "overdue by 47 days"


def test_target_date_overrides_deadline():
    r = rated(deadline_date=date(2021, 8, 31), target_date=date(2021, 12, 31), last_update=FRESH)
    assert r.rag is Rag.GREEN
    assert r.due == date(2021, 12, 31)


def test_immediate_deadline_without_target_is_due_on_publication():
    r = rated(deadline_text="With immediate effect", last_update=FRESH)
    assert r.rag is Rag.RED
    assert r.due == PUBLISHED


def test_deadline_text_resolves_when_date_column_blank():
    r = rated(deadline_text="By March 2022", last_update=FRESH)
    assert r.due == date(2022, 3, 31)


@pytest.mark.parametrize(("days", "reason"), [(0, "due today"), (1, "due in 1 day"), (30, "due in 30 days")])
def test_due_within_amber_window(days, reason):
    r = rated(deadline_date=TODAY + timedelta(days=days), last_update=FRESH)
    assert (r.rag, r.reason) == (Rag.AMBER, reason)


def test_just_outside_amber_window_is_green():
    r = rated(deadline_date=TODAY + timedelta(days=31), last_update=FRESH)
    assert (r.rag, r.reason) == (Rag.GREEN, "on track, due in 31 days")


def test_stale_update_is_amber():
    assert rated(last_update=TODAY - timedelta(days=28)).rag is Rag.GREEN
    r = rated(last_update=TODAY - timedelta(days=29))
    assert (r.rag, r.reason) == (Rag.AMBER, "no update for 29 days")


def test_never_updated_counts_from_publication():
    r = rated(last_update=None)
    assert r.reason == f"no update for {(TODAY - PUBLISHED).days} days"
    recent = rate(item(last_update=None), TODAY, SETTINGS, TODAY - timedelta(days=5))
    assert recent.rag is Rag.GREEN


def test_never_updated_and_no_publication_date_is_amber():
    r = rate(item(last_update=None), TODAY, SETTINGS, None)
    assert (r.rag, r.reason) == (Rag.AMBER, "no update recorded")


def test_thresholds_come_from_settings():
    tight = Settings(amber_days=7, stale_days=7)
    base = item(deadline_date=TODAY + timedelta(days=10), last_update=TODAY - timedelta(days=5))
    assert rate(base, TODAY, tight, PUBLISHED).rag is Rag.GREEN
    assert rate(base, TODAY, SETTINGS, PUBLISHED).rag is Rag.AMBER


def test_blank_or_unknown_status_is_rated_as_open():
    assert rated(status=None, deadline_date=TODAY - timedelta(days=2)).rag is Rag.RED


GOODNESS = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
days = st.integers(min_value=-400, max_value=400)


@st.composite
def items(draw):
    def maybe_date():
        return draw(st.one_of(st.none(), days.map(lambda d: TODAY + timedelta(days=d))))

    return item(
        status=draw(st.sampled_from([*Status, None])),
        deadline_date=maybe_date(),
        target_date=maybe_date(),
        deadline_text=draw(st.sampled_from(["", "Immediately", "By March 2022", "as soon as possible"])),
        last_update=maybe_date(),
        evidence=draw(st.sampled_from(["", "Audit report"])),
        signed_off_by=draw(st.sampled_from(["", "DCC"])),
        signed_off_on=maybe_date(),
    )


@given(
    items(),
    st.integers(0, 90),
    st.integers(0, 90),
    st.integers(0, 500),
    st.one_of(st.none(), days.map(lambda d: TODAY + timedelta(days=d))),
)
def test_a_later_today_never_improves_a_rating(it, amber, stale, later, published):
    settings = Settings(amber, stale)
    before = rate(it, TODAY, settings, published)
    after = rate(it, TODAY + timedelta(days=later), settings, published)
    if before.rag in GOODNESS:
        assert GOODNESS[after.rag] <= GOODNESS[before.rag]
    else:
        assert after.rag is before.rag


@given(items(), st.integers(0, 90), st.integers(0, 90))
def test_every_rating_has_a_reason_and_status_and_sign_off_decide_blue_and_not_rated(it, amber, stale):
    r = rate(it, TODAY, Settings(amber, stale), PUBLISHED)
    assert r.reason
    signed_off = bool(it.evidence and it.signed_off_by and it.signed_off_on)
    assert (r.rag is Rag.BLUE) == (it.status is Status.CLOSED and signed_off)
    assert (r.rag is Rag.NOT_RATED) == (it.status in (Status.SUPERSEDED, Status.FOR_INFORMATION))


@given(items(), st.integers(0, 60))
def test_a_wider_amber_window_never_improves_a_rating(it, extra):
    narrow = rate(it, TODAY, Settings(10, 28), PUBLISHED)
    wide = rate(it, TODAY, Settings(10 + extra, 28), PUBLISHED)
    if narrow.rag in GOODNESS:
        assert GOODNESS[wide.rag] <= GOODNESS[narrow.rag]


def test_rating_is_pure():
    it = item(deadline_date=TODAY)
    assert rate(it, TODAY, SETTINGS, PUBLISHED) == rate(replace(it), TODAY, SETTINGS, PUBLISHED)
