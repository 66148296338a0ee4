"""What Graph's answers mean: how long it asks to wait, its error in words, and what a
final answer other than success says about a message."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import Any

from automation.mail.transports.interface import (
    AuthRefused,
    OutcomeUnknown,
    PermanentSendError,
    SetupRefused,
)


def retry_after(response: Any, attempt: int) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError):
        return float(min(2**attempt, 30))


def graph_error(response: Any) -> str:
    try:
        error = response.json().get("error", {})
        return f"{error.get('code', '')}: {error.get('message', '')}".strip(": ")
    except ValueError:
        return response.text[:200]


def explain_answer(response: Any, graph_url: str, mailbox: str) -> Exception:
    """What a final answer other than success means."""
    code = response.status_code
    where = f"Graph {graph_url}"
    what = f"Graph refused to send as {mailbox}: HTTP {code} {graph_error(response)}"
    if code >= 500:  # it may have been processed before the server failed
        return OutcomeUnknown(
            f"Graph answered HTTP {code} {graph_error(response)} after taking the message",
            where=where,
            fix="check whether it arrived before sending it again",
        )
    if code == 401:
        return AuthRefused(
            f"{what}; a new token was refused too",
            where=where,
            fix="check the app registration is enabled and its secret is current",
        )
    if code == 403:
        return SetupRefused(
            what,
            where=where,
            fix="check the app has the Mail.Send application permission with admin consent, "
            "and that its Exchange RBAC scope includes [mail.graph] mailbox",
        )
    if code == 404:
        return SetupRefused(
            what,
            where=where,
            fix="check [mail.graph] mailbox (or [mail] sender) names an existing mailbox",
        )
    return PermanentSendError(
        what, where=where, fix="check the recipients and the message; Graph's reply says what it disliked"
    )
