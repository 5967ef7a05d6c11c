# ruff: noqa: F811  (pytest fixtures imported from argos_fixtures are redefined as arguments)
"""The engine's own renderings of glossary terms are kept between runs beside the model
(``localize.term_renderings``), so a new process does not ask the model for them again."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from localize.enforce import enforce_batch
from localize.engines.argos import ArgosEngine
from localize.glossary import load_glossary
from localize.project import NO_RUN_CACHE_ENV
from localize.term_renderings import FILE_NAME

from argos_fixtures import engine, models_dir, tiny_model  # noqa: F401

GLOSSARY = """\
schema: 1
version: "t1"
source_language: en
languages: [es]
entries:
  - id: world
    source: world
    targets: {es: orbe}
    note: test
"""
SENTENCES = ["The world wants peace.", "Peace in the world."]
EXPECTED = ["The orbe wants paz.", "Peace in the orbe."]
SUBSTITUTED = "glossary placed: world → orbe (substituted for the engine's rendering 'mundo')"


@pytest.fixture
def glossary(tmp_path: Path):
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load_glossary(path)


def _plain_calls(engine: ArgosEngine) -> tuple[object, list[list[str]]]:
    """A translator of a new run, recording what it is asked to translate without n-best
    (the term renderings; the first pass asks for n-best)."""
    translator = engine.open("en", "es")
    calls: list[list[str]] = []
    translate = translator.translate

    def recording(sentences: Sequence[str]) -> list[str]:
        calls.append(list(sentences))
        return translate(sentences)

    translator.translate = recording  # type: ignore[method-assign]
    return translator, calls


def _enforce(engine: ArgosEngine, glossary) -> tuple[list[str], list[str], list[list[str]]]:
    translator, calls = _plain_calls(engine)
    drafts = enforce_batch(translator, engine.placeholder, SENTENCES, glossary, "es")
    assert all(d.flags == [] for d in drafts)
    translator.close()  # type: ignore[attr-defined]
    return [d.text for d in drafts], drafts[0].comments, calls


def test_a_new_run_takes_the_renderings_from_the_store(engine, models_dir, glossary) -> None:
    texts, comments, calls = _enforce(engine, glossary)
    assert texts == EXPECTED and SUBSTITUTED in comments
    assert calls == [["world"]]
    assert (models_dir / FILE_NAME).is_file()

    texts, comments, calls = _enforce(engine, glossary)
    assert texts == EXPECTED and SUBSTITUTED in comments
    assert calls == []


def test_a_reinstalled_model_is_asked_again(engine, models_dir, glossary) -> None:
    _enforce(engine, glossary)
    [package] = [p for p in models_dir.iterdir() if p.is_dir()]
    model = package / "model" / "model.bin"
    stat = model.stat()
    os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    texts, _, calls = _enforce(engine, glossary)
    assert texts == EXPECTED
    assert calls == [["world"]]


def test_other_decoding_options_are_asked_again(engine, models_dir, glossary) -> None:
    from localize.engines.argos import DecodingOptions
    from localize.engines.base import EngineOptions

    _enforce(engine, glossary)
    other = ArgosEngine(EngineOptions(models_dir=models_dir), DecodingOptions(beam_size=2))
    texts, _, calls = _enforce(other, glossary)
    assert texts == EXPECTED
    assert calls == [["world"]]


def test_without_run_caches_nothing_is_kept(engine, models_dir, glossary, monkeypatch) -> None:
    monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
    _enforce(engine, glossary)
    texts, _, calls = _enforce(engine, glossary)
    assert texts == EXPECTED
    assert calls == [["world"]]
    assert not (models_dir / FILE_NAME).exists()


def test_a_damaged_store_is_made_again(engine, models_dir, glossary) -> None:
    (models_dir / FILE_NAME).write_bytes(b"not a database" * 100)
    texts, comments, calls = _enforce(engine, glossary)
    assert texts == EXPECTED and SUBSTITUTED in comments
    assert calls == [["world"]]
    texts, comments, calls = _enforce(engine, glossary)
    assert texts == EXPECTED and SUBSTITUTED in comments
    assert calls == []
    assert engine.available_pairs()  # the file is not taken for a broken package
    assert engine.problems() == []
