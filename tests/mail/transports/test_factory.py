"""make_transport, lazy imports, and the helpers every transport shares."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from automation.core.errors import ConfigError, MissingExtra
from automation.mail.settings import EwsConfig
from automation.mail.transports.interface import (
    Backoff,
    PermanentSendError,
    SendError,
    TransientSendError,
    Transport,
    check_recipients,
    close_transport,
    domain_allowed,
    secret_hint,
    with_message_id,
    with_retries,
)
from automation.mail.transports.outbox import OutboxTransport
from automation.mail.transports.registry import make_transport
from tests.mail.transports.conftest import make_config


def test_outbox_is_the_default(tmp_path: Path) -> None:
    transport = make_transport(make_config(tmp_path))
    assert isinstance(transport, OutboxTransport) and isinstance(transport, Transport)


def test_importing_the_package_loads_no_optional_backend() -> None:
    code = (
        "import sys, automation.mail.transports as t\n"
        "loaded = [m for m in ('exchangelib', 'msal', 'requests') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_ews_without_exchangelib_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "exchangelib", None)
    ews = EwsConfig(service_endpoint="https://mail.force.police.uk/EWS/Exchange.asmx")
    with pytest.raises(MissingExtra) as caught:
        make_transport(make_config(tmp_path, transport="ews", ews=ews))
    assert "'exchangelib'" in caught.value.message
    assert "pip install 'tracker[ews]'" in caught.value.message
    assert caught.value.exit_code == 2


def test_unknown_transport_is_a_config_error(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config = dataclasses.replace(config, mail=dataclasses.replace(config.mail, transport="pigeon"))
    with pytest.raises(ConfigError, match="use one of outbox, smtp, ews, graph"):
        make_transport(config)


def test_error_classes() -> None:
    assert issubclass(TransientSendError, SendError) and issubclass(PermanentSendError, SendError)
    error = PermanentSendError("refused", where="SMTP server x:25", fix="check it")
    assert error.message == "SMTP server x:25: refused (check it)"


def test_close_transport_tolerates_transports_without_close() -> None:
    class Minimal:
        name = "minimal"

        def send(self, message: EmailMessage, key: str) -> str:
            return key

    close_transport(Minimal())


@given(
    st.integers(min_value=0, max_value=10),
    st.floats(min_value=0.001, max_value=100),
    st.floats(min_value=1, max_value=10),
    st.floats(min_value=0, max_value=100),
)
def test_backoff_is_bounded(tries: int, first: float, factor: float, max_total: float) -> None:
    delays = Backoff(tries, first, factor, max_total).delays()
    assert len(delays) <= max(tries - 1, 0)
    assert sum(delays) <= max_total + 1e-9
    assert all(d > 0 for d in delays)


def test_with_retries_retries_only_transient_errors() -> None:
    calls: list[int] = []
    waits: list[float] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise TransientSendError("busy")
        return "ok"

    assert with_retries(flaky, Backoff(3, 1, 2, 10), sleep=waits.append) == "ok"
    assert waits == [1, 2]

    def refused() -> str:
        raise PermanentSendError("no")

    with pytest.raises(PermanentSendError):
        with_retries(refused, Backoff(3, 1, 2, 10), sleep=waits.append)
    assert waits == [1, 2]


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("a@force.police.uk", True),
        ("a@FORCE.Police.UK", True),
        ("a@police.uk", False),
        ("a@evilpolice.uk", False),
        ("a@example.com", False),
    ],
)
def test_domain_allowed(address: str, allowed: bool) -> None:
    assert domain_allowed(address, ["*.police.uk"]) is allowed


def test_exact_domain_pattern() -> None:
    assert domain_allowed("a@police.uk", ["police.uk"])
    assert not domain_allowed("a@x.police.uk", ["police.uk"])


def test_message_without_recipients_is_refused(message: EmailMessage) -> None:
    del message["To"], message["Cc"]
    with pytest.raises(PermanentSendError, match="no recipients"):
        check_recipients(message, ["*.police.uk"], "test")


def test_with_message_id_leaves_the_original_alone(message: EmailMessage) -> None:
    assert with_message_id(message) is message
    del message["Message-ID"]
    stamped = with_message_id(message)
    assert "Message-ID" not in message
    assert str(stamped["Message-ID"]).endswith("@force.police.uk>")


def test_secret_hint_never_resolves() -> None:
    assert secret_hint("env:X") == "environment variable X"
    assert secret_hint("keyring:svc/user") == "keyring entry svc/user"
    assert secret_hint("hunter2") == "the configured secret"
