"""Helpers shared by the format tests: parse with invariants checked, rebuild, transform."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

from localize.formats.base import Format, Unit, fold, regenerate


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


class HtmlStructure(HTMLParser):
    """A rendered or parsed HTML document as tokens: every element with its attributes,
    comments, declarations and the text of ``verbatim`` elements (code, script...), in order;
    prose and the values of ``prose_attributes`` are collected apart, since their words are what
    translation changes. Comments and verbatim text are compared folded: a msgid folds runs of
    white space."""

    def __init__(self, verbatim: frozenset[str], prose_attributes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.verbatim_tags = verbatim
        self.prose_attributes = prose_attributes
        self.tokens: list[tuple] = []
        self.prose: list[str] = []
        self.verbatim = 0

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> tuple:
        shown = []
        for name, value in attrs:
            if name in self.prose_attributes and value and value.strip():
                self.prose.append(value)
                value = "<prose>"
            shown.append((name, value))
        return tuple(shown)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", tag, self._attributes(attrs)))
        self.verbatim += tag in self.verbatim_tags

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("empty", tag, self._attributes(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag))
        self.verbatim -= tag in self.verbatim_tags and self.verbatim > 0

    def handle_data(self, data: str) -> None:
        if self.verbatim:
            self.tokens.append(("verbatim", fold(data)))
        elif data.strip():
            self.prose.append(data)

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("comment", fold(data)))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("declaration", decl))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("processing instruction", data))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("declaration", data))
