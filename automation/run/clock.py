"""The one place that reads the clock; everything else takes ``today`` as an argument."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def today_in(timezone: str = "Europe/London") -> date:
    return datetime.now(ZoneInfo(timezone)).date()
