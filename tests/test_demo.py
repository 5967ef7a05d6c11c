"""``scripts/demo.sh``, as README tells a user to run it: its headings say what happens to the
article it was given, with or without a catalog a person reviewed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(
    shutil.which("apertium") is None, reason="the demo needs an engine: Apertium en->es"
)


def run_demo(tmp_path: Path, *args: str) -> list[str]:
    """Run a copy of the demo in a copy of the repository (it writes build/demo beside
    itself) and return its headings."""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "demo.sh", root / "scripts" / "demo.sh")
    shutil.copytree(REPO / "examples", root / "examples")
    shutil.copytree(REPO / "locales", root / "locales")
    (root / ".venv").symlink_to(REPO / ".venv")
    done = subprocess.run(
        ["bash", "scripts/demo.sh", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line.startswith("== ")]


def test_an_article_nobody_reviewed_is_not_said_to_keep_reviewed_entries(tmp_path: Path) -> None:
    headings = run_demo(tmp_path, "examples/sco-foreign-ministers.md", "es")
    shown = "\n".join(headings)
    assert "reviewed entries are kept" not in shown
    assert "reviewed translations" not in shown
    assert (
        "== translate sco-foreign-ministers.md -> es (no reviewed es catalog of this article: "
        "every sentence gets a machine draft)"
    ) in headings
    assert "== the end of the es copy: machine drafts, none reviewed yet" in headings


def test_the_reviewed_example_keeps_its_headings(tmp_path: Path) -> None:
    headings = run_demo(tmp_path)
    assert "== the reviewed catalogs, as committed" in headings
    assert (
        "== translate sco-ministers-meeting.txt -> es (reviewed entries are kept; new and "
        "changed sentences get drafts)"
    ) in headings
    assert (
        "== the end of the es copy: reviewed translations, then the drafts of the new sentences"
    ) in headings
