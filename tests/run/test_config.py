import re
from pathlib import Path

import pytest

from automation.core.errors import ConfigError
from automation.mail.transports.secrets import resolve_secret
from automation.run.config import Config, documented_keys, load_config


def write(tmp_path, text):
    path = tmp_path / "tracker.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_every_default(tmp_path):
    config = load_config(search_dir=tmp_path)
    assert config == Config(base_dir=tmp_path)
    assert config.mail.transport == "outbox"
    assert config.register_path == tmp_path / "tracker.xlsx"
    assert config.ledger_path == tmp_path / "tracker.ledger.sqlite"


def test_values_are_read_and_paths_are_relative_to_the_file(tmp_path):
    path = write(
        tmp_path,
        """
register = "data/register.xlsx"
[mail]
transport = "smtp"
allowed_domains = ["force.police.uk"]
[mail.smtp]
host = "relay.force.police.uk"
port = 25
security = "none"
timeout = 5
""",
    )
    config = load_config(path)
    assert config.register_path == tmp_path / "data" / "register.xlsx"
    assert config.mail.smtp.port == 25
    assert config.mail.smtp.timeout == 5.0
    assert config.mail.allowed_domains == ["force.police.uk"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("regster = 'x'", "tracker.toml: regster is not a setting"),
        ("[mail]\nport = 25", "[mail] port is not a setting"),
        (
            "[mail.smtp]\nport = '25'",
            '[mail.smtp] port is "25" (write a whole number without quotes, e.g. 120)',
        ),
        ("[mail]\nescalate = 'yes'", '[mail] escalate is "yes" (write true or false, without quotes)'),
        ("[mail]\nsender = 5", '[mail] sender is 5 (write it in double quotes, e.g. "5")'),
        (
            "[mail]\nallowed_domains = 'police.uk'",
            '[mail] allowed_domains is "police.uk" (write a list in square brackets, each entry in '
            'double quotes, e.g. ["a", "b"])',
        ),
        ("[mail]\ntransport = 'carrier-pigeon'", "[mail] transport is 'carrier-pigeon'"),
        (
            "mail = 3",
            "tracker.toml: mail is 3, but mail is a section of settings (remove that line, and put "
            "the settings under a line [mail])",
        ),
        ("timezone = 'Mars/Olympus'", "timezone 'Mars/Olympus' is unknown"),
        ("register = ", "check the quotes, brackets and = signs on that line"),
    ],
)
def test_bad_files_name_the_file_and_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert message in caught.value.message
    assert caught.value.exit_code == 2
    assert not any(word in caught.value.message for word in ("bool", "str", "list of strings", "TOML"))


def test_missing_config_file_given_explicitly(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_secrets_come_from_the_environment_only(monkeypatch):
    monkeypatch.setenv("TRACKER_TEST_SECRET", "s3cret")
    assert resolve_secret("env:TRACKER_TEST_SECRET", "[mail.smtp] password") == "s3cret"
    monkeypatch.delenv("TRACKER_TEST_SECRET")
    with pytest.raises(ConfigError, match="names environment variable TRACKER_TEST_SECRET, which is not set"):
        resolve_secret("env:TRACKER_TEST_SECRET", "[mail.smtp] password")
    with pytest.raises(ConfigError, match=r"secrets never live in tracker\.toml"):
        resolve_secret("hunter2", "[mail.smtp] password")


def test_every_key_is_documented():
    keys = documented_keys()
    assert ("mail.transport", '"outbox"', "outbox, smtp, ews or graph") in keys
    assert all(meaning for _, _, meaning in keys)


def test_readme_documents_every_key():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [key for key, _, _ in documented_keys() if f"`{key}`" not in readme]
    assert missing == []


def test_marking_must_be_one_line_of_capitals(tmp_path):
    assert (
        load_config(write(tmp_path, "[mail]\nmarking = 'OFFICIAL-SENSITIVE'")).mail.marking
        == "OFFICIAL-SENSITIVE"
    )
    with pytest.raises(ConfigError, match="is not a protective marking"):
        load_config(write(tmp_path, '[mail]\nmarking = "OFFICIAL\\r\\nBcc: x@evil.example"'))


def test_the_example_file_parses_with_every_key_uncommented(tmp_path):
    import re

    text = (Path(__file__).parents[2] / "tracker.toml.example").read_text(encoding="utf-8")
    body = "\n".join(re.sub(r"^# (\w+ = )", r"\1", line) for line in text.splitlines())
    config = load_config(write(tmp_path, body))
    assert config.mail.transport == "outbox"
    keys = {key.rsplit(".", 1)[-1] for key, _, _ in documented_keys()}
    assert keys <= set(re.findall(r"^# (\w+) = ", text, re.M))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[mail]\nallowed_domains = []", "allowed_domains is empty"),
        ("[mail]\nallowed_domains = ['police uk']", "allowed_domains has 'police uk', which is not a domain"),
        ("[mail]\nsender = 'not an address'", "sender 'not an address' is not one plain email address"),
        ('[mail]\nreply_to = "x@a.police.uk, evil@gmail.com"', "reply_to: email address"),
        ('[mail]\nregister_owner = "gov@a.police.uk\\r\\nBcc: x@y.uk"', "register_owner: email address"),
        ('[mail]\nmanagers = ["boss@gmail.com"]', "managers: email address boss@gmail.com is outside"),
    ],
)
def test_addresses_in_the_file_are_checked(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert message in caught.value.message


@pytest.mark.parametrize(
    "table, message",
    [
        ('[schedule]\nday = "mondy"\n', "[schedule] day is 'mondy'"),
        ('[schedule]\ntime = "8am"\n', "[schedule] time is '8am'"),
        ('[schedule]\ndaily_time = "25:00"\n', "[schedule] daily_time is '25:00'"),
    ],
)
def test_schedule_settings_are_checked_when_the_config_loads(tmp_path, table, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(write(tmp_path, table))


def test_a_misspelt_schedule_day_fails_doctor(tmp_path):
    from automation.run.doctor import CheckStatus, run_checks

    path = write(tmp_path, '[schedule]\nday = "mondy"\n')
    [config_check, *_] = run_checks(lambda: load_config(path), lambda: tmp_path / "tracker.xlsx")
    assert config_check.status is CheckStatus.FAIL and "mondy" in config_check.detail


# --- issue 10, item 18: every key's type and range when the config loads; secrets never shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[mail.smtp]\nport = 99999", "[mail.smtp] port is 99999 (use a number from 1 to 65535)"),
        ("[mail.smtp]\nport = 0", "[mail.smtp] port is 0 (use a number from 1 to 65535)"),
        ("[mail.smtp]\ntimeout = 0", "[mail.smtp] timeout is 0.0 (use a number more than 0 to 600)"),
        ("[mail.graph]\ntimeout = -1", "[mail.graph] timeout is -1.0 (use a number more than 0 to 600)"),
        ("[mail.ews]\nmax_wait = -5", "[mail.ews] max_wait is -5 (use a number from 0 to 3600)"),
        ("[mail]\nrun_deadline = 0", "[mail] run_deadline is 0 (use a number from 1 to 86400)"),
        ("[schedule]\nday = 'funday'", "[schedule] day is 'funday'"),
        ("[logging]\nlevel = 'LOUD'", '[logging] level is "LOUD" (use DEBUG, INFO, WARNING or ERROR)'),
    ],
)
def test_values_out_of_range_are_refused_when_the_config_loads(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert message in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "[mail.smtp]\npassword = 'hunter2-inline'",  # with the outbox transport, never used
        "[mail.ews]\nclient_secret = 'hunter2-inline'",
        "[mail.graph]\nclient_secret = 'env:hunter2-inline with spaces'",
        "[mail.smtp]\npassword = 20260101",
    ],
)
def test_an_inline_secret_is_refused_and_never_shown(tmp_path, text):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert "holds something other than a secret reference (its value is not shown)" in caught.value.message
    assert "hunter2" not in caught.value.message and "20260101" not in caught.value.message


def test_a_keyring_secret_without_a_keyring_backend_is_a_clear_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from automation.cli import main
    from automation.mail.transports.registry import make_transport

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")  # no backend
    config_file = write(
        tmp_path,
        "[mail]\ntransport = 'smtp'\nregister_owner = 'governance@force.police.uk'\n"
        "[mail.smtp]\nhost = 'smtp.force.police.uk'\nusername = 'svc'\npassword = 'keyring:tracker/svc'\n",
    )

    with pytest.raises(ConfigError, match="names keyring entry tracker/svc, but the keyring cannot be read"):
        make_transport(load_config(config_file))
    doctor = CliRunner().invoke(main, ["doctor", "--config", str(config_file)])

    assert "FAIL secret: [mail.smtp] password names keyring entry tracker/svc" in doctor.output
    assert "unexpected" not in doctor.output and "Traceback" not in doctor.output


def test_a_file_saved_by_notepad_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "tracker.toml"
    path.write_bytes(b'\xef\xbb\xbf[mail]\ntransport = "smtp"\n')
    assert load_config(path).mail.transport == "smtp"


def test_a_file_not_saved_as_utf8_says_so_and_how_to_save_it(tmp_path):
    path = tmp_path / "tracker.toml"
    path.write_bytes('[mail]\ntransport = "outbox"\n'.encode("utf-16"))
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert raised.value.message == (
        f"{path} is not saved as UTF-8 (byte 0 cannot be read) (save it again with the encoding UTF-8 "
        "(in Notepad: File > Save as, Encoding UTF-8))"
    )
