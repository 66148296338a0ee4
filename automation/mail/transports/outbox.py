"""The default transport: write each message as an ``.eml`` file nobody has to configure.

``<outbox>/<ISO week>/<rest of key>.eml``, written atomically with CRLF line ends and marked
``X-Unsent: 1``, so Outlook opens it as an unsent draft for a person to check and send.
Sending the same key again replaces the file; a file the ledger never sent is not replaced.
"""

from __future__ import annotations

import contextlib
import email.policy
import hashlib
import io
import os
import re
import secrets
import string
from email.generator import BytesGenerator
from email.message import EmailMessage
from pathlib import Path

from automation.mail.settings import Deployment
from automation.mail.transports.interface import PermanentSendError

_SAFE = frozenset(string.ascii_letters + string.digits + "@._+-")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
)
_MAX_NAME = 150


def safe_name(text: str) -> str:
    """A file name for ``text`` on Windows and POSIX; different texts give different names.

    ':' becomes '~'; other characters outside letters, digits and ``@._+-`` become ``%XX``
    (so '~' and '%' themselves are escaped, keeping the mapping one-to-one).
    """
    out = []
    for char in text:
        if char == ":":
            out.append("~")
        elif char in _SAFE:
            out.append(char)
        else:
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8")))
    name = "".join(out)
    if not name or name.startswith(".") or name.split(".")[0].upper() in _RESERVED:
        name = f"%{ord(text[0]):02X}{name[1:]}" if name else "%00"
    if len(name) > _MAX_NAME:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        name = f"{name[: _MAX_NAME - 17]}-{digest}"
    return name


class OutboxTransport:
    """Writes ``.eml`` files under ``folder``."""

    name = "outbox"

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def from_config(cls, config: Deployment) -> OutboxTransport:
        return cls(config.path(config.mail.outbox))

    def location(self, week: str) -> Path:
        """The folder holding the week's messages."""
        return self.folder / safe_name(week)

    def path_for(self, key: str) -> Path:
        week, sep, rest = key.partition(":")
        if not sep or not week or not rest:
            raise ValueError(f"message key {key!r} is not '<ISO week>:<rest>'")
        return self.folder / safe_name(week) / f"{safe_name(rest)}.eml"

    def occupied(self, key: str) -> str:
        """A file already where a message this ledger never sent would go: another register's
        run writing to the same outbox, or a ledger moved aside. Replacing it would lose a
        draft nobody may have sent yet."""
        target = self.path_for(key)
        if not target.exists():
            return ""
        return (
            f"{target} already holds a message this register's ledger never sent (does another "
            "register's run write to the same outbox?): give each register its own [mail] outbox "
            "folder, or move that file aside once it is dealt with, and run again"
        )

    def send(self, message: EmailMessage, key: str) -> str:
        target = self.path_for(key)
        # X-Unsent makes Outlook open the file as a draft with a Send button, not as mail
        # received; it is added to the bytes so the message given is left unchanged.
        data = as_draft(message)
        try:
            _write_atomically(target, data)
        except OSError as exc:
            raise PermanentSendError(
                f"could not write {target}: {exc.strerror or exc}",
                where="[mail] outbox",
                fix="check the outbox folder is writable and the file is not open in another program",
            ) from exc
        return str(target)

    def close(self) -> None:
        """Nothing to release."""


_LINE_ENDS = re.compile(r"\r\n|\r|\n")


class _Generator(BytesGenerator):
    """The stock generator, writing each part's text in one piece: it splits a part into
    lines and writes them one by one, most of the cost of writing a large message."""

    def _write_lines(self, lines: str) -> None:
        if lines:  # the same bytes: every line end becomes the policy's, the last line kept
            assert self.policy is not None  # flatten sets it
            self.write(_LINE_ENDS.sub(self.policy.linesep, lines))


def as_draft(message: EmailMessage) -> bytes:
    """The message's bytes as ``message.as_bytes(policy=email.policy.SMTP)`` gives them,
    after an ``X-Unsent: 1`` header."""
    buffer = io.BytesIO()
    buffer.write(b"X-Unsent: 1\r\n")
    _Generator(buffer, mangle_from_=False, policy=email.policy.SMTP).flatten(message)
    return buffer.getvalue()


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
