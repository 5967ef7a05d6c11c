"""Reading the article a command names, in the source language the user meant."""

from __future__ import annotations

import os
from pathlib import Path

from localize.project import GLOSSARY_FILENAME
from localize.source import Article


def source_language(lang: str | None) -> str:
    """--lang, else $LOCALIZE_SOURCE_LANG, else the source language of ./glossary.yaml, else en."""
    from localize.languages import normalize_language

    chosen = lang or os.environ.get("LOCALIZE_SOURCE_LANG")
    if not chosen:
        local = Path(GLOSSARY_FILENAME)
        if local.is_file():
            from localize.glossary import load_glossary

            chosen = load_glossary(local).source_language
        else:
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
