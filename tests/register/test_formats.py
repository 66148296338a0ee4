"""One reader for every command: .xls and .ods registers (as LibreOffice or old Excel save
them) are read by every reading command; every writing command refuses them in the same
words, saying how to go on."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import main
from tests.builders import EXAMPLE_PAPER, edit, item, workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
ADVICE = (
    "tracker can read it but can only update .xlsx and .xlsm workbooks (open it in Excel or "
    "LibreOffice and save it as an Excel Workbook (.xlsx), then use that file)"
)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same small register as .xlsx, and as LibreOffice saves it as .xls and .ods."""
    folder = tmp_path_factory.mktemp("formats")
    path = workbook(folder / "reg.xlsx", [item(), item(ref="Recommendation 2", row=3, owner="Tom Brennan")])
    edit(path, {"E3": "Clsoed"})  # one error, to see it found in every format
    for target in ("ods", "xls:MS Excel 97"):
        command = [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless"]
        done = subprocess.run(
            [*command, "--convert-to", target, "--outdir", str(folder), str(path)],
            capture_output=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
    return folder


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_reading_commands_read_xls_and_ods(saved, suffix, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    register = str(saved / f"reg{suffix}")
    runner = CliRunner()
    validate = runner.invoke(main, ["validate", "--register", register])
    assert validate.exit_code == 1, validate.output
    assert '"Clsoed" is not one of the statuses' in validate.output
    status = runner.invoke(main, ["status", "--register", register, "--today", "01/10/2021"])
    assert status.exit_code == 0 and "Recommendation 1" in status.output
    remind = runner.invoke(main, ["remind", "--register", register, "--today", "01/10/2021", "--dry-run"])
    assert remind.exit_code == 0, remind.output
    assert "would send" in remind.output
    dry = runner.invoke(main, ["import", "--register", register, str(EXAMPLE_PAPER), "--dry-run"])
    assert dry.exit_code == 0, dry.output


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_writing_commands_refuse_xls_and_ods_with_the_same_advice(saved, suffix, tmp_path):
    register = tmp_path / f"reg{suffix}"
    shutil.copy2(saved / f"reg{suffix}", register)
    before = register.read_bytes()
    runner = CliRunner()
    imported = runner.invoke(main, ["import", "--register", str(register), str(EXAMPLE_PAPER)])
    kind = suffix.lstrip(".")
    assert (imported.exit_code, imported.output) == (
        2,
        f"tracker: {register} is an {kind} workbook: {ADVICE}\n",
    )
    assert register.read_bytes() == before
    fresh = tmp_path / f"new{suffix}"
    init = runner.invoke(main, ["init", str(fresh)])
    assert (init.exit_code, init.output) == (
        2,
        f"tracker: {fresh} is a {suffix} file: tracker writes only .xlsx and .xlsm workbooks "
        "(give the register's .xlsx file, or for tracker init a new name ending .xlsx)\n",
    )
    assert not fresh.exists()


def test_an_xls_register_reads_its_own_settings(tmp_path):
    """Old Excel files hold whole numbers as integers: the Settings sheet's 30 and 28 are
    read as they are, not reported as errors."""
    from automation.register.load import load_register
    from automation.register.template import write_register

    path = tmp_path / "full.xlsx"
    write_register(path)
    command = [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless"]
    done = subprocess.run(
        [*command, "--convert-to", "xls:MS Excel 97", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    register = load_register(tmp_path / "full.xls")
    assert [p.where for p in register.problems if p.sheet == "Settings"] == []
    assert (register.settings.amber_days, register.settings.stale_days) == (30, 28)


def test_only_the_xlsx_is_told_an_excel_package(saved):
    from automation.register.read import is_ooxml

    found = {suffix: is_ooxml((saved / f"reg{suffix}").read_bytes()) for suffix in (".xlsx", ".xls", ".ods")}
    assert found == {".xlsx": True, ".xls": False, ".ods": False}
