"""The README's two set-up commands work as written on a fresh machine, whose system Python may
be externally managed (Debian, Ubuntu): each makes and uses a virtual environment, the first
installs what the weekly job and imports need, and .ci/run runs exactly the second."""

from __future__ import annotations

import re

from tests.builders import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def set_up_commands() -> list[str]:
    section = README.split("## Set up and run (two commands)", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


def test_both_commands_make_and_use_a_virtual_environment():
    run, test = set_up_commands()
    for command in (run, test):
        steps = command.split(" && ")
        assert steps[0] == "python3 -m venv .venv"
        assert all(step.startswith(".venv/bin/") for step in steps[1:]), command
    assert run == 'python3 -m venv .venv && .venv/bin/pip install -e ".[import]" && .venv/bin/tracker remind'
    assert test.endswith(".venv/bin/python -m pytest -q")


def test_ci_runs_exactly_the_readme_test_command_after_the_wheel():
    _, test = set_up_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == test
    wheel = next(n for n, line in enumerate(ci) if "pip wheel" in line)
    assert any('tracker" remind' in line and 'tracker" doctor' in line for line in ci[wheel:])
