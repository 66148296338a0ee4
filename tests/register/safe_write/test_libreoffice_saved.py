"""A register saved by LibreOffice (headless, as an officer's LibreOffice Calc saves it) can
be imported into: nothing empty counts as a loss (its empty custom-properties part, its empty
header and footer), and a real loss names the sheet, the feature and what to do instead."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from automation.register.load import load_register
from automation.register.safe_write.fidelity import is_empty
from automation.register.template import write_register
from automation.run.paper import import_paper
from tests.builders import EXAMPLE_PAPER

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _without_footers(path: Path) -> None:
    """As registers were written before they had a print footer."""
    data = {i.filename: (i, zipfile.ZipFile(path).read(i.filename)) for i in zipfile.ZipFile(path).infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, (info, body) in data.items():
            if name.startswith("xl/worksheets/sheet"):
                body = re.sub(rb"<headerFooter>.*?</headerFooter>", b"", body)
            out.writestr(info, body)


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("lo")
    write_register(folder / "current.xlsx")
    write_register(folder / "older.xlsx")
    _without_footers(folder / "older.xlsx")
    out = folder / "saved"
    command = [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless"]
    sources = [str(folder / "current.xlsx"), str(folder / "older.xlsx")]
    done = subprocess.run(
        [*command, "--convert-to", "xlsx", "--outdir", str(out), *sources], capture_output=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return {name: out / f"{name}.xlsx" for name in ("current", "older")}


@pytest.mark.parametrize("name", ["current", "older"])
def test_a_register_saved_by_libreoffice_takes_an_import(saved_by_libreoffice, name, tmp_path):
    register = tmp_path / "register.xlsx"
    shutil.copy2(saved_by_libreoffice[name], register)
    with zipfile.ZipFile(register) as package:  # what LibreOffice wrote: empty, so nothing lost
        assert is_empty(ET.fromstring(package.read("docProps/custom.xml")))
        if name == "older":
            assert b"<oddHeader></oddHeader><oddFooter></oddFooter>" in package.read(
                "xl/worksheets/sheet2.xml"
            )
    imported = import_paper(register, EXAMPLE_PAPER, date_today())
    assert imported.written is not None
    assert len(load_register(register).items) == 93


def test_a_real_loss_names_the_sheet_the_feature_and_what_to_do_instead(tmp_path):
    from automation.core.errors import WriteRefused
    from automation.register.safe_write.write import guarded_update
    from tests.register.workbooks import inject_threaded_comment, rich_register

    path = rich_register(tmp_path / "r.xlsx")
    inject_threaded_comment(path)
    with pytest.raises(WriteRefused) as refused:
        guarded_update(path, lambda wb: None, backup_dir=tmp_path / "b")
    message = refused.value.message
    assert "sheet 'Register'" in message and "threaded comments" in message
    assert "make this change by hand" not in message
    assert "To proceed: " in message


def date_today():
    from datetime import date

    return date(2021, 10, 1)
