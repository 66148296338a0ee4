"""Word text boxes for the corpus, as Word 2010 and later writes them: a drawing
(``wps:txbx``) for Word, and the same box again in VML (``v:textbox``) as the fallback
other programs read, both inside ``mc:AlternateContent`` in a run of the anchoring
paragraph. The box holds ordinary paragraphs (``w:txbxContent``)."""

from __future__ import annotations

import copy
from typing import Any

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
_DECLARED = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NS.items())
_RUN = f"""<w:r {_DECLARED}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="{{z}}"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="5400000" cy="{{height}}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>
<wp:docPr id="{{z}}" name="Text Box {{z}}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="{{height}}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="E7EEF7"/></a:solidFill></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" anchor="t"><a:spAutoFit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" path="m,l,21600r21600,l21600,xe"/>
<v:shape id="Text Box {{z}}" type="#_x0000_t202" fillcolor="#e7eef7" style="width:425pt;height:{{points}}pt">
<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


class Boxes:
    """The text boxes of a document being written: '[[' opens one, ']]' puts what was
    written since into it."""

    def __init__(self, word: Any) -> None:
        self.word = word
        self.starts: list[int] = []
        self.made = 0

    def take(self, kind: str) -> bool:
        """Whether the markup block was a box's start or end (and is done with)."""
        if kind == "box":
            self.starts.append(body_length(self.word))
        elif kind == "boxed":
            self.made += 1
            box_paragraphs(self.word, self.starts.pop(), self.made)
        return kind in ("box", "boxed")


def box_paragraphs(word: Any, start: int, number: int) -> None:
    """Move the body's paragraphs from index ``start`` on into a text box anchored in a new
    paragraph in their place."""
    from docx.oxml import parse_xml

    body = word.element.body
    moved = [child for child in list(body.iterchildren())[start:] if not child.tag.endswith("sectPr")]
    height = 400000 * max(1, len(moved))
    run = parse_xml(_RUN.format(z=number, height=height, points=height // 12700))
    for content in run.iter(f"{{{_NS['w']}}}txbxContent"):
        content.extend(copy.deepcopy(child) for child in moved)
    for child in moved:
        body.remove(child)
    anchor = word.add_paragraph()
    anchor._p.append(run)


def body_length(word: Any) -> int:
    return sum(1 for child in word.element.body.iterchildren() if not child.tag.endswith("sectPr"))
