"""The web page reader: the page's own structure (headings with levels, paragraphs, list
items with depth and shown numbers, tables on their grid), without the site around it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from automation.importing.document import Block, BlockKind
from automation.importing.readers.html import parse_html


def blocks_of(body: str, parser: str = "lxml") -> tuple[Block, ...]:
    return parse_html(BeautifulSoup(f"<html><body>{body}</body></html>", parser)).blocks


def flat(body: str) -> list[str]:
    return [block.flat for block in blocks_of(body)]


def test_headings_keep_their_level_and_number() -> None:
    found = blocks_of("<h1>Custody in Eastfield</h1><h3>4.10 Recommendations</h3><h6>Note</h6>")
    assert [(b.kind, b.level, b.number, b.marker, b.text) for b in found] == [
        (BlockKind.HEADING, 1, "", "", "Custody in Eastfield"),
        (BlockKind.HEADING, 3, "4.10", "4.10.", "Recommendations"),
        (BlockKind.HEADING, 6, "", "", "Note"),
    ]


def test_the_site_around_the_page_is_left_out() -> None:
    page = """<header class="govuk-header">Site banner</header>
    <div class="cookie-banner"><p>We use cookies</p></div><div role="banner">Alpha</div>
    <nav><ul><li>Home</li></ul></nav><script>var x = 1;</script><!-- a comment -->
    <main><header><h1>Report</h1></header><p>Body text.</p><aside><p>Related</p></aside>
    <footer><p>Published by the inspectorate</p></footer></main>
    <footer>Site footer</footer><p>Outside main</p>"""
    assert flat(page) == ["Report", "Body text.", "Published by the inspectorate"]


def test_words_between_blocks_are_one_paragraph_with_their_inline_elements() -> None:
    page = """<div><strong>Recommendation 1</strong> The force should audit
    <a href="#x">its custody cells</a> by <em>30 June 2026</em>.<!-- hidden -->
    <p>Then a paragraph.</p>And loose text after it.</div>"""
    assert flat(page) == [
        "Recommendation 1 The force should audit its custody cells by 30 June 2026.",
        "Then a paragraph.",
        "And loose text after it.",
    ]


def test_only_br_breaks_a_line_and_a_wholly_bold_run_is_bold() -> None:
    first, second = blocks_of(
        "<p>First line<br>second line</p><div><b>Area for</b> <strong>improvement 2</strong></div>"
    )
    assert first.text == "First line\nsecond line" and not first.bold
    assert second.text == "Area for improvement 2" and second.bold


def test_ordered_lists_show_their_numbers_letters_and_numerals() -> None:
    page = """<ol start="3"><li>Audit the cells.</li><li>Train staff.</li></ol>
    <ol type="i"><li>one</li><li>two</li></ol><ol type="A" start="2"><li>bee</li></ol>
    <ul><li>(c) lettered by hand</li><li>a bullet</li></ul>"""
    assert [(b.kind, b.number, b.marker, b.bullet, b.text) for b in blocks_of(page)] == [
        (BlockKind.LIST_ITEM, "3", "3.", False, "Audit the cells."),
        (BlockKind.LIST_ITEM, "4", "4.", False, "Train staff."),
        (BlockKind.LIST_ITEM, "i", "i.", False, "one"),
        (BlockKind.LIST_ITEM, "ii", "ii.", False, "two"),
        (BlockKind.LIST_ITEM, "B", "B.", False, "bee"),
        (BlockKind.LIST_ITEM, "c", "(c)", False, "lettered by hand"),
        (BlockKind.LIST_ITEM, "", "\u2022", True, "a bullet"),
    ]


def test_a_nested_list_follows_its_item_one_level_deeper() -> None:
    page = "<ol><li>The force should:<ul><li>with partners;</li><li>after the audit.</li></ul></li></ol>"
    assert [(b.level, b.number, b.text) for b in blocks_of(page)] == [
        (0, "1", "The force should:"),
        (1, "", "with partners;"),
        (1, "", "after the audit."),
    ]


def test_a_list_item_set_in_paragraphs_is_still_the_item() -> None:
    page = """<ol><li><p>By May, forces should audit their cells.</p></li>
    <li><p>The College should publish guidance</p><p>on cell checks.</p><ul><li>with the NPCC;</li></ul>
    <p>We will check.</p></li></ol>"""
    assert [(b.kind, b.level, b.number, b.flat) for b in blocks_of(page)] == [
        (BlockKind.LIST_ITEM, 0, "1", "By May, forces should audit their cells."),
        (BlockKind.LIST_ITEM, 0, "2", "The College should publish guidance on cell checks."),
        (BlockKind.LIST_ITEM, 1, "", "with the NPCC;"),
        (BlockKind.PARAGRAPH, 0, "", "We will check."),
    ]


def test_quotes_definitions_and_details() -> None:
    page = """<blockquote><p>The force should have known.</p></blockquote>
    <dl><dt>Published</dt><dd>4 March 2025</dd></dl>
    <details><summary>Cause of concern: Vetting</summary><p>Vetting is slow.</p></details>"""
    quote, published, summary, body = blocks_of(page)
    assert quote.quoted and not body.quoted
    assert published.flat == "Published: 4 March 2025"
    assert (summary.kind, summary.text, body.text) == (
        BlockKind.HEADING,
        "Cause of concern: Vetting",
        "Vetting is slow.",
    )


def test_a_cell_keeps_its_label_paragraphs_lists_and_a_table_inside_it() -> None:
    page = """<table><tr><th scope="row">1</th><td><b>Recommendation 2</b><p>The force should train.</p>
    <ul><li>custody staff</li></ul><table><tr><td>Due</td><td>June 2026</td></tr></table></td></tr></table>"""
    (table,) = blocks_of(page)
    assert table.rows == (("1", "Recommendation 2\nThe force should train.\ncustody staff\nDue June 2026"),)


def test_cells_spanning_rows_and_columns_fill_the_grid() -> None:
    page = """<table><tr><th>No.</th><th>Text</th><th>By when</th></tr>
    <tr><td>1</td><td>Audit.</td><td rowspan="2">June 2026</td></tr><tr><td>2</td><td>Train.</td></tr>
    <tr><td colspan="3">Group two</td></tr></table>"""
    (table,) = blocks_of(page)
    assert table.rows == (
        ("No.", "Text", "By when"),
        ("1", "Audit.", "June 2026"),
        ("2", "Train.", "June 2026"),
        ("Group two", "Group two", "Group two"),
    )


def test_footnote_markers_are_dropped_not_the_words() -> None:
    assert flat(
        "<p>Forces should use the code.<sup>12</sup> It works<sup>[iv]</sup>.</p><p>E = mc<sup>2x</sup></p>"
    ) == [
        "Forces should use the code. It works.",
        "E = mc2x",
    ]


@pytest.mark.parametrize("parser", ["lxml", "html.parser"])
def test_either_parser_reads_the_same_blocks(parser: str) -> None:
    page = "<main><h2>Recommendations</h2><ol><li>Audit.</li></ol><p><b>Label</b> text</p></main>"
    assert [(b.kind, b.text) for b in blocks_of(page, parser)] == [
        (BlockKind.HEADING, "Recommendations"),
        (BlockKind.LIST_ITEM, "Audit."),
        (BlockKind.PARAGRAPH, "Label text"),
    ]
