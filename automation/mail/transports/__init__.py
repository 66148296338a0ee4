"""Mail transports: one ``EmailMessage`` in, handed to the mail system ``tracker.toml`` names.

``outbox`` (the default) writes ``.eml`` files; ``smtp``, ``ews`` and ``graph`` send. Each
backend lives in its own module, and the optional packages they need (exchangelib, msal,
requests) are imported only when that backend is chosen.
"""

from __future__ import annotations

from automation.core.errors import ConfigError
from automation.mail.transports.interface import (
    PermanentSendError,
    SendError,
    TransientSendError,
    Transport,
    close_transport,
)
from automation.run.config import Config

__all__ = [
    "PermanentSendError",
    "SendError",
    "TransientSendError",
    "Transport",
    "close_transport",
    "make_transport",
]


def make_transport(config: Config) -> Transport:
    """The transport ``[mail] transport`` names, checked and with its secrets resolved.

    Raises ``ConfigError`` for missing settings or secrets and ``MissingExtra`` when the
    backend's package is not installed. Does not touch the network.
    """
    kind = config.mail.transport or "outbox"
    if kind == "outbox":
        from automation.mail.transports.outbox import OutboxTransport

        return OutboxTransport.from_config(config)
    if kind == "smtp":
        from automation.mail.transports.smtp import SmtpTransport

        return SmtpTransport.from_config(config)
    if kind == "ews":
        from automation.mail.transports.ews import EwsTransport

        return EwsTransport.from_config(config)
    if kind == "graph":
        from automation.mail.transports.graph import GraphTransport

        return GraphTransport.from_config(config)
    raise ConfigError(
        f"{config.source or 'tracker.toml'}: [mail] transport is {kind!r}",
        fix="use one of outbox, smtp, ews, graph",
    )
