"""``tracker install-schedule``: unit files with this machine's absolute paths."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from tests.run.fakes import cli

NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


def install(tmp_path, kind, *args):
    result = CliRunner().invoke(
        cli(), ["install-schedule", "--print", kind, "--register", str(tmp_path / "tracker.xlsx"), *args]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_systemd_service_and_timer(tmp_path):
    text = install(tmp_path, "systemd")
    assert "Type=oneshot" in text
    assert f"WorkingDirectory={tmp_path}" in text
    assert (
        f"ExecStart={sys.executable} -m automation schedule --once --register {tmp_path / 'tracker.xlsx'}\n"
        in text
    )
    assert "OnCalendar=Mon *-*-* 08:00 Europe/London" in text
    assert "Persistent=true" in text
    assert "WantedBy=timers.target" in text
    assert "idempotent per ISO week" in text


def test_systemd_follows_the_config_and_quotes_awkward_paths(tmp_path):
    folder = tmp_path / "Gov Team 100%"
    folder.mkdir()
    config = folder / "tracker.toml"
    config.write_text('timezone = "Europe/London"\n[schedule]\nday = "friday"\ntime = "17:30"\n')
    text = install(folder, "systemd", "--config", str(config))
    assert "OnCalendar=Fri *-*-* 17:30 Europe/London" in text
    quoted = str(folder / "tracker.xlsx").replace("%", "%%")
    assert f'--register "{quoted}" --config "{str(config).replace("%", "%%")}"' in text


def test_windows_task_xml_catches_up_and_runs_with_limited_rights(tmp_path):
    text = install(tmp_path, "windows")
    xml = text[text.index("<?xml") : text.index("</Task>") + len("</Task>")]
    task = ET.fromstring(xml.split("?>", 1)[1])
    assert task.findtext("t:Settings/t:StartWhenAvailable", namespaces=NS) == "true"
    assert task.find("t:Triggers/t:CalendarTrigger/t:ScheduleByWeek/t:DaysOfWeek/t:Monday", NS) is not None
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT08:00:00",
        task.findtext("t:Triggers/t:CalendarTrigger/t:StartBoundary", namespaces=NS),
    )
    assert task.findtext("t:Principals/t:Principal/t:RunLevel", namespaces=NS) == "LeastPrivilege"
    assert task.findtext("t:Actions/t:Exec/t:Command", namespaces=NS) == sys.executable
    assert task.findtext("t:Actions/t:Exec/t:WorkingDirectory", namespaces=NS) == str(tmp_path)
    assert "schedule --once --register" in task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS)
    assert 'schtasks /Create /TN "tracker-remind" /XML "tracker-remind.xml"' in text
    assert "/SC WEEKLY /D MON /ST 08:00 /RL LIMITED" in text


def test_cron_line_has_the_time_zone_and_says_there_is_no_catch_up(tmp_path):
    text = install(tmp_path, "cron")
    assert "CRON_TZ=Europe/London\n" in text
    assert f"\n0 8 * * 1 cd {tmp_path} && {sys.executable} -m automation schedule --once --register " in text
    assert "NO catch-up" in text
