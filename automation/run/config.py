"""``tracker.toml``: what a force's IT team decides, read once into a frozen Config.

Every key has a default, so the file is optional. Secrets never live in the file: a secret
key holds a reference, ``env:NAME`` (an environment variable) or ``keyring:SERVICE/USER``
(the OS keyring), resolved only when a transport needs it.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from automation.core.errors import ConfigError, MissingExtra

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_CONFIG_NAME = "tracker.toml"
TRANSPORTS = ("outbox", "smtp", "ews", "graph")


def _doc(default: Any, doc: str) -> Any:
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class SmtpConfig:
    host: str = _doc("", "SMTP server or relay host name")
    port: int = _doc(587, "SMTP port (587 STARTTLS, 465 implicit TLS, 25 internal relay)")
    security: str = _doc("starttls", "starttls, ssl or none (none only for an internal relay)")
    username: str = _doc("", "login name; empty for an unauthenticated internal relay")
    password: str = _doc("", "secret reference for the password, e.g. env:TRACKER_SMTP_PASSWORD")
    timeout: float = _doc(30.0, "seconds to wait for the server")


@dataclass(frozen=True)
class EwsConfig:
    service_endpoint: str = _doc("", "EWS URL, e.g. https://mail.force.police.uk/EWS/Exchange.asmx")
    autodiscover: bool = _doc(False, "find the endpoint by autodiscover (slow, fragile; off)")
    auth_type: str = _doc("ntlm", "ntlm, basic or oauth")
    username: str = _doc("", r"account, e.g. FORCE\svc-tracker")
    password: str = _doc("", "secret reference for the password")
    primary_smtp_address: str = _doc("", "mailbox that sends; default mail.sender")
    client_id: str = _doc("", "oauth only: application (client) id")
    tenant_id: str = _doc("", "oauth only: directory (tenant) id")
    client_secret: str = _doc("", "oauth only: secret reference for the client secret")
    save_copy: bool = _doc(False, "keep a copy of each message in Sent Items")
    max_wait: int = _doc(120, "seconds to keep retrying when the server is busy")


@dataclass(frozen=True)
class GraphConfig:
    tenant_id: str = _doc("", "directory (tenant) id")
    client_id: str = _doc("", "application (client) id with Mail.Send")
    client_secret: str = _doc("", "secret reference, e.g. env:TRACKER_GRAPH_SECRET")
    mailbox: str = _doc("", "mailbox (UPN) that sends; default mail.sender")
    authority_host: str = _doc("https://login.microsoftonline.com", "Entra ID sign-in host")
    graph_url: str = _doc("https://graph.microsoft.com/v1.0", "Graph API base URL")
    save_to_sent_items: bool = _doc(False, "keep a copy of each message in Sent Items")
    max_wait: int = _doc(120, "seconds to keep retrying on 429/503")


@dataclass(frozen=True)
class MailConfig:
    transport: str = _doc("outbox", "outbox, smtp, ews or graph")
    sender: str = _doc("tracker@example.police.uk", "From address")
    reply_to: str = _doc("", "Reply-To address; default the register owner")
    allowed_domains: list[str] = _doc(
        ["*.police.uk"], "recipient domains mail may go to; '*.x' allows subdomains of x"
    )
    marking: str = _doc("OFFICIAL", "protective marking heading subject and body")
    register_owner: str = _doc("", "governance officer's email: gets the manager summary")
    managers: list[str] = _doc([], "more addresses that get the manager summary")
    it_contact: str = _doc("", "email told when a scheduled run fails")
    escalate: bool = _doc(True, "copy the owner's manager when an item is red two weeks running")
    send_empty_digests: bool = _doc(False, "email owners who have nothing open")
    outbox: str = _doc("outbox", "folder for .eml files, relative to this file")
    templates: str = _doc("", "folder of edited templates; empty uses the built-in ones")
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    ews: EwsConfig = field(default_factory=EwsConfig)
    graph: GraphConfig = field(default_factory=GraphConfig)


@dataclass(frozen=True)
class ScheduleConfig:
    day: str = _doc("monday", "weekday of the weekly run")
    time: str = _doc("08:00", "local time of the weekly run, HH:MM")
    daily_validation: bool = _doc(False, "also email the register owner a daily validation digest")
    daily_time: str = _doc("07:30", "local time of the daily validation digest")


@dataclass(frozen=True)
class LoggingConfig:
    level: str = _doc("INFO", "DEBUG, INFO, WARNING or ERROR")
    file: str = _doc("", "also log to this rotating file")


@dataclass(frozen=True)
class Config:
    register: str = _doc("tracker.xlsx", "the master register, relative to this file")
    ledger: str = _doc("", "SQLite ledger of runs and messages; default beside the register")
    timezone: str = _doc("Europe/London", "time zone that decides what 'today' is")
    mail: MailConfig = field(default_factory=MailConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    base_dir: Path = field(default=Path("."), metadata={"internal": True})
    source: str = field(default="", metadata={"internal": True})

    def path(self, value: str) -> Path:
        """A path from the file, relative to the config file's folder."""
        candidate = Path(value).expanduser()
        return candidate if candidate.is_absolute() else self.base_dir / candidate

    @property
    def register_path(self) -> Path:
        return self.path(self.register)

    @property
    def ledger_path(self) -> Path:
        if self.ledger:
            return self.path(self.ledger)
        reg = self.register_path
        return reg.with_name(reg.stem + ".ledger.sqlite")


def _check_type(value: Any, hint: Any, where: str) -> Any:
    if hint is bool or hint is str:
        if not isinstance(value, hint):
            raise ConfigError(f"{where} must be a {hint.__name__}, not {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} must be a whole number, not {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where} must be a number, not {value!r}")
        return float(value)
    if getattr(hint, "__origin__", None) is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where} must be a list of strings, not {value!r}")
        return list(value)
    raise AssertionError(hint)  # pragma: no cover


def _build(cls: type, data: dict[str, Any], prefix: str, source: str) -> Any:
    hints = get_type_hints(cls)
    public = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{source}: [{prefix}] {key}" if prefix else f"{source}: {key}"
        if key not in public:
            known = ", ".join(sorted(public))
            raise ConfigError(f"{where} is not a setting", fix=f"known keys here: {known}")
        hint = hints[key]
        if dataclasses.is_dataclass(hint):
            if not isinstance(value, dict):
                raise ConfigError(f"{where} must be a [{prefix + '.' if prefix else ''}{key}] table")
            values[key] = _build(hint, value, f"{prefix}.{key}" if prefix else key, source)  # type: ignore[arg-type]
        else:
            values[key] = _check_type(value, hint, where)
    return cls(**values)


def _check_choices(config: Config) -> None:
    source = config.source or DEFAULT_CONFIG_NAME
    if config.mail.transport not in TRANSPORTS:
        raise ConfigError(
            f"{source}: [mail] transport is {config.mail.transport!r}",
            fix=f"use one of {', '.join(TRANSPORTS)}",
        )
    if config.mail.smtp.security not in ("starttls", "ssl", "none"):
        raise ConfigError(f"{source}: [mail.smtp] security must be starttls, ssl or none")
    if config.mail.ews.auth_type not in ("ntlm", "basic", "oauth"):
        raise ConfigError(f"{source}: [mail.ews] auth_type must be ntlm, basic or oauth")
    if not re.fullmatch(r"[A-Z][A-Z0-9 /-]{1,60}", config.mail.marking):
        raise ConfigError(
            f"{source}: [mail] marking {config.mail.marking!r} is not a protective marking",
            fix="use capitals on one line, e.g. OFFICIAL or OFFICIAL-SENSITIVE",
        )
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(config.timezone)
    except Exception as exc:
        raise ConfigError(f"{source}: timezone {config.timezone!r} is unknown") from exc
    _check_addresses(config.mail, source)


_DOMAIN = re.compile(r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+", re.I)


def _check_addresses(mail: MailConfig, source: str) -> None:
    """Every address IT types is one plain address; replies stay inside the allowed domains."""
    from automation.core.addresses import is_email, refusal

    if not mail.allowed_domains:
        raise ConfigError(f"{source}: [mail] allowed_domains is empty, so no mail could go anywhere",
                          fix='list the force\'s domains, e.g. ["*.force.police.uk"]')  # fmt: skip
    for pattern in mail.allowed_domains:
        if not _DOMAIN.fullmatch(pattern.strip()):
            raise ConfigError(f"{source}: [mail] allowed_domains has {pattern!r}, which is not a domain",
                              fix='write domains as "force.police.uk" or "*.force.police.uk"')  # fmt: skip
    if not is_email(mail.sender):
        raise ConfigError(f"{source}: [mail] sender {mail.sender!r} is not one plain email address",
                          fix="write it as name@force.police.uk, with no display name")  # fmt: skip
    named = {"reply_to": [mail.reply_to], "register_owner": [mail.register_owner],
             "it_contact": [mail.it_contact], "managers": mail.managers}  # fmt: skip
    for key, values in named.items():
        for value in filter(None, values):
            why = refusal(value, mail.allowed_domains)
            if why:
                raise ConfigError(f"{source}: [mail] {key}: {why}",
                                  fix="use one address in the allowed domains")  # fmt: skip


def load_config(path: Path | None = None, *, search_dir: Path | None = None) -> Config:
    """Read ``path`` (or ``tracker.toml`` in ``search_dir`` when present) into a Config."""
    if path is None:
        candidate = (search_dir or Path(".")) / DEFAULT_CONFIG_NAME
        if not candidate.is_file():
            return Config(base_dir=search_dir or Path("."))
        path = candidate
    if not path.is_file():
        raise ConfigError(f"config file {path} does not exist", fix="check the --config path")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    built = _build(Config, data, "", str(path))
    config = dataclasses.replace(built, base_dir=path.parent, source=str(path))
    _check_choices(config)
    return config


def resolve_secret(reference: str, where: str) -> str:
    """The secret a reference names: ``env:NAME`` or ``keyring:SERVICE/USER``."""
    kind, _, name = reference.partition(":")
    if kind == "env" and name:
        value = os.environ.get(name)
        if not value:
            raise ConfigError(
                f"{where} names environment variable {name}, which is not set",
                fix=f"set {name} in the service's environment",
            )
        return value
    if kind == "keyring" and "/" in name:
        try:
            import keyring
        except ImportError as exc:
            raise MissingExtra("keyring", "keyring", "reading secrets from the OS keyring") from exc
        service, _, user = name.partition("/")
        found = keyring.get_password(service, user)
        if not found:
            raise ConfigError(
                f"{where}: the keyring has no secret for {service}/{user}",
                fix=f"store it with: keyring set {service} {user}",
            )
        return str(found)
    raise ConfigError(
        f"{where} must be a secret reference, env:NAME or keyring:SERVICE/USER",
        fix="secrets never live in tracker.toml; put the value in an environment variable",
    )


def documented_keys() -> list[tuple[str, str, str]]:
    """(key, default, meaning) for every setting, for the README and ``tracker config``."""
    rows: list[tuple[str, str, str]] = []

    def walk(cls: type, prefix: str) -> None:
        for f in dataclasses.fields(cls):
            if f.metadata.get("internal"):
                continue
            name = f"{prefix}{f.name}"
            if "doc" in f.metadata:
                default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[operator]
                shown = f'"{default}"' if isinstance(default, str) else repr(default)
                rows.append((name, shown, f.metadata["doc"]))
            else:
                walk(f.default_factory, f"{name}.")  # type: ignore[arg-type]

    walk(Config, "")
    return rows
