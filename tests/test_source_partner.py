"""termmatch.source_partner compiles its patterns only when a dash adjoins the place, and answers
as the two patterns searched without that test do (the answer it gave before)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from localize import termmatch
from localize.glossary import DASHES

_AFTER = re.compile(rf"[{DASHES}]\s?([A-Z][\w'’]*(?: [A-Z][\w'’]*)*)")
_BEFORE = re.compile(rf"([A-Z][\w'’]*(?: [A-Z][\w'’]*)*)\s?[{DASHES}]$")


def searched_always(source: str, start: int, end: int) -> str | None:
    after = _AFTER.match(source, end)
    if after:
        return after.group(1)
    before = _BEFORE.search(source, 0, start)
    return before.group(1) if before else None


_TEXT = st.text(
    alphabet=[*DASHES, "\n", " ", "\t", "A", "C", "a", "h", "'", "’", ",", "é"], max_size=14
)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_same_partner_as_the_patterns_searched_always(source: str) -> None:
    for start in range(len(source) + 1):
        for end in range(start, len(source) + 1):
            assert termmatch.source_partner(source, start, end) == searched_always(
                source, start, end
            ), (source, start, end)


def test_partners_of_the_press_compounds() -> None:
    cases: list[tuple[str, str, str | None]] = [
        ("China-Africa cooperation has deepened.", "China", "Africa"),
        ("the Central Asia–China summit", "China", "Central Asia"),
        ("the Central Asia –\nChina summit", "China", "Central Asia"),
        ("China —Central Asia", "Central Asia", "China"),
        ("China — Central Asia", "China", None),
    ]
    for source, place, partner in cases:
        start = source.index(place)
        assert termmatch.source_partner(source, start, start + len(place)) == partner


def test_no_pattern_compiled_for_a_place_without_a_dash() -> None:
    termmatch._source_partner_after.cache_clear()
    termmatch._source_partner_before.cache_clear()
    source = "Delegates met in Astana, Kazakhstan, on Monday."
    start = source.index("Kazakhstan")
    assert termmatch.source_partner(source, start, start + len("Kazakhstan")) is None
    assert termmatch._source_partner_after.cache_info().currsize == 0
    assert termmatch._source_partner_before.cache_info().currsize == 0
    assert termmatch.source_partner("China-Africa", 0, 5) == "Africa"
    assert termmatch._source_partner_after.cache_info().currsize == 1
