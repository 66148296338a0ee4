"""The paper, the meeting pack and the dashboard open in LibreOffice headless and convert
to PDF, as Word and Excel would open them: no repair, no error."""

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from automation.reports.build import make_dashboard, make_meeting, make_paper, render_meeting, render_paper

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2021, 10, 1)


def test_reports_convert_to_pdf(tmp_path):
    history = tmp_path / "none.sqlite"
    paper = make_paper(ROOT / "tracker.xlsx", history, date(2021, 7, 1), date(2021, 9, 30), TODAY)
    files = {
        "paper.docx": render_paper(paper, "docx"),
        "meeting.docx": render_meeting(make_meeting(ROOT / "tracker.xlsx", history, TODAY), "docx"),
        "dashboard.xlsx": make_dashboard(ROOT / "tracker.xlsx", history, TODAY),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *(str(tmp_path / n) for n in files),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for name in files:
        pdf = tmp_path / "pdf" / (Path(name).stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 5000, (name, done.stdout, done.stderr)
        assert pdf.read_bytes().startswith(b"%PDF")
    assert "rror" not in done.stderr
