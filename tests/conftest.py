"""Shared fixtures: real libraries in temp folders, the CLI in-process and as a process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotations.store import Library
from reader.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test touches the real user data, config or state folders."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("GLOSSATOR_LIBRARY", raising=False)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "tester")


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def library(library_dir: Path) -> Library:
    return Library.open(library_dir)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(library_dir: Path):
    """Run `glossator --library <tmp> ARGS…` in this process."""

    def run(*args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(main, ["--library", str(library_dir), *args], input=input,
                               catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def cli_process(library_dir: Path):
    """Run glossator as its own process, as a user would."""

    def run(*args: str, timeout: float = 60, env: dict | None = None) -> Result:
        full_env = {**os.environ, **(env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "reader", "--library", str(library_dir), *args],
            capture_output=True, text=True, timeout=timeout, env=full_env, cwd=REPO,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def web_server():
    """A real HTTP server on 127.0.0.1 serving the test pages (tests/helpers/web.py)."""
    from tests.helpers.web import serving

    with serving() as server:
        yield server
