"""Helpers shared by the format tests: parse with invariants checked, rebuild, transform."""

from __future__ import annotations

from collections.abc import Callable

from localize.formats.base import Format, Unit, regenerate


def checked_units(fmt: Format, text: str) -> list[Unit]:
    """Parse ``text`` and check what every format promises about its units."""
    units = fmt.parse(text, "en")
    previous_end = 0
    for unit in units:
        assert previous_end <= unit.start < unit.end <= len(text), unit
        previous_end = unit.end
        assert unit.msgid == unit.msgid.strip() and "\n" not in unit.msgid
        assert unit.line == text.count("\n", 0, unit.start) + 1 or "\r" in text
    return units


def rebuild(
    fmt: Format, text: str, units: list[Unit], translate: Callable[[Unit], str | None]
) -> str:
    return regenerate(text, units, translate, fmt.place)


def upper_outside_protected(fmt: Format, msgid: str) -> str:
    """A stand-in translation: every word changed, every protected piece kept as it is."""
    pieces = []
    position = 0
    for start, end in fmt.protected(msgid):
        pieces.append(msgid[position:start].upper())
        pieces.append(msgid[start:end])
        position = end
    pieces.append(msgid[position:].upper())
    return "".join(pieces)
