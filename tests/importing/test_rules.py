"""The rule modules on their own: deadline phrases, addressees, labels."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automation.core.deadlines import resolve_deadline
from automation.core.model import Kind
from automation.importing import extract, to_json_dict
from automation.importing.addressees import find_addressees
from automation.importing.labels import parse_label
from automation.importing.phrases import deadline_value, find_deadline
from automation.importing.readers.text import parse_text

PUBLISHED = date(2021, 7, 13)
NUMBER_WORDS = ["one", "two", "three", "six", "twelve"]


@st.composite
def deadline_phrases(draw: st.DrawFn) -> str:
    day = draw(st.dates(date(2019, 1, 1), date(2030, 12, 31)))
    month = calendar.month_name[day.month]
    suffix = draw(st.sampled_from(["", "st" if day.day in (1, 21, 31) else "th"]))
    return draw(
        st.sampled_from(
            [
                f"By {day.day}{suffix} {month} {day.year}",
                f"By {month} {day.year}",
                "Immediately",
                "With immediate effect",
                f"Within {draw(st.sampled_from(NUMBER_WORDS))} months",
                f"By the end of {day.year}",
            ]
        )
    )


@settings(max_examples=60, deadline=None)
@given(phrase=deadline_phrases(), leading=st.booleans())
def test_any_deadline_phrase_round_trips(phrase: str, leading: bool) -> None:
    if leading:
        body, written = f"{phrase}, chief constables should review their policies.", phrase
    else:
        written = phrase[0].lower() + phrase[1:]
        body = f"Chief constables should review their policies {written}."
    paper = f"A report\n\nPublished: 13 July 2021\n\nRecommendation 1: {body}\n"
    (item,) = to_json_dict(extract(parse_text(paper)))["publications"][0]["items"]
    wanted = deadline_value(resolve_deadline(phrase, PUBLISHED))
    assert item["deadline_text"] == written
    assert item["deadline"] == (wanted.isoformat() if isinstance(wanted, date) else wanted and wanted.value)
    assert item["text"] == body


WORDS = st.sampled_from(
    ["the", "force’s", "“plan”", "–", "review", "data,", "officers", "(PCSOs)", "and", "rape;", "O’Neill"]
)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=30))
def test_item_text_is_kept_verbatim(words: list[str]) -> None:
    body = "The Home Office should " + " ".join(words) + "."
    (item,) = to_json_dict(extract(parse_text(f"Recommendation 7: {body}\n")))["publications"][0]["items"]
    assert item["text"] == body
    assert item["addressees"][0] == "Home Office"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The Home Office should undertake an urgent review of the role.", None),
        ("The NCJB should instigate swift reform. Scrutiny needs to be in place immediately.", "immediately"),
        ("They should act in a timely way until DAPOs replace DVPNs.", None),
        ("Changes should be made as soon as possible.", "as soon as possible"),
        ("By Winter 2021, the force should publish its plan.", "By Winter 2021"),
        ("The guidance issued in September 2019 by the NPCC should be adopted.", None),
        (
            "HMICFRS should report within six months of the date of publication of this report.",
            "within six months of the date of publication of this report",
        ),
        ("Supported by 2000 officers, the force should act.", None),
        ("The force should add staff so that it can assess all intelligence within 7 days.", None),
        ("Forces should make sure that victims are called back within two weeks.", None),
        ("Forces should make sure that, within 28 days, every case is reviewed.", "within 28 days"),
        ("The force should review its policy within 14 days.", "within 14 days"),
        ("The force should make sure that all staff are vetted within six months.", "within six months"),
        (
            "Within six months of the report’s publication, forces should act.",
            "Within six months of the report’s publication",
        ),
        ("Within a year of its publication, the College should act.", "Within a year of its publication"),
    ],
)
def test_deadline_phrases_found(text: str, phrase: str | None) -> None:
    assert find_deadline(text) == phrase


@pytest.mark.parametrize(
    ("text", "addressees"),
    [
        (
            "By 30 November 2021, the NCA, in consultation with ROCUs, forces and the Home Office, "
            "should consider it.",
            ["NCA"],
        ),
        (
            "The director general, with the Home Office, should review it.",
            ["Director General of the NCA", "Home Office"],
        ),
        (
            "Chief Constables, in conjunction with the NPCC lead for bail, should act.",
            ["Chief constables", "NPCC lead for bail"],
        ),
        ("The Home Office should work with the College of Policing to develop it.", ["Home Office"]),
        (
            "The National Police Chiefs’ Council lead for serious organised crime should act. "
            "Chief constables should comply.",
            ["NPCC lead for serious and organised crime", "Chief constables"],
        ),
        (
            "1) Home Office and Ministry of Justice to each provide a report; and 2) NPCC to collate "
            "chief constables' progress.",
            ["Home Office", "Ministry of Justice", "NPCC"],
        ),
        ("In light of changes, we propose that HMICFRS should consider it.", ["HMICFRS"]),
        ("The recent appointment of the Minister for Crime should make sure of it.", []),
        (
            "The NPCC and the Home Office should appoint a lead. The lead should report monthly.",
            ["NPCC", "Home Office"],
        ),
        (
            "By June, the NPCC VAWG lead should act. By July, the national lead should report.",
            ["NPCC VAWG lead"],
        ),
        ("The police and the CPS should review it. They should implement changes.", ["Police forces", "CPS"]),
        (
            "All police forces and relevant partner agencies should record it.",
            ["Police forces", "Partner agencies"],
        ),
        ("There should be an immediate commitment. Structures and funding should be put in place.", []),
    ],
)
def test_addressees(text: str, addressees: list[str]) -> None:
    assert find_addressees(text) == addressees


@pytest.mark.parametrize(
    ("text", "kind", "number", "cause"),
    [
        (
            "Recommendation 10 (cause for concern): With immediate effect, act.",
            Kind.RECOMMENDATION,
            "10",
            True,
        ),
        ("Recommendation 2 – cause of concern: The force should act.", Kind.RECOMMENDATION, "2", True),
        ("AFI 3 – The force should act.", Kind.AREA_FOR_IMPROVEMENT, "3", False),
        ("Area for improvement 1", Kind.AREA_FOR_IMPROVEMENT, "1", False),
        ("Action 4: HMICFRS should consider it.", Kind.ACTION, "4", False),
        ("Cause of concern: The force is slow.", Kind.CAUSE_OF_CONCERN, "", True),
    ],
)
def test_labels(text: str, kind: Kind, number: str, cause: bool) -> None:
    label = parse_label(text)
    assert label is not None
    assert (label.kind, label.number, label.cause_for_concern) == (kind, number, cause)


@pytest.mark.parametrize(
    "text",
    [
        "AFI 7 remains open and is rated amber.",
        "AFI 7 – progress was discussed at the meeting.",
        "Recommendation 3 was accepted by the force.",
        "Action plan: to follow.",
        "Recommendations were discussed.",
    ],
)
def test_mentions_are_not_labels(text: str) -> None:
    assert parse_label(text) is None


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("6 months from publication (05/09/2026)", date(2026, 9, 5)),
        ("Within three months (by 14 December 2025)", date(2025, 12, 14)),
        ("By 30 June 2026", date(2026, 6, 30)),
    ],
)
def test_a_date_in_brackets_is_what_the_deadline_works_out_to(phrase: str, due: date) -> None:
    from automation.importing.phrases import resolve

    assert resolve(phrase, date(2025, 9, 14)).date == due
