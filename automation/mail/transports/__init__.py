"""Mail transports: one ``EmailMessage`` in, handed to the mail system ``tracker.toml`` names.

``outbox`` (the default) writes ``.eml`` files; ``smtp``, ``ews`` and ``graph`` send. The
list of backends and what each needs is ``registry.BACKENDS``; each backend lives in its own
module, and the optional packages they need (exchangelib, msal, requests) are imported only
when that backend is chosen.
"""

from __future__ import annotations

from automation.mail.transports.interface import (
    PermanentSendError,
    SendError,
    TransientSendError,
    Transport,
    close_transport,
)
from automation.mail.transports.registry import make_transport

__all__ = [
    "PermanentSendError",
    "SendError",
    "TransientSendError",
    "Transport",
    "close_transport",
    "make_transport",
]
