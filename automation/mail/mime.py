"""Building the MIME messages: a plain-text part, an HTML alternative, and attached files.

The email package's ``set_content``, ``add_alternative`` and ``add_attachment`` parse every
header they write (again each time a part moves into a multipart), encode quoted-printable
in pure Python and, when a message is written, search its whole text for a boundary: most
of the cost of a message. Here each part is made as it will stay, with the same structure,
headers and encodings: the bodies are encoded by ``binascii`` (C), the headers that every
message shares (the sender, the parts' types) are parsed once and reused (a parsed header is
never changed in place), and each multipart gets a boundary no encoded part can contain.
"""

from __future__ import annotations

import binascii
import email.policy
import functools
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Protocol


class _HeaderClasses(HeaderRegistry):
    """The standard registry makes a new header class on every lookup, which is most of the
    cost of a message; make each class once."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        if key not in self._made:
            self._made[key] = super().__getitem__(name)
        return self._made[key]


POLICY = email.policy.default.clone(header_factory=_HeaderClasses())
_LINE = 76  # base64 characters a line, as the email package writes them

# No line of an encoded part can be "--" and such a boundary: "==" never occurs in
# quoted-printable ('=' starts an escape of two hex digits or ends a line) and '-' never in
# base64. The random part keeps a header (a file name) from guessing it. Nested multiparts
# need different boundaries.
_BOUNDARY = {subtype: f"=={subtype[:3]}-{secrets.token_hex(12)}==" for subtype in ("mixed", "alternative")}


class Rendered(Protocol):
    """A message's words: its subject, plain text and HTML."""

    @property
    def subject(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def html(self) -> str: ...


@dataclass(frozen=True)
class Attachment:
    """A file a message carries, e.g. an owner's return workbook."""

    filename: str
    data: bytes
    content_type: str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@functools.lru_cache(maxsize=64)
def _shared(name: str, value: str) -> BaseHeader:
    """A header many messages carry alike, parsed once."""
    header: BaseHeader = POLICY.header_factory(name, value)
    return header


def _text_part(text: str, subtype: str) -> EmailMessage:
    """UTF-8 text, quoted-printable (7-bit safe for any relay), lines ending as the email
    package ends them (a trailing line break added)."""
    body = b"\n".join(text.encode("utf-8").splitlines()) + b"\n"
    part = EmailMessage(policy=POLICY)
    part["Content-Type"] = _shared("Content-Type", f'text/{subtype}; charset="utf-8"')
    part["Content-Transfer-Encoding"] = _shared("Content-Transfer-Encoding", "quoted-printable")
    part.set_payload(binascii.b2a_qp(body, istext=True).decode("ascii"))
    return part


def _file_part(attachment: Attachment) -> EmailMessage:
    encoded = binascii.b2a_base64(attachment.data, newline=False).decode("ascii")
    lines = [encoded[at : at + _LINE] for at in range(0, len(encoded), _LINE)]
    part = EmailMessage(policy=POLICY)
    part["Content-Type"] = _shared("Content-Type", attachment.content_type)
    part["Content-Transfer-Encoding"] = _shared("Content-Transfer-Encoding", "base64")
    part.add_header("Content-Disposition", "attachment", filename=attachment.filename)
    part.set_payload("\n".join(lines) + "\n" if lines else "")
    return part


def _multipart(message: EmailMessage, subtype: str, parts: list[EmailMessage]) -> EmailMessage:
    content_type = f'multipart/{subtype}; boundary="{_BOUNDARY[subtype]}"'
    message["Content-Type"] = _shared("Content-Type", content_type)
    for part in parts:
        message.attach(part)
    return message


def message_body(
    rendered: Rendered,
    *,
    sender: str,
    reply_to: str = "",
    attachments: Callable[[], Sequence[Attachment]] | None = None,
) -> EmailMessage:
    """A message with a plain-text part, an HTML alternative and the files ``attachments``
    makes, not yet addressed. Encoding a large body is the costly part of a message, so one
    body can serve many recipients."""
    message = EmailMessage(policy=POLICY)
    message["From"] = _shared("From", sender)
    if reply_to:
        message["Reply-To"] = _shared("Reply-To", reply_to)
    message["Subject"] = rendered.subject
    message["Date"] = formatdate(localtime=True)
    message["MIME-Version"] = _shared("MIME-Version", "1.0")
    alternative = [_text_part(rendered.text, "plain"), _text_part(rendered.html, "html")]
    files = [_file_part(a) for a in attachments()] if attachments else []
    if not files:
        return _multipart(message, "alternative", alternative)
    inner = _multipart(EmailMessage(policy=POLICY), "alternative", alternative)
    return _multipart(message, "mixed", [inner, *files])


def addressed(body: EmailMessage, *, to: list[str], cc: list[str], key: str) -> EmailMessage:
    """A copy of ``body`` for these recipients, sharing its encoded parts (no transport
    changes a message it is given). Addresses must already be checked
    (``addresses.refusal``); the subject holds nothing from the workbook."""
    message = EmailMessage(policy=POLICY)
    for name, header in body.raw_items():  # parsed header objects are stored as they are
        message[name] = header
    message.set_payload(list(body.get_payload()))
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    sender = str(body["From"])
    message["Message-ID"] = make_msgid("tracker", domain=sender.rpartition("@")[2] or None)
    message["X-Tracker-Key"] = key
    return message


def build_message(
    rendered: Rendered,
    *,
    sender: str,
    to: list[str],
    cc: list[str],
    key: str,
    reply_to: str = "",
    attachments: Callable[[], Sequence[Attachment]] | None = None,
) -> EmailMessage:
    """One addressed message with a plain-text part and an HTML alternative, and the files
    ``attachments`` makes (called only now, when the message is built)."""
    body = message_body(rendered, sender=sender, reply_to=reply_to, attachments=attachments)
    return addressed(body, to=to, cc=cc, key=key)
