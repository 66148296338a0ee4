"""``tracker collect mailbox:``: returns read from a mailbox folder through the configured
Graph or EWS transport. Messages with a return attached are downloaded, checked, and once
processed moved to ``[returns] processed_folder``, so a rerun sees them no more; messages
with no return are left where they are for a person to read."""

from __future__ import annotations

from collections.abc import Iterable

from automation.core.errors import CannotRun, TrackerError
from automation.mail.settings import Deployment
from automation.returns.mailbox_interface import MailAttachment, Mailbox, MailMessage
from automation.returns.model import Incoming
from automation.returns.settings import ReturnsConfig
from automation.returns.sources import RETURN_SUFFIXES, Found, candidate, describe, messages_of


class MailboxSource:
    """Returns attached to the messages of a mailbox folder."""

    def __init__(self, mailbox: Mailbox, *, max_bytes: int) -> None:
        self._mailbox = mailbox
        self._max = max_bytes
        self.label = mailbox.label

    def find(self) -> Found:
        incoming: list[Incoming] = []
        ignored: list[str] = []
        for message in self._mailbox.messages():
            source = describe(message.sender, message.subject)
            returns = [a for a in message.attachments if a.name.casefold().endswith(RETURN_SUFFIXES)]
            if not returns:
                ignored.append(f"{source}: no .xlsx return attached (left in the folder)")
            for attachment in returns:
                incoming.append(self._incoming(message, attachment, source))
        return Found(tuple(incoming), tuple(ignored))

    def _incoming(self, message: MailMessage, attachment: MailAttachment, source: str) -> Incoming:
        unread = attachment.size > self._max or attachment.name.casefold().endswith(".xlsm")
        data = None if unread else self._mailbox.download(message, attachment)
        size = attachment.size if data is None else len(data)
        return candidate(
            attachment.name,
            data,
            size,
            source,
            self._max,
            sender=message.sender,
            received=message.received,
            message=message.id,
        )

    def processed(self, incoming: Iterable[Incoming]) -> list[str]:
        problems = []
        for message_id in messages_of(incoming):
            try:
                self._mailbox.move(message_id)
            except TrackerError as exc:
                problems.append(exc.message)
        return problems

    def close(self) -> None:
        self._mailbox.close()


def open_mailbox(config: Deployment, returns: ReturnsConfig, folder: str, timezone: str) -> MailboxSource:
    """The mailbox ``[mail] transport`` reaches (graph or ews), reading ``folder``."""
    transport = config.mail.transport
    if transport == "graph":
        from automation.returns.mailbox_graph import GraphMailbox

        mailbox: Mailbox = GraphMailbox.from_config(config, returns, folder, timezone)
    elif transport == "ews":
        from automation.returns.mailbox_ews import EwsMailbox

        mailbox = EwsMailbox.from_config(config, returns, folder, timezone)
    else:
        raise CannotRun(
            f"mailbox: reads a mailbox through Graph or EWS, but [mail] transport is {transport!r}",
            fix="set [mail] transport to graph or ews, or save the returns to a folder and collect that",
        )
    return MailboxSource(mailbox, max_bytes=returns.max_attachment_mb * 1_000_000)
