"""Issue 10, item 8: what a workbook may make the reader hold is bounded. A stray value far
outside the table, or a small file that unpacks to gigabytes, once ended every command with a
native abort (exit 134, no message); the commands run here as real processes."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

from tests.builders import item, workbook


def tracker(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "automation", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def with_cell(tmp_path: Path, cell: str, name: str = "stray.xlsx") -> Path:
    path = workbook(tmp_path / name, [item(ref="R1")])
    book = openpyxl.load_workbook(path)
    book["Register"][cell] = "x"
    book.save(path)
    return path


def test_a_stray_value_at_the_last_cell_is_left_out_and_reported(tmp_path):
    path = with_cell(tmp_path, "XFD1048576")

    status = tracker("status", "--register", str(path), "--today", "2021-10-01", cwd=tmp_path)
    validate = tracker("validate", "--register", str(path), cwd=tmp_path)

    assert status.returncode == 0, status.stderr[-500:]
    assert "Dana Whitfield    R1 " in status.stdout
    assert validate.returncode == 0, validate.stderr[-500:]
    assert (
        "Register!XFD1048576  holds a value far outside the table, which tracker did not read"
        in validate.stdout
    )


def test_formatting_far_outside_the_table_is_not_a_stray(tmp_path):
    from openpyxl.styles import Font

    from automation.register.load import load_register

    path = workbook(tmp_path / "styled.xlsx", [item(ref="R1")])
    book = openpyxl.load_workbook(path)
    book["Register"]["XFD1048576"].font = Font(bold=True)  # declares A1:XFD1048576, holds nothing
    book.save(path)

    register = load_register(path)

    assert [i.ref for i in register.items] == ["R1"]
    assert not [p for p in register.problems if "far outside" in p.message]


def test_values_spanning_too_large_a_grid_are_refused_clearly(tmp_path):
    path = with_cell(tmp_path, "IV150000")  # inside the bounds, but 150,000 rows by 256 columns

    status = tracker("status", "--register", str(path), cwd=tmp_path)

    assert status.returncode == 2
    assert "sheet 'Register' has values as far as IV150000 (150,000 rows by 256 columns)" in status.stderr
    assert "clear the cells beyond the register's table" in status.stderr


def test_shared_strings_that_unpack_to_far_too_much_are_refused_before_reading(tmp_path):
    source = workbook(tmp_path / "plain.xlsx", [item(ref="R1")])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                head, sep, rest = data.partition(b"<t>")
                data = head + sep + b"A" * (40 << 20) + rest  # packs about 1,000 to 1
            zout.writestr(info, data)

    status = tracker("status", "--register", str(bomb), cwd=tmp_path)

    assert status.returncode == 2
    assert "its part xl/sharedStrings.xml would unpack to 40 MB" in status.stderr
    assert len(status.stderr) < 1000


def test_a_register_of_200000_items_is_inside_the_bounds():
    """Issue 11: registers of 200,000 rows are read whole, as fast as any other; a value in
    Excel's last row is still a stray."""
    from automation.register import bounds

    assert bounds.within(200_001, 26)
    assert not bounds.within(1_048_576, 1)
