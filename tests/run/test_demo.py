import json
from datetime import date

from automation.core.model import Rag, Status
from automation.core.rating import status_report
from automation.core.validation import validate
from automation.register.load import load_register
from automation.run.demo import build_demo
from tests.builders import EXPECTED_EXTRACTION, ROOT


def test_shipped_register_is_what_the_demo_command_builds(tmp_path):
    assert build_demo(tmp_path / "t.xlsx") == 93
    assert (tmp_path / "t.xlsx").read_bytes() == (ROOT / "tracker.xlsx").read_bytes(), (
        "tracker.xlsx is out of date: rebuild it with 'tracker demo --force'"
    )


def test_shipped_register_holds_every_item_of_the_example_paper():
    expected = json.loads(EXPECTED_EXTRACTION.read_text("utf-8"))
    register = load_register(ROOT / "tracker.xlsx")
    want = {(p["title"], i["ref"]) for p in expected["publications"] for i in p["items"]}
    assert {item.key for item in register.items} == want
    assert len(register.publications) == 8


def test_shipped_register_is_valid_and_plausible():
    register = load_register(ROOT / "tracker.xlsx")
    problems = validate(register)
    assert not [p for p in problems if p.is_error]
    # the NCA report's deadlines already past at publication are kept, and flagged
    assert sum("before the publication date" in p.message for p in problems) == 3
    owners = {o.name for o in register.owners}
    assert {i.owner for i in register.items} <= owners
    assert all(o.email.endswith("@example.police.uk") for o in register.owners)
    force_items = [i for i in register.items if i.applies_to_force]
    assert {i.status for i in force_items} >= {
        Status.IN_PROGRESS,
        Status.CLOSED,
        Status.AWAITING_SIGN_OFF,
        Status.NOT_STARTED,
    }
    assert all(i.status is Status.FOR_INFORMATION for i in register.items if not i.applies_to_force)


def test_status_on_1_october_2021_follows_the_rules():
    report = status_report(load_register(ROOT / "tracker.xlsx"), date(2021, 10, 1))
    counts = report.counts
    assert counts[Rag.NOT_RATED] == 70
    assert sum(counts.values()) == 93
    for rated in report.rated:
        item, rating = rated.item, rated.rating
        if item.status is Status.CLOSED:
            assert rating.rag is Rag.BLUE
        elif rating.rag is Rag.RED:
            assert rating.due is not None and rating.due < date(2021, 10, 1)
    urgencies = [r.rating.rag.urgency for r in report.rated]
    assert urgencies == sorted(urgencies)


def test_reading_only_what_rating_needs_rates_the_same():
    from automation.register.load import load_register as load

    full = status_report(load(ROOT / "tracker.xlsx"), date(2021, 10, 1))
    lean = status_report(load(ROOT / "tracker.xlsx", for_rating=True), date(2021, 10, 1))
    assert [(r.item.key, r.item.owner, r.item.status, r.rating) for r in full.rated] == [
        (r.item.key, r.item.owner, r.item.status, r.rating) for r in lean.rated
    ]
