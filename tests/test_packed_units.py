"""An article's units held packed (formats.base.PackedUnits) are the units its format parsed:
same values in the same order, by index, slice and iteration, for every example article; the
text format, which packs its columns without making the units, gives the units made one by
one from its paragraphs' sentence spans."""

from __future__ import annotations

from array import array

import pytest

from localize.errors import LocalizeError
from localize.formats import format_for
from localize.formats.base import PackedUnits, Role, Unit, check_disjoint, fold
from localize.formats.text import TextFormat
from localize.segment import paragraphs, split_sentences
from localize.source import read_article

from conftest import EXAMPLE_ARTICLES as ARTICLES

LABEL = ("paragraph", Role.PROSE, False)


def test_read_units_are_the_parsed_units() -> None:
    assert len(ARTICLES) >= 4, "the example articles are missing"
    for path in ARTICLES:
        parsed = format_for(path.name).parse(path.read_text(encoding="utf-8"), "en")
        article = read_article(str(path))
        assert isinstance(article.units, PackedUnits)
        assert len(article.units) == len(parsed) > 0
        assert list(article.units) == parsed
        assert article.units == parsed
        assert article.units[-1] == parsed[-1]
        assert article.units[1:4] == parsed[1:4]
        # Kinds of more than one block (headings, list items, table cells) are kept apart.
        assert {unit.kind for unit in article.units} == {unit.kind for unit in parsed}


def test_a_unit_out_of_range_is_an_index_error() -> None:
    units = read_article(str(ARTICLES[0])).units
    with pytest.raises(IndexError):
        units[len(units)]
    assert units[-len(units)] == units[0]


def _units_made_one_by_one(text: str, lang: str) -> list[Unit]:
    """The text format's units as ``Unit`` objects, one per sentence span of each paragraph:
    what ``TextFormat.parse`` packs into columns without making them."""
    units = []
    for block, (start, end) in enumerate(paragraphs(text), start=1):
        for a, b in split_sentences(text[start:end], lang):
            line = text.count("\n", 0, start + a) + 1
            units.append(Unit(fold(text[start + a : start + b]), start + a, start + b, line, block))
    return units


def test_text_units_are_packed_as_made_one_by_one() -> None:
    # White space the msgid folds, CRLF line ends, a paragraph over several lines.
    crafted = "First  one.\tSecond\r\none.\r\n\r\n  Third,\nover lines. Fourth!\n\n\nFifth?"
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES if path.suffix == ".txt"]
    assert texts, "no example text article"
    for text in [*texts, crafted]:
        parsed = TextFormat().parse(text, "en")
        made = _units_made_one_by_one(text, "en")
        assert len(made) > 3
        assert list(parsed) == made
        assert list(parsed.spans()) == [(unit.start, unit.end) for unit in made]
        assert PackedUnits(made) == parsed
        check_disjoint(text, parsed)


def test_overlapping_packed_units_are_refused_by_name() -> None:
    text = "One sentence here. Another one there."
    numbers = array("q", [0, 18, 1, 1, 10, 37, 1, 1])
    units = PackedUnits.of_columns(
        ["One sentence here.", "here. Another one there."], numbers, LABEL
    )
    with pytest.raises(LocalizeError, match="line 1: the translatable text 'here. Another"):
        check_disjoint(text, units)
    with pytest.raises(ValueError):
        PackedUnits.of_columns(["One sentence here."], numbers, LABEL)
