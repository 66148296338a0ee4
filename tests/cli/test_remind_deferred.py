"""A recipient the SMTP relay only defers (451 at RCPT) gets the message on the week's next
run, sent unchanged to them alone; one it refuses for good (550) is reported, never retried."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from automation.cli import main
from tests.returns.helpers import shipped_register
from tests.run.fakes import free_port

TOM = "tom.brennan@example.police.uk"
MARK = "mark.ellison@example.police.uk"  # Tom's line manager, copied on his escalation


LATER = "451 4.3.0 Try again later"
UNKNOWN = f"550 5.1.1 <{MARK}>: Recipient address rejected: User unknown"


@dataclass
class Relay:
    """An SMTP relay answering RCPT for some addresses as it is told: ``copied`` when the
    address follows another recipient of the message (a Cc), ``always`` whenever it comes."""

    port: int
    copied: dict[str, str] = field(default_factory=dict)
    always: dict[str, str] = field(default_factory=dict)
    received: list[tuple[list[str], bytes]] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        answer = self.always.get(address) or (self.copied.get(address) if envelope.rcpt_tos else None)
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 Ok: queued"

    def to(self, address: str) -> list[tuple[list[str], bytes]]:
        return [(rcpts, data) for rcpts, data in self.received if address in rcpts]


@pytest.fixture
def relay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Relay]:
    """The shipped register, a tracker.toml sending through the relay without in-run retries,
    and one week already sent (so Tom's red items are escalated to Mark the next week)."""
    monkeypatch.chdir(tmp_path)
    shipped_register(tmp_path)
    port = free_port()
    handler = Relay(port)
    Path("tracker.toml").write_text(
        f'[mail]\ntransport = "smtp"\n\n[mail.smtp]\nhost = "127.0.0.1"\nport = {port}\n'
        'security = "none"\ntimeout = 5\nmax_wait = 0\n'
    )
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert remind("2021-09-27").exit_code == 0
        handler.received.clear()
        yield handler
    finally:
        controller.stop()


def remind(today: str, *options: str) -> Any:
    return CliRunner().invoke(main, ["remind", "--today", today, *options])


def week(*lines: str, transport: str = "smtp") -> str:
    return "\n".join([f"Week 2021-W40: tracker.xlsx as at 04/10/2021, transport {transport}", *lines, ""])


def others(result: str) -> list[str]:
    return [
        f"  {result:<13}{address:<32}  {about}"
        for address, about in (
            ("aisha.rahman@example.police.uk", "owner digest, 1 open item"),
            ("dana.whitfield@example.police.uk", "owner digest, 5 open items"),
            ("gareth.lloyd@example.police.uk", "owner digest, 2 open items"),
            ("helen.price@example.police.uk", "owner digest, 2 open items"),
            ("owen.hughes@example.police.uk", "owner digest, 2 open items"),
        )
    ]


def tom(result: str, detail: str = "") -> str:
    return f"  {result:<13}{TOM:<32}  owner digest, 7 open items, escalated to {MARK}{detail}"


def summaries(result: str) -> list[str]:
    return [
        f"  {result:<13}{who:<32}  manager summary, their owners' items"
        for who in ("priya.shah@example.police.uk", MARK, "claire.booth@example.police.uk")
    ]


AGAIN = f" (again, only to the Cc deferred last run: {MARK})"
DEFERRED = (
    f": SMTP server 127.0.0.1:{{port}}: delivered, except to {MARK}: 451 4.3.0 Try again later "
    "(the others got the message; the next run sends it again to those deferred only)"
)


def test_a_deferred_cc_gets_the_message_on_the_next_run_and_nobody_twice(relay: Relay) -> None:
    relay.copied[MARK] = LATER
    first = remind("2021-10-04")
    [(rcpts, sent)] = relay.to(TOM)
    relay.copied.clear()
    relay.received.clear()

    plan = remind("2021-10-04", "--dry-run")
    second = remind("2021-10-04")
    resent = list(relay.received)
    third = remind("2021-10-04")

    assert rcpts == [TOM]
    assert (first.exit_code, first.output) == (
        1,
        week(
            *others("sent"),
            tom("partly sent", DEFERRED.format(port=relay.port)),
            *summaries("sent"),
            "8 sent, 1 partly sent.",
        ),
    )
    assert (plan.exit_code, plan.output) == (
        0,
        week(
            *others("already sent"),
            tom("would send", AGAIN),
            *summaries("already sent"),
            "Dry run: nothing was sent or recorded. 8 already sent, 1 would send.",
            transport="smtp (dry run)",
        ),
    )
    assert (second.exit_code, second.output) == (
        0,
        week(
            *others("already sent"), tom("sent", AGAIN), *summaries("already sent"), "1 sent, 8 already sent."
        ),
    )
    import difflib

    print(
        list(difflib.diff_bytes(difflib.unified_diff, sent.splitlines(True), resent[0][1].splitlines(True)))[
            :30
        ]
    )
    assert resent == [([MARK], sent)]  # the same bytes, Message-ID and Date too, to Mark alone
    assert (third.exit_code, third.output) == (
        0,
        week(*others("already sent"), tom("already sent"), *summaries("already sent"), "9 already sent."),
    )
    assert relay.received == resent  # the third run sent nothing


def test_a_cc_deferred_again_stays_for_the_run_after(relay: Relay) -> None:
    relay.copied[MARK] = LATER
    remind("2021-10-04")
    [(_, sent)] = relay.to(TOM)
    relay.received.clear()
    relay.always[MARK] = LATER

    second = remind("2021-10-04")
    relay.always.clear()
    third = remind("2021-10-04")

    again = f"{AGAIN}: SMTP server 127.0.0.1:{relay.port}: recipients deferred: {MARK}: {LATER}; "
    assert (second.exit_code, second.output.splitlines()[6:7]) == (
        1,
        [tom("partly sent", again + "the next run sends it to them again")],
    )
    assert second.output.splitlines()[-1] == "1 partly sent, 8 already sent."
    assert (third.exit_code, third.output.splitlines()[6]) == (0, tom("sent", AGAIN))
    assert relay.received == [([MARK], sent)]


def test_a_cc_refused_for_good_is_reported_and_never_retried(relay: Relay) -> None:
    relay.copied[MARK] = UNKNOWN
    first = remind("2021-10-04")
    plan = remind("2021-10-04", "--dry-run")
    second = remind("2021-10-04")

    refused = (
        f": SMTP server 127.0.0.1:{relay.port}: delivered, except to {MARK}: {UNKNOWN} "
        "(check the addresses refused; the others got the message)"
    )
    assert (first.exit_code, first.output.splitlines()[6]) == (1, tom("partly sent", refused))
    assert (plan.exit_code, plan.output.splitlines()[6]) == (0, tom("already sent"))
    assert (second.exit_code, second.output.splitlines()[6]) == (0, tom("already sent"))
    assert [rcpts for rcpts, _ in relay.to(MARK)] == [[MARK]]  # only his own summary, on the first run


def test_a_ledger_made_before_deferred_recipients_were_kept_is_migrated_in_place(relay: Relay) -> None:
    with sqlite3.connect("tracker.ledger.sqlite") as made:  # as the week before left it
        made.execute("DROP TABLE deferred")
        before = made.execute("SELECT key, state, transport_id FROM messages ORDER BY key").fetchall()
    made.close()
    relay.copied[MARK] = LATER
    first = remind("2021-10-04")
    relay.copied.clear()
    second = remind("2021-10-04")

    assert (first.exit_code, second.exit_code) == (1, 0)
    assert second.output.splitlines()[6] == tom("sent", AGAIN)
    with sqlite3.connect("tracker.ledger.sqlite") as kept:
        assert kept.execute("SELECT key, state, transport_id FROM messages WHERE key LIKE '2021-W39:%'"
                            " ORDER BY key").fetchall() == before  # fmt: skip
        assert kept.execute("SELECT COUNT(*) FROM deferred").fetchone() == (0,)
    kept.close()
