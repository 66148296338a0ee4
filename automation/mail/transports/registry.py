"""The one list of mail transports, and what each needs.

Each backend declares its name, where its transport class lives (imported only when chosen,
so exchangelib or msal load only for the transport in use), its ``[mail.<section>]`` table,
the pip extra and packages it needs, and the settings it cannot do without. The transport
class itself says which of its settings are secrets and what else is missing
(``missing_settings``, ``secret_keys``). Config checking, ``tracker doctor``, failure
notices and the weekly job all read this list.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from automation.core.errors import ConfigError
from automation.mail.settings import Deployment, MailConfig

if TYPE_CHECKING:  # the interface imports the email package: not for checking a config
    from automation.mail.transports.interface import Transport


@dataclass(frozen=True)
class Backend:
    name: str
    target: str  # "module:Class" of the transport
    summary: str
    section: str = ""  # its [mail.<section>] table; "" when it has none
    extra: str = ""  # the pip extra that installs its packages
    packages: tuple[str, ...] = ()  # import names of those packages
    fail_fast: Callable[[], dict[str, Any]] = field(default=dict, compare=False)

    def transport_class(self) -> Any:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)

    def missing_packages(self) -> list[str]:
        return [p for p in self.packages if not _installed(p)]

    def settings(self, mail: MailConfig) -> Any:
        return getattr(mail, self.section) if self.section else None

    def missing_settings(self, mail: MailConfig) -> list[str]:
        """``[mail.x] key (what it is)`` for each setting the backend cannot do without."""
        check = getattr(self.transport_class(), "missing_settings", None)
        return list(check(self.settings(mail), mail)) if check else []

    def secret_keys(self, mail: MailConfig) -> list[str]:
        """The keys of its table that hold secret references, as configured."""
        keys = getattr(self.transport_class(), "secret_keys", None)
        return list(keys(self.settings(mail))) if keys else []

    def make(self, config: Deployment, *, fail_fast: bool = False) -> Transport:
        options = self.fail_fast() if fail_fast else {}
        transport: Transport = self.transport_class().from_config(config, **options)
        return transport


def _installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):  # a broken install, or one blocked in sys.modules
        return False


def _no_smtp_retries() -> dict[str, Any]:
    from automation.mail.transports.interface import Backoff

    return {"backoff": Backoff(tries=1)}


def _no_waiting() -> dict[str, Any]:
    return {"max_wait": 0}


BACKENDS: dict[str, Backend] = {
    backend.name: backend
    for backend in (
        Backend(
            "outbox",
            "automation.mail.transports.outbox:OutboxTransport",
            "writes .eml files for a person to check and send",
        ),
        Backend(
            "smtp",
            "automation.mail.transports.smtp:SmtpTransport",
            "an SMTP server or relay",
            section="smtp",
            fail_fast=_no_smtp_retries,
        ),
        Backend(
            "ews",
            "automation.mail.transports.ews:EwsTransport",
            "Exchange Web Services (on-premises Exchange Server)",
            section="ews",
            extra="ews",
            packages=("exchangelib",),
            fail_fast=_no_waiting,
        ),
        Backend(
            "graph",
            "automation.mail.transports.graph:GraphTransport",
            "Microsoft Graph sendMail (Exchange Online)",
            section="graph",
            extra="graph",
            packages=("msal", "requests"),
            fail_fast=_no_waiting,
        ),
    )
}


def backend(name: str, source: str = "tracker.toml") -> Backend:
    """The backend called ``name``, or a ConfigError listing the known ones."""
    found = BACKENDS.get(name or "outbox")
    if found is None:
        raise ConfigError(f"{source}: [mail] transport is {name!r}", fix=f"use one of {', '.join(BACKENDS)}")
    return found


def make_transport(config: Deployment, *, fail_fast: bool = False) -> Transport:
    """The transport ``[mail] transport`` names, checked and with its secrets resolved.

    ``fail_fast`` drops retry back-off (a failure notice or test message should fail at
    once; the next run retries anyway). Raises ``ConfigError`` for missing settings or
    secrets and ``MissingExtra`` when the backend's package is not installed. Does not touch
    the network.
    """
    return backend(config.mail.transport, config.source or "tracker.toml").make(config, fail_fast=fail_fast)
