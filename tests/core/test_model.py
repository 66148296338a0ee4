import dataclasses
from datetime import date

from automation.core.model import CellRef, Item, Kind, Rag, Status, column_letter


def test_bulk_items_equal_ordinary_ones():
    values = dict(
        publication="P",
        ref="R1",
        row=5,
        kind=Kind.ACTION,
        status=Status.CLOSED,
        date_closed=date(2021, 9, 1),
        sheet="Register",
        columns={"ref": 2},
    )
    keys = list(values)
    bulk, other = Item.from_columns(keys, [[values[k], values[k]] for k in keys])
    ordinary = Item(**values)
    assert bulk == ordinary and hash(bulk) == hash(ordinary) and repr(bulk) == repr(ordinary)
    assert bulk is not other and bulk == other
    assert dataclasses.replace(bulk, ref="R2") == Item(**{**values, "ref": "R2"})
    assert bulk.cell("ref") == CellRef("Register", 5, 2)
    (few,) = Item.from_columns(["publication", "ref", "row"], [["P"], ["R"], [2]])
    assert few.extra == {} and few.owner == "" and few.columns == {} and few == Item("P", "R", 2)


def test_cell_references_quote_awkward_sheet_names():
    assert str(CellRef("Register", 12, 11)) == "Register!K12"
    assert str(CellRef("My register", 2, 28)) == "'My register'!AB2"
    assert str(CellRef("O'Brien", 1, 1)) == "'O''Brien'!A1"
    assert column_letter(703) == "AAA"


def test_labels_parse_loosely_and_rags_order_by_urgency():
    assert Kind.parse("  area FOR improvement ") is Kind.AREA_FOR_IMPROVEMENT
    assert Status.parse("complete - awaiting sign-off") is Status.AWAITING_SIGN_OFF
    assert [r.urgency for r in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE, Rag.NOT_RATED)] == [0, 1, 2, 3, 4]
    assert Status.AWAITING_SIGN_OFF.is_open and not Status.CLOSED.is_open
