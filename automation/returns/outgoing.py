"""Returns in the weekly job: one per owner digest, attached to it, recorded in the ledger
before the digest goes, so that what comes back can be checked against what was sent."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from automation.mail.digests import OwnerDigest, Plan, RefusedReturn
from automation.mail.mime import Attachment
from automation.returns.issue import issue_return
from automation.returns.ledger import ReturnsLedger
from automation.returns.model import IssuedReturn, return_filename
from automation.returns.workbook import return_workbook


def issue_returns(plan: Plan, week: str, register: str) -> dict[str, IssuedReturn]:
    """A return for each owner digest with open items, by the owner's address (casefolded):
    every open item the digest counts, also those its lists leave out."""
    return {
        digest.owner.email.casefold(): issue_return(
            digest.owner, digest.listed, week=week, issued=plan.as_of, register=register
        )
        for digest in plan.digests
        if digest.listed
    }


def with_return_names(plan: Plan, week: str) -> Plan:
    """The plan with each digest naming the return ``issue_returns`` makes for it, without
    making it: a dry run needs the names only, not a fingerprint of every open item."""
    digests = tuple(
        dataclasses.replace(d, return_name=return_filename(d.owner.name, week)) if d.listed else d
        for d in plan.digests
    )
    return dataclasses.replace(plan, digests=digests)


def attacher(issued: Mapping[str, IssuedReturn], marking: str) -> Callable[[OwnerDigest], list[Attachment]]:
    """Makes a digest's attachment (its return workbook) when its message is built."""

    def attach(digest: OwnerDigest) -> list[Attachment]:
        found = issued.get(digest.owner.email.casefold())
        return [Attachment(found.filename, return_workbook(found, marking))] if found else []

    return attach


def record_issued(ledger: Path, returns: Iterable[IssuedReturn]) -> None:
    """Remember the returns about to be sent (before sending: one that arrives must be known)."""
    with ReturnsLedger(ledger) as book:
        for issued in returns:
            book.record_issued(issued)


def refused_since(ledger: Path, since: date, until: date) -> tuple[RefusedReturn, ...]:
    """Returns refused since the previous run, for owners' digests and the manager summary."""
    if not ledger.exists():
        return ()
    with ReturnsLedger(ledger) as book:
        found: Sequence = book.refused_between(since, until)
        return tuple(RefusedReturn(c.owner, c.email, c.source, c.received, c.reasons) for c in found)
