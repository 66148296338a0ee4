"""Formula and error cells found in one streamed pass, whatever the chunk boundaries."""

from __future__ import annotations

import io

import pytest

from automation.register import scan

SHEET = (
    b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>1+1</f><v>2</v></c></row>'
    b'<row r="2"><c r="A2" s="3"><f>IF(B2="","",B2)</f><v></v></c><c r="B2" t="e"><v>#N/A</v></c>'
    b'<c r="C2" s="1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D2"><f t="shared" si="0"/></c></row>'
    b'<row r="3"><c r="AA3"><f>SUM(A1:A2)</f></c></row></sheetData>'
    b"<conditionalFormatting><cfRule><formula>A1&lt;0</formula></cfRule></conditionalFormatting></worksheet>"
)


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_formulas_unsaved_values_and_errors_whatever_the_chunks(monkeypatch, chunk):
    monkeypatch.setattr(scan, "CHUNK", chunk)
    found = scan.scan_stream(io.BytesIO(SHEET))
    assert found.formulas == {"B": {1}, "A": {2}, "C": {2}, "D": {2}, "AA": {3}}
    assert found.unsaved == {2: {"A", "D"}, 3: {"AA"}}
    assert found.unsaved_in({"A", "B"}) == {2: {"A"}}
    assert sorted(found.errors) == [("B2", "#N/A"), ("C2", "#DIV/0!")]


REGISTER = b"".join(
    [b"<worksheet><sheetData>"]
    + [
        b'<row r="%d"><c r="A%d" t="s"><v>0</v></c><c r="C%d" s="5"><f>IF(A%d="","",1)</f><v></v></c>'
        b'<c r="D%d"><f>A%d</f><v>1</v></c></row>' % ((n,) * 6)
        for n in range(2, 40)
    ]
    + [b'<row r="40"><c r="C40" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D40"><v>5</v></c></row>']
    + [b"</sheetData></worksheet>"]
)


def test_an_error_cell_without_a_saved_value_is_still_found():
    sheet = b'<sheetData><row r="2"><c r="E2" t="e"/><c r="F2" t="e"><f>X</f></c></row></sheetData>'
    assert scan.scan_stream(io.BytesIO(sheet)).errors == [("E2", ""), ("F2", "")]


@pytest.mark.parametrize("chunk", [5, 64, 1 << 20])
def test_watched_columns_give_their_formula_rows_and_nothing_else_is_missed(monkeypatch, chunk):
    monkeypatch.setattr(scan, "CHUNK", chunk)
    found = scan.scan_stream(io.BytesIO(REGISTER), watched={"C", "D"})
    assert found.formulas == {"C": set(range(2, 41)), "D": set(range(2, 40))}
    assert found.unsaved == {n: {"C"} for n in range(2, 40)} and found.errors == [("C40", "#DIV/0!")]
    assert found == scan.scan_stream(io.BytesIO(REGISTER))  # watching changes the speed only
    other = REGISTER.replace(b'<c r="A7" t="s"><v>0</v></c>', b'<c r="A7"><f>B7</f></c>')
    found = scan.scan_stream(io.BytesIO(other), watched={"C", "D"})
    assert found.formulas["A"] == {7} and found.unsaved_in({"A"}) == {7: {"A"}}
    assert found.formulas["C"] == set(range(2, 41))


def test_a_watched_formula_written_unusually_is_still_found():
    """Another program may put the style before the reference, or spaces between tags: the
    watched search misses such a cell, and the block is then read formula by formula."""
    odd = REGISTER.replace(b'<c r="C9" s="5"><f>', b'<c r="C9" s="5">\n  <f>')
    found = scan.scan_stream(io.BytesIO(odd), watched={"C", "D"})
    assert found.formulas["C"] == set(range(2, 41))
