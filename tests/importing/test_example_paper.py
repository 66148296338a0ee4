"""The real committee paper, as text and converted to Word, PDF and a saved web page,
extracts exactly as the reviewed JSON says (its 'notes' are the reviewer's, not compared)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from automation.importing import extract_file, read_document, to_json_dict
from tests.importing.builders import make_docx, make_html, make_pdf
from tests.importing.conftest import PAPER


def _without_notes(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "notes"}


def _assert_same(got: dict[str, Any], expected: dict[str, Any]) -> None:
    """Every field the reviewed JSON has is as it says (confidence, reason and the
    held-back candidates are the importer's own additions)."""
    assert got["paper"] == expected["paper"]
    assert len(got["publications"]) == len(expected["publications"])
    for mine, theirs in zip(got["publications"], expected["publications"], strict=True):
        assert {k: mine[k] for k in theirs if k != "items"} == {
            k: v for k, v in theirs.items() if k != "items"
        }
        assert [item["ref"] for item in mine["items"]] == [item["ref"] for item in theirs["items"]]
        for item, wanted in zip(mine["items"], theirs["items"], strict=True):
            assert {key: item[key] for key in wanted} == wanted, f"{theirs['title'][:30]} {wanted['ref']}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory, paper_text: str) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("converted")
    (folder / "paper.md").write_text(paper_text, encoding="utf-8")
    return {
        "md": folder / "paper.md",
        "docx": make_docx(paper_text, folder / "paper.docx"),
        "pdf": make_pdf(paper_text, folder / "paper.pdf"),
        "pdf-glued-numbers": make_pdf(paper_text, folder / "glued.pdf", hang=21.0),
        "html": make_html(paper_text, folder / "paper.html"),
        "html-cp1252": make_html(paper_text, folder / "paper-1252.htm", encoding="cp1252"),
    }


def test_text_paper_matches_expected_item_for_item(expected: dict[str, Any]) -> None:
    _assert_same(to_json_dict(extract_file(PAPER)), expected)


@pytest.mark.parametrize("version", ["md", "docx", "pdf", "pdf-glued-numbers", "html", "html-cp1252"])
def test_converted_paper_extracts_identically(
    version: str, converted: dict[str, Path], expected: dict[str, Any]
) -> None:
    _assert_same(to_json_dict(extract_file(converted[version])), expected)


def test_docx_numbers_come_from_word_list_numbering(converted: dict[str, Path]) -> None:
    blocks = read_document(converted["docx"]).blocks
    numbered = [block for block in blocks if block.number]
    assert [block.number for block in numbered[:3]] == ["1", "1.1", "1.2"]
    assert all(not block.text[:1].isdigit() for block in numbered)  # not typed in the text
    assert next(b for b in blocks if b.text.startswith("Recommendation 13: Chief")).number == "7.16"


def test_pdf_has_running_furniture_and_hyphenation_to_undo(converted: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(str(converted["pdf"])) as pdf:
        assert len(pdf.pages) > 5
        raw = [page.extract_text() for page in pdf.pages[:4]]
    assert all("OFFICIAL" in page and "Page" in page for page in raw)
    assert sum(page.count("-\n") for page in raw) >= 3  # words hyphenated at line ends
    text = " ".join(block.flat for block in read_document(converted["pdf"]).blocks)
    assert "OFFICIAL" not in text and "Page 2 of" not in text


def test_pdf_numbers_glued_to_their_text_from_x10_are_split_off(converted: dict[str, Path]) -> None:
    """A number wider than its hanging indent touches its first word: '1.10.Recommendation'.
    Every item after x.10 was lost before; now the number is taken off as in the others."""
    import pdfplumber

    with pdfplumber.open(str(converted["pdf-glued-numbers"])) as pdf:
        words = [word["text"] for page in pdf.pages[:2] for word in page.extract_words()]
    assert "1.10.Recommendation" in words and "1.9." in words
    blocks = read_document(converted["pdf-glued-numbers"]).blocks
    assert next(b for b in blocks if b.number == "1.10").text.startswith("Recommendation 7: With immediate")


def test_notes_record_deadlines_already_past() -> None:
    notes = extract_file(PAPER).notes
    assert any("Recommendation 4 is due 31/05/2021" in note for note in notes)
