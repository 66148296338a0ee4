"""The built-in assurance meeting pack template (``templates/meeting_pack.docx``)."""

from __future__ import annotations

from pathlib import Path

from automation.reports.writers.docx_template import NUMBERED, SECTION, new_document, para, table, tag


def _decisions(doc: object) -> None:
    para(doc, "Items awaiting sign-off (for decision) ({{ pack.awaiting_sign_off|length }})", SECTION)
    tag(doc, "{%p for line in pack.awaiting_sign_off %}")
    item = para(doc, "", NUMBERED, keep_with_next=True)
    item.add_run("{{ line.ref }}, {{ line.publication }}").bold = True
    item.add_run(
        " (owner {{ line.owner or '–' }}{% if line.executive_lead %}; executive lead {{ line.executive_lead }}{% endif %})"
    )
    para(doc, "Item: {{ line.text }}", "List Bullet")
    para(doc, "Evidence: {{ line.evidence or 'none recorded' }}", "List Bullet")
    para(
        doc,
        "Latest update: {{ line.progress or 'none' }}{% if line.last_update %} ({{ line.last_update|ddmmyyyy }}){% endif %}",
        "List Bullet",
    )
    para(doc, "Decision: sign off / return to the owner", "List Bullet")
    tag(doc, "{%p else %}")
    para(doc, "None.")
    tag(doc, "{%p endfor %}")


def build(path: Path) -> None:
    doc = new_document("{{ pack.options.marking }}", landscape=True)
    para(doc, "Business Assurance Meeting: HMICFRS recommendations", "Title")
    para(
        doc,
        "The register as at {{ pack.as_of|long }}. For decision: {{ pack.awaiting_sign_off|length|items }} awaiting "
        "sign-off and {{ pack.extensions|length }} target-date "
        "{{ 'extension' if pack.extensions|length == 1 else 'extensions' }} requested. For attention: "
        "{{ pack.red|length }} red {{ 'item' if pack.red|length == 1 else 'items' }}.",
    )
    _decisions(doc)
    para(doc, "Red items ({{ pack.red|length }})", SECTION)
    tag(doc, "{%p if pack.red %}")
    table(
        doc,
        ("Publication", "Ref", "Owner", "Due", "Why", "Latest update"),
        (
            "{{ line.publication }}",
            "{{ line.ref }}",
            "{{ line.owner or '–' }}",
            "{{ line.due|ddmmyyyy }}",
            "{% cellbg line.colour %}{{ line.reason }}",
            "{{ line.progress or '–' }}",
        ),
        "line in pack.red",
        (7.0, 3.2, 3.2, 2.2, 3.4, 6.7),
    )
    tag(doc, "{%p else %}")
    para(doc, "None.")
    tag(doc, "{%p endif %}")
    para(doc, "Target-date extensions requested ({{ pack.extensions|length }})", SECTION)
    tag(doc, "{%p if pack.extensions %}")
    table(
        doc,
        ("Publication", "Ref", "Owner", "Due now", "Requested", "Reason", "Received"),
        (
            "{{ r.publication }}",
            "{{ r.ref }}",
            "{{ r.owner or '–' }}",
            "{{ r.current_due|ddmmyyyy }}",
            "{{ r.requested|ddmmyyyy }}",
            "{{ r.reason or '–' }}",
            "{{ r.received|ddmmyyyy }}",
        ),
        "r in pack.extensions",
        (6.5, 3.0, 3.0, 2.2, 2.2, 6.6, 2.2),
    )
    tag(doc, "{%p else %}")
    para(doc, "None requested.")
    tag(doc, "{%p endif %}")
    para(doc, "PCC responses under section 55 due or late ({{ pack.s55_due|length }})", SECTION)
    tag(doc, "{%p for r in pack.s55_due %}")
    para(
        doc,
        "{{ r.publication.title }}: due {{ r.due|ddmmyyyy }} ({{ r.rating.rag.value }}: {{ r.rating.reason }})",
        "List Bullet",
    )
    tag(doc, "{%p else %}")
    para(doc, "None.")
    tag(doc, "{%p endfor %}")
    para(doc, "Changes since the last meeting ({{ pack.since|long }})", SECTION)
    tag(doc, "{%p if pack.changes.recorded_from is none %}")
    para(
        doc,
        "No history has been recorded yet: the weekly run (or tracker snapshot) records every item's state from now on.",
    )
    tag(doc, "{%p else %}")
    tag(doc, "{%p for kind, found in pack.changes.by_kind %}")
    para(
        doc,
        "{{ kind.value }} ({{ found|length }}){% if found %}: {{ found|events }}{% endif %}",
        "List Bullet",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    doc.core_properties.title = "Business Assurance Meeting pack"
    doc.core_properties.author = "tracker"
    doc.save(str(path))
