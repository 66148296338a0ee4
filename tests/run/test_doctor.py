"""``tracker doctor`` against a loopback SMTP server, and against a closed port."""

from __future__ import annotations

import email
import email.policy

import pytest
from click.testing import CliRunner

from automation.mail.render import BUILT_IN
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
    assert (
        f"PASS templates: built-in templates (in {BUILT_IN}) render the owner digest and manager summary"
        in lines
    )
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
    connection, test = [line for line in result.output.splitlines() if line.startswith("FAIL")]
    assert connection.startswith(f"FAIL connection: could not reach SMTP server 127.0.0.1:{port}")
    assert test.startswith(f"FAIL test message: could not reach SMTP server 127.0.0.1:{port}")
    assert "(fix: check [mail.smtp] host and port" in test


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
    result = doctor(tmp_path, "--config", str(write_config(tmp_path, free_port(), extra)))
    if value:
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


# --- issue 10, item 5: doctor connects and signs in, sending nothing -------------------


def test_doctor_without_send_test_fails_when_the_mail_server_is_down(tmp_path):
    port = free_port()  # nothing listens here
    result = doctor(tmp_path, "--config", str(write_config(tmp_path, port)))
    assert result.exit_code == 1
    assert f"FAIL connection: could not reach SMTP server 127.0.0.1:{port}" in result.output


def test_doctor_logs_in_to_the_smtp_server_and_sends_nothing(tmp_path, monkeypatch):
    from aiosmtpd.controller import Controller

    from tests.mail.transports.conftest import SMTP_PASSWORD, SMTP_USER, SmtpHandler

    handler, port = SmtpHandler(), free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, authenticator=handler, auth_require_tls=False
    )
    controller.start()
    extra = f'username = "{SMTP_USER}"\npassword = "env:TRACKER_TEST_SMTP_PASSWORD"\n'
    try:
        monkeypatch.setenv("TRACKER_TEST_SMTP_PASSWORD", SMTP_PASSWORD)
        good = doctor(tmp_path, "--config", str(write_config(tmp_path, port, extra)))
        monkeypatch.setenv("TRACKER_TEST_SMTP_PASSWORD", "wrong-password")
        bad = doctor(tmp_path, "--config", str(write_config(tmp_path, port, extra)))
    finally:
        controller.stop()

    assert good.exit_code == 0, good.output
    assert (
        f"PASS connection: smtp: connected to 127.0.0.1:{port}, logged in as {SMTP_USER}; nothing was sent"
        in good.output
    )
    assert bad.exit_code == 1
    assert f"FAIL connection: SMTP server 127.0.0.1:{port} refused the login for {SMTP_USER}" in bad.output
    assert "wrong-password" not in bad.output
    first, *refused = handler.logins  # one login per doctor (smtplib tries each mechanism)
    assert first.endswith(":ok") and refused and all(r.endswith(":refused") for r in refused)
    assert handler.received == []


def _graph_config(tmp_path, fake, secret_env="TRACKER_TEST_GRAPH_SECRET", extra=""):
    path = tmp_path / "graph.toml"
    path.write_text(f"""\
[mail]
transport = "graph"
register_owner = "{OWNER}"
it_contact = "{IT}"
allowed_domains = ["demo.police.uk"]

[mail.graph]
tenant_id = "force-tenant"
client_id = "app-id"
client_secret = "env:{secret_env}"
mailbox = "tracker@demo.police.uk"
authority_host = "{fake.url}"
graph_url = "{fake.url}/v1.0"
{extra}""")
    return path


def test_doctor_signs_in_to_graph_and_says_whether_sent_items_can_be_searched(
    tmp_path, graph_server, ca_file, monkeypatch
):
    from tests.mail.transports.servers import GRAPH_SECRET

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_file)
    monkeypatch.setenv("TRACKER_TEST_GRAPH_SECRET", GRAPH_SECRET)
    plain = doctor(tmp_path, "--config", str(_graph_config(tmp_path, graph_server)))
    kept = doctor(
        tmp_path, "--config", str(_graph_config(tmp_path, graph_server, extra="save_to_sent_items = true"))
    )
    monkeypatch.setenv("TRACKER_TEST_GRAPH_SECRET", "wrong")
    wrong = doctor(tmp_path, "--config", str(_graph_config(tmp_path, graph_server)))

    assert plain.exit_code == 0, plain.output
    assert "PASS connection: graph: signed in to" in plain.output
    # Graph keeps every message (sent as MIME) in Sent Items, whatever save_to_sent_items says
    assert "PASS sent items: Sent Items can be searched for a message left in doubt" in plain.output
    assert "PASS sent items: Sent Items can be searched for a message left in doubt" in kept.output
    assert wrong.exit_code == 1
    assert "FAIL connection: " in wrong.output and "invalid_client" in wrong.output
    assert graph_server.mail_posts() == []


def test_doctor_with_ews_oauth_needs_no_username_and_signs_in(tmp_path, server_tls, ca_file, monkeypatch):
    from tests.mail.transports.servers import GRAPH_SECRET, start_ews, start_graph, stop

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_file)
    monkeypatch.setenv("TRACKER_TEST_EWS_SECRET", GRAPH_SECRET)
    entra_server, entra = start_graph(server_tls)
    ews_server, ews = start_ews(server_tls)
    ews.authority = entra
    config = tmp_path / "ews.toml"
    config.write_text(f"""\
[mail]
transport = "ews"
register_owner = "{OWNER}"
it_contact = "{IT}"
allowed_domains = ["demo.police.uk"]
sender = "tracker@demo.police.uk"

[mail.ews]
service_endpoint = "{ews.url}/EWS/Exchange.asmx"
auth_type = "oauth"
client_id = "app-id"
tenant_id = "force-tenant"
client_secret = "env:TRACKER_TEST_EWS_SECRET"
authority_host = "{entra.url}"
""")
    try:
        result = doctor(tmp_path, "--config", str(config))
    finally:
        stop(ews_server, ews)
        stop(entra_server, entra)

    assert result.exit_code == 0, result.output
    assert "username" not in result.output
    assert "PASS connection: ews: signed in to" in result.output
    assert len(entra.token_posts()) == 1 and ews.creates() == []


def test_doctor_send_test_with_a_failing_sign_in_service_fails_clearly(
    tmp_path, graph_server, ca_file, monkeypatch
):
    from tests.mail.transports.servers import GRAPH_SECRET

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_file)
    monkeypatch.setenv("TRACKER_TEST_GRAPH_SECRET", GRAPH_SECRET)
    graph_server.sign_in.extend([503] * 10)

    result = doctor(tmp_path, "--config", str(_graph_config(tmp_path, graph_server)), "--send-test", OWNER)

    assert result.exit_code == 1
    assert (
        "FAIL connection: " in result.output
        and "the sign-in service failed (HTTP Error: 503)" in result.output
    )
    assert "FAIL test message: " in result.output
    assert "unexpected" not in result.output and "Traceback" not in result.output
