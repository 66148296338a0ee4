"""Turning a composed plan into addressed messages, each with its ledger key."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from functools import cached_property, partial
from typing import Any

from automation.core.addresses import refusal
from automation.core.model import Owner
from automation.mail.digests import ManagerSummary, OwnerDigest, Plan
from automation.mail.mime import Attachment, addressed, build_message, message_body
from automation.mail.render import Rendered, Renderer
from automation.mail.settings import MailConfig


@dataclass(frozen=True)
class Outgoing:
    key: str
    kind: str  # owner | summary
    recipient: str
    cc: tuple[str, ...]
    subject: str
    about: str  # a few words for the run's report
    make: Callable[[], EmailMessage] = field(repr=False, compare=False)

    @cached_property
    def message(self) -> EmailMessage:
        """The MIME message, encoded when first needed: a dry run never pays for it."""
        return self.make()

    def forget(self) -> None:
        """Let the built message go (a run of hundreds need not hold them all); it is built
        again if asked for."""
        self.__dict__.pop("message", None)


@dataclass(frozen=True)
class Refused:
    recipient: str
    why: str


def summary_recipients(mail: MailConfig, owners: Sequence[Owner]) -> list[str]:
    """The register owner and configured managers; with neither configured, the managers
    named on the Owners sheet."""
    configured = [a for a in (mail.register_owner, *mail.managers) if a]
    chosen = configured or [o.manager_email for o in owners if o.manager_email]
    # one person however the address is capitalised ('Mark.Ellison@...' on one owner's row)
    first = {a.strip().casefold(): a.strip() for a in reversed(chosen)}
    return list(dict.fromkeys(first[a.strip().casefold()] for a in chosen))


def _address_summary(body: Callable[[], EmailMessage], *, to: list[str], key: str) -> EmailMessage:
    return addressed(body(), to=to, cc=[], key=key)


def build_outgoing(
    plan: Plan,
    week: str,
    mail: MailConfig,
    renderer: Renderer,
    owners: Sequence[Owner],
    attach: Callable[[OwnerDigest], Sequence[Attachment]] | None = None,
) -> tuple[list[Outgoing], list[Refused]]:
    """Every message of the week, rendered before anything is sent (a broken template stops
    the run here, not half-way), and every recipient mail may not go to. ``attach`` makes an
    owner's attachments (their return), only when their message is built."""
    reply_to = mail.reply_to or mail.register_owner
    out: list[Outgoing] = []
    refused: list[Refused] = []
    for digest in plan.digests:
        rendered = renderer.owner_digest(digest, plan.as_of, week)
        to, cc = digest.owner.email, [digest.escalate_to] if digest.escalate_to else []
        key = f"{week}:owner:{to.casefold()}"
        about = f"owner digest, {digest.count} open item{'s' if digest.count != 1 else ''}"
        if cc:
            about += f", escalated to {cc[0]}"
        files = partial(attach, digest) if attach else None
        make = partial(
            _build_packed,
            _Packed.of(rendered),
            sender=mail.sender,
            to=[to],
            cc=cc,
            key=key,
            reply_to=reply_to,
            attachments=files,
        )
        out.append(Outgoing(key, "owner", to, tuple(cc), rendered.subject, about, make))
    summaries, refusals = _summaries(plan, week, mail, renderer, owners)
    return out + summaries, refused + refusals


def _summaries(
    plan: Plan, week: str, mail: MailConfig, renderer: Renderer, owners: Sequence[Owner]
) -> tuple[list[Outgoing], list[Refused]]:
    """The manager summaries; a body several recipients share is rendered and built once."""
    out: list[Outgoing] = []
    refused: list[Refused] = []
    bodies: dict[int, _SharedBody] = {}  # one per distinct summary
    for recipient in summary_recipients(mail, owners):
        why = refusal(recipient, mail.allowed_domains)
        if why:
            refused.append(Refused(recipient, why))
            continue
        summary = plan.summary_for(recipient)
        if id(summary) not in bodies:
            rendered = renderer.manager_summary(summary, week)
            files = partial(_summary_files, summary, week, renderer.marking)
            bodies[id(summary)] = _SharedBody(
                _Packed.of(rendered), partial(_summary_body, mail=mail, files=files)
            )
        body = bodies[id(summary)]
        body.users += 1
        key = f"{week}:summary:{recipient.casefold()}"
        make = partial(_address_summary, body, to=[recipient], key=key)
        about = "manager summary" + (", their owners' items" if summary.scope else "")
        out.append(Outgoing(key, "summary", recipient, (), body.subject, about, make))
    return out, refused


class _SharedBody:
    """A summary's body, built for its first recipient's message and let go after its last
    one's: a run should not hold every summary's encoded workbook until it ends. Asked again
    (a message built again after it was let go), it is built again."""

    def __init__(self, packed: _Packed, make: Callable[[Rendered], EmailMessage]) -> None:
        self.subject, self.users = packed.subject, 0
        self._packed, self._make, self._given = packed, make, 0
        self._body: EmailMessage | None = None

    def __call__(self) -> EmailMessage:
        body = self._body if self._body is not None else self._make(self._packed.unpacked())
        self._given += 1
        self._body = body if self._given < self.users else None
        return body


@dataclass(frozen=True)
class _Packed:
    """A rendered message held as UTF-8 until it is built: rendered text with a single '–' is
    two bytes a character in memory, and a run holds every message before it sends one."""

    subject: str
    text: bytes
    html: bytes

    @classmethod
    def of(cls, rendered: Rendered) -> _Packed:
        return cls(rendered.subject, rendered.text.encode(), rendered.html.encode())

    def unpacked(self) -> Rendered:
        return Rendered(self.subject, self.text.decode(), self.html.decode())


def _build_packed(packed: _Packed, **how: Any) -> EmailMessage:
    return build_message(packed.unpacked(), **how)


def _summary_files(summary: ManagerSummary, week: str, marking: str) -> list[Attachment]:
    """The whole of every list, when the summary's body shows only the most urgent rows."""
    if summary.everything is None:
        return []
    from automation.mail.summary_workbook import attachment_name, summary_workbook

    return [Attachment(attachment_name(week), summary_workbook(summary, marking))]


def _summary_body(
    rendered: Rendered, *, mail: MailConfig, files: Callable[[], Sequence[Attachment]]
) -> EmailMessage:
    reply_to = mail.reply_to or mail.register_owner
    return message_body(rendered, sender=mail.sender, reply_to=reply_to, attachments=files)
