# ruff: noqa: F811  (pytest fixtures imported from argos_fixtures are redefined as arguments)
"""Every «glossary placed» comment is true: the draft carries an approved rendering for each
occurrence of the term it names, over every engine installed here (the pseudo engine in all
glossary languages, Apertium en->es, the tiny Argos en->es model), on the repository's example
articles."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from localize.enforce import PLACED, enforce_batch
from localize.engines.apertium import ApertiumEngine
from localize.engines.base import LanguagePair, Translator
from localize.engines.pseudo import PseudoEngine
from localize.glossary import Glossary, load_glossary, shipped_path
from localize.source import read_article

from argos_fixtures import engine, models_dir, tiny_model  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
_PLACED = re.compile(rf"^{PLACED}: (.+?) → (.+) \((.+)\)$")


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return load_glossary(shipped_path())


@pytest.fixture(scope="module")
def sentences() -> tuple[list[str], list[list[tuple[int, int]]]]:
    paths = [
        p
        for p in sorted((REPO / "examples").iterdir())
        if p.suffix in (".txt", ".md", ".html") and "." not in p.stem
    ]
    assert len(paths) >= 3, "the example articles are missing from examples/"
    texts, spans = [], []
    for path in paths:
        article = read_article(str(path))
        for unit in article.units:
            texts.append(unit.msgid)
            spans.append(article.format.protected(unit.msgid))
    return texts, spans


def untrue_placed_comments(
    glossary: Glossary, lang: str, texts: list[str], spans, drafts
) -> tuple[int, list[str]]:
    """How many «placed» comments there are, and those whose term the draft lacks."""
    total, untrue = 0, []
    for text, protected, draft in zip(texts, spans, drafts, strict=True):
        matches = [
            m
            for m in glossary.match(text)
            if m.entry.covers(lang) and all(m.end <= a or m.start >= b for a, b in protected)
        ]
        needed = Counter(m.entry.id for m in glossary.required(matches, text))
        carried = glossary.carried(matches, lang, draft.text)
        by_text = {m.text: m.entry.id for m in matches}
        for comment in draft.comments:
            found = _PLACED.match(comment)
            if not found:
                continue
            total += 1
            entry_id = by_text[found.group(1)]
            if carried[entry_id] < needed[entry_id]:
                untrue.append(f"{comment} || {draft.text}")
    return total, untrue


@pytest.mark.parametrize("lang", ["zh", "ru", "fr", "es", "ar"])
def test_pseudo_engine_placed_comments_are_true(shipped, sentences, lang) -> None:
    pseudo = PseudoEngine()
    texts, spans = sentences
    drafts = enforce_batch(pseudo.open("en", lang), pseudo.placeholder, texts, shipped, lang, spans)
    total, untrue = untrue_placed_comments(shipped, lang, texts, spans, drafts)
    assert total > 100
    assert untrue == []


def test_apertium_placed_comments_are_true(shipped, sentences) -> None:
    assert shutil.which("apertium"), "apt-get install apertium apertium-eng-spa"
    apertium = ApertiumEngine()
    texts, spans = sentences
    drafts = enforce_batch(
        apertium.open("en", "es"), apertium.placeholder, texts, shipped, "es", spans
    )
    total, untrue = untrue_placed_comments(shipped, "es", texts, spans, drafts)
    assert total > 100
    assert untrue == []


def test_argos_placed_comments_are_true(shipped, sentences, engine) -> None:
    texts, spans = sentences
    drafts = enforce_batch(engine.open("en", "es"), engine.placeholder, texts, shipped, "es", spans)
    total, untrue = untrue_placed_comments(shipped, "es", texts, spans, drafts)
    assert total > 100
    assert untrue == []


class Echo(Translator):
    """Returns a fixed draft: the engine output of issue 12, where «PCCh» appears only inside
    the Central Committee's name and the second "CPC" stays English."""

    def __init__(self, output: str) -> None:
        self.pair = LanguagePair("en", "es", "echo", "test", "1")
        self.output = output

    def translate(self, sentences: Sequence[str]) -> list[str]:
        return [self.output for _ in sentences]

    def translate_nbest(self, sentences: Sequence[str], n: int) -> list[list[str]]:
        return [[self.output] for _ in sentences]


def test_a_rendering_inside_another_term_is_not_claimed_as_placed(shipped) -> None:
    source = "The CPC Central Committee praised the CPC."
    echo = Echo("El Comité Central del PCCh elogió al CPC.")
    [draft] = enforce_batch(echo, None, [source], shipped, "es")
    assert not any(c.startswith(f"{PLACED}: CPC →") for c in draft.comments)
    assert "glossary-missing" in draft.flags
    [good] = enforce_batch(
        Echo("El Comité Central del PCCh elogió al PCCh."), None, [source], shipped, "es"
    )
    assert f"{PLACED}: CPC → PCCh (engine output)" in good.comments
    assert good.flags == []
