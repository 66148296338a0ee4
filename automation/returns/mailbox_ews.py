"""Reading returns from a mailbox folder through Exchange Web Services with exchangelib
(extra ``ews``): find the messages with attachments, get the attachments, move processed
messages. The account needs full access to the mailbox (read, and move)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from automation.core.errors import CannotRun
from automation.mail.settings import Deployment
from automation.mail.transports.ews_account import EXCHANGE_BUILD, account_factory, forget
from automation.mail.transports.ews_account import exchangelib as _exchangelib
from automation.returns.mailbox_interface import MailAttachment, MailMessage
from automation.returns.settings import ReturnsConfig

_FIX = "check the account has full access to the mailbox, and [returns] mailbox and folder"


class EwsMailbox:
    def __init__(
        self, make_account: Callable[[], Any], address: str, folder: str, processed: str, timezone: str
    ) -> None:
        self._make_account = make_account
        self._account: Any = None
        self._folder_path, self._processed_path = folder, processed
        self._processed: Any = None
        self._items: dict[str, Any] = {}
        self._tz = ZoneInfo(timezone)
        self.label = f"mailbox {address}, folder {folder} (EWS)"

    @classmethod
    def from_config(
        cls,
        config: Deployment,
        returns: ReturnsConfig,
        folder: str,
        timezone: str,
        build: tuple[int, ...] = EXCHANGE_BUILD,
    ) -> EwsMailbox:
        ews = config.mail.ews
        address = returns.mailbox or ews.primary_smtp_address or config.mail.sender
        make = account_factory(ews, address, config.source or "tracker.toml", build)
        return cls(make, address, folder, returns.processed_folder, timezone)

    def messages(self) -> Iterator[MailMessage]:
        el = _exchangelib()
        folder = self._folder(self._folder_path, create=False)
        found = self._ews(
            lambda: list(
                folder.filter(has_attachments=True).only(
                    "subject", "sender", "datetime_received", "attachments"
                )
            )
        )
        for item in found:
            self._items[item.id] = item
            attachments = tuple(
                MailAttachment(a.attachment_id.id, a.name or "", int(a.size or 0))
                for a in item.attachments or ()
                if isinstance(a, el.FileAttachment)
            )
            sender = item.sender.email_address if item.sender else ""
            received = _date(item.datetime_received, self._tz)
            yield MailMessage(item.id, sender or "", item.subject or "", received, attachments)

    def download(self, message: MailMessage, attachment: MailAttachment) -> bytes:
        item = self._items[message.id]
        found = next(a for a in item.attachments if a.attachment_id.id == attachment.id)
        return bytes(self._ews(lambda: found.content))

    def move(self, message_id: str) -> None:
        if self._processed is None:
            self._processed = self._folder(self._processed_path, create=True)
        item = self._items[message_id]
        self._ews(lambda: item.move(self._processed))

    def close(self) -> None:
        account, self._account = self._account, None
        if account is not None:
            forget(account)

    def _folder(self, path: str, *, create: bool) -> Any:
        """A folder by its path of names ('Inbox/Returns'), from the Inbox or the top of the
        mailbox; with ``create``, the missing ones are made."""
        el = _exchangelib()
        account = self._connect()
        names = [p.strip() for p in path.split("/") if p.strip()]
        if names and names[0].casefold() == "inbox":
            folder, names = self._ews(lambda: account.inbox), names[1:]
        else:
            folder = self._ews(lambda: account.msg_folder_root)
        for name in names:
            try:
                folder = self._child(folder, name)
            except CannotRun:
                if not create:
                    raise CannotRun(
                        f"the mailbox has no folder {name!r}", where=self.label, fix=_FIX
                    ) from None
                made = el.Folder(parent=folder, name=name)
                self._ews(made.save)
                folder = made
        return folder

    def _child(self, folder: Any, name: str) -> Any:
        return self._ews(lambda: folder // name)

    def _connect(self) -> Any:
        if self._account is None:
            self._account = self._ews(self._make_account)
        return self._account

    def _ews(self, call: Callable[[], Any]) -> Any:
        el = _exchangelib()
        try:
            return call()
        except el.errors.EWSError as exc:
            raise CannotRun(
                f"Exchange refused: {type(exc).__name__}: {exc}", where=self.label, fix=_FIX
            ) from exc
        except OSError as exc:
            raise CannotRun(f"could not reach EWS: {exc}", where=self.label) from exc


def _date(value: Any, zone: ZoneInfo) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(zone).date() if value.tzinfo else value.date()
    return None
