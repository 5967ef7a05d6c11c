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
    return tuple([(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)])


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
    keyed = lang if inflect else ""
    # Most renderings asked about are not in the text: their first word settles it.
    first = _first_keys(shape.words[0], keyed)
    starts = [i for i, keys in enumerate(_text_keys(text, keyed)) if not first.isdisjoint(keys)]
    if not starts:
        return []
    folded_words = [_fold(w) for w in shape.words]
    if inflect:
        wanted = _wanted(shape.words, lang)

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

    return _scan(text, shape, same, _LOOSE, starts)


@lru_cache(maxsize=4096)
def _first_keys(word: str, lang: str) -> frozenset[str]:
    """The index keys under which a rendering's first word may appear."""
    return word_keys(word, lang) | {_fold(word)} if lang else frozenset({_fold(word)})


@lru_cache(maxsize=4096)
def _wanted(words: tuple[str, ...], lang: str) -> list[frozenset[str]]:
    return [word_keys(w, lang) for w in words]


@lru_cache(maxsize=1024)
def _text_keys(text: str, lang: str) -> tuple[tuple[str, ...], ...]:
    """The keys each token of ``text`` may stand for (``lang`` "" for exact words), so that a
    rendering is looked for only where its first word is."""
    return tuple([_token_keys(token, lang) for _, _, token in _tokens(text)])


@lru_cache(maxsize=65536)
def _token_keys(token: str, lang: str) -> tuple[str, ...]:
    """The folded word and, in an inflecting language, its other keys: one lookup per token
    when a text is indexed (words recur from text to text)."""
    folded = _fold(token)
    if not lang:
        return (folded,)
    return (folded, *(key for key in word_keys(token, lang) if key != folded))


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
    if not shape.words:
        return []
    folded_words = [_fold(w) for w in shape.words]
    # Most forbidden forms are not in the text: look only where a token may be the first word
    # (the text's token keys are indexed once and shared with rendering_spans).
    if not lang:
        first = folded_words[0]
        starts = [i for i, keys in enumerate(_text_keys(text, "")) if keys[0] == first]
        if not starts:
            return []
        return _scan(
            text,
            shape,
            lambda i, token: _fold(token) == folded_words[i],
            _ANY_PUNCTUATION,
            starts,
        )
    wanted = [word_keys(w, lang) for w in shape.words]
    first_keys = wanted[0] | {folded_words[0]}
    starts = [i for i, keys in enumerate(_text_keys(text, lang)) if not first_keys.isdisjoint(keys)]
    if not starts:
        return []
    approved_keys = _keys_of(approved, lang)

    def same(index: int, token: str) -> bool:
        if _fold(token) == folded_words[index]:
            return True
        keys = word_keys(token, lang)
        return not wanted[index].isdisjoint(keys) and approved_keys.isdisjoint(keys)

    return _scan(text, shape, same, _ANY_PUNCTUATION, starts)


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


# -- renderings interrupted by a modifier (scripts without spaces) -----------------------------

# The longest modifier that may stand inside a rendering: 联合国 in 常驻联合国代表 (3), 上海合作组织
# in 常驻上海合作组织代表 (6); a longer insertion is another phrase, not a modifier.
MAX_INTERRUPTION = 8


def interrupted_spans(text: str, form: str, modifiers: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where ``form`` occurs in ``text`` split in two by one or two ``modifiers`` (renderings of
    the glossary's places and organisations): Chinese puts where an office is posted inside the
    title (常驻代表 -> 中国常驻联合国代表), and no other word may stand there.

    Each span is the rendering's first part: the modifier inside stays its own term's rendering
    (联合国 still renders "UN"), and the occurrence is counted once.
    """
    if len(form) < 2 or not modifiers or form[0] not in text or form[-1] not in text:
        return []
    pattern = _interruption_pattern(form, modifiers)
    if pattern is None:
        return []
    spans = []
    for found in pattern.finditer(text):
        gap = found.end() - found.start() - len(form)
        if gap <= MAX_INTERRUPTION:
            split = next(i for i, part in enumerate(found.groups()) if part is not None) + 1
            spans.append((found.start(), found.start() + split))
    return spans


@lru_cache(maxsize=1024)
def _interruption_pattern(form: str, modifiers: tuple[str, ...]) -> re.Pattern[str] | None:
    if not all(ch.isalnum() for ch in form):
        return None  # a rendering with its own quotation marks («“一带一路”倡议») is not split
    inserted = "(?:" + "|".join(map(re.escape, sorted(modifiers, key=len, reverse=True))) + "){1,2}"
    # One alternative per split point, each with an empty group after the first part: the group
    # that took part tells where the rendering was split.
    return re.compile(
        "|".join(
            f"{re.escape(form[:k])}(){inserted}{re.escape(form[k:])}" for k in range(1, len(form))
        )
    )
