"""``tracker doctor``: check an installation before trusting it to run unattended.

Each check is PASS, WARN or FAIL, with how to fix it. Secrets are resolved to
prove they are there, and never printed.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from automation.core.errors import TrackerError
from automation.core.text import plural
from automation.mail.transports.interface import Transport
from automation.mail.transports.registry import backend
from automation.mail.transports.secrets import resolve_secret
from automation.run.clock import local_now
from automation.run.config import Config


class CheckStatus(enum.Enum):
    PASS = "PASS"
    WARN = "WARN"
    FAIL = "FAIL"


PASS, WARN, FAIL = CheckStatus.PASS, CheckStatus.WARN, CheckStatus.FAIL


@dataclass(frozen=True)
class Check:
    status: CheckStatus
    name: str
    detail: str
    fix: str = ""


def _error(name: str, exc: TrackerError) -> Check:
    what = f"{exc.where}: {exc.what}" if exc.where else exc.what
    return Check(FAIL, name, what, exc.fix)


def check_config(load: Callable[[], Config]) -> tuple[Check, Config | None]:
    try:
        config = load()
    except TrackerError as exc:
        return _error("config", exc), None
    if config.source:
        return Check(PASS, "config", f"{config.source} is valid"), config
    return Check(
        WARN,
        "config",
        "no tracker.toml found: built-in defaults in use (mail goes to the outbox)",
        "tracker example-config > tracker.toml (beside the register), then edit it; or pass --config",
    ), config


def check_register(register: Path, allowed_domains: Sequence[str] | None = None) -> Check:
    from automation.run.check import check_register as read

    try:
        checked = read(register, allowed_domains)
    except TrackerError as exc:
        return _error("register", exc)
    errors, warnings = checked.errors, len(checked.problems) - checked.errors
    counts = f"{register} read: {plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if errors:
        return Check(FAIL, "register", counts, "run `tracker validate` and correct the cells it lists")
    if warnings:
        return Check(WARN, "register", counts, "run `tracker validate` to see the warnings")
    return Check(PASS, "register", counts)


def check_templates(config: Config) -> Check:
    from automation.core.model import Settings
    from automation.core.rating import status_report
    from automation.core.register import Register
    from automation.mail.compose import compose
    from automation.mail.digests import History, Options
    from automation.mail.ledger_records import iso_week
    from automation.mail.render import BUILT_IN, Renderer
    from automation.run.demo import AS_OF, DOMAIN, demo_items, demo_owners, demo_publications, load_example

    folder = config.path(config.mail.templates) if config.mail.templates else None
    try:
        data = load_example()
        register = Register(
            Path("sample.xlsx"),
            tuple(demo_items(data)),
            tuple(demo_owners()),
            tuple(demo_publications(data)),
            Settings(),
            (),
        )
        options = Options(
            updates_to=config.mail.register_owner or config.mail.sender, allowed_domains=(DOMAIN,)
        )
        plan = compose(register, status_report(register, AS_OF), (), History(), options)
        renderer = Renderer(config.mail.marking, folder)
        week = iso_week(AS_OF)
        renderer.owner_digest(plan.digests[0], plan.as_of, week)
        renderer.manager_summary(plan.summary, week)
    except TrackerError as exc:
        return _error("templates", exc)
    where = f"your templates in {folder}" if folder else f"built-in templates (in {BUILT_IN})"
    return Check(PASS, "templates", f"{where} render the owner digest and manager summary")


def check_addresses(config: Config) -> Iterator[Check]:
    from automation.core.addresses import refusal

    mail = config.mail
    if not mail.allowed_domains:
        yield Check(
            FAIL,
            "allowed domains",
            "[mail] allowed_domains is empty: no mail can be sent",
            'list the force\'s domains, e.g. allowed_domains = ["*.police.uk"]',
        )
        return
    yield Check(PASS, "allowed domains", ", ".join(mail.allowed_domains))
    for key, address in (("register_owner", mail.register_owner), ("it_contact", mail.it_contact)):
        why = refusal(address, mail.allowed_domains) if address else "is not set"
        if why:
            yield Check(
                WARN,
                key,
                f"[mail] {key} {why}: failure notices cannot reach them",
                f"set [mail] {key} to an address in the allowed domains",
            )
        else:
            yield Check(PASS, key, address)


def check_transport(config: Config) -> Iterator[Check]:
    chosen = backend(config.mail.transport, config.source or "tracker.toml")
    if chosen.name == "outbox":
        folder = config.path(config.mail.outbox)
        yield Check(PASS, "transport", f"outbox: messages are written to {folder} for a person to send")
        return
    kind = chosen.name
    missing = chosen.missing_settings(config.mail)
    if missing:
        yield Check(FAIL, "transport", f"{kind}: missing {', '.join(missing)}", "set them in tracker.toml")
    else:
        yield Check(PASS, "transport", f"{kind} settings present")
    absent = chosen.missing_packages()
    if absent:
        yield Check(
            FAIL,
            "package",
            f"{kind} needs {absent[0]}, which is not installed",
            f"pip install 'tracker[{chosen.extra}]'",
        )
    settings = chosen.settings(config.mail)
    for key in chosen.secret_keys(config.mail):
        where = f"[mail.{kind}] {key}"
        try:
            resolve_secret(getattr(settings, key), where)
        except TrackerError as exc:
            yield _error("secret", exc)
        else:
            yield Check(PASS, "secret", f"{where} is set (not shown)")


PROBE_KEY = "tracker-doctor:no-such-message"


def check_connection(config: Config, transport: Transport | None = None) -> Iterator[Check]:
    """Connect and sign in as a send would, sending nothing; then whether a message left in
    doubt could be looked for in the sender's Sent Items."""
    from automation.mail.transports.interface import close_transport, probe
    from automation.run.notify import quick_transport

    try:
        chosen = transport or quick_transport(config)
    except TrackerError as exc:
        yield _error("connection", exc)
        return
    try:
        done = probe(chosen)
        if done:
            yield Check(PASS, "connection", f"{chosen.name}: {done}; nothing was sent")
        yield from _check_sent_items(chosen)
    except TrackerError as exc:
        yield _error("connection", exc)
    finally:
        close_transport(chosen)


def _check_sent_items(transport: Transport) -> Iterator[Check]:
    from automation.mail.transports.interface import LookupUnavailable, find_sent

    if not callable(getattr(transport, "find_sent", None)):
        return
    try:
        find_sent(transport, PROBE_KEY)
    except LookupUnavailable as exc:
        what = f"a message left in doubt cannot be looked for: {exc.what}"
        yield Check(WARN, "sent items", what, exc.fix)
    else:
        yield Check(PASS, "sent items", "Sent Items can be searched for a message left in doubt")


def probe_message(config: Config, address: str, key: str) -> EmailMessage:
    from automation.mail.mime import build_message
    from automation.run.notify import renderer

    rendered = renderer(config).test_message(address, config.mail.transport)
    return build_message(rendered, sender=config.mail.sender, to=[address], cc=[], key=key)


def send_test(
    config: Config, address: str, transport: Transport | None = None, now: datetime | None = None
) -> Check:
    from automation.core.addresses import refusal
    from automation.mail.ledger_records import iso_week
    from automation.mail.transports.interface import close_transport
    from automation.run.notify import quick_transport

    why = refusal(address, config.mail.allowed_domains)
    if why:
        return Check(FAIL, "test message", f"not sent: {why}", "use an address in [mail] allowed_domains")
    now = now or local_now(config.timezone)
    key = f"{iso_week(now.date())}:doctor-test-{now:%Y%m%dT%H%M%S}:{address.casefold()}"
    try:
        chosen = transport or quick_transport(config)
        try:
            sent_id = chosen.send(probe_message(config, address, key), key)
        finally:
            close_transport(chosen)
    except TrackerError as exc:
        return _error("test message", exc)
    return Check(PASS, "test message", f"sent to {address} through {chosen.name} ({sent_id})")


def run_checks(
    load: Callable[[], Config],
    register: Callable[[], Path],
    send_to: str | None = None,
    transport: Transport | None = None,
) -> list[Check]:
    """Every check in order; later checks are skipped when the config cannot be read."""
    first, config = check_config(load)
    if config is None:
        return [first, Check(FAIL, "other checks", "skipped until the config is fixed")]
    settings = list(check_transport(config))
    checks = [
        first,
        check_register(register(), config.mail.allowed_domains),
        check_templates(config),
        *check_addresses(config),
        *settings,
    ]
    if config.mail.transport != "outbox" and not any(c.status is FAIL for c in settings):
        checks += check_connection(config, transport)
    if send_to:
        checks.append(send_test(config, send_to, transport))
    return checks
