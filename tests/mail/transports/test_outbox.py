"""The default transport writes one .eml per key, atomically, that parses back to the message."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from automation.mail.mime import Attachment, build_message
from automation.mail.render import Rendered
from automation.mail.transports.interface import PermanentSendError
from automation.mail.transports.outbox import OutboxTransport, as_draft, safe_name
from automation.mail.transports.registry import make_transport
from tests.mail.transports.conftest import make_config

KEY = "2026-W48:owner:alice@force.police.uk"


def test_writes_the_message_into_its_week_folder(tmp_path: Path, message: EmailMessage) -> None:
    transport = make_transport(make_config(tmp_path))
    assert transport.name == "outbox"

    path = Path(transport.send(message, KEY))

    assert path == tmp_path / "outbox" / "2026-W48" / "owner~alice@force.police.uk.eml"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left
    data = path.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert data.startswith(b"X-Unsent: 1\r\n")  # Outlook opens it as a draft to check and send
    assert "X-Unsent" not in message  # the message given is not changed
    del parsed["X-Unsent"]
    assert parsed.as_bytes(policy=email.policy.SMTP) == message.as_bytes(policy=email.policy.SMTP)
    assert parsed["To"] == message["To"] and parsed["Subject"] == message["Subject"]
    body = parsed.get_body(("html",))
    assert body is not None and "£ ✓" in body.get_content()
    assert [a.get_filename() for a in parsed.iter_attachments()] == ["items.csv"]


def _eight_bit() -> EmailMessage:
    """A message read from 8-bit bytes: its payload keeps them as surrogates."""
    data = b"Subject: caf\xc3\xa9\nContent-Type: text/plain; charset=utf-8\n\nline \xc3\xa9\r\nend\rlast"
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@given(st.text(), st.text())
def test_a_draft_has_the_bytes_the_email_package_writes(text: str, html: str) -> None:
    built = build_message(
        Rendered("OFFICIAL: week 48", text, html),
        sender="tracker@force.police.uk",
        to=["alice@force.police.uk"],
        cc=[],
        key=KEY,
        attachments=lambda: [Attachment("a.xlsx", text.encode())],
    )
    stock = EmailMessage()
    stock.set_content(text)
    stock.add_alternative(html or "-", subtype="html")
    stock.preamble, stock.epilogue = "pre\rx\n\r\nend", "\nepi\r"
    for message in (built, stock, _eight_bit()):
        assert as_draft(message) == b"X-Unsent: 1\r\n" + message.as_bytes(policy=email.policy.SMTP)


def test_outbox_folder_is_relative_to_the_config_file(tmp_path: Path, message: EmailMessage) -> None:
    transport = make_transport(make_config(tmp_path, outbox="mail/out"))
    assert Path(transport.send(message, KEY)).parent == tmp_path / "mail" / "out" / "2026-W48"


def test_same_key_again_replaces_the_file(tmp_path: Path, message: EmailMessage) -> None:
    transport = OutboxTransport(tmp_path)
    first = transport.send(message, KEY)
    message.replace_header("Subject", "second version")

    second = transport.send(message, KEY)

    assert first == second
    files = list((tmp_path / "2026-W48").iterdir())
    assert files == [Path(second)]
    assert b"second version" in files[0].read_bytes()


def test_unsafe_characters_in_the_key_stay_inside_the_week_folder(
    tmp_path: Path, message: EmailMessage
) -> None:
    transport = OutboxTransport(tmp_path)
    path = Path(transport.send(message, "2026-W48:../../outside/x\\x:CON*?<>|\x00"))

    assert path.parent == tmp_path / "2026-W48"
    assert path.name == "%2E.%2F..%2Foutside%2Fx%5Cx~CON%2A%3F%3C%3E%7C%00.eml"
    assert path.is_file()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("owner:a@b.uk", "owner~a@b.uk"),
        ("..", "%2E."),
        (".hidden", "%2Ehidden"),
        ("con", "%63on"),
        ("Com1.txt", "%43om1.txt"),
        ("~%", "%7E%25"),
    ],
)
def test_safe_name_examples(text: str, name: str) -> None:
    assert safe_name(text) == name


@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=300))
def test_safe_names_are_portable_and_distinct(a: str, b: str) -> None:
    name_a, name_b = safe_name(a), safe_name(b)
    for name in (name_a, name_b):
        assert len(name) <= 150 and not name.startswith(".")
        assert not set(name) & set('/\\:*?"<>|\x00')
    if a != b:
        assert name_a != name_b


def test_key_without_a_week_is_a_programming_error(tmp_path: Path, message: EmailMessage) -> None:
    with pytest.raises(ValueError, match="ISO week"):
        OutboxTransport(tmp_path).send(message, "no-week-here")


def test_unwritable_outbox_is_a_send_error(tmp_path: Path, message: EmailMessage) -> None:
    blocker = tmp_path / "outbox"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(PermanentSendError, match="could not write") as caught:
        OutboxTransport(blocker).send(message, KEY)
    assert "[mail] outbox" in caught.value.message


def test_a_failed_write_leaves_neither_temp_file_nor_target(
    tmp_path: Path, message: EmailMessage, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("automation.mail.transports.outbox.os.replace", refuse)
    with pytest.raises(PermanentSendError, match="No space left on device"):
        OutboxTransport(tmp_path).send(message, KEY)
    assert list((tmp_path / "2026-W48").iterdir()) == []
