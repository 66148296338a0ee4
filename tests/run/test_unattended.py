"""The weekly job run unattended: failures are recorded in the ledger and reach a person."""

from __future__ import annotations

import email
import email.policy
from datetime import date, datetime

from click.testing import CliRunner

from automation.mail.deliver import Result
from automation.mail.transports.interface import PartlySent, TransientSendError
from automation.mail.transports.outbox import OutboxTransport
from automation.run.notify import Failure, notify_failure
from automation.run.unattended import exit_code, unattended_validation, unattended_weekly
from tests.builders import edit, ledger_runs, plain
from tests.run.fakes import IT, ITEM_TEXT, OWNER, cli, config, register

TODAY = date(2021, 10, 4)
NOW = datetime(2021, 10, 4, 8, 0, 1)


def notices(tmp_path, week="2021-W40"):
    found = {}
    for path in sorted((tmp_path / "outbox" / week).glob("failure-*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        found[str(message["To"])] = message
    return found


class MailServerDown:
    name = "smtp"

    def send(self, message, key):
        raise TransientSendError(
            "could not reach SMTP server mail.demo.police.uk:587: Connection refused",
            fix="check [mail.smtp] host and port",
        )


class CcDeferred:
    """A relay that took every message but deferred one recipient through its retries."""

    name = "smtp"

    def send(self, message, key):
        to = str(message["To"])
        raise PartlySent(f"delivered, except to {to}: 451 4.3.0 Try again later", transport_id="<id>")


def test_a_partly_sent_run_is_a_failed_run_saying_who_was_missed(tmp_path):
    result = unattended_weekly(
        config(tmp_path), register(tmp_path), TODAY, transport=CcDeferred(), now=lambda: NOW
    )
    assert result is not None and exit_code(result) == 1 and result.count(Result.PARTLY_SENT) == 3
    body = plain(notices(tmp_path)[OWNER])
    assert "3 of 3 messages did not reach every recipient" in body and "451 4.3.0 Try again later" in body


def test_unreadable_register_is_recorded_and_emailed_to_owner_and_it(tmp_path):
    missing = tmp_path / "tracker.xlsx"
    result = unattended_weekly(config(tmp_path), missing, TODAY, now=lambda: NOW)
    assert result is None and exit_code(result) == 1
    found = notices(tmp_path)
    assert set(found) == {OWNER, IT}
    message = found[IT]
    assert message["Subject"] == "OFFICIAL: tracker weekly run failed, week 2021-W40"
    body = plain(message)
    assert body.startswith("OFFICIAL\n\ntracker weekly run failed: ") and body.endswith("\nOFFICIAL\n")
    assert f"{missing} does not exist" in body and "check the path or pass --register" in body
    html = message.get_body(("html",)).get_content()
    assert html.count("<b>OFFICIAL</b>") == 2 and "does not exist" in html
    [run] = ledger_runs(tmp_path / "tracker.ledger.sqlite")
    assert (run.kind, run.week, run.outcome) == ("weekly", "2021-W40", "failed")
    assert "does not exist" in run.detail and run.finished


def test_the_cli_exits_non_zero_when_the_unattended_run_fails(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tracker.toml").write_text(
        f'[mail]\nregister_owner = "{OWNER}"\nit_contact = "{IT}"\nallowed_domains = ["demo.police.uk"]\n'
    )
    result = CliRunner().invoke(cli(), ["schedule", "--once", "--config", "tracker.toml"])
    assert result.exit_code == 1
    assert "weekly run failed" in result.output  # the log line on stderr
    assert len(list((tmp_path / "outbox").glob("*/failure-*.eml"))) == 2


def test_mail_server_down_fails_the_run_and_the_notice_falls_back_to_the_outbox(tmp_path):
    path = register(tmp_path)
    result = unattended_weekly(config(tmp_path), path, TODAY, transport=MailServerDown(), now=lambda: NOW)
    assert result is not None and exit_code(result) == 1
    assert result.count(Result.FAILED) == 3
    found = notices(tmp_path)
    assert set(found) == {OWNER, IT}
    body = plain(found[OWNER])
    assert "3 of 3 messages could not be sent" in body and "Connection refused" in body
    assert ITEM_TEXT not in body and "R1" not in body
    assert [r.outcome for r in ledger_runs(tmp_path / "tracker.ledger.sqlite")] == ["failed"]


def test_a_broken_template_is_a_failed_run(tmp_path):
    mine = tmp_path / "my-templates"
    mine.mkdir()
    (mine / "owner_digest.txt.j2").write_text("Hello {% if %}\n")
    cfg = config(tmp_path, templates=str(mine))
    assert unattended_weekly(cfg, register(tmp_path), TODAY, now=lambda: NOW) is None
    [run] = ledger_runs(tmp_path / "tracker.ledger.sqlite")
    assert run.outcome == "failed" and "owner_digest.txt.j2 line 1" in run.detail
    assert "owner_digest.txt.j2" in plain(notices(tmp_path)[OWNER])
    assert not list((tmp_path / "outbox" / "2021-W40").glob("owner~*"))


def test_a_good_run_sends_no_notice(tmp_path):
    result = unattended_weekly(config(tmp_path), register(tmp_path), TODAY, now=lambda: NOW)
    assert result is not None and exit_code(result) == 0 and result.count(Result.SENT) == 3
    assert notices(tmp_path) == {}


def test_notices_go_only_to_allowed_domains_and_never_raise(tmp_path):
    cfg = config(tmp_path, it_contact="it@gmail.com")
    sent = notify_failure(cfg, Failure("x", "y", "z"), today=TODAY, now=lambda: NOW)
    assert len(sent) == 1 and set(notices(tmp_path)) == {OWNER}
    (tmp_path / "blocked").write_text("a file where the outbox folder should be")
    broken = config(tmp_path, outbox="blocked")
    assert (
        notify_failure(broken, Failure("x"), today=TODAY, now=lambda: NOW, transport=MailServerDown()) == []
    )


def test_daily_validation_emails_the_owner_the_problems(tmp_path):
    path = edit(register(tmp_path), {"H2": "31/13/2021"})
    outbox = OutboxTransport(tmp_path / "outbox")
    assert unattended_validation(config(tmp_path), path, TODAY, transport=outbox, now=lambda: NOW) == 1
    [digest] = (tmp_path / "outbox" / "2021-W40").glob("validation-*.eml")
    message = email.message_from_bytes(digest.read_bytes(), policy=email.policy.default)
    assert message["To"] == OWNER
    assert message["Subject"] == "OFFICIAL: tracker register check \u2013 1 error, 0 warnings, 04/10/2021"
    assert 'Register!H2  "31/13/2021" is not a date' in plain(message)
    assert "<td>Register!H2</td><td>31/13/2021</td>" in message.get_body(("html",)).get_content()
    [run] = ledger_runs(tmp_path / "tracker.ledger.sqlite")
    assert (run.kind, run.outcome, run.errors, run.sent) == ("validation", "problems", 1, 1)
