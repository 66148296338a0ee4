"""``tracker.toml``: what a force's IT team decides, read once into a frozen Config.

Every key has a default, so the file is optional. Secrets never live in the file: a secret
key holds a reference, ``env:NAME`` (an environment variable) or ``keyring:SERVICE/USER``
(the OS keyring), resolved only when a transport needs it.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo

from automation.core.errors import ConfigError
from automation.mail.settings import MailConfig, check_mail, documented
from automation.returns.settings import ReturnsConfig, check_returns

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_CONFIG_NAME = "tracker.toml"
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


@dataclass(frozen=True)
class ScheduleConfig:
    day: str = documented("monday", "weekday of the weekly run")
    time: str = documented("08:00", "local time of the weekly run, HH:MM")
    daily_validation: bool = documented(False, "also email the register owner a daily validation digest")
    daily_time: str = documented("07:30", "local time of the daily validation digest")
    collect_returns: str = documented(
        "",
        "before each scheduled weekly run, collect owners' returns from here: 'mailbox:' (the "
        "[returns] folder of the Graph or EWS mailbox) or a folder of returns; empty: do not",
    )


@dataclass(frozen=True)
class LoggingConfig:
    level: str = documented("INFO", "DEBUG, INFO, WARNING or ERROR")
    file: str = documented("", "also log to this rotating file")


@dataclass(frozen=True)
class ReportsConfig:
    committee: str = documented("Joint Audit Committee", "who the committee paper is to")
    author: str = documented("Governance and Inspection Officer", "who the committee paper is from")
    department: str = documented("", "the author's department, after their name")
    templates: str = documented("", "folder of edited report templates; empty uses the built-in ones")


@dataclass(frozen=True)
class Config:
    register: str = documented("tracker.xlsx", "the master register, relative to this file")
    ledger: str = documented("", "SQLite ledger of runs and messages; default beside the register")
    timezone: str = documented("Europe/London", "time zone that decides what 'today' is")
    mail: MailConfig = field(default_factory=MailConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    reports: ReportsConfig = field(default_factory=ReportsConfig)
    returns: ReturnsConfig = field(default_factory=ReturnsConfig)
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
        return self.ledger_for(self.register_path)

    def ledger_for(self, register: Path) -> Path:
        """The ledger of ``register``: the configured one, else the file beside it."""
        if self.ledger:
            return self.path(self.ledger)
        return register.with_name(register.stem + ".ledger.sqlite")


def _as_written(value: Any) -> str:
    """A value as it is written in tracker.toml, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_as_written(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table of settings"
    return str(value)


def _check_type(value: Any, hint: Any, where: str) -> Any:
    """The value if it has the type the setting needs; else a ConfigError in IT's words."""
    found = _as_written(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where} is {found}", fix="write true or false, without quotes")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where} is {found}", fix=f'write it in double quotes, e.g. "{value}"')
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} is {found}", fix="write a whole number without quotes, e.g. 120")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where} is {found}", fix="write a number without quotes, e.g. 30")
        return float(value)
    if getattr(hint, "__origin__", None) is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                f"{where} is {found}",
                fix='write a list in square brackets, each entry in double quotes, e.g. ["a", "b"]',
            )
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
                table = f"[{prefix + '.' if prefix else ''}{key}]"
                raise ConfigError(
                    f"{where} is {_as_written(value)}, but {key} is a section of settings",
                    fix=f"remove that line, and put the settings under a line {table}",
                )
            values[key] = _build(hint, value, f"{prefix}.{key}" if prefix else key, source)  # type: ignore[arg-type]
        else:
            meta = public[key].metadata
            if meta.get("secret"):
                values[key] = _check_secret(value, where)
            else:
                values[key] = _check_range(_check_type(value, hint, where), meta.get("range"), where)
    return cls(**values)


def _check_secret(value: Any, where: str) -> str:
    """A secret key holds a reference (or nothing); whatever else it holds is never shown."""
    from automation.mail.transports.secrets import is_reference

    if isinstance(value, str) and (value == "" or is_reference(value)):
        return value
    raise ConfigError(
        f"{where} holds something other than a secret reference (its value is not shown)",
        fix="secrets never live in tracker.toml: put it in an environment variable and write "
        '"env:NAME", or in the OS keyring and write "keyring:SERVICE/USER"',
    )


def _check_range(value: Any, bounds: tuple[Any, Any, Any] | None, where: str) -> Any:
    """A number within the range its setting documents."""
    if bounds is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    least, most, above = bounds
    if (
        (least is not None and value < least)
        or (above is not None and value <= above)
        or (most is not None and value > most)
    ):
        low = f"more than {above:g}" if above is not None else f"from {least:g}"
        raise ConfigError(f"{where} is {_as_written(value)}", fix=f"use a number {low} to {most:g}")
    return value


def _check_choices(config: Config) -> None:
    from automation.mail.transports.registry import backend  # only here: it imports the email package

    source = config.source or DEFAULT_CONFIG_NAME
    backend(config.mail.transport, source)
    check_mail(config.mail, source)
    check_returns(config.returns, source)
    try:
        ZoneInfo(config.timezone)
    except Exception as exc:
        raise ConfigError(
            f"{source}: timezone {config.timezone!r} is unknown", fix='use a name such as "Europe/London"'
        ) from exc
    if config.logging.level.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(
            f"{source}: [logging] level is {_as_written(config.logging.level)}",
            fix="use DEBUG, INFO, WARNING or ERROR",
        )
    weekday(config.schedule.day, source)
    clock_time(config.schedule.time, "time", source)
    clock_time(config.schedule.daily_time, "daily_time", source)


def load_config(path: Path | None = None, *, search_dir: Path | None = None) -> Config:
    """Read ``path`` (or ``tracker.toml`` in ``search_dir`` when present) into a Config."""
    if path is None:
        candidate = (search_dir or Path(".")) / DEFAULT_CONFIG_NAME
        if not candidate.is_file():
            return Config(base_dir=search_dir or Path("."))
        path = candidate
    if not path.is_file():
        raise ConfigError(f"config file {path} does not exist", fix="check the --config path")
    data = _parse(path)
    built = _build(Config, data, "", str(path))
    config = dataclasses.replace(built, base_dir=path.parent, source=str(path))
    _check_choices(config)
    return config


def _parse(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8-sig")  # Windows Notepad may begin it with a BOM
    except OSError as exc:
        raise ConfigError(
            f"{path} cannot be read ({exc.strerror or exc})", fix="check its permissions"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path} is not saved as UTF-8 (byte {exc.start} cannot be read)",
            fix="save it again with the encoding UTF-8 (in Notepad: File > Save as, Encoding UTF-8)",
        ) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path} cannot be read: {exc}", fix="check the quotes, brackets and = signs on that line"
        ) from exc


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
