"""Telling, from what ``requests`` raised, whether a request ever left this machine.

A failure before a connection was made (refused, no such host, no answer to connect) means
nothing was handed over; any later failure means the server may have acted on it.
"""

from __future__ import annotations


def never_connected(exc: BaseException) -> bool:
    """True when the failure happened before a connection was made (refused, no such host,
    no answer to connect), so no request went out. Follows the chain of causes ``requests``
    and exchangelib wrap around urllib3's own errors."""
    import urllib3.exceptions

    before = (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError)
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, before):
            return True
        linked = [getattr(node, "reason", None), node.__cause__, node.__context__, *node.args]
        todo += [n for n in linked if isinstance(n, BaseException)]
    return False


def reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in (
        "Connection refused",
        "Name or service not known",
        "timed out",
        "CERTIFICATE_VERIFY_FAILED",
    ):
        if marker in text:
            return marker.lower().replace("_", " ")
    return text[:200]
