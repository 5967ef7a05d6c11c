"""Pseudo-localization: ``The state`` -> ``⟦Ŧĥé šţàţé ~~~⟧``.

Reviewers and layout tests see at a glance which strings went through the pipeline, whether
accented text renders, and whether a 30%-longer translation still fits; the brackets show
truncation. They are ⟦ ⟧ rather than [ ]: square brackets are link syntax in Markdown, and a
pseudo-translated paragraph must not turn into a link. It is deterministic and needs nothing
installed, so it also exercises the whole translate pipeline in tests. Tokens that must
survive translation untouched (masking placeholders, which also stand for glossary targets,
URLs, e-mail addresses, printf and brace formats, markup tags, entities) are copied as they
are; digits have no accented form anyway.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from localize import __version__
from localize.engines.base import Engine, LanguagePair, Translator
from localize.errors import EngineUnavailable
from localize.languages import base_language
from localize.urls import EMAIL_PATTERN, URL_PATTERN

ACCENTED = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŦÛṼŴẊÝŽ",
        strict=True,
    )
)
_TABLE = str.maketrans(ACCENTED)
OPEN, CLOSE = "\u27e6", "\u27e7"
EXPANSION = 0.3  # translations run up to ~30% longer than English in most target languages

_PROTECTED = [
    URL_PATTERN,
    EMAIL_PATTERN,
    r"%(?:\d+\$)?[-+0#]*(?:\d+|\*)?(?:\.\d+)?[sdifFxXeEgGcoupr%]",  # printf
    r"%\(\w+\)[sdifr]",  # python named format
    r"\{[^{}\s]*\}",  # brace format: {0}, {name}
    r"</?[A-Za-z][^<>]*>",  # markup tag
    r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);",  # entity
]


class PseudoEngine(Engine):
    name = "pseudo"

    def available_pairs(self) -> list[LanguagePair]:
        return [LanguagePair("en", "*", self.name, "pseudo", __version__)]

    def open(self, source: str, target: str) -> PseudoTranslator:
        if base_language(source) != "en":
            raise EngineUnavailable(
                f"pseudo-localization translates from English only, not from '{source}';"
                " set the source language to en"
            )
        if not target.strip():
            raise EngineUnavailable("pseudo-localization needs a target language, e.g. --to es")
        pair = LanguagePair("en", target, self.name, "pseudo", __version__)
        return PseudoTranslator(pair, self.placeholder(918273645))

    def version(self) -> str:
        return __version__


class PseudoTranslator(Translator):
    def __init__(self, pair: LanguagePair, placeholder_sample: str) -> None:
        self.pair = pair
        placeholder = re.escape(placeholder_sample).replace("918273645", r"\d+")
        self._protected = re.compile("|".join([placeholder, *_PROTECTED]), re.IGNORECASE)

    def translate(self, sentences: Sequence[str]) -> list[str]:
        return [self.pseudo(sentence) for sentence in sentences]

    def pseudo(self, text: str) -> str:
        """Accent the letters outside protected tokens, pad by ~30%, and bracket."""
        core = text.strip()
        if not core:
            return text
        parts: list[str] = []
        position = 0
        for match in self._protected.finditer(core):
            parts.append(core[position : match.start()].translate(_TABLE))
            parts.append(match.group(0))
            position = match.end()
        parts.append(core[position:].translate(_TABLE))
        padding = "~" * max(1, math.ceil(len(core) * EXPANSION))
        lead = text[: len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()) :]
        return f"{lead}{OPEN}{''.join(parts)} {padding}{CLOSE}{tail}"
