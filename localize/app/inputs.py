"""Reading the article a command names, in the source language the user meant."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from localize.project import GLOSSARY_FILENAME

if TYPE_CHECKING:
    from localize.source import Article


def source_language(lang: str | None) -> str:
    """--lang, else $LOCALIZE_SOURCE_LANG, else the source language of ./glossary.yaml, else en."""
    from localize.languages import normalize_language

    known = source_language_unread(lang)
    if known is not None:
        return known
    from localize.glossary import load_glossary

    return normalize_language(load_glossary(Path(GLOSSARY_FILENAME)).source_language)


def source_language_unread(lang: str | None) -> str | None:
    """``source_language`` when no glossary has to be read to tell it; None when
    ./glossary.yaml does."""
    from localize.languages import normalize_language

    chosen = lang or os.environ.get("LOCALIZE_SOURCE_LANG")
    if not chosen:
        if Path(GLOSSARY_FILENAME).is_file():
            return None
        chosen = "en"
    return normalize_language(chosen)


def read_input(
    article: str, lang: str | None, encoding: str | None, input_format: str | None
) -> Article:
    """The article at ``article`` ('-' for stdin), segmented in its source language."""
    from localize.source import read_article

    return read_article(
        article, lang=source_language(lang), encoding=encoding, input_format=input_format
    )
