"""Who marked what: every new mark is by the name in GLOSSATOR_AUTHOR, else `[user] name`
in config.toml, else the OS user; a note marked by several people says who marked what."""

from __future__ import annotations

import getpass
import json
import os
import subprocess

import pytest

from annotations.authors import AuthorError, clean_name, current_author, use_configured_name
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


def test_a_name_is_cleaned_as_git_keeps_a_commit_author(tmp_path):
    """The name a mark carries is the one git records for its commit, byte for byte."""
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True, timeout=60)
    for raw in ("<ana>", "a,b", " ana ; ", "x<y>z", "Ana\u00a0.", "'Ana Ruiz'", "Dr. K. Mensah",
                "Zoë\tÅberg", "ana\x1b[2J"):
        name = clean_name(raw)
        assert name and clean_name(name) == name, raw
        env = {**os.environ, "GIT_AUTHOR_NAME": name, "GIT_COMMITTER_NAME": name,
               "GIT_AUTHOR_EMAIL": "a@example.invalid", "GIT_COMMITTER_EMAIL": "a@example.invalid"}
        subprocess.run(["git", "-C", str(repo), "commit", "-q", "--allow-empty", "-m", "x"],
                       check=True, timeout=60, env=env)
        logged = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%an"],
                                capture_output=True, text=True, check=True, timeout=60).stdout
        assert logged == name + "\n", raw
    assert clean_name("<Ana  Ruiz>,") == "Ana Ruiz"
    assert [clean_name(raw) for raw in (".", "<>", " , ", "''")] == ["", "", "", ""]


def test_a_name_that_cleans_to_nothing_is_refused_before_anything_is_marked(
        cli, cli_process, article, monkeypatch):
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "<.>")
    with pytest.raises(AuthorError, match="GLOSSATOR_AUTHOR='<.>' is not a name"):
        current_author()
    result = cli("annotate", article, "--kind", "claim", "--quote", "Critics say")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "glossator: error: GLOSSATOR_AUTHOR='<.>' is not a name (git would keep nothing of it); "
        "set it to yours, e.g. GLOSSATOR_AUTHOR=\"Ana Ruiz\", or unset it"]
    # The reader is refused before it starts, not at the first mark.
    opened = cli_process(timeout=30)
    assert opened.exit_code == 1 and "GLOSSATOR_AUTHOR='<.>' is not a name" in opened.stderr
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "tester")
    assert json.loads(cli("annotations", article, "--json").stdout) == []


def test_a_configured_name_that_cleans_to_nothing_is_said_and_the_login_name_marks(
        cli, article, config_file, monkeypatch):
    monkeypatch.delenv("GLOSSATOR_AUTHOR")
    config_file.write_text('[user]\nname = "<>"\n', encoding="utf-8")
    result = cli("annotate", article, "--kind", "claim", "--quote", "Critics say")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "glossator: warning: [user] name = '<>' is not a name (git would keep nothing of it); "
        f"set it to yours, e.g. \"Ana Ruiz\"; new marks are by {getpass.getuser()!r} until it is "
        "mended"]
    assert author_of_new_mark(cli, article, "Critics say") == getpass.getuser()


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
