"""Plain-text articles: blank-line separated paragraphs, each split into sentences."""

from __future__ import annotations

import re
from typing import ClassVar

from localize.formats.base import Unit
from localize.segment import paragraphs, split_sentences

_WHITESPACE = re.compile(r"\s+")


def fold_whitespace(text: str) -> str:
    """One space for every run of white space: a sentence that wraps across lines is still one
    msgid, and translators never see the source's line breaks."""
    return _WHITESPACE.sub(" ", text).strip()


class LineIndex:
    """Line numbers for offsets, computed once per text."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        from bisect import bisect_right

        return bisect_right(self._starts, offset)


class TextFormat:
    name: ClassVar[str] = "text"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".text")

    def parse(self, text: str, lang: str) -> list[Unit]:
        lines = LineIndex(text)
        units: list[Unit] = []
        for number, (p_start, p_end) in enumerate(paragraphs(text), start=1):
            for start, end in split_sentences(text[p_start:p_end], lang):
                a, b = p_start + start, p_start + end
                units.append(Unit(msgid=fold_whitespace(text[a:b]), start=a, end=b,
                                  line=lines.line_of(a), block=number, kind="paragraph"))
        return units

    def place(self, unit: Unit, translation: str) -> str:
        # A line break inside a translation would be read back as part of the paragraph, but a
        # blank line would split it in two and break the next extraction: fold those.
        return re.sub(r"\n\s*\n", "\n", translation)

    def protected(self, msgid: str) -> list[tuple[int, int]]:
        return [m.span() for m in _URL.finditer(msgid)]

    def declared_charset(self, raw: bytes) -> str | None:
        return None


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]|\b[\w.+-]+@[\w-]+\.[\w.-]+\w")
