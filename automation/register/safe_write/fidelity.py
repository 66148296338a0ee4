"""Does the saved copy lose anything the workbook had? Compare the two packages.

openpyxl keeps what it understands and silently drops the rest. After the one save, the
original and saved zip packages are compared: which kinds of part disappeared, which Excel
2010+ extensions sit in the sheets (openpyxl drops every ``extLst``), which drawings hold
shapes or charts, which sheet settings the copy lacks, and what openpyxl warned about while
loading and saving. Anything lost refuses the write, naming the sheet and saying how to
proceed. Harmless changes (calculation chain, printer driver blobs, cached formula results,
note box sizes) are returned as notes instead. Sheet settings are parsed with the cells
taken out (``Package.settings_xml``), so this costs little even on a large register.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from openpyxl import Workbook

from automation.core.errors import WriteRefused

from .package import MAIN, Package

XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
ADD_BY_HAND = "add the new rows by hand in Excel"  # what a job that cannot write can do instead
BY_HAND = "{by_hand}"  # in each fix below, filled in with the job's own way to do it by hand
EXCEL_ONLY = f"{BY_HAND}; or remove this from the workbook, run tracker again, then put it back in Excel"

# Extensions inside a sheet's <extLst>, by uri (upper case): what it is, how to proceed.
SHEET_EXTENSIONS: dict[str, tuple[str, str]] = {
    "{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}": (
        "a drop-down (data validation) stored as an Excel 2010 extension (x14), usually a list "
        "whose source is on another sheet",
        "re-create the drop-down as a list from a named range (Formulas > Define Name, then "
        f"Data Validation source '=TheName'), or {BY_HAND}",
    ),
    "{78C0D931-6437-407D-A8EE-F0AAD7539E65}": (
        "conditional formatting stored as an Excel 2010 extension (x14: data bars, icon sets "
        "or rules that refer to other sheets)",
        f"replace it with a classic rule (e.g. a formula rule on the same sheet), or {BY_HAND}",
    ),
    "{05C60535-1F16-4FD2-B633-F4F36F0B64E0}": (
        "sparklines",
        f"move the sparklines to a separate sheet or workbook, or {BY_HAND}",
    ),
    "{A8765BA9-456A-4DAB-B4F3-ACF838C121DE}": ("slicers", EXCEL_ONLY),
    "{3A4CF648-6AED-40F4-86FF-DC5316D8AED3}": ("table slicers", EXCEL_ONLY),
    "{7E03D99C-DC04-49D9-9315-930204A7B6E9}": ("timelines", EXCEL_ONLY),
    "{FC87AEE6-9EDD-4A0A-B7FB-166176984837}": ("protected ranges (Excel 2013+)", EXCEL_ONLY),
    "{01252117-D84E-4E92-8308-4BE1C098FCBB}": ("ignored-error settings (Excel 2010+)", EXCEL_ONLY),
    "{F7C9EE02-42E1-4005-9D12-6889AFFD525C}": ("an Office add-in (web extension)", EXCEL_ONLY),
}

SHEET_ELEMENTS = {
    "oleObjects": "embedded (OLE) objects",
    "controls": "form or ActiveX controls (buttons, check boxes)",
    "picture": "a background picture",
}

# Sheet elements openpyxl drops, found by comparing before and after a save.
DROPPED_ELEMENTS = {
    "ignoredErrors": (
        "green error triangles someone chose to ignore",
        "in Excel, File > Options > Formulas > Reset Ignored Errors, save, then run tracker "
        f"again; or {BY_HAND}",
    ),
    "customSheetViews": (
        "custom views (View > Custom Views)",
        f"delete the custom views, or {BY_HAND}",
    ),
}

# Sheet elements openpyxl drops that change nothing an officer relies on.
HARMLESS_ELEMENTS = {"phoneticPr"}  # how East Asian phonetic guides would display

# Package parts openpyxl does not write back, by content type.
PART_NAMES = {
    "application/vnd.ms-excel.threadedcomments+xml": "threaded comments (Excel 365 comments)",
    "application/vnd.ms-excel.person+xml": "the people list of threaded comments",
    "application/vnd.ms-excel.slicer+xml": "slicers",
    "application/vnd.ms-excel.slicerCache+xml": "slicer caches",
    "application/vnd.ms-excel.timeline+xml": "timelines",
    "application/vnd.ms-excel.timelineCache+xml": "timeline caches",
    "application/vnd.openxmlformats-officedocument.drawing+xml": "drawings",
    "application/vnd.ms-office.chartstyle+xml": "chart styles",
    "application/vnd.ms-office.chartcolorstyle+xml": "chart colour styles",
    "application/vnd.ms-excel.controlproperties+xml": "form controls",
    "application/vnd.ms-office.activeX+xml": "ActiveX controls",
    "application/vnd.ms-office.vbaProject": "macros (VBA project)",
    "application/vnd.ms-office.classificationlabels+xml": "the sensitivity label",
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml": "custom XML data",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml": "dynamic-array formula metadata (FILTER, UNIQUE, SORT spill formulas)",  # noqa: E501
    "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml": "data connections (Power Query / external data)",  # noqa: E501
    "application/vnd.openxmlformats-officedocument.spreadsheetml.queryTable+xml": "query tables",
    "application/vnd.openxmlformats-officedocument.vmlDrawing": "legacy (VML) drawings",
    "application/xml": "custom XML data (e.g. SharePoint or document-management metadata)",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml": "custom document properties",
}

TOLERATED = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml": "the calculation chain is dropped (Excel rebuilds it)",  # noqa: E501
    "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings": "printer driver settings are dropped (page setup itself is kept)",  # noqa: E501
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml": "text is stored inline instead of in the shared-strings table (Excel converts it back)",  # noqa: E501
    "application/vnd.openxmlformats-package.relationships+xml": None,
}

THUMBNAIL = "docProps/thumbnail"
HARMLESS_WARNINGS = ("Workbook contains no default style",)


@dataclass(frozen=True)
class Loss:
    where: str
    what: str
    fix: str
    kind: str = "part"


def check_saved(
    original: Package, saved: Package, messages: list[str], *, name: str, by_hand: str = ADD_BY_HAND
) -> tuple[str, ...]:
    """Refuse (WriteRefused) if the saved copy lost anything the original had; ``messages``
    are openpyxl's warnings from loading and saving; ``by_hand`` is what the job's user can do
    by hand instead. Returns notes about harmless changes."""
    sheets = original.sheets
    losses = [*_sheet_losses(original, sheets), *_drawing_losses(original, sheets)]
    losses += _part_losses(original, saved, sheets, losses)
    losses += _element_losses(original, saved, sheets, losses)
    losses += _warning_losses(messages, losses)
    if losses:
        raise refusal(losses, name, by_hand)
    return _notes(original, saved, sheets)


def close(wb: Workbook) -> None:
    """Close the in-memory zip openpyxl keeps for .xlsm files (else a noisy __del__ later)."""
    if wb.vba_archive is not None:
        wb.vba_archive.close()


def refusal(losses: list[Loss], name: str, by_hand: str = ADD_BY_HAND) -> WriteRefused:
    lines = [
        f"  - {loss.where}: {loss.what}. To proceed: {loss.fix.replace(BY_HAND, by_hand)}" for loss in losses
    ]
    return WriteRefused(
        "nothing was written, because saving with openpyxl would lose:\n" + "\n".join(lines),
        where=name,
        fix="the workbook is unchanged; deal with each item above and run again",
    )


# --------------------------------------------------------------------------- what gets lost


def _sheet_losses(package: Package, sheets: dict[str, str]) -> list[Loss]:
    losses = []
    for name, part in sheets.items():
        if not package.has(part):
            continue
        root = ET.fromstring(package.settings_xml(part))
        where = f"sheet '{name}'"
        for ext in root.iterfind(f"{MAIN}extLst/{MAIN}ext"):
            uri = ext.get("uri", "").upper()
            what, fix = SHEET_EXTENSIONS.get(uri, (f"an Excel extension ({uri})", EXCEL_ONLY))
            losses.append(Loss(where, what, fix, kind="extension"))
        for tag, what in SHEET_ELEMENTS.items():
            if root.find(f"{MAIN}{tag}") is not None:
                losses.append(Loss(where, what, EXCEL_ONLY, kind="element"))
    return losses


def _element_losses(
    original: Package, copy: Package, sheets: dict[str, str], known: list[Loss]
) -> list[Loss]:
    """Any other part of a sheet's XML that the saved copy lacks (ignored-error marks,
    custom views, ...): compared after the save rather than listed in advance."""
    reported = {(loss.where, loss.kind) for loss in known}
    copied = copy.sheets
    losses = []
    for name, part in sheets.items():
        where = f"sheet '{name}'"
        if not original.has(part) or not copy.has(copied.get(name, "")):
            continue
        before = _child_tags(original.settings_xml(part), keep_empty=False)
        after = _child_tags(copy.settings_xml(copied[name]))
        for tag in sorted(before - after - {"extLst", *SHEET_ELEMENTS, *HARMLESS_ELEMENTS}):
            if (where, "element") not in reported:
                what, fix = DROPPED_ELEMENTS.get(tag, (f"its <{tag}> settings", EXCEL_ONLY))
                losses.append(Loss(where, what, fix, kind="element"))
    return losses


def _child_tags(xml: bytes, *, keep_empty: bool = True) -> set[str]:
    """The sheet's settings elements; without ``keep_empty``, those that say nothing (such as
    the empty header and footer LibreOffice writes) are left out: losing them loses nothing."""
    root = ET.fromstring(xml)
    return {child.tag.rpartition("}")[2] for child in root if keep_empty or not is_empty(child)}


_NOTHING = ("", "0", "false")


def is_empty(element: ET.Element) -> bool:
    """True when an element and everything in it carries no text and only off/zero flags."""
    return all(
        not (node.text or "").strip() and all(v.strip().casefold() in _NOTHING for v in node.attrib.values())
        for node in element.iter()
    )


def _drawing_losses(package: Package, sheets: dict[str, str]) -> list[Loss]:
    losses = []
    for name, part in sheets.items():
        for kind, target in package.relationships(part):
            if kind == DRAWING_REL and package.has(target):
                losses += _one_drawing(package.read(target), f"sheet '{name}'")
    return losses


def _one_drawing(xml: bytes, where: str) -> list[Loss]:
    root = ET.fromstring(xml)
    found: Counter[str] = Counter()
    for tag in ("sp", "grpSp", "cxnSp", "contentPart"):
        found["shapes, text boxes or ink"] += sum(1 for _ in root.iter(f"{XDR}{tag}"))
    for frame in root.iter(f"{XDR}graphicFrame"):
        data = frame.find(f".//{A}graphicData")
        uri = data.get("uri", "") if data is not None else ""
        label = "charts" if uri == CHART_URI else "slicers, timelines or SmartArt"
        found[label] += 1
    fixes = {
        "charts": "openpyxl rewrites charts and can change or break their styling; move the "
        f"chart to a separate workbook that links to the register, or {BY_HAND}",
    }
    default_fix = f"move them to a separate sheet or workbook, or {BY_HAND}"
    return [
        Loss(where, f"{count} {label}", fixes.get(label, default_fix), kind="drawing")
        for label, count in found.items()
        if count
    ]


def _part_losses(original: Package, copy: Package, sheets: dict[str, str], known: list[Loss]) -> list[Loss]:
    after = Counter(copy.content_types.values())
    found: dict[str, list[str]] = {}
    for part, kind in original.content_types.items():
        if kind not in TOLERATED and not part.startswith(THUMBNAIL):
            found.setdefault(kind, []).append(part)
    lost = {  # an empty part dropped loses nothing; only kinds the copy has fewer of are looked at
        kind: [p for p in parts if not _empty_part(original, p)] if len(parts) > after.get(kind, 0) else parts
        for kind, parts in found.items()
    }
    owners = {
        target: f"sheet '{name}'"
        for name, sheet in sheets.items()
        for _, target in original.relationships(sheet)
    }
    drawing_reported = any(loss.kind == "drawing" for loss in known)
    losses = []
    for kind, parts in lost.items():
        if len(parts) <= after.get(kind, 0) or (drawing_reported and kind.endswith("drawing+xml")):
            continue
        label = PART_NAMES.get(kind, f"parts of type {kind}")
        where = " and ".join(sorted({owners.get(p, "workbook") for p in parts}))
        losses.append(Loss(where, f"{label} ({', '.join(sorted(parts)[:3])})", EXCEL_ONLY))
    return losses


def _empty_part(package: Package, part: str) -> bool:
    """An XML part holding nothing, such as the empty custom-properties part LibreOffice
    writes: dropping it loses nothing."""
    if not part.endswith(".xml") or not package.has(part):
        return False
    try:
        return is_empty(ET.fromstring(package.read(part)))
    except ET.ParseError:
        return False


def _warning_losses(messages: list[str], known: list[Loss]) -> list[Loss]:
    kinds = {loss.kind for loss in known}
    losses = []
    for message in dict.fromkeys(messages):
        explained = (
            message.startswith(HARMLESS_WARNINGS)
            or ("extension is not supported" in message and "extension" in kinds)
            or (message.startswith("DrawingML support") and "drawing" in kinds)
        )
        if not explained:
            losses.append(Loss("workbook", f"openpyxl warned: {message}", EXCEL_ONLY, "warning"))
    return losses


def _notes(original: Package, copy: Package, sheets: dict[str, str]) -> tuple[str, ...]:
    notes = []
    names = set(copy.names)
    for part, kind in original.content_types.items():
        note = TOLERATED.get(kind)
        if note and part not in names and note not in notes:
            notes.append(note)
    if any(p.startswith(THUMBNAIL) for p in original.names):
        notes.append("the file-preview thumbnail is dropped")
    sheet_xml = [original.read(p) for p in sheets.values() if original.has(p)]
    if any(b"<f>" in x or b"<f " in x for x in sheet_xml):
        notes.append("cached formula results are removed; Excel recalculates on open")
    kept = {copy.read(p) for p in copy.names if "comment" in p}
    if any("comments" in p and original.read(p) not in kept for p in original.names):
        notes.append("note (comment) boxes go back to their default size and position")
    return tuple(notes)
