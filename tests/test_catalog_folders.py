"""status, check, compile and report take the catalogs update takes: folders named by a language
code, a broken catalog nobody named skipped with a warning at its line (a named one stops the
run), a catalog-level finding shown at its catalog, and the project file's glossary read for the
articles' language (hunt5)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import run_cli

ARTICLE = "The minister met the council on Monday.\n\nThey agreed on three points.\n"
BROKEN = 'msgid ""\nmsgstr "unterminated\n'
# Folders of the locales directory named for something other than a language.
NOT_LANGUAGES = ("old", "tmp", "new", "und", "mul", "C", "de_DE.UTF-8")


def catalog(lang: str) -> Path:
    return Path("locales") / lang / "LC_MESSAGES" / "a.po"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """a.txt translated to Spanish by the pseudo engine."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    done = run_cli("translate", "a.txt", "--to", "es", "--engine", "pseudo")
    assert done.exit_code == 0, done.stderr
    return tmp_path


def test_report_shows_a_header_finding_at_its_catalog(project: Path) -> None:
    # A copy of the Spanish catalog in pt/: its header says Language: es (header-language).
    catalog("pt").parent.mkdir(parents=True)
    shutil.copy(catalog("es"), catalog("pt"))
    done = run_cli("report", "a.txt", "-o", "report.html")
    assert done.exit_code == 0, done.stderr
    page = Path("report.html").read_text(encoding="utf-8")
    assert "header-language" in page
    sections = [part for part in page.split("<section ") if "header-language" in part]
    assert len(sections) == 1 and sections[0].startswith('id="catalog-2"'), "not at pt"
    assert 'href="#catalog-2">line' in sections[0]
    data = json.loads(run_cli("report", "a.txt", "--format", "json", "-o", "-").stdout)
    (pt,) = [c for c in data["catalogs"] if c["lang"] == "pt"]
    (group,) = [g for g in pt["findings"] if g["check"] == "header-language"]
    assert group["findings"][0]["anchor"] == ""


@pytest.fixture
def cluttered(project: Path) -> Path:
    """Beside the Spanish catalog: a broken Dutch one, and copies of the Spanish one in folders
    named for something other than a language."""
    catalog("nl").parent.mkdir(parents=True)
    catalog("nl").write_text(BROKEN, encoding="utf-8")
    for folder in NOT_LANGUAGES:
        catalog(folder).parent.mkdir(parents=True)
        shutil.copy(catalog("es"), catalog(folder))
    return project


def assert_skipped_broken_dutch(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if "nl/LC_MESSAGES/a.po" in line]
    assert len(lines) == 1 and lines[0].startswith("warning: locales/nl/LC_MESSAGES/a.po:2: ")
    assert "skipped it" in lines[0] and "Traceback" not in stderr


@pytest.mark.parametrize("article", [[], ["a.txt"]])
def test_status_shows_the_language_folders_and_warns_of_a_broken_catalog(
    cluttered: Path, article: list[str]
) -> None:
    done = run_cli("status", *article, "--format", "json")
    assert done.exit_code == 0, done.stderr
    assert [row["lang"] for row in json.loads(done.stdout)] == ["es"]
    assert_skipped_broken_dutch(done.stderr)


def test_check_takes_the_language_folders_and_warns_of_a_broken_catalog(cluttered: Path) -> None:
    done = run_cli("check", "a.txt", "--format", "json")
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["catalogs"] == [str(catalog("es"))]
    assert len(data["skipped"]) == 1
    assert_skipped_broken_dutch(done.stderr)
    for folder in NOT_LANGUAGES:  # no "glossary has no tmp renderings"
        assert f" {folder} " not in done.stderr


def test_compile_compiles_the_others_and_warns_of_a_broken_catalog(cluttered: Path) -> None:
    done = run_cli("compile")
    assert done.exit_code == 0, done.stderr
    assert catalog("es").with_suffix(".mo").is_file()
    assert not any(catalog(folder).with_suffix(".mo").exists() for folder in NOT_LANGUAGES)
    assert_skipped_broken_dutch(done.stderr)


def test_report_shows_the_others_and_warns_of_a_broken_catalog(cluttered: Path) -> None:
    done = run_cli("report", "a.txt", "--format", "json", "-o", "-")
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert [c["lang"] for c in data["catalogs"]] == ["es"]
    assert len(data["skipped"]) == 1
    assert_skipped_broken_dutch(done.stderr)
    done = run_cli("report", "a.txt", "-o", "report.html")
    assert done.exit_code == 0, done.stderr
    page = Path("report.html").read_text(encoding="utf-8")
    assert "Left out: locales/nl/LC_MESSAGES/a.po:2: " in page


@pytest.mark.parametrize("command", [["check", "a.txt"], ["compile"], ["report", "a.txt"]])
def test_a_broken_catalog_named_by_to_still_stops_the_run(
    cluttered: Path, command: list[str]
) -> None:
    done = run_cli(*command, "--to", "nl")
    assert done.exit_code == 2
    assert done.stderr.startswith("error: locales/nl/LC_MESSAGES/a.po:2: ")


@pytest.fixture
def broken_glossary(project: Path) -> Path:
    """A ./glossary.yaml someone broke, beside a good glossary of the project's own."""
    done = run_cli("glossary", "init", "ours.yaml")
    assert done.exit_code == 0, done.stderr
    Path("glossary.yaml").write_text("terms: [\n  - bad", encoding="utf-8")
    return project


ARTICLE_COMMANDS = [["status", "a.txt"], ["extract", "a.txt"], ["segment", "a.txt"]]


@pytest.mark.parametrize("command", ARTICLE_COMMANDS)
def test_glossary_option_spares_a_broken_glossary_yaml(
    broken_glossary: Path, command: list[str]
) -> None:
    assert run_cli(*command).stderr.startswith("error: glossary.yaml:2: ")  # as before
    done = run_cli(*command, "--glossary", "ours.yaml")
    assert done.exit_code == 0, done.stderr


@pytest.mark.parametrize("command", [*ARTICLE_COMMANDS, ["report", "a.txt", "-o", "r.html"]])
def test_the_project_files_glossary_is_read_instead_of_glossary_yaml(
    broken_glossary: Path, command: list[str]
) -> None:
    Path("localize.toml").write_text('glossary = "ours.yaml"\n', encoding="utf-8")
    done = run_cli(*command)
    assert done.exit_code == 0, done.stderr


def test_report_takes_the_project_files_source_language(project: Path) -> None:
    Path("localize.toml").write_text('source-language = "de"\n', encoding="utf-8")
    data = json.loads(run_cli("report", "a.txt", "--format", "json", "-o", "-").stdout)
    assert data["source_lang"] == "de"
