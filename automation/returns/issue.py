"""What each owner's return holds: their open items as the digest lists them."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from datetime import date

from automation.core.model import Owner
from automation.core.rating import RatedItem
from automation.returns.model import IssuedReturn, SentRow, fingerprint, item_key, reference_cells


def new_return_id(week: str) -> str:
    """A return's reference: the week, and a random part nobody can guess to forge a return."""
    return f"R-{week}-{secrets.token_hex(5)}"


def issue_return(
    owner: Owner,
    rated: Sequence[RatedItem],
    *,
    week: str,
    issued: date,
    register: str,
    make_id: Callable[[str], str] = new_return_id,
) -> IssuedReturn:
    """The return for ``owner``: one row per item in ``rated`` (their open items, most urgent
    first), each with its key and the fingerprint of the item as sent."""
    rows = []
    for r in rated:
        cells = reference_cells(r.item, r.rating)
        rows.append(SentRow(item_key(r.item.publication, r.item.ref), fingerprint(cells), cells))
    return IssuedReturn(
        make_id(week),
        week,
        issued,
        register,
        owner.name,
        owner.email,
        owner.manager_email,
        tuple(rows),
    )
