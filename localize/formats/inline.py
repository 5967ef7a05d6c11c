"""Sentence splitting of text with inline markup, shared by the HTML and Markdown formats.

A format describes the markup inside a block as ``Piece``s (delimiters, unbreakable atoms and
hidden elements) and ranges that must not be cut (links, bare URLs); ``sentence_spans`` asks
the segmenter for the sentences of the text as a reader sees it (markup blanked out, character
references shown as their characters), then maps the cuts back to the source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from localize.segment import split_sentences
from localize.urls import URL


@dataclass(frozen=True)
class Piece:
    """A markup token inside running text: ``open``/``close`` delimiters, an ``atom`` (code,
    entity, void tag) that is one unbreakable word, or a ``hidden`` element (an inline
    ``<script>`` or ``<style>``) that a reader never sees, so the segmenter sees blank space."""

    start: int
    end: int
    role: str


def sentence_spans(
    content: str, pieces: list[Piece], ranges: list[tuple[int, int]], lang: str
) -> list[tuple[int, int]]:
    """Sentence spans of ``content``, never cutting inside one of ``ranges``.

    The segmenter sees the text with delimiters and hidden elements blanked, a character
    reference as its character and other atoms replaced by letters, so ``said.** Then`` and
    ``agree.&rdquo; Then`` split like ``said. Then`` and ``agree.” Then``; a closing
    delimiter right after a sentence end stays with that sentence, an opening one goes with
    the next.
    """
    stripped = content.strip()
    if not stripped:
        return []
    first = len(content) - len(content.lstrip())
    last = first + len(stripped)
    parts: list[str] = []
    bare_parts: list[str] = []  # the content with every piece blanked
    overlap = False
    position = 0
    closes: dict[int, int] = {}
    # A reference a reader sees as white space (``&nbsp;``, ``&#32;``): start -> end. Between
    # two sentences it is space like a real one, so it is left between their units.
    blank_references: dict[int, int] = {}
    # Where the view is shorter than the content (a reference shown as one character): from
    # each view offset on, the content offset is that much further.
    shifts: list[tuple[int, int]] = []
    shortened = 0
    for piece in pieces:
        overlap = overlap or piece.start < position
        text = content[position : piece.start]
        parts.append(text)
        bare_parts.append(text)
        width = piece.end - piece.start
        shown = _referenced(content, piece) if piece.role == "atom" and not overlap else ""
        if shown:
            parts.append(shown)
            if shown.isspace():
                blank_references[piece.start] = piece.end
            shortened += width - 1
            shifts.append((piece.end - shortened, shortened))
        else:
            parts.append(("X" if piece.role == "atom" else " ") * width)
        bare_parts.append(" " * width)
        position = piece.end
        if piece.role == "close":
            closes[piece.start] = piece.end
    tail = content[position:]
    parts.append(tail)
    view = "".join(parts)
    spans = split_sentences(view, lang)
    if shifts:
        spans = _in_content(spans, shifts)
    cuts: list[int] = []
    for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False):
        cut = position = end
        while position < next_start:
            if content[position].isspace():
                position += 1
            elif position in blank_references:
                position = blank_references[position]
            elif position in closes:
                cut = position = closes[position]
            else:
                break
        cuts.append(cut)
    cuts = _cuts_outside(cuts, ranges)
    # A "sentence" of markup alone (a trailing image, a stray tag) joins its neighbour.
    if pieces and cuts:
        if overlap:
            bare = "".join(
                ch if fill == "." else " "
                for ch, fill in zip(content, _mask(len(content), pieces), strict=False)
            )
        else:
            bare_parts.append(tail)
            bare = "".join(bare_parts)
        kept = []
        previous = first
        for cut, following in zip(cuts, [*cuts[1:], last], strict=True):
            if _has_words(bare, previous, cut) and _has_words(bare, cut, following):
                kept.append(cut)
                previous = cut
        cuts = kept
    # A unit ends before the white space and blank references at either of its edges, as
    # before those between sentences: a paragraph's closing "&nbsp;" is the page's spacing,
    # kept in the copy outside the msgstr, not a word a translator must copy.
    blank_reference_ends = {end: start for start, end in blank_references.items()}

    def after_blanks(start: int) -> int:
        while start < last:
            if content[start].isspace():
                start += 1
            elif start in blank_references:
                start = blank_references[start]
            else:
                break
        return start

    def before_blanks(start: int, end: int) -> int:
        while end > start:
            if content[end - 1].isspace():
                end -= 1
            elif blank_reference_ends.get(end, -1) >= start:
                end = blank_reference_ends[end]
            else:
                break
        return end

    result: list[tuple[int, int]] = []
    start = after_blanks(first)
    for cut in [*cuts, last]:
        end = before_blanks(start, cut)
        if end > start:
            result.append((start, end))
        start = after_blanks(max(cut, start))
    hidden = {piece.start: piece.end for piece in pieces if piece.role == "hidden"}
    return _without_hidden_edges(content, result, hidden) if hidden else result


def _without_hidden_edges(
    content: str, spans: list[tuple[int, int]], hidden: dict[int, int]
) -> list[tuple[int, int]]:
    """``spans`` without the hidden elements (``hidden``: start -> end) at either end, nor the
    white space beside them: a script between two sentences belongs to neither, and left out
    of both it can be neither dropped nor moved by a translation."""
    hidden_ends = {end: start for start, end in hidden.items()}
    kept = []
    for start, end in spans:
        while start in hidden and hidden[start] <= end:
            start = hidden[start]
            while start < end and content[start].isspace():
                start += 1
        while end in hidden_ends and hidden_ends[end] >= start:
            end = hidden_ends[end]
            while end > start and content[end - 1].isspace():
                end -= 1
        if start < end:
            kept.append((start, end))
    return kept


def _referenced(content: str, piece: Piece) -> str:
    """The character a reference atom (``&rdquo;``, ``&#8221;``) shows a reader; "" for any
    other atom, or a reference that is not one character."""
    written = content[piece.start : piece.end]
    if not written.startswith("&"):
        return ""
    import html  # with its table of entities: only HTML and Markdown have reference atoms

    character = html.unescape(written)
    if len(character) != 1 or character == "\ufffd" or character == written:
        return ""
    return character


# A character reference, named or numeric, as HTML and Markdown write one.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def without_blank_references(gap: str, line_breaks: bool = True) -> str:
    """``gap`` without the references a reader sees as white space (``&nbsp;``, ``&#32;``;
    one meaning a line break only with ``line_breaks``): between two sentences they are
    spacing like a blank, which a language written without spaces leaves out with it."""

    def blank(match: re.Match[str]) -> str:
        shown = _referenced(match.group(), Piece(0, len(match.group()), "atom"))
        if shown.isspace() and (line_breaks or shown not in "\n\r\f\v\x85\u2028\u2029"):
            return ""
        return match.group()

    return _REFERENCE.sub(blank, gap)


def blank_edges(text: str) -> tuple[int, int]:
    """Where ``text`` starts and ends without the white space and the references a reader sees
    as white space (``&nbsp;``, ``&#160;``, ``&#32;``) at its edges: ``text[start:end]`` is the
    unit ``sentence_spans`` now cuts from a sentence that a catalog made before it kept those
    references in its msgid."""

    def is_blank(reference: str) -> bool:
        return _referenced(reference, Piece(0, len(reference), "atom")).isspace()

    start, end = 0, len(text)
    while start < end:
        if text[start].isspace():
            start += 1
            continue
        found = _REFERENCE.match(text, start, end)
        if found is None or not is_blank(found.group()):
            break
        start = found.end()
    while end > start:
        if text[end - 1].isspace():
            end -= 1
            continue
        if text[end - 1] != ";":
            break
        last = next((m for m in _REFERENCE.finditer(text, start, end) if m.end() == end), None)
        if last is None or not is_blank(last.group()):
            break
        end = last.start()
    return start, end


def _in_content(
    spans: list[tuple[int, int]], shifts: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``spans`` of the segmenter's view as offsets of the content it was made from."""
    view_starts = [at for at, _ in shifts]

    def content_offset(offset: int) -> int:
        i = bisect.bisect_right(view_starts, offset) - 1
        return offset if i < 0 else offset + shifts[i][1]

    return [(content_offset(a), content_offset(b)) for a, b in spans]


def _mask(length: int, pieces: list[Piece]) -> str:
    """``" "`` where a piece is, ``"."`` elsewhere."""
    parts = []
    position = 0
    for piece in pieces:
        parts.append("." * (piece.start - position) + " " * (piece.end - piece.start))
        position = piece.end
    parts.append("." * (length - position))
    return "".join(parts)


def _has_words(text: str, start: int, end: int) -> bool:
    return any(ch.isalnum() for ch in text[start:end])


def _cuts_outside(cuts: list[int], ranges: list[tuple[int, int]]) -> list[int]:
    """The cuts that do not fall strictly inside any range."""
    if not ranges:
        return cuts
    merged: list[list[int]] = []
    for a, b in sorted(ranges):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    kept = []
    for cut in cuts:
        i = bisect.bisect_left(starts, cut) - 1
        if i >= 0 and merged[i][0] < cut < merged[i][1]:
            continue
        kept.append(cut)
    return kept


def bare_urls(text: str, offset: int = 0) -> list[tuple[int, int]]:
    return [(m.start() + offset, m.end() + offset) for m in URL.finditer(text)]


def disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps merged and empty spans dropped."""
    result: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if a >= b:
            continue
        if result and a < result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], b))
        else:
            result.append((a, b))
    return result
