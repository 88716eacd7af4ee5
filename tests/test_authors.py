"""Who marked what: every new mark is by the name in GLOSSATOR_AUTHOR, else `[user] name`
in config.toml, else the OS user; a note marked by several people says who marked what."""

from __future__ import annotations

import getpass
import json

import pytest

from annotations.authors import current_author, use_configured_name
from annotations.export.markdown import render_note
from annotations.model import Annotation, Article
from reader.config import ConfigError, config_path, load_config

TEXT = "The council said the harbour will be dredged next spring. Critics say the cost is too high."


@pytest.fixture(autouse=True)
def _no_configured_name():
    use_configured_name("")
    yield
    use_configured_name("")


@pytest.fixture
def config_file():
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def article(cli, tmp_path):
    source = tmp_path / "dredging.txt"
    source.write_text(TEXT + "\n", encoding="utf-8")
    assert cli("add", str(source), "--title", "Dredging").exit_code == 0
    return "dredging"


def author_of_new_mark(cli, article: str, quote: str) -> str:
    result = cli("annotate", article, "--kind", "claim", "--quote", quote)
    assert result.exit_code == 0, result.stderr
    return json.loads(cli("annotation", result.stdout.strip(), "--json").stdout)["author"]


def test_the_configured_name_is_the_author_when_the_environment_names_nobody(
        cli, article, config_file, monkeypatch):
    monkeypatch.delenv("GLOSSATOR_AUTHOR")
    config_file.write_text('[user]\nname = "Ana  Ruiz"\n', encoding="utf-8")
    assert author_of_new_mark(cli, article, "Critics say") == "Ana Ruiz"


def test_the_environment_wins_over_the_config_file(cli, article, config_file, monkeypatch):
    config_file.write_text('[user]\nname = "Ana Ruiz"\n', encoding="utf-8")
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ben")
    assert author_of_new_mark(cli, article, "Critics say") == "ben"


def test_the_os_user_when_nothing_names_anyone(cli, article, monkeypatch):
    monkeypatch.delenv("GLOSSATOR_AUTHOR")
    assert author_of_new_mark(cli, article, "Critics say") == getpass.getuser()


def test_precedence_in_the_domain(monkeypatch):
    monkeypatch.delenv("GLOSSATOR_AUTHOR")
    assert current_author() == getpass.getuser()
    use_configured_name(" Ana\tRuiz ")
    assert current_author() == "Ana Ruiz"
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "  ")  # set but blank: as if unset
    assert current_author() == "Ana Ruiz"
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ben")
    assert current_author() == "ben"


def test_the_user_section_is_read_and_checked(config_file):
    config_file.write_text('[user]\nname = "Ana Ruiz"\n', encoding="utf-8")
    assert load_config().user.name == "Ana Ruiz"
    config_file.write_text('[user]\nnick = "ana"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[user\] has no setting 'nick'; known: name"):
        load_config()
    config_file.write_text("[user]\nname = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be your name on one line"):
        load_config()


def test_a_broken_config_does_not_stop_marking(cli, article, config_file, monkeypatch):
    monkeypatch.delenv("GLOSSATOR_AUTHOR")
    config_file.write_text("[user\n", encoding="utf-8")
    assert author_of_new_mark(cli, article, "Critics say") == getpass.getuser()
    # ... but it is said, every time: otherwise the marks are silently someone else's.
    result = cli("annotate", article, "--kind", "claim", "--quote", "Critics say")
    assert result.exit_code == 0
    assert "is not valid TOML" in result.stderr
    assert f"new marks are by {getpass.getuser()!r}" in result.stderr


def test_a_mistake_outside_the_user_section_says_nothing_here(cli, article, config_file,
                                                              monkeypatch):
    monkeypatch.delenv("GLOSSATOR_AUTHOR")
    config_file.write_text('[user]\nname = "Ana Ruiz"\n[citation]\nstyle = 5\n',
                           encoding="utf-8")
    result = cli("annotate", article, "--kind", "claim", "--quote", "Critics say")
    assert result.exit_code == 0 and result.stderr == ""
    assert author_of_new_mark(cli, article, "Critics say") == "Ana Ruiz"


def _note(authors: list[str]) -> str:
    article = Article(id="a", title="Dredging")
    marks = [Annotation(article="a", kind="claim", exact=f"claim {i}", start=i * 10,
                        end=i * 10 + 5, author=author) for i, author in enumerate(authors)]
    return render_note(article, marks, {})


def test_a_note_says_who_marked_what_when_several_people_did():
    note = _note(["ana", "ben"])
    assert "**Marked by:** ana" in note and "**Marked by:** ben" in note


def test_a_note_marked_by_one_person_does_not_repeat_their_name():
    assert "Marked by" not in _note(["ana", "ana"])
