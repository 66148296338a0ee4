"""Running tracker unattended: the scheduler's jobs, failure emails, checks and unit files.

Small shared helpers live here: reading the ``[schedule]`` day and times.
"""

from __future__ import annotations

from datetime import time

from automation.core.errors import ConfigError

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday(day: str, source: str = "tracker.toml") -> int:
    """0 for Monday .. 6 for Sunday; accepts full names and three-letter abbreviations."""
    text = day.strip().casefold()
    for index, name in enumerate(DAYS):
        if text in (name, name[:3]):
            return index
    raise ConfigError(f"{source}: [schedule] day is {day!r}", fix="use a weekday name, e.g. monday")


def clock_time(text: str, key: str = "time", source: str = "tracker.toml") -> time:
    """``HH:MM`` (24-hour) as a time."""
    hours, sep, minutes = text.strip().partition(":")
    if sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2:
        hour, minute = int(hours), int(minutes)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ConfigError(f"{source}: [schedule] {key} is {text!r}", fix="use 24-hour HH:MM, e.g. 08:00")
