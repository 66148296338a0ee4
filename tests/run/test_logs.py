"""Log lines: ``2026-11-30 08:00:01 INFO message`` to stderr and a rotating file."""

from __future__ import annotations

import logging
import re

import pytest

from automation.core.errors import ConfigError
from automation.run.config import LoggingConfig
from automation.run.logs import remove_logging, setup_logging


def test_plain_lines_to_a_file_relative_to_the_config(tmp_path):
    handlers = setup_logging(LoggingConfig(level="INFO", file="logs/tracker.log"), base_dir=tmp_path)
    try:
        logging.getLogger("automation.test").info("weekly run 2021-W40: 3 sent")
        logging.getLogger("automation.test").debug("not at INFO")
    finally:
        remove_logging(handlers)
    text = (tmp_path / "logs" / "tracker.log").read_text(encoding="utf-8")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO weekly run 2021-W40: 3 sent\n", text)
    assert not [h for h in logging.getLogger().handlers if h in handlers]


def test_verbose_logs_debug_and_a_bad_level_is_a_config_error(tmp_path):
    handlers = setup_logging(LoggingConfig(level="WARNING", file=str(tmp_path / "t.log")), verbose=True)
    try:
        logging.getLogger("automation.test").debug("details")
    finally:
        remove_logging(handlers)
    assert "DEBUG details" in (tmp_path / "t.log").read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match="use one of DEBUG, INFO, WARNING, ERROR"):
        setup_logging(LoggingConfig(level="LOUD"))
