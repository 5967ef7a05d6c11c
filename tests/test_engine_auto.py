# ruff: noqa: F811  (pytest fixtures imported from argos_fixtures are redefined as arguments)
"""``--engine auto``: Argos where a model is installed, else Apertium, else a clear error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from localize.commands.engines import engines
from localize.engines import registry
from localize.engines.apertium import ApertiumEngine
from localize.engines.argos import ArgosEngine
from localize.engines.auto import choose_engine
from localize.engines.base import EngineOptions
from localize.errors import EngineUnavailable, LocalizeError

from argos_fixtures import models_dir, tiny_model  # noqa: F401

needs_apertium_eng_spa = pytest.mark.skipif(
    shutil.which("apertium") is None or ApertiumEngine().find_mode("en", "es") is None,
    reason="apertium-eng-spa not found: apt-get install apertium apertium-eng-spa",
)


@pytest.fixture
def no_models(tmp_path: Path) -> EngineOptions:
    return EngineOptions(models_dir=tmp_path / "no-models")


@pytest.fixture
def no_apertium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_argos_model_wins(models_dir: Path) -> None:
    options = EngineOptions(models_dir=models_dir)
    engine = choose_engine("en", "es", options)
    assert isinstance(engine, ArgosEngine)
    assert engine.options is options
    assert engine.open("en", "es").translate(["the house"]) == ["the casa"]


@needs_apertium_eng_spa
def test_apertium_when_no_model(no_models: EngineOptions) -> None:
    engine = choose_engine("en", "es", no_models)
    assert isinstance(engine, ApertiumEngine)
    assert engine.open("en", "es").translate(["The state is strong."]) == ["El estado es fuerte."]
    assert isinstance(choose_engine("en", "es_MX", no_models), ApertiumEngine)


@needs_apertium_eng_spa
def test_apertium_for_pairs_argos_lacks(models_dir: Path) -> None:
    options = EngineOptions(models_dir=models_dir)
    for pair in ApertiumEngine().available_pairs():
        if (pair.source, pair.target) != ("en", "es") and "_" not in pair.target:
            assert isinstance(choose_engine(pair.source, pair.target, options), ApertiumEngine)


def test_nothing_installed_lists_both_fixes(no_models: EngineOptions, no_apertium: None) -> None:
    with pytest.raises(EngineUnavailable) as error:
        choose_engine("en", "es", no_models)
    message = str(error.value)
    assert "no engine installed for en->es" in message
    assert "argos: none; apertium: none" in message
    assert "localize models install en es" in message
    assert "translate-en_es-VERSION.argosmodel" in message
    assert "apt-get install apertium apertium-eng-spa" in message


def test_error_lists_installed_pairs(models_dir: Path, no_apertium: None) -> None:
    with pytest.raises(EngineUnavailable, match=r"en->zh \(installed: argos: en->es; apertium"):
        choose_engine("en", "zh", EngineOptions(models_dir=models_dir))


def test_pseudo_is_never_chosen(no_models: EngineOptions, no_apertium: None) -> None:
    # Pseudo serves every target, so any pair would pick it if auto considered it.
    with pytest.raises(EngineUnavailable):
        choose_engine("en", "fr", no_models)


@needs_apertium_eng_spa
def test_argos_that_cannot_load_falls_back(
    no_models: EngineOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(registry._ENGINES, "argos", "localize.engines.not_installed:Missing")
    assert isinstance(choose_engine("en", "es", no_models), ApertiumEngine)


# -- localize engines ---------------------------------------------------------------------------


def run_engines(*args: str) -> Result:
    app = typer.Typer()
    app.command()(engines)
    return CliRunner().invoke(app, list(args))


def test_engines_json_lists_every_engine_with_pairs(
    models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LOCALIZE_LIBRETRANSLATE_URL", raising=False)
    result = run_engines("--format", "json", "--models-dir", str(models_dir))
    assert result.exit_code == 0, result.output
    report = {e["name"]: e for e in json.loads(result.output)["engines"]}
    assert set(report) == {"argos", "apertium", "pseudo", "libretranslate"}
    # A server engine without a server is listed as unavailable, with what to set.
    assert "LOCALIZE_LIBRETRANSLATE_URL" in report["libretranslate"]["error"]
    assert report["libretranslate"]["pairs"] == [] and report["libretranslate"]["auto"] is False
    argos_pairs = [(p["source"], p["target"], p["model"]) for p in report["argos"]["pairs"]]
    assert argos_pairs == [("en", "es", "translate-en_es-tiny")]
    assert report["pseudo"]["pairs"][0]["target"] == "*"
    assert report["pseudo"]["auto"] is False and report["argos"]["auto"] is True
    if shutil.which("apertium"):
        pairs = {(p["source"], p["target"]): p for p in report["apertium"]["pairs"]}
        assert pairs[("en", "es")]["model"] == "eng-spa"
        assert report["apertium"]["version"]


def test_engines_gives_the_version_of_the_argos_that_is_installed(models_dir: Path) -> None:
    """The argostranslate module here comes from LibreTranslate's argos-translate-lt
    distribution: listing it as not installed beside its working pairs was wrong."""
    import argostranslate
    import ctranslate2

    assert argostranslate.__file__  # the module the pairs run on imports
    result = run_engines("--models-dir", str(models_dir))
    assert result.exit_code == 0, result.output
    assert "argos not installed" not in result.output
    argos_line = next(line for line in result.output.splitlines() if line.startswith("argos "))
    assert argos_line.startswith("argos argostranslate ")
    assert argos_line.endswith(f", ctranslate2 {ctranslate2.__version__}")


def test_engines_text_says_how_to_install(no_models: EngineOptions, no_apertium: None) -> None:
    result = run_engines("--models-dir", str(no_models.models_dir))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    apertium = lines.index("apertium not installed")
    assert "apt-get install apertium apertium-eng-spa" in lines[apertium + 1]
    assert "localize models install FILE.argosmodel" in result.output
    assert "  en->any" in result.output


def test_engines_rejects_unknown_format() -> None:
    with pytest.raises(LocalizeError, match="choose text or json"):
        engines(output_format="yaml")
