"""The config file: defaults when absent, the [citation] section read and checked,
one clear line for anything wrong, and sections of later versions left alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.config import (
    DEFAULT_TEMPLATE,
    CitationConfig,
    Config,
    ConfigError,
    config_path,
    current_config,
    load_config,
)


@pytest.fixture
def config_file() -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_the_file_lives_in_the_user_config_folder():
    assert config_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "glossator" / "config.toml"


def test_glossator_config_names_another_file(tmp_path, monkeypatch):
    other = tmp_path / "mine.toml"
    other.write_text('[citation]\nstyle = "mla"\n', encoding="utf-8")
    monkeypatch.setenv("GLOSSATOR_CONFIG", str(other))
    assert load_config().citation.style == "mla"


def test_no_file_means_the_defaults():
    config = load_config()
    assert config == Config()
    assert config.citation == CitationConfig("apa", "markdown", DEFAULT_TEMPLATE)


def test_the_citation_section_is_read(config_file):
    config_file.write_text(
        '[citation]\nstyle = "chicago"\nmarkup = "text"\n'
        'template = "{quote} {citation}"\n', encoding="utf-8")
    config = load_config()
    assert config.citation == CitationConfig("chicago", "text", "{quote} {citation}")
    assert config.path == config_file


def test_a_partial_section_keeps_the_other_defaults(config_file):
    config_file.write_text('[citation]\nstyle = "mla"\n', encoding="utf-8")
    assert load_config().citation == CitationConfig(style="mla")


def test_sections_of_other_versions_are_kept_untouched(config_file):
    config_file.write_text('[keymap]\nquit = "ctrl+q"\n\n[citation]\nstyle = "apa"\n',
                           encoding="utf-8")
    assert load_config().other == {"keymap": {"quit": "ctrl+q"}}


@pytest.mark.parametrize(("text", "message"), [
    ("[citation\nstyle = 'apa'", "is not valid TOML"),
    ('[citation]\nstyle = "harvard"\n', "[citation] style = 'harvard' is not one of: apa, chicago, mla"),
    ('[citation]\nmarkup = "html"\n', "markup = 'html' is not one of: markdown, text"),
    ('[citation]\nstlye = "apa"\n', "[citation] has no setting 'stlye'; known: style, markup, template"),
    ('[citation]\ntemplate = 3\n', "template must be a string"),
    ('[citation]\ntemplate = "{quote} {page}"\n', "template has an unknown field {page}; use {quote}"),
    ('[citation]\ntemplate = "{quote"\n', "template is malformed"),
    ('citation = "apa"\n', "citation must be a [citation] section"),
])
def test_a_wrong_file_is_one_line_naming_the_file(config_file, text, message):
    config_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config()
    assert message in str(raised.value)
    assert str(config_file) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_file_that_is_not_utf8_is_refused(config_file):
    config_file.write_bytes(b'[citation]\nstyle = "\xe9"\n')
    with pytest.raises(ConfigError, match="is not UTF-8 text"):
        load_config()


def test_current_config_reads_the_file_again_when_it_changes(config_file):
    config_file.write_text('[citation]\nstyle = "mla"\n', encoding="utf-8")
    assert current_config().citation.style == "mla"
    config_file.write_text('[citation]\nstyle = "chicago"\n', encoding="utf-8")
    stat = config_file.stat()
    os.utime(config_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert current_config().citation.style == "chicago"
