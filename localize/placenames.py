"""Place names a well-kept library knows in a language: CLDR's names of countries and regions
and of its time-zone cities (维也纳, 纽约, 内罗毕), read through Babel.

Used where a glossary rendering may be interrupted by where an office is posted
(``termmatch.interrupted_spans``: 中国常驻维也纳联合国和其他国际组织代表), so that a city the
glossary does not list still reads as a place and not as another word; and, in French and
Spanish, to recognise the adjective of a country inside a title («ministre chinois des Affaires
étrangères»); and to name a region in Chinese by its first character in a two-place compound
(中非 for China-Africa).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale


@lru_cache(maxsize=8)
def known_places(lang: str) -> frozenset[str]:
    """CLDR's territory and city names in ``lang`` (empty for a language CLDR lacks)."""
    locale = _locale(lang)
    if locale is None:
        return frozenset()
    names = set(locale.territories.values())
    names.update(zone["city"] for zone in locale.time_zones.values() if "city" in zone)
    # Only plain names: CLDR also has "(Hong Kong SAR)" style labels with punctuation.
    return frozenset(name for name in names if name.isalnum())


def name_in(english: str, lang: str) -> str | None:
    """CLDR's ``lang`` name of the country or region CLDR calls ``english`` in English
    ("Africa" -> 非洲, "Central Asia" -> 中亚), or None."""
    code = _codes_by_english_name().get(english.casefold())
    if code is None:
        return None
    locale = _locale(lang)
    return None if locale is None else locale.territories.get(code)


@lru_cache(maxsize=1)
def _codes_by_english_name() -> dict[str, str]:
    english = _locale("en")
    assert english is not None  # CLDR always has English
    return {name.casefold(): code for code, name in english.territories.items()}


@lru_cache(maxsize=16)
def _locale(lang: str) -> Locale | None:
    """Babel's locale of ``lang`` (parsed once: ``name_in`` asks for it on every compound), or
    None for a language CLDR lacks."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None


# How many first letters a word made from a country's name keeps of it: an adjective («chinois»
# keeps «chin» of «Chine», «ruso» «rus» of «Rusia»: a short name keeps less) and a compound's
# half (китайско of Китай, российско of Россия; ``termmatch.compound_spans``).
SHARED_LETTERS = 4
_SHORT_NAME = 5


@lru_cache(maxsize=4096)
def is_country_adjective(word: str, lang: str) -> bool:
    """Whether a lowercase ``word`` reads as the adjective of a country CLDR names in ``lang``
    (French and Spanish: «chinois», «brésilien», «ruso», «francés»): it begins as the
    country's name does."""
    if not word.islower() or len(word) < 4:
        return False
    folded = _plain(word)
    for size in (SHARED_LETTERS, SHARED_LETTERS - 1):
        names = _countries_by_prefix(lang, size)
        for name in names.get(folded[:size], ()):
            # Three letters only of a short name, in a word no longer than it (ruso, rusa).
            if size == SHARED_LETTERS or len(folded) <= len(name) <= _SHORT_NAME:
                return True
    return False


@lru_cache(maxsize=16)
def _countries_by_prefix(lang: str, size: int) -> dict[str, tuple[str, ...]]:
    locale = _locale(lang)
    if locale is None:
        return {}
    found: dict[str, list[str]] = {}
    for code, name in locale.territories.items():
        # Countries only (two letters): "001" and the like are regions of the world.
        if len(code) == 2 and code.isalpha() and name.isalpha() and len(name) >= size:
            plain = _plain(name)
            found.setdefault(plain[:size], []).append(plain)
    return {prefix: tuple(names) for prefix, names in found.items()}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
