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
