"""The weekly job end to end on real workbooks, with the real outbox transport."""

import email
import email.policy
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from automation.core.model import Status
from automation.mail.deliver import Result
from automation.mail.ledger import Ledger
from automation.mail.render import TemplateProblem
from automation.mail.settings import MailConfig
from automation.mail.transports.interface import TransientSendError
from automation.mail.transports.outbox import OutboxTransport
from automation.run.config import Config
from automation.run.weekly import weekly_run
from tests.builders import edit, item, plain, workbook

TODAY = date(2021, 10, 1)
MONDAY_AFTER = date(2021, 10, 4)


def config(tmp_path, **mail):
    values = dict(register_owner="governance@demo.police.uk", allowed_domains=["demo.police.uk"])
    values.update(mail)
    return Config(base_dir=tmp_path, mail=MailConfig(**values))


def register(tmp_path, *extra):
    return workbook(
        tmp_path / "tracker.xlsx",
        [
            item(ref="R1", deadline_date=TODAY - timedelta(days=3), last_update=TODAY),
            item(
                ref="R2",
                row=3,
                owner="Tom Brennan",
                deadline_date=TODAY + timedelta(days=60),
                last_update=TODAY - timedelta(days=2),
            ),
            *extra,
        ],
    )


def read_outbox(folder: Path):
    return {
        p.name: email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(folder.glob("*.eml"))
    }


class FailingAfter(OutboxTransport):
    """The real outbox, dying (as a crash or outage would) after ``n`` messages."""

    def __init__(self, folder, n, error=RuntimeError):
        super().__init__(folder)
        self.left, self.error = n, error

    def send(self, message, key):
        if self.left == 0:
            raise self.error("connection lost")
        self.left -= 1
        return super().send(message, key)


def test_sends_digests_and_summary_once_a_week(tmp_path):
    path = register(tmp_path)
    cfg = config(tmp_path)
    first = weekly_run(cfg, path, TODAY)
    assert [(d.outgoing.recipient, d.result) for d in first.deliveries] == [
        ("dana.whitfield@demo.police.uk", Result.SENT),
        ("tom.brennan@demo.police.uk", Result.SENT),
        ("governance@demo.police.uk", Result.SENT),
    ]
    assert first.exit_code == 0
    messages = read_outbox(tmp_path / "outbox" / "2021-W39")
    assert len(messages) == 3
    dana = messages["owner~dana.whitfield@demo.police.uk.eml"]
    assert dana["Subject"] == "OFFICIAL: HMICFRS recommendations \u2013 1 open item for you, week 2021-W39"
    assert dana["To"] == "dana.whitfield@demo.police.uk"
    body = plain(dana)
    assert body.startswith("OFFICIAL\n") and "R1" in body and "R2" not in body
    assert dana.get_body(("html",)).get_content().count(">OFFICIAL<") == 2
    again = weekly_run(cfg, path, TODAY + timedelta(days=1))
    assert {d.result for d in again.deliveries} == {Result.ALREADY_SENT}
    assert len(read_outbox(tmp_path / "outbox" / "2021-W39")) == 3


def test_a_run_that_died_half_way_sends_only_what_is_missing(tmp_path):
    path = register(tmp_path)
    cfg = config(tmp_path)
    outbox = tmp_path / "outbox"
    dead = weekly_run(cfg, path, TODAY, transport=FailingAfter(outbox, 1, TransientSendError))
    assert [d.result for d in dead.deliveries] == [Result.SENT, Result.FAILED, Result.FAILED]
    assert dead.exit_code == 1
    assert "connection lost" in dead.deliveries[1].detail
    rerun = weekly_run(cfg, path, TODAY, transport=OutboxTransport(outbox))
    assert [d.result for d in rerun.deliveries] == [Result.ALREADY_SENT, Result.SENT, Result.SENT]
    with Ledger(tmp_path / "tracker.ledger.sqlite") as ledger:
        sent = [ledger.message(d.outgoing.key) for d in rerun.deliveries]
    assert [m.state for m in sent] == ["sent"] * 3
    assert [m.attempts for m in sent] == [1, 2, 2]
    assert len(read_outbox(outbox / "2021-W39")) == 3  # each recipient exactly one message


def test_a_message_left_attempting_by_a_crash_is_reported_not_resent(tmp_path):
    path = register(tmp_path)
    cfg = config(tmp_path)
    with Ledger(tmp_path / "tracker.ledger.sqlite") as ledger:
        ledger.attempting(
            "2021-W39:owner:dana.whitfield@demo.police.uk",
            week="2021-W39",
            kind="owner",
            recipient="dana.whitfield@demo.police.uk",
            subject="s",
            transport="outbox",
            run_id=0,
            now=datetime(2021, 10, 1, 8),
        )
    result = weekly_run(cfg, path, TODAY)
    assert [d.result for d in result.deliveries] == [Result.UNKNOWN, Result.SENT, Result.SENT]
    assert "tracker remind --force --only dana.whitfield@demo.police.uk" in result.deliveries[0].detail
    assert result.exit_code == 1
    forced = weekly_run(cfg, path, TODAY, force=True, only="dana.whitfield@demo.police.uk")
    assert [(d.outgoing.recipient, d.result) for d in forced.deliveries] == [
        ("dana.whitfield@demo.police.uk", Result.SENT)
    ]


def test_dry_run_sends_and_records_nothing(tmp_path):
    path = register(tmp_path)
    result = weekly_run(config(tmp_path), path, TODAY, dry_run=True)
    assert {d.result for d in result.deliveries} == {Result.WOULD_SEND}
    assert not (tmp_path / "outbox").exists()
    assert not (tmp_path / "tracker.ledger.sqlite").exists()


def test_only_sends_to_one_address(tmp_path):
    result = weekly_run(config(tmp_path), register(tmp_path), TODAY, only="TOM.BRENNAN@demo.police.uk")
    assert [d.outgoing.recipient for d in result.deliveries] == ["tom.brennan@demo.police.uk"]


def test_mail_only_goes_to_allowed_domains(tmp_path):
    cfg = config(tmp_path, allowed_domains=["other.police.uk"], managers=["chief@gmail.com"])
    result = weekly_run(cfg, register(tmp_path), TODAY)
    assert result.deliveries == ()
    refused = dict(result.refused)
    assert set(refused) == {"Dana Whitfield", "Tom Brennan", "governance@demo.police.uk", "chief@gmail.com"}
    assert all("outside the allowed domains" in why for why in refused.values())


def test_workbook_text_is_escaped_in_html_and_never_reaches_a_header(tmp_path):
    nasty = '<script>alert("x")</script>\r\nBcc: victim@evil.example'
    path = register(tmp_path, item(ref="R3", row=4, text=nasty, last_update=TODAY))
    weekly_run(config(tmp_path), path, TODAY)
    dana = read_outbox(tmp_path / "outbox" / "2021-W39")["owner~dana.whitfield@demo.police.uk.eml"]
    html = dana.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert dana["Bcc"] is None
    assert "victim@evil.example" not in dana["To"]


def test_one_bad_row_never_stops_the_run(tmp_path):
    path = register(tmp_path, item(ref="R3", row=4, owner="Tom Brennan", last_update=TODAY))
    edit(path, {"H4": "31/13/2021", "E3": "Complete"})
    result = weekly_run(config(tmp_path), path, TODAY)
    assert result.exit_code == 0
    messages = read_outbox(tmp_path / "outbox" / "2021-W39")
    tom = plain(messages["owner~tom.brennan@demo.police.uk.eml"])  # both his rows have errors:
    assert "You have no open items this week that can be listed." in tom  # he is told which, and why
    assert "LEFT OUT OF THIS EMAIL BECAUSE THEIR ROWS HAVE ERRORS (2)" in tom
    assert (
        '  - Register!E3 (R2, Inspection of the demo force, column Status): "Complete" is not one of' in tom
    )
    assert (
        '  - Register!H4 (R3, Inspection of the demo force, column Deadline): "31/13/2021" is not a date'
        in tom
    )
    assert "R1" in plain(messages["owner~dana.whitfield@demo.police.uk.eml"])
    summary = plain(messages["summary~governance@demo.police.uk.eml"])
    assert "LEFT OUT OF OWNERS' EMAILS BECAUSE THEIR ROWS HAVE ERRORS (2)" in summary
    assert (
        '  - Register!H4 (R3, Inspection of the demo force, column Deadline): error: "31/13/2021" is not a date'
        in summary
    )


def test_escalation_after_two_red_runs(tmp_path):
    path = register(tmp_path)
    cfg = config(tmp_path)
    weekly_run(cfg, path, TODAY)
    second = weekly_run(cfg, path, MONDAY_AFTER)
    dana = next(d for d in second.deliveries if d.outgoing.recipient.startswith("dana"))
    assert dana.outgoing.cc == ("mark.ellison@demo.police.uk",)
    message = read_outbox(tmp_path / "outbox" / "2021-W40")["owner~dana.whitfield@demo.police.uk.eml"]
    assert message["Cc"] == "mark.ellison@demo.police.uk"
    assert message["Subject"].endswith("(escalated)")
    assert "red since 01/10/2021" in plain(message)


def test_no_escalation_after_a_week_whose_red_digest_never_reached_the_owner(tmp_path):
    path = register(tmp_path)
    cfg = config(tmp_path)
    down = weekly_run(cfg, path, TODAY, transport=FailingAfter(tmp_path / "outbox", 0, TransientSendError))
    assert down.count(Result.FAILED) == 3  # the transport was down all week
    second = weekly_run(cfg, path, MONDAY_AFTER)
    dana = next(d for d in second.deliveries if d.outgoing.recipient.startswith("dana"))
    assert dana.outgoing.cc == ()
    third = weekly_run(cfg, path, MONDAY_AFTER + timedelta(days=7))
    dana = next(d for d in third.deliveries if d.outgoing.recipient.startswith("dana"))
    assert dana.outgoing.cc == ("mark.ellison@demo.police.uk",)  # told last week, still red


def test_a_broken_template_stops_before_anything_is_sent(tmp_path):
    mine = tmp_path / "my-templates"
    mine.mkdir()
    (mine / "owner_digest.txt.j2").write_text("Hello {{ digest.owner.nmae }}\n")
    cfg = config(tmp_path, templates=str(mine))
    with pytest.raises(TemplateProblem) as caught:
        weekly_run(cfg, register(tmp_path), TODAY)
    assert "owner_digest.txt.j2" in caught.value.message and "nmae" in caught.value.message
    assert not (tmp_path / "outbox").exists()
    (mine / "owner_digest.txt.j2").write_text("Hello {% if %}\n")
    with pytest.raises(TemplateProblem, match="line 1"):
        weekly_run(cfg, register(tmp_path), TODAY)


def test_officers_edited_templates_are_used(tmp_path):
    mine = tmp_path / "my-templates"
    mine.mkdir()
    (mine / "owner_digest.txt.j2").write_text(
        "{{ marking }}\nHi {{ digest.owner.name }}, {{ digest.count }} open.\n"
    )
    weekly_run(config(tmp_path, templates=str(mine), marking="OFFICIAL-SENSITIVE"), register(tmp_path), TODAY)
    tom = read_outbox(tmp_path / "outbox" / "2021-W39")["owner~tom.brennan@demo.police.uk.eml"]
    assert plain(tom) == "OFFICIAL-SENSITIVE\nHi Tom Brennan, 1 open.\n"
    assert tom["Subject"].startswith("OFFICIAL-SENSITIVE: ")


def test_closed_items_send_nothing(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", [item(status=Status.CLOSED, date_closed=TODAY, evidence="e")])
    result = weekly_run(config(tmp_path), path, TODAY)
    assert [d.outgoing.kind for d in result.deliveries] == ["summary"]
    assert os.listdir(tmp_path / "outbox" / "2021-W39") == ["summary~governance@demo.police.uk.eml"]


def test_an_edited_template_must_keep_the_marking(tmp_path):
    mine = tmp_path / "my-templates"
    mine.mkdir()
    (mine / "owner_digest.txt.j2").write_text("Hi {{ digest.owner.name }}\n")
    with pytest.raises(TemplateProblem, match="does not show the marking OFFICIAL"):
        weekly_run(config(tmp_path, templates=str(mine)), register(tmp_path), TODAY)
    assert not (tmp_path / "outbox").exists()


def test_a_missing_templates_folder_is_an_error_not_a_silent_fallback(tmp_path):
    with pytest.raises(TemplateProblem, match=r"the templates folder .* does not exist"):
        weekly_run(config(tmp_path, templates="nowhere"), register(tmp_path), TODAY)


def test_only_runs_are_partial_and_unknown_addresses_are_refused(tmp_path):
    from automation.core.errors import CannotRun

    path = register(tmp_path)
    with pytest.raises(CannotRun, match=r"no message this week goes to 'nobody@demo\.police\.uk'"):
        weekly_run(config(tmp_path), path, TODAY, only="nobody@demo.police.uk")
    weekly_run(config(tmp_path), path, TODAY, only="tom.brennan@demo.police.uk")
    with Ledger(tmp_path / "tracker.ledger.sqlite") as ledger:
        assert not ledger.week_completed("2021-W39")
        assert [r.kind for r in ledger.runs()] == ["partial"]
    full = weekly_run(config(tmp_path), path, TODAY)
    assert [d.result for d in full.deliveries] == [Result.SENT, Result.ALREADY_SENT, Result.SENT]


def test_dry_run_reads_the_ledger(tmp_path):
    path = register(tmp_path)
    weekly_run(config(tmp_path), path, TODAY)
    ledger = tmp_path / "tracker.ledger.sqlite"
    before = ledger.read_bytes()
    dry = weekly_run(config(tmp_path), path, TODAY, dry_run=True)
    assert {d.result for d in dry.deliveries} == {Result.ALREADY_SENT}
    assert ledger.read_bytes() == before


def test_two_owners_sharing_an_address_are_reported_not_merged(tmp_path):
    path = register(tmp_path)
    edit(path, {"B3": "dana.whitfield@demo.police.uk"}, sheet="Owners")
    result = weekly_run(config(tmp_path), path, TODAY)
    assert [d.outgoing.recipient for d in result.deliveries if d.outgoing.kind == "owner"] == [
        "dana.whitfield@demo.police.uk"
    ]
    assert dict(result.refused)["Tom Brennan"].startswith("shares the email address")
    assert result.exit_code == 1


def test_a_crash_mid_send_closes_the_run_and_the_rerun_reports_the_doubtful_message(tmp_path):
    path = register(tmp_path)
    outbox = tmp_path / "outbox"
    with pytest.raises(KeyboardInterrupt):
        weekly_run(config(tmp_path), path, TODAY, transport=FailingAfter(outbox, 1, KeyboardInterrupt))
    with Ledger(tmp_path / "tracker.ledger.sqlite") as ledger:
        assert ledger.runs()[0].outcome == "interrupted"
    rerun = weekly_run(config(tmp_path), path, TODAY, transport=OutboxTransport(outbox))
    assert [d.result for d in rerun.deliveries] == [Result.ALREADY_SENT, Result.UNKNOWN, Result.SENT]
    assert len(read_outbox(outbox / "2021-W39")) == 2  # the doubtful one is not sent again


def test_header_tricks_in_owner_addresses_are_refused_and_never_printed_raw(tmp_path):
    path = register(tmp_path)
    edit(
        path,
        {
            "B2": "dana.whitfield@demo.police.uk\r\nBcc: victim@evil.example",
            "D3": "mark.ellison@demo.police.uk\n  sent         forged@demo.police.uk",
        },
        sheet="Owners",
    )
    result = weekly_run(config(tmp_path, register_owner="", managers=[]), path, TODAY)
    refused = dict(result.refused)
    assert "is not a single valid address" in refused["Dana Whitfield"]
    from automation.cli.views.runs import weekly_text

    text = weekly_text(result, path)
    assert "\n  sent         forged" not in text
    for message in read_outbox(tmp_path / "outbox" / "2021-W39").values():
        assert message["Bcc"] is None and "evil" not in str(message["To"])


def test_addresses_outside_the_allowed_domains_are_found_before_the_run_and_recorded_by_it(tmp_path):
    from automation.mail.ledger_records import RunOutcome
    from automation.run.check import check_register
    from automation.run.doctor import CheckStatus
    from automation.run.doctor import check_register as doctor_check
    from tests.builders import ledger_runs

    path = register(tmp_path)
    edit(path, {"B3": "tom.brennan@gmail.com", "D2": "boss@gmail.com"}, sheet="Owners")
    found = [
        (p.severity.value, p.where, p.message) for p in check_register(path, ["demo.police.uk"]).problems
    ]
    assert found == [
        (
            "warning",
            "Owners!D2",
            "is outside the allowed domains, so escalations and summaries cannot reach this manager",
        ),
        ("error", "Owners!B3", "is outside the allowed domains, so Tom Brennan cannot be emailed"),
    ]
    assert doctor_check(path, ["demo.police.uk"]).status is CheckStatus.FAIL
    result = weekly_run(config(tmp_path), path, TODAY)
    assert result.exit_code == 1
    [run] = ledger_runs(tmp_path / "tracker.ledger.sqlite")
    assert run.outcome is RunOutcome.NOT_ALL_REACHED
    assert run.detail.startswith("not sent to Tom Brennan: email address tom.brennan@gmail.com is outside")


def test_an_owner_not_on_the_owners_sheet_means_not_all_reached(tmp_path):
    from automation.mail.ledger_records import RunOutcome
    from tests.builders import ledger_runs

    path = register(tmp_path, item(ref="R3", row=4, owner="Joe Bloggs"))
    result = weekly_run(config(tmp_path), path, TODAY)
    assert ("Joe Bloggs", "is not on the Owners sheet, so has no email address") in result.refused
    assert result.exit_code == 1
    [run] = ledger_runs(tmp_path / "tracker.ledger.sqlite")
    assert run.outcome is RunOutcome.NOT_ALL_REACHED
    assert "Joe Bloggs" in run.detail


def test_a_run_with_nothing_to_send_says_why(tmp_path):
    from automation.cli.views.runs import weekly_text

    path = register(tmp_path, item(ref="R3", row=4, owner=""))
    edit(path, {"F2": "", "F3": ""})  # nobody owns anything; nobody is configured for the summary
    edit(path, {"D2": "", "D3": ""}, sheet="Owners")
    result = weekly_run(config(tmp_path, register_owner=""), path, TODAY)
    assert weekly_text(result, path).splitlines()[-1] == (
        "Nothing to send: nobody receives the manager summary (set [mail] register_owner or managers "
        "in tracker.toml, or a Manager email on the Owners sheet); 3 open items have no owner (pick one "
        "in the Owner column); no owner on the Owners sheet has open items."
    )


# --- issue 10, item 16: the ledger's disk fills, or the ledger is empty -----------------


class FillingDisk(OutboxTransport):
    """The real outbox; after its first message a real file fills the ledger's disk."""

    def __init__(self, folder, disk):
        super().__init__(folder)
        self.disk = disk

    def send(self, message, key):
        done = super().send(message, key)
        self.disk.fill(leave=200 * 1024)  # enough for SQLite to finish, too little to go on
        return done


def test_a_disk_filling_mid_run_stops_it_and_leaves_nothing_in_doubt(tmp_path, small_disk):
    path = register(tmp_path)
    cfg = config(tmp_path, outbox=str(tmp_path / "outbox"))
    cfg = Config(base_dir=tmp_path, mail=cfg.mail, ledger=str(small_disk.mount / "tracker.ledger.sqlite"))

    full = weekly_run(cfg, path, TODAY, transport=FillingDisk(tmp_path / "outbox", small_disk))

    assert [d.result for d in full.deliveries] == [Result.SENT, Result.NOT_TRIED, Result.NOT_TRIED]
    assert (
        "the disk holding the ledger" in full.deliveries[1].detail and "is full" in full.deliveries[1].detail
    )
    assert full.exit_code == 1
    with Ledger(small_disk.mount / "tracker.ledger.sqlite") as ledger:
        assert ledger.stuck("2021-W39") == []  # nothing in doubt

    small_disk.empty()
    again = weekly_run(cfg, path, TODAY)

    assert [d.result for d in again.deliveries] == [Result.ALREADY_SENT, Result.SENT, Result.SENT]
    assert len(read_outbox(tmp_path / "outbox" / "2021-W39")) == 3  # each once


def test_a_full_disk_before_the_run_stops_it_saying_so(tmp_path, small_disk):
    from click.testing import CliRunner

    from automation.cli import main

    path = register(tmp_path)
    ledger_path = small_disk.mount / "tracker.ledger.sqlite"
    config_file = tmp_path / "tracker.toml"
    config_file.write_text(
        f'ledger = "{ledger_path}"\n[mail]\nregister_owner = "governance@demo.police.uk"\n'
        'allowed_domains = ["demo.police.uk"]\n'
    )
    Ledger(ledger_path).close()
    small_disk.fill()

    result = CliRunner().invoke(
        main, ["remind", "--register", str(path), "--config", str(config_file), "--today", "2021-10-01"]
    )

    assert result.exit_code == 2, result.output
    assert f"the disk holding the ledger {ledger_path} is full" in result.output
    assert "damaged" not in result.output and "unexpected" not in result.output
    assert not (tmp_path / "outbox").exists()


def test_an_empty_ledger_is_refused_not_taken_as_new(tmp_path):
    from click.testing import CliRunner

    from automation.cli import main

    path = register(tmp_path)
    weekly_run(config(tmp_path), path, TODAY)
    ledger = tmp_path / "tracker.ledger.sqlite"
    for extra in tmp_path.glob("tracker.ledger.sqlite-*"):
        extra.unlink()
    ledger.write_bytes(b"")  # emptied by a failed copy or sync
    config_file = tmp_path / "tracker.toml"
    config_file.write_text(
        '[mail]\nregister_owner = "governance@demo.police.uk"\nallowed_domains = ["demo.police.uk"]\n'
    )

    result = CliRunner().invoke(
        main, ["remind", "--register", str(path), "--config", str(config_file), "--today", "2021-10-02"]
    )

    assert result.exit_code == 2
    assert "is empty (0 bytes): it is not a new ledger" in result.output
    assert len(read_outbox(tmp_path / "outbox" / "2021-W39")) == 3  # nothing sent twice


# --- issue 10, item 11: people the run cannot reach are refusals, and the run fails ------


def test_with_no_owners_sheet_the_owners_are_refusals_and_the_run_fails(tmp_path):
    import openpyxl

    from automation.cli.views.runs import weekly_text

    path = register(tmp_path)
    book = openpyxl.load_workbook(path)
    del book["Owners"]
    book.save(path)

    result = weekly_run(config(tmp_path, register_owner=""), path, TODAY)

    assert result.deliveries == ()
    assert sorted(who for who, _ in result.refused) == ["Dana Whitfield", "Tom Brennan"]
    assert all("no Owners sheet" in why for _, why in result.refused)
    assert result.exit_code == 1
    assert "  not sent     Dana Whitfield: the register has no Owners sheet" in weekly_text(result, path)


def test_an_escalation_to_a_manager_outside_the_domains_is_a_refusal_not_a_claim(tmp_path):
    path = register(tmp_path)
    edit(path, {"D2": "mark.ellison@gmail.com"}, sheet="Owners")
    cfg = config(tmp_path)
    weekly_run(cfg, path, TODAY)

    second = weekly_run(cfg, path, MONDAY_AFTER)

    dana = next(d for d in second.deliveries if d.outgoing.recipient.startswith("dana"))
    assert dana.result is Result.SENT and dana.outgoing.cc == ()
    [(who, why)] = second.refused
    assert who == "mark.ellison@gmail.com"
    assert why.startswith("not copied on Dana Whitfield's escalation: ") and "outside" in why
    assert second.exit_code == 1
    message = read_outbox(tmp_path / "outbox" / "2021-W40")["owner~dana.whitfield@demo.police.uk.eml"]
    assert "(escalated)" not in message["Subject"]
    assert "ESCALATED" not in plain(message)
    assert "RED TWO WEEKS RUNNING" in plain(message) and "could not be copied in" in plain(message)


def test_every_amber_item_is_listed_under_its_reason_and_a_broken_closure_is_not_blue(tmp_path):
    stale = item(
        ref="R3", row=4, deadline_date=TODAY + timedelta(days=90), last_update=TODAY - timedelta(days=40)
    )
    closed = item(
        ref="R4",
        row=5,
        status=Status.CLOSED,
        date_closed=TODAY,
        evidence="Policy published",
        signed_off_by="Assurance meeting",
        signed_off_on=TODAY,
    )
    path = register(tmp_path, stale, closed)
    edit(path, {"H5": "31/13/2021"})  # the closed item's row has an error
    result = weekly_run(config(tmp_path), path, TODAY)
    summary = plain(read_outbox(tmp_path / "outbox" / "2021-W39")["summary~governance@demo.police.uk.eml"])
    assert "NO UPDATE FOR MORE THAN 28 DAYS (1)\n  - R3 - Inspection of the demo force" in summary
    assert "  Blue           0" in summary  # marked Closed, but not confirmed while its row is wrong
    assert result.exit_code == 0


def test_a_line_manager_written_in_two_cases_gets_one_summary_of_all_their_owners(tmp_path):
    path = edit(register(tmp_path), {"D3": "Mark.Ellison@Demo.Police.UK"}, sheet="Owners")
    result = weekly_run(config(tmp_path, register_owner=""), path, TODAY)

    summaries = [(d.outgoing.recipient, d.result) for d in result.deliveries if "summary" in d.outgoing.key]
    assert summaries == [("mark.ellison@demo.police.uk", Result.SENT)]
    body = plain(read_outbox(tmp_path / "outbox" / "2021-W39")["summary~mark.ellison@demo.police.uk.eml"])
    assert "covers the items of the 2 " in body and "Dana Whitfield" in body and "Tom Brennan" in body


def test_an_owners_sheet_without_its_email_column_is_not_called_missing(tmp_path):
    path = edit(register(tmp_path), {"B1": "E-mail address"}, sheet="Owners")
    result = weekly_run(config(tmp_path), path, TODAY, dry_run=True)
    assert dict(result.refused)["Dana Whitfield"] == (
        "the register has no Owners sheet, nobody on it or no Email column on it (tracker "
        "validate says which), so no owner has an email address"
    )


def test_a_second_register_sharing_the_outbox_never_replaces_the_firsts_drafts(tmp_path):
    """Two registers in one folder (tracker.xlsx and fresh.xlsx) have a ledger each but the one
    outbox: the second's digest to the same owner would have replaced the first's draft."""
    first = register(tmp_path)
    second = workbook(tmp_path / "fresh.xlsx", [item(ref="F1", deadline_date=TODAY + timedelta(days=9))])
    cfg = config(tmp_path)
    weekly_run(cfg, first, TODAY)
    draft = tmp_path / "outbox" / "2021-W39" / "owner~dana.whitfield@demo.police.uk.eml"
    kept = draft.read_bytes()

    result = weekly_run(cfg, second, TODAY)

    dana = next(d for d in result.deliveries if d.outgoing.recipient == "dana.whitfield@demo.police.uk")
    assert dana.result is Result.FAILED and result.exit_code == 1
    assert dana.detail.startswith(f"{draft} already holds a message this register's ledger never sent")
    assert draft.read_bytes() == kept
    forced = weekly_run(cfg, second, TODAY, force=True, only="dana.whitfield@demo.police.uk")
    assert [d.result for d in forced.deliveries] == [Result.SENT] and b"F1" in draft.read_bytes()
