"""What a mailbox backend offers ``tracker collect mailbox:``: the messages with attachments
in one folder, their attachments' bytes, and moving a processed message away. One module
per backend (``mailbox_graph``, ``mailbox_ews``); ``mailbox`` picks one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol


@dataclass(frozen=True)
class MailAttachment:
    id: str
    name: str
    size: int


@dataclass(frozen=True)
class MailMessage:
    id: str
    sender: str
    subject: str
    received: date | None
    attachments: tuple[MailAttachment, ...]


class Mailbox(Protocol):
    label: str

    def messages(self) -> Iterator[MailMessage]:
        """Messages with attachments in the folder read."""
        ...

    def download(self, message: MailMessage, attachment: MailAttachment) -> bytes: ...

    def move(self, message_id: str) -> None:
        """Move a processed message to the processed folder; raises TrackerError saying why not."""
        ...

    def close(self) -> None: ...
