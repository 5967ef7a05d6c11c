"""Reading the article a command names, in the source language the user meant."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from localize.project import GLOSSARY_FILENAME

if TYPE_CHECKING:
    from localize.source import Article


def source_language(lang: str | None, glossary: Path | None = None) -> str:
    """--lang, else $LOCALIZE_SOURCE_LANG, else the source language of the run's glossary
    (``glossary``: --glossary or the project file's; else ./glossary.yaml), else en."""
    from localize.languages import normalize_language

    known = source_language_unread(lang, glossary)
    if known is not None:
        return known
    from localize.glossary import load_glossary

    return normalize_language(load_glossary(_glossary_file(glossary)).source_language)


def source_language_unread(lang: str | None, glossary: Path | None = None) -> str | None:
    """``source_language`` when no glossary has to be read to tell it; None when the run's
    glossary does."""
    from localize.languages import normalize_language

    chosen = lang or os.environ.get("LOCALIZE_SOURCE_LANG")
    if not chosen:
        if _glossary_file(glossary).is_file():
            return None
        chosen = "en"
    return normalize_language(chosen)


def _glossary_file(glossary: Path | None) -> Path:
    # The glossary the run uses tells the source language: ./glossary.yaml is not even read
    # when --glossary names another (a broken one there stopped runs that did not use it).
    return glossary if glossary is not None else Path(GLOSSARY_FILENAME)


def read_input(
    article: str,
    lang: str | None,
    encoding: str | None,
    input_format: str | None,
    glossary: Path | None = None,
) -> Article:
    """The article at ``article`` ('-' for stdin), segmented in its source language
    (``source_language``; ``glossary``: the run's --glossary or project glossary)."""
    from localize.source import read_article

    return read_article(
        article,
        lang=source_language(lang, glossary),
        encoding=encoding,
        input_format=input_format,
    )
