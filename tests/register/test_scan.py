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
    assert sorted(found.errors) == ["B2", "C2"]
