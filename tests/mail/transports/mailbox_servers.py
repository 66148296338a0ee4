"""Loopback mailboxes for ``tracker collect mailbox:``: the Graph fake grows mail folders and
messages with attachments (list, download, move, create folder), answering with the real
API's shapes, so the real msal and requests code reads it."""

from __future__ import annotations

import base64
import json
import ssl
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

from tests.mail.transports.servers import (
    _ENVELOPE,
    NS,
    EwsFake,
    GraphFake,
    M,
    Seen,
    T,
    ews_responder,
    graph_responder,
    serve,
)


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


# --- EWS --------------------------------------------------------------------------------


@dataclass
class EwsMailboxFake(EwsFake):
    """Mail folders and messages with attachments, answered as Exchange 2016+ does."""

    folders: dict[str, tuple[str, str]] = field(
        default_factory=lambda: {
            "id-msgfolderroot": ("Top of Information Store", ""),
            "id-inbox": ("Inbox", "id-msgfolderroot"),
        }
    )
    messages: dict[str, FakeMessage] = field(default_factory=dict)

    def add(self, sender: str, subject: str, received: str, *files: tuple[str, bytes], size: int = 0) -> str:
        ident = f"AAMkEws{len(self.messages) + 1}"
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
        self.messages[ident] = FakeMessage(ident, "id-inbox", sender, subject, received, attachments)
        return ident

    def in_folder(self, name: str) -> list[str]:
        ids = [i for i, (n, _) in self.folders.items() if n == name]
        return sorted(m.id for m in self.messages.values() if m.folder in ids)

    def operations(self) -> list[str]:
        return [ET.fromstring(s.body).find("s:Body", NS)[0].tag.split("}")[1] for s in self.seen]  # type: ignore[index]


def _soap(operation: str, messages: str) -> tuple[int, dict[str, str], bytes]:
    body = (
        f'{_ENVELOPE}<m:{operation}Response xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages>{messages}'
        f"</m:ResponseMessages></m:{operation}Response></s:Body></s:Envelope>"
    )
    return 200, {"Content-Type": "text/xml; charset=utf-8"}, body.encode()


def _ok(operation: str, inner: str) -> str:
    return (
        f'<m:{operation}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
        f"{inner}</m:{operation}ResponseMessage>"
    )


def _folder_xml(ident: str, name: str) -> str:
    return (
        f'<t:Folder><t:FolderId Id="{ident}" ChangeKey="ck-{ident}"/><t:DisplayName>{escape(name)}</t:DisplayName>'
        "<t:FolderClass>IPF.Note</t:FolderClass><t:TotalCount>0</t:TotalCount>"
        "<t:ChildFolderCount>0</t:ChildFolderCount><t:UnreadCount>0</t:UnreadCount></t:Folder>"
    )


def _parent(root: ET.Element) -> str:
    """The folder a Find looks in: by its id, or by its distinguished name (as 'id-inbox')."""
    parent = root.find(".//m:ParentFolderIds/t:FolderId", NS)
    if parent is not None:
        return parent.get("Id", "")
    named = root.find(".//m:ParentFolderIds/t:DistinguishedFolderId", NS)
    return f"id-{named.get('Id')}" if named is not None else ""


def _ews_find_folder(fake: EwsMailboxFake, root: ET.Element) -> Any:
    parent_id = _parent(root)
    constant = root.find(".//t:Constant", NS)
    wanted = constant.get("Value") if constant is not None else None
    found = [
        _folder_xml(i, n)
        for i, (n, p) in fake.folders.items()
        if p == parent_id and (wanted is None or n == wanted)
    ]
    inner = (
        f'<m:RootFolder TotalItemsInView="{len(found)}" IncludesLastItemInRange="true">'
        f"<t:Folders>{''.join(found)}</t:Folders></m:RootFolder>"
    )
    return _soap("FindFolder", _ok("FindFolder", inner))


def _ews_create_folder(fake: EwsMailboxFake, root: ET.Element) -> Any:
    parent = root.find(".//m:ParentFolderId/t:FolderId", NS)
    named = root.find(".//m:ParentFolderId/t:DistinguishedFolderId", NS)
    name = root.find(".//t:Folder/t:DisplayName", NS)
    assert (parent is not None or named is not None) and name is not None, ET.tostring(root)
    parent_id = parent.get("Id", "") if parent is not None else f"id-{named.get('Id')}"  # type: ignore[union-attr]
    ident = f"folder-{len(fake.folders) + 1}"
    fake.folders[ident] = (name.text or "", parent_id)
    return _soap(
        "CreateFolder", _ok("CreateFolder", f"<m:Folders>{_folder_xml(ident, name.text or '')}</m:Folders>")
    )


def _ews_find_item(fake: EwsMailboxFake, root: ET.Element) -> Any:
    folder_id = _parent(root)
    mine = [m for m in fake.messages.values() if m.folder == folder_id and m.attachments]
    items = "".join(f'<t:Message><t:ItemId Id="{m.id}" ChangeKey="ck-{m.id}"/></t:Message>' for m in mine)
    inner = (
        f'<m:RootFolder TotalItemsInView="{len(mine)}" IncludesLastItemInRange="true">'
        f"<t:Items>{items}</t:Items></m:RootFolder>"
    )
    return _soap("FindItem", _ok("FindItem", inner))


def _message_xml(m: FakeMessage) -> str:
    files = "".join(
        f'<t:FileAttachment><t:AttachmentId Id="{a["id"]}"/><t:Name>{escape(a["name"])}</t:Name>'
        f"<t:ContentType>{a['contentType']}</t:ContentType><t:Size>{a['size']}</t:Size>"
        "<t:IsInline>false</t:IsInline></t:FileAttachment>"
        for a in m.attachments
    )
    return (
        f'<t:Message><t:ItemId Id="{m.id}" ChangeKey="ck-{m.id}"/><t:Subject>{escape(m.subject)}</t:Subject>'
        f"<t:DateTimeReceived>{m.received}</t:DateTimeReceived><t:HasAttachments>true</t:HasAttachments>"
        f"<t:Attachments>{files}</t:Attachments>"
        f"<t:Sender><t:Mailbox><t:EmailAddress>{escape(m.sender)}</t:EmailAddress>"
        "<t:RoutingType>SMTP</t:RoutingType></t:Mailbox></t:Sender></t:Message>"
    )


def _ews_get_item(fake: EwsMailboxFake, root: ET.Element) -> Any:
    ids = [node.get("Id", "") for node in root.iterfind(".//m:ItemIds/t:ItemId", NS)]
    answers = "".join(_ok("GetItem", f"<m:Items>{_message_xml(fake.messages[i])}</m:Items>") for i in ids)
    return _soap("GetItem", answers)


def _ews_get_attachment(fake: EwsMailboxFake, root: ET.Element) -> Any:
    wanted = [node.get("Id", "") for node in root.iterfind(".//m:AttachmentIds/t:AttachmentId", NS)]
    answers = ""
    for ident in wanted:
        found = next(a for m in fake.messages.values() for a in m.attachments if a["id"] == ident)
        content = base64.b64encode(found["data"]).decode()
        answers += _ok(
            "GetAttachment",
            f'<m:Attachments><t:FileAttachment><t:AttachmentId Id="{ident}"/><t:Name>{escape(found["name"])}</t:Name>'
            f"<t:Content>{content}</t:Content></t:FileAttachment></m:Attachments>",
        )
    return _soap("GetAttachment", answers)


def _ews_move_item(fake: EwsMailboxFake, root: ET.Element) -> Any:
    target = root.find(".//m:ToFolderId/t:FolderId", NS)
    assert target is not None
    answers = ""
    for node in root.iterfind(".//m:ItemIds/t:ItemId", NS):
        message = fake.messages[node.get("Id", "")]
        message.folder = target.get("Id", "")
        answers += _ok(
            "MoveItem",
            f'<m:Items><t:Message><t:ItemId Id="{message.id}" ChangeKey="ck2"/></t:Message></m:Items>',
        )
    return _soap("MoveItem", answers)


_EWS_OPERATIONS = {
    "FindFolder": _ews_find_folder,
    "CreateFolder": _ews_create_folder,
    "FindItem": _ews_find_item,
    "GetItem": _ews_get_item,
    "GetAttachment": _ews_get_attachment,
    "MoveItem": _ews_move_item,
}


def ews_mailbox_responder(fake: EwsMailboxFake) -> Any:
    plain = ews_responder(fake)

    def respond(seen: Seen, script: list[Any], base: str) -> Any:
        body = ET.fromstring(seen.body).find("s:Body", NS)
        operation = body[0].tag.split("}")[1] if body is not None and len(body) else ""
        handler = _EWS_OPERATIONS.get(operation)
        return handler(fake, body[0]) if handler else plain(seen, script, base)  # type: ignore[index]

    return respond


def start_ews_mailbox() -> tuple[ThreadingHTTPServer, EwsMailboxFake]:
    fake = EwsMailboxFake("", [], [])
    server, _ = serve(ews_mailbox_responder(fake), fake=fake)
    return server, fake
