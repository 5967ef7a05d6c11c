"""Finding a glossary rendering in a translation, word by word.

A rendering is found where consecutive words of the translation are forms of its words
(``localize.morphology``) and what separates them is what separates the rendering's words,
quotation marks, dashes and spaces aside. Matching whole words means an approved form counts
only where it is the term: «После» is not «посол», and «односторонность» is not
«многосторонность». A word that is the English source word itself never counts as the target's
(English "President" is not Spanish «presidente»). Forbidden renderings are matched through any
punctuation, so «Один пояс – один путь» is found for «Один пояс — один путь», and inflected
where the language inflects, never into a form of the approved rendering's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from localize.morphology import word_keys

_WORD = re.compile(r"\w+")
# What may differ between words without making a different rendering: spaces, quotation marks,
# apostrophes, hyphens and dashes.
_LOOSE = re.compile("[\\s\"'«»“”„‟‹›「」『』《》〈〉‘’\u2010-\u2015\\-\u00ad]+")
_ANY_PUNCTUATION = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]
    gaps: tuple[str, ...]  # normalised separator after each word but the last


# Tokens of the last sentences scanned (each is scanned for every glossary form in a row, then
# not again): a larger cache only held tokens of sentences long done, 2 KB each.
@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text))


@lru_cache(maxsize=8192)
def _form(form: str, loose: re.Pattern[str]) -> _Form:
    tokens = _tokens(form)
    gaps = tuple(loose.sub("", form[a[1] : b[0]]) for a, b in zip(tokens, tokens[1:], strict=False))
    return _Form(tuple(t[2] for t in tokens), gaps)


def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


def rendering_spans(
    text: str,
    form: str,
    lang: str,
    *,
    inflect: bool,
    source_words: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """Where ``form`` occurs in ``text`` (each word inflected when ``inflect``)."""
    shape = _form(form, _LOOSE)
    if not shape.words:
        return []
    folded_words = [_fold(w) for w in shape.words]
    if inflect:
        wanted = [word_keys(w, lang) for w in shape.words]

        def same(index: int, token: str) -> bool:
            folded = _fold(token)
            if folded == folded_words[index]:
                return True
            if folded in source_words:
                return False
            return not wanted[index].isdisjoint(word_keys(token, lang))
    else:

        def same(index: int, token: str) -> bool:
            return _fold(token) == folded_words[index]

    first = wanted[0] | {folded_words[0]} if inflect else {folded_words[0]}
    index = _index(text, lang if inflect else "")
    starts = sorted({i for key in first for i in index.get(key, ())})
    return _scan(text, shape, same, _LOOSE, starts)


@lru_cache(maxsize=1024)
def _index(text: str, lang: str) -> dict[str, list[int]]:
    """Token positions of ``text`` by each key a token may stand for (``lang`` "" for exact
    words), so that a rendering is looked for only where its first word is."""
    index: dict[str, list[int]] = {}
    for i, (_, _, token) in enumerate(_tokens(text)):
        folded = _fold(token)
        index.setdefault(folded, []).append(i)
        if lang:
            for key in word_keys(token, lang):
                if key != folded:
                    index.setdefault(key, []).append(i)
    return index


def forbidden_spans(
    text: str,
    form: str,
    lang: str = "",
    approved: tuple[str, ...] = (),
) -> list[tuple[int, int]]:
    """Where the forbidden ``form`` occurs in ``text``, whatever punctuation joins its words.

    With ``lang`` (an inflecting language) its words may be inflected too («политике одного
    Китая» for «политика одного Китая»), except into a form of a word of the ``approved``
    renderings: «Рахмоном» is a case of the approved «Рахмон», even though a dictionary reads the
    forbidden «Рахмонов» as Rahmon's too.
    """
    shape = _form(form, _ANY_PUNCTUATION)
    folded_words = [_fold(w) for w in shape.words]
    if not lang:
        return _scan(
            text, shape, lambda i, token: _fold(token) == folded_words[i], _ANY_PUNCTUATION
        )
    wanted = [word_keys(w, lang) for w in shape.words]
    approved_keys = _keys_of(approved, lang)

    def same(index: int, token: str) -> bool:
        if _fold(token) == folded_words[index]:
            return True
        keys = word_keys(token, lang)
        return not wanted[index].isdisjoint(keys) and approved_keys.isdisjoint(keys)

    return _scan(text, shape, same, _ANY_PUNCTUATION)


@lru_cache(maxsize=4096)
def _keys_of(forms: tuple[str, ...], lang: str) -> frozenset[str]:
    """Every key of every word of ``forms``."""
    return frozenset().union(*(word_keys(w, lang) for f in forms for w in _form(f, _LOOSE).words))


def _scan(
    text: str,
    shape: _Form,
    same,
    loose: re.Pattern[str],
    starts: list[int] | None = None,
) -> list[tuple[int, int]]:
    tokens = _tokens(text)
    size = len(shape.words)
    spans = []
    for i in starts if starts is not None else range(len(tokens) - size + 1):
        if i > len(tokens) - size or not same(0, tokens[i][2]):
            continue
        for k in range(1, size):
            previous, token = tokens[i + k - 1], tokens[i + k]
            if loose.sub("", text[previous[1] : token[0]]) != shape.gaps[k - 1]:
                break
            if not same(k, token[2]):
                break
        else:
            spans.append((tokens[i][0], tokens[i + size - 1][1]))
    return spans
