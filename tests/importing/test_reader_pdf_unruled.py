"""PDF tables set out with white space only: the header row gives the columns, padding
parts the rows, a cell's words wrap within its column, and running text ends the table;
labels with their values, or a sentence with wide spaces, are not tables."""

from __future__ import annotations

from automation.importing.readers.pdf_unruled import unruled_tables
from automation.importing.readers.pdf_words import line_groups

Word = dict[str, object]


def _line(top: float, *cells: tuple[float, str], size: float = 9.0) -> list[Word]:
    """Words at a line's top: each cell's words from its x, 5 points a letter, a space apart."""
    words: list[Word] = []
    for x, text in cells:
        for part in text.split():
            words.append({"text": part, "x0": x, "x1": x + 5 * len(part), "top": top, "bottom": top + size,
                          "size": size})  # fmt: skip
            x += 5 * len(part) + 2.5
    return words


def test_a_table_without_rules_is_read_by_its_header_and_padding() -> None:
    words = [
        *_line(100, (60, "Ref"), (100, "Recommendation"), (330, "Deadline"), (420, "Lead")),
        *_line(118, (60, "A1"), (100, "Forces should train all"), (330, "May 2026"), (420, "Forces")),
        *_line(129, (100, "call handlers.")),
        *_line(147, (60, "A2"), (100, "The NPCC should agree"), (330, "n/a"), (420, "NPCC")),
        *_line(158, (100, "a code."), (330, "")),
        *_line(176, (60, "Progress will be reported to the board every month by the lead officer."), size=9),
    ]
    (table,) = unruled_tables(line_groups(words))
    assert table.rows == (
        ("Ref", "Recommendation", "Deadline", "Lead"),
        ("A1", "Forces should train all\ncall handlers.", "May 2026", "Forces"),
        ("A2", "The NPCC should agree\na code.", "n/a", "NPCC"),
    )
    assert table.bbox[3] < 176  # the sentence after it is not a row


def test_labels_with_values_and_sentences_with_wide_spaces_are_not_tables() -> None:
    labels = [
        *_line(
            100, (60, "Recommendation:"), (200, "The force should audit its custody records every month.")
        ),
        *_line(112, (60, "Deadline:"), (200, "31 May 2026")),
    ]
    sentence = _line(140, (60, "Our recommendation and its deadline are set out below."))
    assert unruled_tables(line_groups(labels + sentence)) == []
