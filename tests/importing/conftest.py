from __future__ import annotations

import json
from typing import Any

import pytest

from tests.builders import EXAMPLE_PAPER as PAPER
from tests.builders import EXPECTED_EXTRACTION as EXPECTED


@pytest.fixture(scope="session")
def paper_text() -> str:
    return PAPER.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return data
