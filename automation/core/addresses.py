"""Who mail may go to: well-formed addresses in the force's allowed domains only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)


def is_email(text: str) -> bool:
    """One plain address, name@domain.tld: no display name, spaces or line breaks."""
    return bool(EMAIL.fullmatch(text))


def domain_allowed(address: str, allowed: Iterable[str]) -> bool:
    """``police.uk`` allows exactly that domain; ``*.police.uk`` allows any subdomain of it."""
    domain = address.rpartition("@")[2].casefold().rstrip(".")
    for pattern in allowed:
        pattern = pattern.strip().casefold()
        if pattern.startswith("*."):
            if domain.endswith(pattern[1:]):
                return True
        elif domain == pattern:
            return True
    return False


def refusal(address: str, allowed: Sequence[str]) -> str | None:
    """Why mail must not go to ``address``, or None when it may."""
    if not address:
        return "has no email address"
    if any(ch in address for ch in '\r\n\t,;<>"') or not is_email(address):
        return f"email address {address!r} is not a single valid address"
    if not domain_allowed(address, allowed):
        return f"email address {address} is outside the allowed domains ({', '.join(allowed) or 'none set'})"
    return None
