"""``[returns]`` in tracker.toml: on by default, documented in the README and the example."""

from __future__ import annotations

from pathlib import Path

import pytest

from automation.core.errors import ConfigError
from automation.run.config import Config, load_config

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tracker.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_returns_are_on_for_a_new_install_and_can_be_turned_off(tmp_path):
    assert Config().returns.enabled is True
    assert load_config(write(tmp_path, "[returns]\nenabled = false\n")).returns.enabled is False


def test_the_key_is_documented_in_the_readme_and_the_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `returns.enabled` | `True` |" in readme
    example = (ROOT / "tracker.toml.example").read_text(encoding="utf-8")
    assert (
        "\n[returns]\n# attach a return workbook to each owner digest for them to fill in\n# enabled = true\n"
        in example
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[returns]\nenabled = 'yes'", '[returns] enabled is "yes" (write true or false, without quotes)'),
        ("[returns]\nmax_attachment_mb = 0", "[returns] max_attachment_mb must be above 0"),
        ("[returns]\nprocessed_folder = 'inbox'", "[returns] folder and processed_folder are the same"),
    ],
)
def test_bad_values_are_named(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert message in caught.value.message
