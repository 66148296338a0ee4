"""Compiled templates are kept between runs, never served stale, and a cache that cannot be
used only means compiling again."""

import os
import shutil
import tempfile

import jinja2
import pytest

from automation.mail import render
from automation.mail.render import BUILT_IN, TEMPLATE_NAMES, Renderer
from tests.mail.test_render import plan


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """Jinja2 keeps its cache in the temporary folder: a fresh one for each test."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def entries(home):
    return sorted(p.name for p in home.glob("_jinja2-cache-*/__tracker-jinja2-*.cache"))


def digest_text(renderer):
    composed = plan()
    return renderer.owner_digest(composed.digests[0], composed.as_of, "2021-W40").text


def test_a_second_run_uses_the_compiled_templates(cache_home, monkeypatch):
    first = digest_text(Renderer("OFFICIAL"))
    assert len(entries(cache_home)) >= 2  # the digest's text template and what it imports

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    assert digest_text(Renderer("OFFICIAL")) == first


def test_an_edited_template_is_compiled_again(cache_home, tmp_path):
    mine = tmp_path / "templates"
    shutil.copytree(BUILT_IN, mine, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    built_in = digest_text(Renderer("OFFICIAL"))
    page = mine / "owner_digest.txt.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("Dear ", "Hello "), encoding="utf-8")
    assert "Hello " in digest_text(Renderer("OFFICIAL", mine))
    page.write_text(page.read_text(encoding="utf-8").replace("Hello ", "Good morning "), encoding="utf-8")
    assert "Good morning " in digest_text(Renderer("OFFICIAL", mine))
    assert digest_text(Renderer("OFFICIAL")) == built_in
    assert len(entries(cache_home)) <= len(TEMPLATE_NAMES) + 4  # one entry a template name


def test_a_full_disk_only_means_compiling(cache_home, monkeypatch):
    expected = digest_text(Renderer("OFFICIAL", None))
    shutil.rmtree(next(cache_home.glob("_jinja2-cache-*")))

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    assert digest_text(Renderer("OFFICIAL")) == expected
    assert entries(cache_home) == []


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="needs to give the folder away")
def test_a_folder_someone_else_owns_is_not_used(cache_home):
    folder = cache_home / f"_jinja2-cache-{os.getuid()}"
    folder.mkdir()
    os.chown(folder, os.getuid() + 1, -1)
    assert render._compiled_cache(jinja2.Environment()) is None
    assert "OFFICIAL" in digest_text(Renderer("OFFICIAL"))
    assert list(folder.iterdir()) == []


def test_a_damaged_entry_only_means_compiling(cache_home):
    expected = digest_text(Renderer("OFFICIAL"))
    for entry in cache_home.glob("_jinja2-cache-*/__tracker-jinja2-*.cache"):
        entry.write_bytes(entry.read_bytes()[:40])  # cut short after its header, as a crash may
    assert digest_text(Renderer("OFFICIAL")) == expected
    assert digest_text(Renderer("OFFICIAL")) == expected  # written again whole


def test_templates_read_another_way_are_not_served_from_the_cache(cache_home):
    loose = Renderer("OFFICIAL")._env.overlay(trim_blocks=False)
    loose.bytecode_cache = render._compiled_cache(loose)
    loose.get_template("owner_digest.txt.j2")  # compiled with other settings, and cached
    renderer = Renderer("OFFICIAL")
    assert renderer._env.bytecode_cache.pattern != loose.bytecode_cache.pattern
    uncached = Renderer("OFFICIAL")
    uncached._env.bytecode_cache = None
    assert digest_text(renderer) == digest_text(uncached)
