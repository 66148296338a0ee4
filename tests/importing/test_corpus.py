"""The corpus of documents written for the project (tests/importing/corpus): the goals of
issue 14 hold over all of them, and every document gives its expected items."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "score_extraction.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_has_every_format_and_enough_documents(bench: ModuleType) -> None:
    documents = [document for document, _ in bench.corpus_documents()]
    assert len(documents) >= 21
    assert {path.suffix for path in documents} >= {".txt", ".md", ".docx", ".pdf", ".html"}


def test_corpus_meets_the_goals(bench: ModuleType) -> None:
    text, total = bench.score_corpus(details=True)
    assert total.expected >= 250
    assert 100 * total.found / total.expected >= 95.0, text
    assert 100 * len(total.invented) / total.expected <= 2.0, text
    assert 100 * total.right("deadline") / total.expected >= 95.0, text
    assert "NOT MET" not in text
    # Each document was written for a judgement the importer makes: none may slip.
    assert (total.missed, total.invented) == ([], []), text
    assert total.right("deadline") == total.expected, text
