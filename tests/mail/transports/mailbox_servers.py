"""Loopback mailboxes for ``tracker collect mailbox:``: the Graph fake grows mail folders and
messages with attachments (list, download, move, create folder), answering with the real
API's shapes, so the real msal and requests code reads it."""

from __future__ import annotations

import json
import ssl
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.mail.transports.servers import GraphFake, Seen, graph_responder, serve


@dataclass
class FakeMessage:
    id: str
    folder: str
    sender: str
    subject: str
    received: str  # ISO 8601, as Graph gives it
    attachments: list[dict[str, Any]]  # id, name, contentType, size, data


@dataclass
class GraphMailboxFake(GraphFake):
    folders: dict[str, tuple[str, str]] = field(default_factory=lambda: {"inbox": ("Inbox", "")})
    messages: dict[str, FakeMessage] = field(default_factory=dict)

    def add(self, sender: str, subject: str, received: str, *files: tuple[str, bytes], size: int = 0) -> str:
        """A message in the Inbox with these attachments; ``size`` overrides what is reported."""
        ident = f"AAMkMsg{len(self.messages) + 1}"
        attachments = [
            {
                "id": f"{ident}-att{n}",
                "name": name,
                "contentType": "application/octet-stream",
                "data": data,
                "size": size or len(data),
            }
            for n, (name, data) in enumerate(files, start=1)
        ]
        self.messages[ident] = FakeMessage(ident, "inbox", sender, subject, received, attachments)
        return ident

    def in_folder(self, name: str) -> list[str]:
        ids = [i for i, (n, _) in self.folders.items() if n == name]
        return sorted(m.id for m in self.messages.values() if m.folder in ids)

    def downloads(self) -> list[str]:
        return [s.path for s in self.seen if s.path.endswith("/$value")]


def _json(status: int, doc: Any) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json"}, json.dumps(doc).encode()


def _folders(fake: GraphMailboxFake, seen: Seen, parent: str) -> Any:
    if seen.method == "POST":
        name = json.loads(seen.body)["displayName"]
        ident = f"folder-{len(fake.folders) + 1}"
        fake.folders[ident] = (name, parent)
        return _json(201, {"id": ident, "displayName": name})
    query = parse_qs(urlsplit(seen.path).query)
    wanted = unquote(query.get("$filter", [""])[0]).removeprefix("displayName eq '").removesuffix("'")
    found = [
        {"id": i, "displayName": n}
        for i, (n, p) in fake.folders.items()
        if p == parent and n == wanted.replace("''", "'")
    ]
    return _json(200, {"value": found})


def _messages(fake: GraphMailboxFake, seen: Seen, folder: str, base: str) -> Any:
    query = parse_qs(urlsplit(seen.path).query)
    assert unquote(query["$filter"][0]) == "hasAttachments eq true"
    top, skip = int(query.get("$top", ["10"])[0]), int(query.get("$skip", ["0"])[0])
    mine = [m for m in fake.messages.values() if m.folder == folder and m.attachments]
    page = [
        {
            "id": m.id,
            "subject": m.subject,
            "receivedDateTime": m.received,
            "from": {"emailAddress": {"address": m.sender}},
        }
        for m in mine[skip : skip + top]
    ]
    doc: dict[str, Any] = {"value": page}
    if skip + top < len(mine):
        path = urlsplit(seen.path).path
        doc["@odata.nextLink"] = (
            f"{base}{path}?$filter=hasAttachments%20eq%20true&$top={top}&$skip={skip + top}"
        )
    return _json(200, doc)


def _message_route(fake: GraphMailboxFake, seen: Seen, parts: list[str]) -> Any:
    message = fake.messages.get(parts[0])
    if message is None:
        return _json(404, {"error": {"code": "ErrorItemNotFound", "message": "not found"}})
    if parts[1:] == ["move"]:
        message.folder = json.loads(seen.body)["destinationId"]
        return _json(201, {"id": message.id})
    if parts[1:] == ["attachments"]:
        listed = [
            {
                "@odata.type": "#microsoft.graph.fileAttachment",
                **{k: a[k] for k in ("id", "name", "contentType", "size")},
            }
            for a in message.attachments
        ]
        return _json(200, {"value": listed})
    if len(parts) == 4 and parts[1] == "attachments" and parts[3] == "$value":
        found = next(a for a in message.attachments if a["id"] == parts[2])
        return 200, {"Content-Type": "application/octet-stream"}, found["data"]
    return _json(404, {"error": {"code": "NotFound", "message": "/".join(parts)}})


def graph_mailbox_responder(fake: GraphMailboxFake) -> Any:
    plain = graph_responder(fake)

    def respond(seen: Seen, script: list[Any], base: str) -> Any:
        path = unquote(urlsplit(seen.path).path)
        if not path.startswith("/v1.0/users/"):
            return plain(seen, script, base)
        token = seen.headers.get("Authorization", "").removeprefix("Bearer ")
        if token not in fake.tokens:
            return _json(401, {"error": {"code": "InvalidAuthenticationToken", "message": "no token"}})
        parts = path.split("/")[4:]  # after /v1.0/users/{mailbox}
        if parts[0] == "mailFolders" and len(parts) == 1:
            return _folders(fake, seen, "")
        if parts[0] == "mailFolders" and parts[2:] == ["childFolders"]:
            return _folders(fake, seen, parts[1])
        if parts[0] == "mailFolders" and parts[2:] == ["messages"]:
            return _messages(fake, seen, parts[1], base)
        if parts[0] == "messages":
            return _message_route(fake, seen, parts[1:])
        return plain(seen, script, base)

    return respond


def start_graph_mailbox(tls: ssl.SSLContext) -> tuple[ThreadingHTTPServer, GraphMailboxFake]:
    fake = GraphMailboxFake("", [], [])
    server, _ = serve(graph_mailbox_responder(fake), tls=tls, fake=fake)
    return server, fake
