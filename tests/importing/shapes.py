"""Helpers for the shape tests: a small document in, its publications and items out."""

from __future__ import annotations

from typing import Any

from automation.importing import extract, to_json_dict
from automation.importing.readers.text import parse_text


def extraction(text: str, markdown: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = to_json_dict(extract(parse_text(text, markdown=markdown)))
    return data


def items(text: str, markdown: bool = False) -> list[dict[str, Any]]:
    return [item for pub in extraction(text, markdown)["publications"] for item in pub["items"]]


def held(text: str, markdown: bool = False) -> list[dict[str, Any]]:
    return [item for pub in extraction(text, markdown)["publications"] for item in pub["held_back"]]


def refs(found: list[dict[str, Any]]) -> list[str]:
    return [item["ref"] for item in found]
