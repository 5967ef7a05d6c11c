"""An article's units held packed (formats.base.PackedUnits) are the units its format parsed:
same values in the same order, by index, slice and iteration, for every example article."""

from __future__ import annotations

import pytest

from localize.formats import format_for
from localize.formats.base import PackedUnits
from localize.source import read_article

from conftest import EXAMPLE_ARTICLES as ARTICLES


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
