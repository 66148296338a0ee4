"""The one place that reads the clock; everything else takes ``today`` or ``now`` as an argument."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def today_in(timezone: str = "Europe/London") -> date:
    return datetime.now(ZoneInfo(timezone)).date()


def local_now(timezone: str = "Europe/London") -> datetime:
    """The wall-clock time in ``timezone``, without a zone (as the ledger records times)."""
    return datetime.now(ZoneInfo(timezone)).replace(tzinfo=None)
