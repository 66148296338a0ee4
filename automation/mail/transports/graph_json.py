"""A MIME message as the JSON body of a Graph ``sendMail`` request.

JSON rather than MIME, because only the JSON form can say ``saveToSentItems: false``; the
message's X- headers (its marking, its ledger key) go as ``internetMessageHeaders``.
"""

from __future__ import annotations

import base64
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any


def _recipients(message: EmailMessage, header: str) -> list[dict[str, Any]]:
    pairs = getaddresses([str(v) for v in message.get_all(header, [])])
    return [
        {"emailAddress": {"address": addr, **({"name": name} if name else {})}}
        for name, addr in pairs
        if addr
    ]


def _attachments(message: EmailMessage, body: EmailMessage | None) -> list[dict[str, Any]]:
    found = []
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        cid = str(part.get("Content-ID", "")).strip().strip("<>")
        if part.get_content_maintype() == "text" and not (part.get_filename() or cid):
            continue  # the other alternative of the body
        payload = part.get_payload(decode=True)
        found.append(
            {
                "@odata.type": "#microsoft.graph.fileAttachment",
                "name": part.get_filename() or "attachment",
                "contentType": part.get_content_type(),
                "contentBytes": base64.b64encode(payload if isinstance(payload, bytes) else b"").decode(),
                "isInline": bool(cid) and not part.is_attachment(),
                **({"contentId": cid} if cid else {}),
            }
        )
    return found


def graph_message(message: EmailMessage, save_to_sent_items: bool) -> dict[str, Any]:
    """The ``sendMail`` request body for ``message``."""
    body = message.get_body(preferencelist=("html", "plain"))
    is_html = body is not None and body.get_content_subtype() == "html"
    content = body.get_content() if isinstance(body, EmailMessage) else ""
    graph: dict[str, Any] = {
        "subject": str(message.get("Subject", "")),
        "body": {"contentType": "HTML" if is_html else "Text", "content": content},
        "toRecipients": _recipients(message, "To"),
        "ccRecipients": _recipients(message, "Cc"),
        "bccRecipients": _recipients(message, "Bcc"),
        "attachments": _attachments(message, body if isinstance(body, EmailMessage) else None),
    }
    if message.get("Reply-To"):
        graph["replyTo"] = _recipients(message, "Reply-To")
    custom = [{"name": k, "value": str(v)} for k, v in message.items() if k.lower().startswith("x-")]
    if custom:
        graph["internetMessageHeaders"] = custom
    return {"message": graph, "saveToSentItems": save_to_sent_items}
