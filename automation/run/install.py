"""``tracker install-schedule``: operating-system timers that run the weekly job.

The OS wakes ``tracker schedule --once`` (the weekly ``remind`` job, plus an email to the
register owner and IT if it fails) at the configured day and time; the run is idempotent per
ISO week (the ledger), so a catch-up run after the machine was off cannot send twice.
systemd (``Persistent=true``) and Task Scheduler (``StartWhenAvailable``) catch up missed
runs; cron does not.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from automation.run.clock import today_in
from automation.run.config import DAYS, Config, clock_time, weekday

NAME = "tracker-remind"
COMMAND = ("schedule", "--once")
IDEMPOTENT = (
    "tracker remind is idempotent per ISO week (the ledger records every message), "
    "so a catch-up or repeated run cannot send anything twice."
)


@dataclass(frozen=True)
class Target:
    """What the timer runs, all paths absolute."""

    python: str
    register: Path
    config: Path | None
    day: int
    hour: int
    minute: int
    timezone: str
    today: date  # the first run is the next scheduled day from here

    @property
    def first_run(self) -> date:
        return self.today + timedelta(days=(self.day - self.today.weekday()) % 7)

    @property
    def folder(self) -> Path:
        return self.register.parent

    @property
    def args(self) -> list[str]:
        args = ["-m", "automation", *COMMAND, "--register", str(self.register)]
        return [*args, "--config", str(self.config)] if self.config else args

    @property
    def when(self) -> str:
        return f"{DAYS[self.day].title()} {self.hour:02d}:{self.minute:02d} {self.timezone}"


def target(
    config: Config, register: Path, config_file: Path | None, python: str = "", today: date | None = None
) -> Target:
    """Absolute paths; a tracker.toml found in the current folder is passed explicitly, since
    the timer runs in the register's folder."""
    source = config.source or "tracker.toml"
    at = clock_time(config.schedule.time, "time", source)
    chosen = config_file or (Path(config.source) if config.source else None)
    return Target(
        python or sys.executable,
        register.resolve(),
        chosen.resolve() if chosen else None,
        weekday(config.schedule.day, source),
        at.hour,
        at.minute,
        config.timezone,
        today or today_in(config.timezone),
    )


def _systemd_quote(text: str) -> str:
    text = text.replace("%", "%%")
    if any(c in text for c in " \t\"'\\;"):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def systemd(t: Target) -> str:
    command = " ".join(_systemd_quote(a) for a in [t.python, *t.args])
    day = DAYS[t.day][:3].title()
    return f"""\
# ---- {NAME}.service ----
# Save both files in /etc/systemd/system/ (or ~/.config/systemd/user/ with --user), then:
#   systemctl daemon-reload && systemctl enable --now {NAME}.timer
# Put secrets (e.g. TRACKER_SMTP_PASSWORD=...) in an EnvironmentFile readable only by the
# service account, and set User= to that account.
# {IDEMPOTENT}
[Unit]
Description=tracker: weekly HMICFRS recommendation reminders
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
WorkingDirectory={t.folder.as_posix().replace("%", "%%")}
ExecStart={command}
#User=svc-tracker
#EnvironmentFile=/etc/tracker/secrets.env

# ---- {NAME}.timer ----
# Persistent=true runs a missed run as soon as the machine is back on.
[Unit]
Description=tracker: weekly reminders every {t.when}

[Timer]
OnCalendar={day} *-*-* {t.hour:02d}:{t.minute:02d} {t.timezone}
Persistent=true
Unit={NAME}.service

[Install]
WantedBy=timers.target
"""


def task_xml(t: Target) -> str:
    """A Task Scheduler definition: weekly, limited rights, catching up missed runs."""
    args = subprocess.list2cmdline(t.args)
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>tracker: weekly HMICFRS recommendation reminders, every {escape(t.when)}</Description>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>{t.first_run.isoformat()}T{t.hour:02d}:{t.minute:02d}:00</StartBoundary>
      <Enabled>true</Enabled>
      <ScheduleByWeek>
        <DaysOfWeek><{DAYS[t.day].title()} /></DaysOfWeek>
        <WeeksInterval>1</WeeksInterval>
      </ScheduleByWeek>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>Password</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <StartWhenAvailable>true</StartWhenAvailable>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT2H</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(t.python)}</Command>
      <Arguments>{escape(args)}</Arguments>
      <WorkingDirectory>{escape(str(t.folder))}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""


def windows(t: Target) -> str:
    xml = task_xml(t)
    tr = subprocess.list2cmdline([t.python, *t.args]).replace('"', '\\"')
    plain = (
        f'schtasks /Create /TN "{NAME}" /SC WEEKLY /D {DAYS[t.day][:3].upper()} '
        f'/ST {t.hour:02d}:{t.minute:02d} /RL LIMITED /TR "{tr}"'
    )
    return f"""\
REM ---- 1. Save the XML below as {NAME}.xml (UTF-8) ----
{xml}
REM ---- 2. Register it (from cmd.exe; the account runs the task whether or not anyone is
REM      logged on, with limited rights; /RP * asks for its password) ----
schtasks /Create /TN "{NAME}" /XML "{NAME}.xml" /RU "%USERDOMAIN%\\%USERNAME%" /RP *

REM Times are the machine's local time: the machine's time zone must be {t.timezone}.
REM StartWhenAvailable=true runs a missed run soon after the machine is back on.
REM {IDEMPOTENT}
REM Without the XML (then tick "Run task as soon as possible after a scheduled start is
REM missed" in the task's Settings tab, and note there is no working folder):
{plain}
"""


def cron(t: Target) -> str:
    command = " ".join(shlex.quote(a) for a in [t.python, *t.args])
    line = f"cd {shlex.quote(str(t.folder))} && {command}".replace("%", "\\%")
    return f"""\
# tracker: weekly reminders every {t.when}. Add with `crontab -e`.
# cron has NO catch-up: a run missed while the machine is off is skipped until next week;
# run `tracker remind` by hand then. {IDEMPOTENT}
# CRON_TZ is honoured by cronie; where it is not, the time is the machine's time zone.
# Secrets must be set in this crontab or a wrapper script, as cron starts with almost no environment.
CRON_TZ={t.timezone}
{t.minute} {t.hour} * * {(t.day + 1) % 7} {line}
"""


FORMATS = {"systemd": systemd, "windows": windows, "cron": cron}


def unit_text(kind: str, config: Config, register: Path, config_file: Path | None, python: str = "") -> str:
    return FORMATS[kind](target(config, register, config_file, python))
