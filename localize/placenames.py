"""Place names a well-kept library knows in a language: CLDR's names of countries and regions
and of its time-zone cities (维也纳, 纽约, 内罗毕), read through Babel.

Used where a glossary rendering may be interrupted by where an office is posted
(``termmatch.interrupted_spans``: 中国常驻维也纳联合国和其他国际组织代表), so that a city the
glossary does not list still reads as a place and not as another word.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8)
def known_places(lang: str) -> frozenset[str]:
    """CLDR's territory and city names in ``lang`` (empty for a language CLDR lacks)."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return frozenset()
    names = set(locale.territories.values())
    names.update(zone["city"] for zone in locale.time_zones.values() if "city" in zone)
    # Only plain names: CLDR also has "(Hong Kong SAR)" style labels with punctuation.
    return frozenset(name for name in names if name.isalnum())
