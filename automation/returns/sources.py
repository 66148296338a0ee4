"""Where returns come from: a folder of .xlsx files or of .eml messages carrying them, or a
mailbox folder (``mailbox:``, through Graph or EWS). Each candidate becomes an ``Incoming``
with the hash of its content; macro-enabled and oversized files are refused unread."""

from __future__ import annotations

import email.policy
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from automation.core.errors import CannotRun
from automation.core.text import clip
from automation.returns.model import Incoming

RETURN_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Found:
    incoming: tuple[Incoming, ...]
    ignored: tuple[str, ...]  # messages or files with no return in them, said in words


class Source(Protocol):
    """Somewhere returns are found; ``processed`` is told which messages are done with."""

    label: str

    def find(self) -> Found: ...

    def processed(self, incoming: Iterable[Incoming]) -> list[str]:
        """Move the messages these came in out of the way; what could not be moved, in words."""
        ...


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refusal(name: str, size: int, max_bytes: int) -> str:
    """Why a file is refused before it is opened, or ''."""
    if name.casefold().endswith(".xlsm"):
        return (
            "it is a macro-enabled workbook (.xlsm), which tracker never opens: save it as an "
            "Excel Workbook (.xlsx) and send it again"
        )
    if size > max_bytes:
        return (
            f"it is {size / 1_000_000:.1f} MB, over the {max_bytes / 1_000_000:g} MB limit "
            "([returns] max_attachment_mb): it was not opened"
        )
    return ""


_OTHER_WORKBOOKS = (".xls", ".xlsb", ".ods", ".csv", ".numbers")
_SAVED_MESSAGES = (".mht", ".mhtml", ".htm", ".html", ".txt", ".rtf")


def unread(name: str) -> str:
    """Why a file that looks like an owner's reply or return is not read, in words saying
    what to do instead; '' for any other file."""
    suffix = Path(name).suffix.casefold()
    if suffix == ".msg":
        return (
            f"{name}: an Outlook message (.msg), which tracker cannot read: open it and save its "
            "attached .xlsx into this folder (right-click the attachment > Save As), or save the "
            "message as .eml (new Outlook or Outlook on the web: Save as or Download, as EML)"
        )
    if suffix in _OTHER_WORKBOOKS:
        return (
            f"{name}: a return saved as {suffix}, which tracker does not read: open it in Excel, "
            "save it as an Excel Workbook (.xlsx) in this folder and collect again"
        )
    if suffix in _SAVED_MESSAGES:
        return (
            f"{name}: a message saved as {suffix}, which keeps no attachment: open the reply and "
            "save its attached .xlsx into this folder (right-click the attachment > Save As)"
        )
    return ""


def candidate(
    name: str, data: bytes | None, size: int, source: str, max_bytes: int, **message: str | date | None
) -> Incoming:
    """An ``Incoming`` for one file or attachment; an oversized one keeps no data."""
    why = refusal(name, size, max_bytes)
    if size > max_bytes:
        data = None
    key = digest(data) if data is not None else digest(f"{source}\x1f{name}\x1f{size}".encode())
    return Incoming(name, data, size, source, key, refusal=why, **message)  # type: ignore[arg-type]


def message_date(value: str | None, timezone: str) -> date | None:
    if not value:
        return None
    try:
        sent = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return sent.astimezone(ZoneInfo(timezone)).date() if sent.tzinfo else sent.date()


def describe(sender: str, subject: str) -> str:
    return f"message from {sender or 'an unknown sender'}: {clip(subject, 60)!r}"


def from_message(raw: bytes, label: str, max_bytes: int, timezone: str) -> tuple[list[Incoming], str]:
    """The returns attached to a MIME message, and '' or why it holds none."""
    message = BytesParser(policy=email.policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    sender = parseaddr(str(message.get("From", "")))[1]
    source = f"{label}, from {sender or 'an unknown sender'}"
    received = message_date(message.get("Date"), timezone)
    found = []
    for part in message.iter_attachments():
        name = part.get_filename() or ""
        if not name.casefold().endswith(RETURN_SUFFIXES):
            continue
        data = part.get_payload(decode=True)
        data = data if isinstance(data, bytes) else b""
        found.append(candidate(name, data, len(data), source, max_bytes, sender=sender, received=received))
    return found, "" if found else f"{source}: no .xlsx return attached"


class FolderSource:
    """A folder of returned .xlsx files, or of .eml messages with returns attached."""

    def __init__(
        self, folder: Path, *, max_bytes: int, timezone: str = "Europe/London", register: Path | None = None
    ) -> None:
        if not folder.is_dir():
            raise CannotRun(
                f"{folder} is not a folder", fix="pass a folder of .xlsx or .eml files, or mailbox:"
            )
        self.folder = folder
        self.label = str(folder)
        self._max = max_bytes
        self._tz = timezone
        # returns saved beside the register: the register itself is no return
        self._register = register.resolve() if register is not None else None

    def find(self) -> Found:
        incoming: list[Incoming] = []
        ignored: list[str] = []
        for path in sorted(self.folder.iterdir()):
            if path.name.startswith(("~$", ".")) or not path.is_file() or path.resolve() == self._register:
                continue
            suffix = path.suffix.casefold()
            if suffix in RETURN_SUFFIXES:
                incoming.append(self._file(path))
            elif suffix == ".eml":
                found, why = from_message(path.read_bytes(), path.name, self._max, self._tz)
                incoming += found
                ignored += [why] if why else []
            elif why := unread(path.name):
                ignored.append(why)
        return Found(tuple(incoming), tuple(ignored))

    def _file(self, path: Path) -> Incoming:
        size = path.stat().st_size
        data = path.read_bytes() if size <= self._max and not refusal(path.name, 0, self._max) else None
        return candidate(path.name, data, size, path.name, self._max)

    def processed(self, incoming: Iterable[Incoming]) -> list[str]:
        return []  # files stay; the ledger knows their content, so a rerun skips them


def messages_of(incoming: Iterable[Incoming]) -> Iterator[str]:
    """Each mailbox message id once, in order."""
    yield from dict.fromkeys(i.message for i in incoming if i.message)
