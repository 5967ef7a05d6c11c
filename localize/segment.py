"""Sentence segmentation with exact offsets.

PLACEHOLDER: a naive splitter so that other modules can be built against the API below; it is
being replaced by the rule-based segmenter (issue 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def split_sentences(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Spans of the sentences in one block of running text (a paragraph, a list item...).

    Spans exclude surrounding white space; line breaks inside the block do not end a sentence.
    """
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for s, e in spans:
        chunk = text[s:e]
        stripped = chunk.strip()
        if stripped:
            s2 = s + (len(chunk) - len(chunk.lstrip()))
            result.append((s2, s2 + len(stripped)))
    return result


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of blank-line separated paragraphs, without surrounding white space."""
    result = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        result.append((start, match.start()))
        start = match.end()
    result.append((start, len(text)))
    out = []
    for s, e in result:
        chunk = text[s:e]
        if chunk.strip():
            s2 = s + (len(chunk) - len(chunk.lstrip()))
            out.append((s2, s2 + len(chunk.strip())))
    return out


def segment(text: str, lang: str = "en") -> list[Sentence]:
    """Paragraphs, then sentences, with offsets into ``text``."""
    sentences = []
    for number, (p_start, p_end) in enumerate(paragraphs(text), start=1):
        for s, e in split_sentences(text[p_start:p_end], lang):
            a, b = p_start + s, p_start + e
            sentences.append(Sentence(text[a:b], a, b, number))
    return sentences
