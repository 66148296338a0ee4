"""CSV cells an officer can double-click open in Excel safely."""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_safe(value: object) -> object:
    """Stop a value from the workbook running as a formula when the CSV is opened in Excel:
    text starting with = + - @ (or a full-width form, or a tab) gets a leading apostrophe."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in _FORMULA_STARTS:
        return "'" + value
    return "" if value is None else value
