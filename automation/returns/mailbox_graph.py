"""Reading returns from a mailbox folder through Microsoft Graph (extra ``graph``): list the
messages with attachments, download the attachments, move processed messages. The app needs
Mail.ReadWrite on the mailbox (application permission, scoped with RBAC for Applications):
reading alone would be Mail.Read, moving needs write."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from automation.core.errors import CannotRun, TrackerError
from automation.mail.settings import Deployment
from automation.returns.mailbox_interface import MailAttachment, MailMessage
from automation.returns.settings import ReturnsConfig
from automation.returns.sources import message_date

WELL_KNOWN = {"inbox", "archive", "drafts", "sentitems", "deleteditems", "junkemail"}
PAGE = 50
_FIX = (
    "check the app has the Mail.ReadWrite application permission for this mailbox, and "
    "[returns] mailbox and folder"
)


class GraphMailbox:
    def __init__(
        self, transport: Any, mailbox: str, folder: str, processed: str, timezone: str = "Europe/London"
    ) -> None:
        self._transport = transport
        self._url = f"{transport.settings.graph_url.rstrip('/')}/users/{quote(mailbox, safe='@')}"
        self._timeout = transport.settings.timeout
        self._folder, self._processed_name = folder, processed
        self._processed: str | None = None
        self._tz = timezone
        self.label = f"mailbox {mailbox}, folder {folder} (Graph)"

    @classmethod
    def from_config(
        cls, config: Deployment, returns: ReturnsConfig, folder: str, timezone: str, **options: Any
    ) -> GraphMailbox:
        from automation.mail.transports.graph import GraphTransport

        transport = GraphTransport.from_config(config, **options)
        mailbox = returns.mailbox or transport.mailbox
        return cls(transport, mailbox, folder, returns.processed_folder, timezone)

    def messages(self) -> Iterator[MailMessage]:
        folder = self._folder_id(self._folder, create=False)
        params = {
            "$filter": "hasAttachments eq true",
            "$select": "id,subject,from,receivedDateTime",
            "$top": str(PAGE),
        }
        url: str | None = f"{self._url}/mailFolders/{folder}/messages"
        while url:
            page = self._call("get", url, params=params).json()
            for found in page.get("value", []):
                yield self._message(found)
            url, params = page.get("@odata.nextLink"), {}

    def _message(self, found: dict[str, Any]) -> MailMessage:
        sender = found.get("from", {}).get("emailAddress", {}).get("address", "")
        listed = self._call(
            "get",
            f"{self._url}/messages/{found['id']}/attachments",
            params={"$select": "id,name,size,contentType"},
        ).json()
        attachments = tuple(
            MailAttachment(a["id"], a.get("name", ""), int(a.get("size", 0)))
            for a in listed.get("value", [])
            if a.get("@odata.type", "#microsoft.graph.fileAttachment") == "#microsoft.graph.fileAttachment"
        )
        received = _date(found.get("receivedDateTime"), self._tz)
        return MailMessage(found["id"], sender, found.get("subject", ""), received, attachments)

    def download(self, message: MailMessage, attachment: MailAttachment) -> bytes:
        url = f"{self._url}/messages/{message.id}/attachments/{attachment.id}/$value"
        return bytes(self._call("get", url).content)

    def move(self, message_id: str) -> None:
        if self._processed is None:
            self._processed = self._folder_id(self._processed_name, create=True)
        self._call("post", f"{self._url}/messages/{message_id}/move", json={"destinationId": self._processed})

    def close(self) -> None:
        self._transport.close()

    def _folder_id(self, path: str, *, create: bool) -> str:
        """A folder by its path of display names ('Inbox/Returns'); well-known names as they are."""
        parent = ""
        for name in [p for p in path.split("/") if p.strip()]:
            if not parent and name.casefold().replace(" ", "") in WELL_KNOWN:
                parent = name.casefold().replace(" ", "")
                continue
            parent = self._child(parent, name.strip(), create)
        if not parent:
            raise CannotRun(f"no mailbox folder is named in {path!r}", fix="set [returns] folder")
        return parent

    def _child(self, parent: str, name: str, create: bool) -> str:
        base = f"{self._url}/mailFolders/{parent}/childFolders" if parent else f"{self._url}/mailFolders"
        quoted = name.replace("'", "''")
        found = self._call("get", base, params={"$filter": f"displayName eq '{quoted}'"}).json()
        if found.get("value"):
            return str(found["value"][0]["id"])
        if not create:
            raise CannotRun(f"the mailbox has no folder {name!r}", where=self.label, fix=_FIX)
        return str(self._call("post", base, json={"displayName": name}).json()["id"])

    def _call(self, method: str, url: str, **kwargs: Any) -> Any:
        try:
            session, headers = self._transport.authorised()
            response = getattr(session, method)(url, headers=headers, timeout=self._timeout, **kwargs)
        except TrackerError:
            raise
        except OSError as exc:
            raise CannotRun(f"could not reach Graph: {exc}", where=url) from exc
        if response.status_code >= 300:
            raise CannotRun(
                f"Graph answered HTTP {response.status_code} {_error(response)}", where=url, fix=_FIX
            )
        return response


def _date(value: str | None, timezone: str) -> Any:
    if not value:
        return None
    from datetime import datetime
    from zoneinfo import ZoneInfo

    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(ZoneInfo(timezone)).date()
    except ValueError:
        return message_date(value, timezone)


def _error(response: Any) -> str:
    try:
        error = response.json().get("error", {})
        return f"{error.get('code', '')}: {error.get('message', '')}".strip(": ")
    except ValueError:
        return str(response.text)[:200]
