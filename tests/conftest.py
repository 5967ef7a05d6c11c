"""Shared test helpers: running the CLI in-process, and GNU gettext checks on real files."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from localize.cli import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
# A wire report written for the project in the style of the Xinhua copy the product serves:
# dateline, photo captions with credits, a lead repeated in the body, quotes, abbreviations,
# numbers and glossary terms. It is part of the repository, so every clone has it.
WIRE_ARTICLE = EXAMPLES / "china-kazakhstan-wire.txt"
# The example articles in every format localize reads (text, Markdown, HTML), for tests that
# go through each.
EXAMPLE_ARTICLES = [*sorted(EXAMPLES.glob("*.txt")), *sorted(EXAMPLES.glob("*.md"))]
EXAMPLE_ARTICLES += sorted(EXAMPLES.glob("*.html"))


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, input: str | bytes | None = None) -> Result:
    """Run ``localize`` in-process (same code path as the console script) and capture output."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def msgfmt_check(path: Path) -> None:
    """Fail the test unless GNU msgfmt --check accepts the file."""
    if shutil.which("msgfmt") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def story_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    """``text`` as story.txt in ``tmp_path``, made the current directory."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh project directory as the current directory, with the example article in it."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "sco-ministers-meeting.txt", tmp_path / "story.txt")
    return tmp_path
