"""A language no engine serves never costs the other languages their drafts: every catalog is
written, the served languages get drafts, and the others are listed once, with the way to get an
engine for that language, and exit status 3 (0: all drafted; 2: an error)."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from localize.engines.argos_packages import install_file
from localize.engines.auto import choose_engine, install_hint
from localize.engines.base import EngineOptions
from localize.errors import EXIT_LEFT_FOR_TRANSLATORS, EngineUnavailable

from argos_fixtures import TINY_MODEL
from conftest import msgfmt_check, run_cli

ARGOS_ES_ONLY = ("--engine", "argos", "--models-dir", "models")


@pytest.fixture
def models(workdir: Path) -> Path:
    install_file(TINY_MODEL, Path("models"))  # en->es only
    return Path("models")


def catalog(lang: str) -> polib.POFile:
    path = Path(f"locales/{lang}/LC_MESSAGES/story.po")
    msgfmt_check(path)
    return polib.pofile(str(path))


def test_served_languages_get_drafts_the_others_their_catalogs(models: Path) -> None:
    result = run_cli("translate", "story.txt", "--to", "es,de,zh", *ARGOS_ES_ONLY)
    assert result.exit_code == EXIT_LEFT_FOR_TRANSLATORS == 3, result.stderr
    es = catalog("es")
    assert es and all(e.msgstr and e.fuzzy for e in es)
    for lang in ("de", "zh"):
        po = catalog(lang)
        assert len(po) == len(es) and all(not e.msgstr for e in po)
    left = [line for line in result.stderr.splitlines() if "left for translators" in line]
    assert [line.split(":")[0] for line in left] == ["de", "zh"]
    assert f"de: {len(es)} entries left for translators" in left[0]
    assert "localize models install en zh" in left[1]
    assert "apertium-eng-spa" not in result.stderr  # no Spanish package for a Chinese catalog


def test_json_names_the_languages_left_for_translators(models: Path) -> None:
    result = run_cli("translate", "story.txt", "--to", "es,de", *ARGOS_ES_ONLY, "--format", "json")
    assert result.exit_code == 3, result.stderr
    summary = json.loads(result.stdout)
    assert summary["left_for_translators"] == ["de"]
    assert summary["locales"]["de"]["no_engine"].startswith("--engine argos has no en->de pair")
    assert summary["locales"]["es"]["no_engine"] is None
    assert summary["locales"]["es"]["machine_translated"] == len(catalog("es"))


def test_all_languages_served_exits_0(models: Path) -> None:
    result = run_cli("translate", "story.txt", "--to", "es", *ARGOS_ES_ONLY)
    assert result.exit_code == 0, result.stderr
    assert "left for translators" not in result.stderr


def test_update_of_catalogs_made_for_translators_needs_no_engine(models: Path) -> None:
    assert run_cli("init", "story.txt", "--to", "fr").exit_code == 0
    before = Path("locales/fr/LC_MESSAGES/story.po").read_bytes()
    merged = run_cli("update", "story.txt", "--no-translate")
    assert merged.exit_code == 0, merged.stderr
    # With machine translation asked for, the French entries are reported as a person's, not
    # refused; the catalog is left as it was.
    drafted = run_cli("update", "story.txt", *ARGOS_ES_ONLY)
    assert drafted.exit_code == 3, drafted.stderr
    assert "fr: " in drafted.stderr and "en->fr" in drafted.stderr
    assert Path("locales/fr/LC_MESSAGES/story.po").read_bytes() == before


def test_nothing_left_when_every_entry_of_an_unserved_language_is_translated(
    models: Path,
) -> None:
    assert run_cli("init", "story.txt", "--to", "fr").exit_code == 0
    path = Path("locales/fr/LC_MESSAGES/story.po")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = "Traduit par une personne."
    po.save(str(path))
    result = run_cli("update", "story.txt", *ARGOS_ES_ONLY)
    assert result.exit_code == 0, result.stderr


def test_the_hint_fits_the_language(tmp_path: Path) -> None:
    assert "apertium-eng-spa" in install_hint("en", "es")
    assert "apertium-eng-cat" in install_hint("en", "ca")
    for lang in ("zh", "ru", "fr", "ar"):
        hint = install_hint("en", lang)
        assert "apertium" not in hint and f"localize models install en {lang}" in hint
    with pytest.raises(EngineUnavailable) as error:
        choose_engine("en", "zh", EngineOptions(models_dir=tmp_path / "none"))
    assert "apertium-eng-spa" not in str(error.value)
    assert "localize models install en zh" in str(error.value)
