"""``tracker doctor`` against a loopback SMTP server, and against a closed port."""

from __future__ import annotations

import email
import email.policy

import pytest
from click.testing import CliRunner

from tests.run.fakes import IT, OWNER, cli, free_port, register, smtp_server


def write_config(tmp_path, port, extra=""):
    path = tmp_path / "tracker.toml"
    path.write_text(f"""\
[mail]
transport = "smtp"
register_owner = "{OWNER}"
it_contact = "{IT}"
allowed_domains = ["demo.police.uk"]
marking = "OFFICIAL-SENSITIVE"

[mail.smtp]
host = "127.0.0.1"
port = {port}
security = "none"
timeout = 5
{extra}""")
    return path


def doctor(tmp_path, *args):
    register(tmp_path)
    return CliRunner().invoke(cli(), ["doctor", "--register", str(tmp_path / "tracker.xlsx"), *args])


def test_doctor_passes_and_sends_a_test_message_through_a_real_smtp_server(tmp_path):
    with smtp_server() as (port, sink):
        config = write_config(tmp_path, port)
        result = doctor(tmp_path, "--config", str(config), "--send-test", OWNER)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["PASS"] * (len(lines) - 1)
    assert f"PASS config: {config} is valid" in lines
    assert any(line.startswith("PASS register: ") and "0 errors, 0 warnings" in line for line in lines)
    assert "PASS templates: built-in templates render the owner digest and manager summary" in lines
    assert any(line.startswith(f"PASS test message: sent to {OWNER} through smtp") for line in lines)
    assert lines[-1].endswith("0 failed")
    [raw] = sink.messages
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == "OFFICIAL-SENSITIVE: tracker test message"
    assert message["To"] == OWNER
    assert message.get_body(("plain",)).get_content().startswith("OFFICIAL-SENSITIVE")


def test_doctor_fails_clearly_when_the_smtp_server_is_not_there(tmp_path):
    port = free_port()  # nothing listens here
    result = doctor(tmp_path, "--config", str(write_config(tmp_path, port)), "--send-test", OWNER)
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.startswith("FAIL")]
    assert line.startswith(f"FAIL test message: could not reach SMTP server 127.0.0.1:{port}")
    assert "(fix: check [mail.smtp] host and port" in line


def test_doctor_refuses_a_test_address_outside_the_allowed_domains(tmp_path):
    with smtp_server() as (port, sink):
        result = doctor(
            tmp_path, "--config", str(write_config(tmp_path, port)), "--send-test", "me@gmail.com"
        )
    assert result.exit_code == 1
    assert (
        "FAIL test message: not sent: email address me@gmail.com is outside the allowed domains"
        in result.output
    )
    assert sink.messages == []


@pytest.mark.parametrize("value", [None, "s3cret-value"])
def test_doctor_checks_secrets_without_showing_them(tmp_path, monkeypatch, value):
    monkeypatch.delenv("TRACKER_TEST_SMTP_PASSWORD", raising=False)
    if value:
        monkeypatch.setenv("TRACKER_TEST_SMTP_PASSWORD", value)
    extra = 'username = "svc-tracker"\npassword = "env:TRACKER_TEST_SMTP_PASSWORD"\n'
    result = doctor(tmp_path, "--config", str(write_config(tmp_path, 2525, extra)))
    if value:
        assert result.exit_code == 0
        assert "PASS secret: [mail.smtp] password is set (not shown)" in result.output
        assert value not in result.output
    else:
        assert result.exit_code == 1
        assert (
            "FAIL secret: [mail.smtp] password names environment variable TRACKER_TEST_SMTP_PASSWORD, "
            "which is not set"
        ) in result.output


def test_doctor_reports_a_bad_config_and_missing_settings(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[mail]\ntransport = "pigeon"\n')
    result = doctor(tmp_path, "--config", str(bad))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("FAIL config: ") and "pigeon" in result.output
    empty = tmp_path / "empty.toml"
    empty.write_text('[mail]\ntransport = "graph"\nallowed_domains = []\n')
    result = doctor(tmp_path, "--config", str(empty))
    assert "FAIL config: " in result.output and "[mail] allowed_domains is empty" in result.output
    graph = tmp_path / "graph.toml"
    graph.write_text('[mail]\ntransport = "graph"\n')
    assert (
        "FAIL transport: graph: missing [mail.graph] tenant_id"
        in doctor(tmp_path, "--config", str(graph)).output
    )
    outside = tmp_path / "outside.toml"
    outside.write_text('[mail]\nregister_owner = "someone@gmail.com"\n')
    result = doctor(tmp_path, "--config", str(outside))
    assert (
        "FAIL config: " in result.output
        and "register_owner: email address someone@gmail.com is outside" in result.output
    )
    no_it = tmp_path / "no-it.toml"
    no_it.write_text('[mail]\nregister_owner = "someone@force.police.uk"\n')
    result = doctor(tmp_path, "--config", str(no_it))
    assert result.exit_code == 0
    assert "WARN it_contact: [mail] it_contact is not set: failure notices cannot reach them" in result.output
