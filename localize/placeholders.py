"""Masking spans of a sentence with an engine's placeholder tokens, and restoring them.

Each engine declares a token it passes through unchanged (``Engine.placeholder(i)``). Masking
replaces spans (glossary terms, inline markup, URLs) by those tokens; restoring puts a
replacement back for each token and reports every token the engine did not return exactly
once (dropped, duplicated, or mangled beyond a change of letter case).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Placeholder = Callable[[int], str]


def default_placeholder(index: int) -> str:
    """The token of ``Engine.placeholder``'s default, for callers without an engine."""
    return f"zq{index}"


@dataclass(frozen=True)
class Masked:
    """A text with spans replaced by placeholder tokens, and what ``restore`` needs to put
    them back."""

    text: str
    tokens: list[str]  # the token standing for each span, in span order
    originals: list[str]  # the source text of each span
    pads: list[tuple[bool, bool]]  # whether a space was added before/after each token


@dataclass(frozen=True)
class Restored:
    """A translation with the masked spans put back, and the tokens that could not be."""

    text: str
    failed: list[int]  # indexes of tokens not found exactly once; their text is left as is


def mask(
    text: str, spans: Sequence[tuple[int, int]], placeholder: Placeholder, first_index: int = 0
) -> Masked:
    """Replace each span (sorted, not overlapping) by the next placeholder token."""
    pieces: list[str] = []
    tokens: list[str] = []
    originals: list[str] = []
    pads: list[tuple[bool, bool]] = []
    position = 0
    for number, (start, end) in enumerate(sorted(spans)):
        if start < position:
            raise ValueError(f"overlapping spans at {start}")
        token = placeholder(first_index + number)
        # A token glued to a word ("<b>this</b>" -> "zq0thiszq1") or to the token before
        # ("<del>*" -> "zq0zq1") would be read as one unknown word; a space keeps it separate
        # and is taken out again on restore.
        if start > position or not tokens:
            before = text[start - 1 : start]
        else:
            before = " " if pads[-1][1] else tokens[-1][-1:]
        left = bool(before) and _glues(before, token[:1])
        right = end < len(text) and _glues(token[-1:], text[end])
        pieces.append(text[position:start])
        pieces.append(f"{' ' if left else ''}{token}{' ' if right else ''}")
        tokens.append(token)
        originals.append(text[start:end])
        pads.append((left, right))
        position = end
    pieces.append(text[position:])
    return Masked("".join(pieces), tokens, originals, pads)


def _glues(a: str, b: str) -> bool:
    return (a.isalnum() or a == "_") and (b.isalnum() or b == "_")


def token_pattern(token: str) -> re.Pattern[str]:
    """Finds ``token`` in any letter case, but not inside a longer word or number
    (so that zq1 is not found inside zq12)."""
    before = r"(?<![^\W_])" if token[:1].isalnum() else ""
    after = r"(?![^\W_])" if token[-1:].isalnum() else ""
    return re.compile(before + re.escape(token) + after, re.IGNORECASE)


_OPENING = " \t\"'«“„¿¡("  # what may stand before a sentence's first word


def restore(
    translated: str,
    tokens: Sequence[str],
    replacements: Sequence[str],
    capitalize: Sequence[bool] | None = None,
    pads: Sequence[tuple[bool, bool]] | None = None,
) -> Restored:
    """Put ``replacements[i]`` where ``tokens[i]`` came back.

    ``capitalize[i]`` asks for an upper-case first letter when the token opens the sentence
    (a term restored at the start of a sentence); inline markup is restored verbatim.

    Linear in the length of ``translated`` plus the number of tokens: a sentence may hold tens
    of thousands of masked spans (every ``&nbsp;`` of a pasted table), and searching for each
    token separately took minutes.
    """
    hits = _token_hits(translated, tokens)
    found: list[tuple[int, int, int]] = []
    failed: list[int] = []
    for index in range(len(tokens)):
        spans = hits.get(index, ())
        if len(spans) != 1:
            failed.append(index)
            continue
        start, end = spans[0]
        left, right = pads[index] if pads else (False, False)
        if left and translated[start - 1 : start] == " ":
            start -= 1
        if right and translated[end : end + 1] == " ":
            end += 1
        found.append((start, end, index))
    first_word = len(translated) - len(translated.lstrip(_OPENING))
    pieces: list[str] = []
    position = 0
    for start, end, index in sorted(found):
        replacement = replacements[index]
        opens = start <= first_word
        if capitalize and capitalize[index] and opens and replacement[:1].islower():
            replacement = replacement[:1].upper() + replacement[1:]
        pieces.append(translated[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(translated[position:])
    return Restored("".join(pieces), failed)


_FAMILY = re.compile(r"(\D*?)(\d+)(\D*)", re.DOTALL)


def _token_hits(translated: str, tokens: Sequence[str]) -> dict[int, list[tuple[int, int]]]:
    """Where each token occurs (any letter case, not inside a longer word), by token index.

    Tokens of one family (``zq0``, ``zq1``... : the same text around a number) are found in one
    pass over the text; any other tokens one by one, as ``token_pattern`` finds them.
    """
    hits: dict[int, list[tuple[int, int]]] = {}
    if not tokens:
        return hits
    shapes = [_FAMILY.fullmatch(token) for token in tokens]
    family = shapes[0] and (shapes[0].group(1).casefold(), shapes[0].group(3).casefold())
    if (
        family
        and family[0]
        and all(
            shape and (shape.group(1).casefold(), shape.group(3).casefold()) == family
            for shape in shapes
        )
    ):
        index_of = {token.casefold(): index for index, token in enumerate(tokens)}
        first = shapes[0]
        assert first is not None  # every shape matched, as checked above
        head, tail = first.group(1), first.group(3)
        before = r"(?<![^\W_])" if head[:1].isalnum() else ""
        after = r"(?![^\W_])" if (tail[-1:] or "0").isalnum() else ""
        pattern = re.compile(
            before + re.escape(head) + r"\d+" + re.escape(tail) + after, re.IGNORECASE
        )
        for match in pattern.finditer(translated):
            index = index_of.get(match.group(0).casefold())
            if index is not None:
                hits.setdefault(index, []).append(match.span())
        return hits
    for index, token in enumerate(tokens):
        hits[index] = [m.span() for m in token_pattern(token).finditer(translated)]
    return hits


def leftover_pattern(placeholder: Placeholder = default_placeholder) -> re.Pattern[str]:
    """A pattern for any token of this placeholder family (its digits generalised), used by
    ``check`` to find tokens an interrupted or mangled restore left in a translation."""
    sample = placeholder(7)
    head, _, tail = sample.partition("7")
    before = r"(?<![^\W_])" if head[:1].isalnum() else ""
    after = r"(?![^\W_])" if (tail or "7")[-1:].isalnum() else ""
    return re.compile(before + re.escape(head) + r"\d+" + re.escape(tail) + after, re.IGNORECASE)
