"""Messages built part by part read back as the email package's own would: same structure,
same text, same files, 7-bit lines no relay refuses."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from automation.mail.mime import Attachment, build_message
from automation.mail.render import Rendered

TRICKY = (
    "£ – ✓ café\nline with trailing spaces   \nand a tab\t\n=3D is not an escape\n.\n"
    "From the start\r\nold Mac line\rend\n--==alt-fake==\n" + "x" * 200 + "\n" + "é" * 100
)


def _stock(rendered: Rendered, files: list[Attachment]) -> EmailMessage:
    """The same message made the email package's own way."""
    message = EmailMessage(policy=email.policy.default)
    message["Subject"] = rendered.subject
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    for f in files:
        maintype, _, subtype = f.content_type.partition("/")
        message.add_attachment(f.data, maintype=maintype, subtype=subtype, filename=f.filename)
    return message


def _ours(rendered: Rendered, files: list[Attachment]) -> bytes:
    message = build_message(
        rendered,
        sender="tracker@force.police.uk",
        to=["a@force.police.uk"],
        cc=[],
        key="k",
        attachments=lambda: files,
    )
    return message.as_bytes(policy=email.policy.SMTP)


def _read(data: bytes) -> EmailMessage:
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _same(text: str, html: str, files: list[Attachment]) -> None:
    rendered = Rendered("OFFICIAL: a subject – week 2021-W39", text, html)
    data, theirs = _ours(rendered, files), _stock(rendered, files).as_bytes(policy=email.policy.SMTP)
    longest = max(78, *map(len, theirs.split(b"\r\n")))  # a long content type cannot be folded
    assert all(len(line) <= longest for line in data.split(b"\r\n"))
    assert data.isascii() and b"\n" not in data.replace(b"\r\n", b"")
    ours, stock = _read(data), _read(theirs)
    assert [p.get_content_type() for p in ours.walk()] == [p.get_content_type() for p in stock.walk()]
    for kind in ("plain", "html"):
        mine, theirs = ours.get_body((kind,)), stock.get_body((kind,))
        assert mine is not None and theirs is not None
        # a quoted-printable part's line breaks read back as sent (CRLF), a base64 one's as encoded
        assert mine.get_content().replace("\r\n", "\n") == theirs.get_content().replace("\r\n", "\n")
    got = [(a.get_filename(), a.get_payload(decode=True)) for a in ours.iter_attachments()]
    assert got == [(f.filename, f.data) for f in files]
    assert ours["Subject"] == stock["Subject"]


def test_tricky_text_and_files_read_back_as_the_email_package_writes_them() -> None:
    files = [
        Attachment("update-2021-W39-Zoë Ångström.xlsx", bytes(range(256)) * 40),
        Attachment("empty.xlsx", b""),
    ]
    _same(TRICKY, f"<p>{TRICKY}</p>", files)
    _same("", "", [])


@settings(max_examples=40, deadline=None)
@given(st.text(), st.text(), st.binary(max_size=300))
def test_any_text_and_file_read_back_unchanged(text: str, html: str, data: bytes) -> None:
    _same(text, html, [Attachment("f.xlsx", data)])


def test_each_message_has_its_own_headers_over_shared_parts() -> None:
    rendered = Rendered("subject", "text", "<p>html</p>")
    files = [Attachment("a.xlsx", b"PK")]
    first, second = (
        build_message(rendered, sender="t@force.police.uk", to=[to], cc=[], key=to, attachments=lambda: files)
        for to in ("a@force.police.uk", "b@force.police.uk")
    )
    assert first["To"] == "a@force.police.uk" and second["To"] == "b@force.police.uk"
    assert first["Message-ID"] != second["Message-ID"]
    assert first["X-Tracker-Key"] == "a@force.police.uk"
