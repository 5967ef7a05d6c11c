"""Pseudo-localization: every letter accented, protected tokens intact, deterministic."""

from __future__ import annotations

import re

import pytest

from localize import __version__
from localize.engines.pseudo import ACCENTED, EXPANSION, PseudoEngine
from localize.engines.registry import get_engine
from localize.errors import EngineUnavailable
from localize.formats.text import TextFormat

from conftest import WIRE_ARTICLE

REVERSE = str.maketrans({accented: plain for plain, accented in ACCENTED.items()})


@pytest.fixture()
def translator():
    return get_engine("pseudo").open("en", "es")


def article_sentences() -> list[str]:
    text = WIRE_ARTICLE.read_text(encoding="utf-8")
    return [text[u.start : u.end] for u in TextFormat().parse(text, "en")]


def unwrap(pseudo: str) -> str:
    """Undo the brackets and padding; the letters are still accented."""
    match = re.fullmatch(r"\u27e6(.*) ~+\u27e7", pseudo, re.DOTALL)
    assert match, pseudo
    return match.group(1)


def test_article_round_trips_through_the_accent_map(translator) -> None:
    sentences = article_sentences()
    out = translator.translate(sentences)
    assert len(out) == len(sentences)
    for source, pseudo in zip(sentences, out, strict=True):
        body = unwrap(pseudo)
        assert body.translate(REVERSE) == source
        assert len(pseudo) >= len(source) * (1 + EXPANSION)
        # No plain ASCII letter is left outside protected tokens (the article has none).
        assert not re.search(r"[A-Za-z]", body)


def test_protected_tokens_are_copied(translator) -> None:
    engine = PseudoEngine()
    tokens = [
        engine.placeholder(0),
        engine.placeholder(12).upper(),
        "https://example.org/news?id=7&lang=en",
        "www.xinhuanet.com",
        "press@example.org",
        "%1$s",
        "%d",
        "%(name)s",
        "{0}",
        "{count}",
        "<b>",
        "</b>",
        "&amp;",
        "2021",
        "COVID-19",
    ]
    sentence = "Read " + ", ".join(tokens) + " today."
    body = unwrap(translator.translate([sentence])[0])
    for token in tokens[:-2]:
        assert token in body, token
    assert "2021" in body
    assert "ÇÖṼÎĐ-19" in body
    assert body.startswith("Ŕéàđ ") and body.endswith(" ţöđàý.")


def test_url_keeps_its_sentence_punctuation_outside(translator) -> None:
    body = unwrap(translator.translate(["See https://example.org/a."])[0])
    assert body == "Šéé https://example.org/a."


def test_percent_sign_in_prose_is_not_a_format(translator) -> None:
    body = unwrap(translator.translate(["Exports rose 50% on Monday."])[0])
    assert body == "Éẋþöŕţš ŕöšé 50% öñ Ṁöñđàý."


def test_empty_and_blank_strings_stay_as_they_are(translator) -> None:
    assert translator.translate(["", "  ", "\n"]) == ["", "  ", "\n"]
    assert translator.translate([" Hi "]) == [" ⟦Ĥî ~⟧ "]


def test_deterministic_and_nbest_gives_one(translator) -> None:
    sentences = article_sentences()[:5]
    again = PseudoEngine().open("en", "fr").translate(sentences)
    assert translator.translate(sentences) == again
    assert translator.translate_nbest(sentences, 3) == [[t] for t in again]


def test_any_target_is_available() -> None:
    engine = PseudoEngine()
    [pair] = engine.available_pairs()
    assert (pair.source, pair.target, pair.model, pair.version) == (
        "en",
        "*",
        "pseudo",
        __version__,
    )
    for target in ("es", "zh", "pt_BR", "qps"):
        opened = engine.open("en", target)
        assert opened.pair.target == target
        assert opened.describe() == f"pseudo pseudo {__version__}"
    assert engine.version() == __version__


def test_non_english_source_is_refused() -> None:
    with pytest.raises(EngineUnavailable, match="from English only"):
        PseudoEngine().open("fr", "es")


def test_calls_cut_sentences_into_the_fewest_even_calls_of_at_most_sentences_per_call() -> None:
    from localize.engines.argos import ArgosEngine

    per_call = ArgosEngine.sentences_per_call
    for count in (0, 1, per_call - 1, per_call, per_call + 1, 277, 676, 5 * per_call + 3):
        calls = ArgosEngine.calls(count)
        # Every sentence once, in order: each call starts where the one before stopped.
        assert [c.start for c in calls] == [0, *(c.stop for c in calls)][: len(calls)]
        assert (calls[-1].stop if calls else 0) == count
        sizes = [c.stop - c.start for c in calls]
        assert all(0 < size <= per_call for size in sizes)
        # The fewest calls: one call fewer could not hold them all.
        assert (len(calls) - 1) * per_call < count or not calls
        assert not sizes or max(sizes) - min(sizes) <= 1
    assert per_call == 256  # the examples are Argos's
    examples = {
        0: [],
        1: [1],
        256: [256],
        257: [129, 128],
        277: [139, 138],
        676: [226, 225, 225],
        1283: [214, 214, 214, 214, 214, 213],
    }
    for count, sizes in examples.items():
        assert [c.stop - c.start for c in ArgosEngine.calls(count)] == sizes, count
