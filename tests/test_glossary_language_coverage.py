"""A run into a language the glossary has no renderings for (a user's report: a project
glossary of es and fr, `translate --to ru`) applied no terminology and said nothing. It now
warns once, naming the glossary file, and goes on: a warning, not an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli, story_in

PROJECT_GLOSSARY = (
    "schema: 1\n"
    'version: "p1"\n'
    "source_language: en\n"
    "languages: [es, fr]\n"
    "entries:\n"
    "  - id: joint-statement\n"
    "    source: joint statement\n"
    "    kind: document\n"
    "    targets:\n"
    "      es: declaración conjunta\n"
    "      fr: déclaration conjointe\n"
    "    note: A project term.\n"
)
WARNING = (
    "warning: glossary.yaml has no ru renderings (its languages: es, fr): ru gets no "
    "terminology; add ru to its languages and entries, or choose another glossary with "
    "--glossary"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    story = story_in(tmp_path, monkeypatch, "The joint statement was signed.\n")
    (tmp_path / "glossary.yaml").write_text(PROJECT_GLOSSARY, encoding="utf-8")
    return story


def test_translate_into_a_language_the_glossary_lacks_warns_once(project: Path) -> None:
    result = run_cli("translate", project, "--to", "ru,es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [WARNING]  # es has renderings: nothing said of it
    assert Path("locales/ru/LC_MESSAGES/story.po").is_file()
    as_json = run_cli("translate", project, "--to", "ru", "--engine", "pseudo", "--format", "json")
    assert json.loads(as_json.stdout)["warnings"] == [WARNING.removeprefix("warning: ")]


def test_check_of_such_a_catalog_warns_too(project: Path) -> None:
    assert run_cli("init", project, "--to", "ru,fr").exit_code == 0
    result = run_cli("check", project)
    assert result.exit_code == 0, result.stdout
    assert [line for line in result.stderr.splitlines() if line.startswith("warning:")] == [WARNING]


def test_a_glossary_with_the_language_says_nothing(project: Path) -> None:
    result = run_cli("translate", project, "--to", "es,fr", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert "warning:" not in result.stderr


def test_a_rerun_is_replayed_and_warns_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warning follows from the inputs alone (the glossary's languages, the run's): it
    does not keep an unchanged rerun from being replayed, and the replay says it again."""
    first = run_cli("translate", project, "--to", "ru", "--engine", "pseudo")
    assert first.exit_code == 0, first.stderr

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the run was done in full")

    monkeypatch.setattr("localize.app.translate.update_articles", refuse)
    again = run_cli("translate", project, "--to", "ru", "--engine", "pseudo")
    assert again.exit_code == 0, again.stderr
    assert "unchanged locales/ru/LC_MESSAGES/story.po: kept 1" in again.stdout
    assert again.stderr == first.stderr
    assert WARNING in again.stderr.splitlines()
