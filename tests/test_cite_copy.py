"""`glossator cite ARTICLE --copy`: the citation is always printed, and stderr says
where the copy went, run as a user runs it (its own process, no terminal, no display).
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name == "nt", reason="fake helpers are POSIX scripts")

ARTICLE = """# Harbour plan splits the council

The mayor said the harbour «will be dredged» in 2025, at a cost of €4 million.

Critics on the council disagree.
"""


@pytest.fixture(autouse=True)
def _no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "WSL_DISTRO_NAME"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def helper_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The whole PATH of the glossator process: only the helpers a test puts there."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


@pytest.fixture
def state_file() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "glossator" / "clipboard.txt"


@pytest.fixture
def quote_ref(cli, tmp_path: Path) -> tuple[str, str]:
    source = tmp_path / "harbour.md"
    source.write_text(ARTICLE, encoding="utf-8")
    assert cli("add", str(source), "--author", "Jane Doe", "--date", "2024-03-05",
               "--site", "The Port Times").exit_code == 0
    article = json.loads(cli("list", "--json").stdout)[0]["id"]
    marked = cli("annotate", article, "--kind", "claim", "--quote", "the harbour «will be dredged»")
    assert marked.exit_code == 0, marked.stderr
    return article, marked.stdout.strip()


def install(folder: Path, name: str, body: str) -> None:
    program = folder / name
    program.write_text(f"#!{sys.executable} -I\n" + textwrap.dedent(body), encoding="utf-8")
    program.chmod(0o755)


def printed(cli, *args: str) -> str:
    """What `cite` prints without --copy, which --copy must not change."""
    plain = cli("cite", *args)
    assert plain.exit_code == 0, plain.stderr
    assert "Harbour plan" in plain.stdout
    return plain.stdout


def test_with_no_clipboard_at_all_the_citation_is_printed_and_saved_to_a_file(
        cli, cli_process, quote_ref: tuple[str, str], helper_folder: Path,
        state_file: Path) -> None:
    article, annotation = quote_ref
    expected = printed(cli, article, "--annotation", annotation)
    assert "«will be dredged»" in expected

    done = cli_process("cite", article, "--annotation", annotation, "--copy")

    assert done.exit_code == 0, done.stderr
    assert done.stdout == expected
    assert state_file.read_text(encoding="utf-8") + "\n" == expected
    assert done.stderr.count("\n") == 1
    assert str(state_file) in done.stderr
    assert done.stderr.startswith("No clipboard here (no DISPLAY or WAYLAND_DISPLAY); it is saved in ")


def test_a_working_clipboard_program_gets_the_citation(
        cli, cli_process, quote_ref: tuple[str, str], helper_folder: Path,
        monkeypatch: pytest.MonkeyPatch, state_file: Path) -> None:
    article, annotation = quote_ref
    expected = printed(cli, article, "--annotation", annotation)
    got = helper_folder / "xclip.got"
    install(helper_folder, "xclip", f"""
        import sys
        open({str(got)!r}, "wb").write(sys.stdin.buffer.read())
    """)
    monkeypatch.setenv("DISPLAY", ":0")

    done = cli_process("cite", article, "--annotation", annotation, "--copy")

    assert done.exit_code == 0, done.stderr
    assert done.stdout == expected
    assert done.stderr == "Copied to the clipboard (xclip).\n"
    assert got.read_bytes().decode("utf-8") + "\n" == expected
    assert not state_file.exists()


def test_a_broken_display_is_reported_in_one_line_and_the_helper_says_nothing_itself(
        cli, cli_process, quote_ref: tuple[str, str], helper_folder: Path,
        monkeypatch: pytest.MonkeyPatch, state_file: Path) -> None:
    article, _ = quote_ref
    expected = printed(cli, article)
    install(helper_folder, "xclip", """
        import sys
        sys.stderr.write("Error: Can't open display: :99\\nsecond line from xclip\\n")
        sys.exit(1)
    """)
    monkeypatch.setenv("DISPLAY", ":99")

    done = cli_process("cite", article, "--copy")  # the reference alone

    assert done.exit_code == 0, done.stderr
    assert done.stdout == expected
    assert "second line from xclip" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("No clipboard took the text (xclip: Error: Can't open display: :99)")
    assert state_file.read_text(encoding="utf-8") + "\n" == done.stdout


def test_when_even_the_file_cannot_be_written_the_citation_is_still_printed(
        cli, cli_process, quote_ref: tuple[str, str], helper_folder: Path,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    article, annotation = quote_ref
    expected = printed(cli, article, "--annotation", annotation)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))

    done = cli_process("cite", article, "--annotation", annotation, "--copy")

    assert done.stdout == expected
    assert "nothing was copied" in done.stderr


def test_y_copies_a_quote_cited_at_its_page_and_Y_the_reference() -> None:
    from annotations.model import Annotation, Article
    from reader.cli.copying import text_to_copy

    paper = Article(id="p", type="journal", title="Harbour silt", authors=["Jane Doe"],
                    site="Journal of Ports", published="2024", volume="3", pages="1–20")
    mark = Annotation(article="p", kind="claim", exact="silt builds up", start=0, end=14,
                      paragraph=4, page="12", page_end="13")
    assert text_to_copy(paper, mark, reference_only=False).splitlines()[:2] == [
        "> silt builds up", "— (Doe, 2024, pp. 12–13)"]
    assert text_to_copy(paper, mark, reference_only=True) == (
        "Doe, J. (2024). Harbour silt. *Journal of Ports*, *3*, 1–20.")
