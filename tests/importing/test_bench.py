"""The scoring bench: perfect on the example, and honest about misses and inventions."""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.importing.conftest import EXPECTED, PAPER

BENCH = Path(__file__).resolve().parents[2] / "bench" / "score_extraction.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_example_scores_every_field(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main([str(PAPER), str(EXPECTED)]) == 0
    out = capsys.readouterr().out
    assert "expected 93, found 93, missed 0, invented 0" in out
    assert "overall (item fields, missed items count wrong): 100.0%" in out


def test_misses_inventions_and_wrong_fields_are_reported(bench: ModuleType, expected: dict[str, Any]) -> None:
    got = copy.deepcopy(expected)
    items = got["publications"][0]["items"]
    removed = items.pop(0)
    items[0]["deadline"] = "2099-01-01"
    items.append({**removed, "ref": "Recommendation 99", "para": "1.99", "text": "Something else entirely."})
    result = bench.score(got, expected)
    assert len(result.missed) == 1 and len(result.invented) == 1
    assert result.fields["deadline"] == [91, 92]
    assert result.overall() < 100.0
    assert "deadline: got '2099-01-01'" in bench.report(result)
