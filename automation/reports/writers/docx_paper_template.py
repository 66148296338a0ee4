"""The built-in committee paper template (``templates/committee_paper.docx``)."""

from __future__ import annotations

from pathlib import Path

from automation.reports.writers.docx_template import (
    NUMBERED,
    SECTION,
    heading_block,
    new_document,
    para,
    table,
    tag,
)

OPT = "paper.options"


def _publications(doc: object) -> None:
    tag(doc, "{%p for pub in paper.publications %}")
    para(doc, "{{ pub.title }}", SECTION)
    para(
        doc,
        "On {{ pub.published|long }}, {{ " + OPT + '.inspectorate }} published "{{ pub.title }}"'
        "{% if pub.type %} ({{ pub.type|lower }}){% endif %}.",
        NUMBERED,
    )
    tag(doc, "{%p if pub.summary %}")
    para(doc, "{{ pub.summary }}", NUMBERED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if pub.items %}")
    para(
        doc,
        "The report makes {{ pub.kinds_phrase }}{% if pub.causes_of_concern %} ({{ pub.causes_of_concern }} "
        "{{ 'is a cause' if pub.causes_of_concern == 1 else 'are causes' }} for concern){% endif %}; "
        "{{ pub|force_phrase }}:",
        NUMBERED,
    )
    tag(doc, "{%p for line in pub.items %}")
    item = para(doc, "", NUMBERED)
    item.add_run("{{ line.heading }}:").bold = True
    item.add_run(" {{ line.text }}")
    item.add_run("{% if line.deadline_unsaid %} (Deadline: {{ line.deadline }}){% endif %}").italic = True
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "The report makes no recommendations.", NUMBERED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if pub.s55 %}")
    para(doc, "{{ pub.s55|s55_sentence }}", NUMBERED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if pub.items %}")
    para(doc, "Where each item stands:", keep_with_next=True)
    table(
        doc,
        ("Ref", "Item", "Owner", "Due", "Rating", "Latest update"),
        (
            "{{ line.ref }}",
            "{{ line.short_text }}",
            "{{ line.owner or '–' }}",
            "{{ line.due|ddmmyyyy }}",
            "{% cellbg line.colour %}{{ line.rag.value }}: {{ line.reason }}",
            "{{ line.progress or '–' }}{% if line.last_update %} ({{ line.last_update|ddmmyyyy }}){% endif %}",
        ),
        "line in pub.items",
        (3.3, 4.3, 2.2, 2.0, 2.2, 3.0),
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def _register(doc: object) -> None:
    para(doc, "The register as a whole", SECTION)
    para(doc, "As at {{ paper.as_of|long }} the register holds {{ paper.total|items }}:", NUMBERED)
    table(
        doc,
        ("Rating", "Items"),
        ("{% cellbg rag_colour(row[0]) %}{{ row[0].value }}", "{{ row[1] }}"),
        "row in paper.counts.items()",
        (4, 3),
    )
    para(doc, "Overdue ({{ paper.overdue|length }}):", NUMBERED)
    _list_table(
        doc,
        "paper.overdue",
        ("Publication", "Ref", "Owner", "Due", "Why"),
        (
            "{{ line.publication }}",
            "{{ line.ref }}",
            "{{ line.owner or '–' }}",
            "{{ line.due|ddmmyyyy }}",
            "{{ line.reason }}",
        ),
        (6.5, 2.8, 2.8, 2.2, 2.7),
    )
    para(doc, "Awaiting sign-off at the assurance meeting ({{ paper.awaiting_sign_off|length }}):", NUMBERED)
    _list_table(
        doc,
        "paper.awaiting_sign_off",
        ("Publication", "Ref", "Owner", "Evidence"),
        ("{{ line.publication }}", "{{ line.ref }}", "{{ line.owner or '–' }}", "{{ line.evidence or '–' }}"),
        (6.0, 2.8, 2.8, 5.4),
    )
    para(doc, "PCC responses under section 55 due or late ({{ paper.s55_due|length }}):", NUMBERED)
    tag(doc, "{%p if paper.s55_due %}")
    table(
        doc,
        ("Publication", "Published", "Response due", "Rating"),
        (
            "{{ r.publication.title }}",
            "{{ r.publication.published|ddmmyyyy }}",
            "{{ r.due|ddmmyyyy }}",
            "{% cellbg rag_colour(r.rating.rag) %}{{ r.rating.rag.value }}: {{ r.rating.reason }}",
        ),
        "r in paper.s55_due",
        (7.5, 2.5, 2.5, 4.5),
    )
    tag(doc, "{%p else %}")
    para(doc, "None.")
    tag(doc, "{%p endif %}")
    _changes(doc)


def _list_table(doc: object, source: str, headers: tuple, cells: tuple, widths: tuple) -> None:
    tag(doc, "{%p if " + source + " %}")
    table(doc, headers, cells, "line in " + source, widths)
    tag(doc, "{%p else %}")
    para(doc, "None.")
    tag(doc, "{%p endif %}")


def _changes(doc: object) -> None:
    para(doc, "Changes since {{ paper.since|long }}:", NUMBERED)
    tag(doc, "{%p if paper.changes.recorded_from is none %}")
    para(
        doc,
        "No history has been recorded yet, so changes cannot be listed: the weekly run (or "
        "tracker snapshot) records every item's state from now on.",
    )
    tag(doc, "{%p else %}")
    tag(doc, "{%p if not paper.changes.complete %}")
    para(
        doc,
        "The history starts on {{ paper.changes.recorded_from|long }}; changes before then are not known.",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for kind, found in paper.changes.by_kind %}")
    para(
        doc,
        "{{ kind.value }} ({{ found|length }}){% if found %}: {{ found|events }}{% endif %}",
        "List Bullet",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Open items with no update since {{ paper.since|long }}: {{ paper.no_update|length }}"
        "{% if paper.no_update %} ({{ paper.no_update|refs }}){% endif %}.",
        NUMBERED,
    )


def build(path: Path) -> None:
    doc = new_document("{{ paper.options.marking }}")
    para(doc, "{{ paper.options.marking }}").runs[0].bold = True
    heading_block(
        doc,
        (
            ("To:", "{{ " + OPT + ".to }}"),
            (
                "From:",
                "{{ "
                + OPT
                + ".sender }}{% if "
                + OPT
                + ".department %}, {{ "
                + OPT
                + ".department }}{% endif %}",
            ),
            ("Date:", "{{ paper.as_of|long }}"),
            ("Subject:", "{{ paper.subject }}"),
        ),
    )
    para(doc, "Purpose", "Heading 1")
    para(
        doc,
        "The purpose of this paper is to provide an overview of reports published by {{ "
        + OPT
        + ".inspectorate }} "
        "between {{ paper.period_from|long }} and {{ paper.period_to|long }}, the recommendations they make, "
        "and where each stands in the force's register as at {{ paper.as_of|long }}.",
    )
    para(doc, "Overview of publications", "Heading 1")
    tag(doc, "{%p if not paper.publications %}")
    para(doc, "No {{ " + OPT + ".inspectorate }} publications are recorded as published in this period.")
    tag(doc, "{%p endif %}")
    _publications(doc)
    _register(doc)
    para(doc, "Recommendation", SECTION)
    para(
        doc,
        "The {{ "
        + OPT
        + ".to }} is asked to note the content of this paper: {{ paper.items_of_period|items }} from "
        "{{ paper.publications|length|publications }} published in the period, {{ paper.overdue|length }} overdue "
        "across the register, {{ paper.awaiting_sign_off|length }} awaiting sign-off, and "
        "{{ paper.s55_due|length }} s.55 {{ 'response' if paper.s55_due|length == 1 else 'responses' }} due or late.",
        NUMBERED,
    )
    doc.core_properties.title = "Overview of HMICFRS publications"
    doc.core_properties.author = "tracker"
    doc.save(str(path))
