"""Plain-text articles: blank-line separated paragraphs, each split into sentences."""

from __future__ import annotations

import re
from array import array
from typing import ClassVar

from localize.formats.base import (
    PackedUnits,
    Replacement,
    Role,
    Unit,
    fold,
    line_of,
    line_starts,
)
from localize.segment import paragraphs, split_blocks
from localize.urls import URL_OR_EMAIL

# Spaces and tabs on one line, which a reader sees as a space between sentences.
_SPACES = re.compile(r"[ \t]+")


class TextFormat:
    name: ClassVar[str] = "text"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".text")

    def parse(self, text: str, lang: str) -> PackedUnits:
        starts = line_starts(text)
        msgids: list[str] = []
        numbers = array("q")  # start, end, line and block of each unit (``PackedUnits``)
        blocks = paragraphs(text)
        spans = split_blocks([text[a:b] for a, b in blocks], lang)
        for number, ((p_start, _p_end), found) in enumerate(
            zip(blocks, spans, strict=True), start=1
        ):
            for start, end in found:
                a, b = p_start + start, p_start + end
                msgids.append(fold(text[a:b]))
                numbers.extend((a, b, line_of(starts, a), number))
        return PackedUnits.of_columns(msgids, numbers, ("paragraph", Role.PROSE, False))

    def place(self, unit: Unit, translation: str) -> str:
        # A line break inside a translation would be read back as part of the paragraph, but a
        # blank line would split it in two and break the next extraction: fold those.
        return re.sub(r"\n\s*\n", "\n", translation)

    def protected(self, msgid: str) -> list[tuple[int, int]]:
        return [m.span() for m in URL_OR_EMAIL.finditer(msgid)]

    def declared_charset(self, raw: bytes) -> str | None:
        return None

    def language_replacements(self, tag: str, right_to_left: bool) -> list[Replacement]:
        return []  # plain text declares no language

    def joinable_gap(self, gap: str, following: Unit) -> bool:
        # A line break in plain text is one the reader sees, not a space: it stays.
        return _SPACES.fullmatch(gap) is not None
