"""What a force's IT team decides about mail: the ``[mail]`` table of ``tracker.toml`` and
one table per transport (``[mail.smtp]``, ``[mail.ews]``, ``[mail.graph]``).

Values only; ``automation.run.config`` reads the file into them and checks them. Secret keys
hold a reference (``env:NAME`` or ``keyring:SERVICE/USER``), never the secret.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from automation.core.addresses import is_email, refusal
from automation.core.errors import ConfigError


def documented(
    default: Any,
    doc: str,
    *,
    least: float | None = None,
    most: float | None = None,
    above: float | None = None,
    secret: bool = False,
) -> Any:
    """A setting's default and the sentence that documents it (README, tracker.toml.example);
    for a number, the range it must be in (``least``/``most`` inclusive, ``above`` exclusive);
    ``secret`` for a key that holds a secret reference, whose value is never shown."""
    meta: dict[str, Any] = {"doc": doc, "secret": secret, "range": (least, most, above)}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class SmtpConfig:
    host: str = documented("", "SMTP server or relay host name")
    port: int = documented(
        587, "SMTP port (587 STARTTLS, 465 implicit TLS, 25 internal relay)", least=1, most=65535
    )
    security: str = documented("starttls", "starttls, ssl or none (none only for an internal relay)")
    username: str = documented("", "login name; empty for an unauthenticated internal relay")
    password: str = documented(
        "", "secret reference for the password, e.g. env:TRACKER_SMTP_PASSWORD", secret=True
    )
    timeout: float = documented(30.0, "seconds to wait for the server", above=0, most=600)
    max_wait: int = documented(
        30, "seconds one message may spend being retried when the server defers it", least=0, most=3600
    )


@dataclass(frozen=True)
class EwsConfig:
    service_endpoint: str = documented("", "EWS URL, e.g. https://mail.force.police.uk/EWS/Exchange.asmx")
    autodiscover: bool = documented(False, "find the endpoint by autodiscover (slow, fragile; off)")
    auth_type: str = documented("ntlm", "ntlm, basic or oauth")
    username: str = documented("", r"account, e.g. FORCE\svc-tracker")
    password: str = documented("", "secret reference for the password", secret=True)
    primary_smtp_address: str = documented("", "mailbox that sends; default mail.sender")
    client_id: str = documented("", "oauth only: application (client) id")
    tenant_id: str = documented("", "oauth only: directory (tenant) id")
    client_secret: str = documented("", "oauth only: secret reference for the client secret", secret=True)
    authority_host: str = documented("https://login.microsoftonline.com", "oauth only: Entra ID sign-in host")
    save_copy: bool = documented(
        False, "keep a copy of each message in Sent Items (lets tracker check a message in doubt)"
    )
    max_wait: int = documented(
        120, "seconds one message may spend being retried while the server is busy", least=0, most=3600
    )
    timeout: float = documented(60.0, "seconds to wait for each EWS or sign-in request", above=0, most=600)


@dataclass(frozen=True)
class GraphConfig:
    tenant_id: str = documented("", "directory (tenant) id")
    client_id: str = documented("", "application (client) id with Mail.Send")
    client_secret: str = documented("", "secret reference, e.g. env:TRACKER_GRAPH_SECRET", secret=True)
    mailbox: str = documented("", "mailbox (UPN) that sends; default mail.sender")
    authority_host: str = documented("https://login.microsoftonline.com", "Entra ID sign-in host")
    graph_url: str = documented("https://graph.microsoft.com/v1.0", "Graph API base URL")
    save_to_sent_items: bool = documented(
        False, "no effect: Graph keeps every message in Sent Items, as it does for text and HTML (MIME)"
    )
    max_wait: int = documented(
        120, "seconds one message may spend being retried on 429/503", least=0, most=3600
    )
    timeout: float = documented(30.0, "seconds to wait for each Graph or sign-in request", above=0, most=600)


@dataclass(frozen=True)
class MailConfig:
    transport: str = documented("outbox", "outbox, smtp, ews or graph")
    sender: str = documented("tracker@example.police.uk", "From address")
    reply_to: str = documented("", "Reply-To address; default the register owner")
    allowed_domains: list[str] = documented(
        ["*.police.uk"], "recipient domains mail may go to; '*.x' allows subdomains of x"
    )
    marking: str = documented("OFFICIAL", "protective marking heading subject and body")
    register_owner: str = documented("", "governance officer's email: gets the manager summary")
    managers: list[str] = documented([], "more addresses that get the manager summary")
    it_contact: str = documented("", "email told when a scheduled run fails")
    escalate: bool = documented(True, "copy the owner's manager when an item is red two weeks running")
    send_empty_digests: bool = documented(False, "email owners who have nothing open")
    outbox: str = documented("outbox", "folder for .eml files, relative to this file")
    templates: str = documented("", "folder of edited templates; empty uses the built-in ones")
    run_deadline: int = documented(
        1800,
        "seconds a run may spend sending; what is not tried by then waits for the next run",
        least=1,
        most=86400,
    )
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    ews: EwsConfig = field(default_factory=EwsConfig)
    graph: GraphConfig = field(default_factory=GraphConfig)


def check_mail(mail: MailConfig, source: str) -> None:
    """The [mail] choices are known ones, the marking is a marking, every address is plain."""
    if mail.smtp.security not in ("starttls", "ssl", "none"):
        raise ConfigError(f"{source}: [mail.smtp] security must be starttls, ssl or none")
    if mail.ews.auth_type not in ("ntlm", "basic", "oauth"):
        raise ConfigError(f"{source}: [mail.ews] auth_type must be ntlm, basic or oauth")
    if not re.fullmatch(r"[A-Z][A-Z0-9 /-]{1,60}", mail.marking):
        raise ConfigError(
            f"{source}: [mail] marking {mail.marking!r} is not a protective marking",
            fix="use capitals on one line, e.g. OFFICIAL or OFFICIAL-SENSITIVE",
        )
    _check_addresses(mail, source)


_DOMAIN = re.compile(r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+", re.I)


def _check_addresses(mail: MailConfig, source: str) -> None:
    """Every address IT types is one plain address; replies stay inside the allowed domains."""
    if not mail.allowed_domains:
        raise ConfigError(
            f"{source}: [mail] allowed_domains is empty, so no mail could go anywhere",
            fix='list the force\'s domains, e.g. ["*.force.police.uk"]',
        )
    for pattern in mail.allowed_domains:
        if not _DOMAIN.fullmatch(pattern.strip()):
            raise ConfigError(
                f"{source}: [mail] allowed_domains has {pattern!r}, which is not a domain",
                fix='write domains as "force.police.uk" or "*.force.police.uk"',
            )
    if not is_email(mail.sender):
        raise ConfigError(
            f"{source}: [mail] sender {mail.sender!r} is not one plain email address",
            fix="write it as name@force.police.uk, with no display name",
        )
    named = {
        "reply_to": [mail.reply_to],
        "register_owner": [mail.register_owner],
        "it_contact": [mail.it_contact],
        "managers": mail.managers,
    }
    for key, values in named.items():
        for value in filter(None, values):
            why = refusal(value, mail.allowed_domains)
            if why:
                raise ConfigError(
                    f"{source}: [mail] {key}: {why}", fix="use one address in the allowed domains"
                )


class Deployment(Protocol):
    """What a transport needs from the whole configuration (``run.config.Config`` has it)."""

    @property
    def mail(self) -> MailConfig: ...

    @property
    def source(self) -> str: ...

    def path(self, value: str) -> Path:
        """A path from the config file, relative to its folder."""
        ...
