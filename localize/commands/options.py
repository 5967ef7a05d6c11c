"""The options several commands share, declared once, and the fixed choices as Enums.

A choice is read as a string and parsed with ``Choice.parse``: a wrong value is then one line
naming the choices (exit 2), as every user error is, not click's multi-line usage error.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Self

import typer

from localize.errors import LocalizeError


class Choice(StrEnum):
    @classmethod
    def parse(cls, value: str, option: str) -> Self:
        try:
            return cls(value)
        except ValueError:
            names = [member.value for member in cls]
            raise LocalizeError(
                f"unknown {option} '{value}'; choose {', '.join(names[:-1])} or {names[-1]}"
            ) from None


class OutputFormat(Choice):
    TEXT = "text"
    JSON = "json"


class ExportFormat(Choice):
    TBX = "tbx"
    TBX3 = "tbx3"
    TBX_WEBLATE = "tbx-weblate"
    CSV = "csv"
    POFILTER = "pofilter"


class EngineChoice(Choice):
    """--engine: auto, or one of the engines in ``localize.engines.registry``."""

    AUTO = "auto"
    ARGOS = "argos"
    APERTIUM = "apertium"
    LIBRETRANSLATE = "libretranslate"
    PSEUDO = "pseudo"


class Device(Choice):
    CPU = "cpu"
    CUDA = "cuda"
    AUTO = "auto"


DEFAULT_LOCALES = Path("locales")
GLOSSARY_HELP = "Glossary file (default: ./glossary.yaml, else the shipped one)."

ArticleArg = Annotated[
    str,
    typer.Argument(
        help="The article file (.txt, .md, .html); '-' reads stdin.", show_default=False
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the article (default: $LOCALIZE_SOURCE_LANG, else the source "
        "language of the run's glossary: --glossary, else ./glossary.yaml; else en).",
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding", help="Encoding of the article when it is not UTF-8 (e.g. windows-1252)."
    ),
]
InputFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--input-format", help="text, markdown or html (default: from the file extension)."
    ),
]
LocalesOpt = Annotated[
    Path, typer.Option("--locales-dir", envvar="LOCALIZE_LOCALES_DIR", help="Where catalogs live.")
]
ToOpt = Annotated[
    str,
    typer.Option("--to", help="Target language(s), comma separated: es,fr,zh.", show_default=False),
]
EngineOpt = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help="auto (Argos if a model is installed, else Apertium), argos, apertium, "
        "libretranslate (a server: --url) or pseudo (default: the project file's, else auto).",
        show_default=False,
    ),
]
ServerUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--url",
        envvar="LOCALIZE_LIBRETRANSLATE_URL",
        help="LibreTranslate server for --engine libretranslate, e.g. http://HOST:5000.",
    ),
]
ApiKeyOpt = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        envvar="LOCALIZE_LIBRETRANSLATE_API_KEY",
        help="API key for a LibreTranslate server that requires one.",
    ),
]
DeviceOpt = Annotated[str, typer.Option("--device", help="cpu, cuda or auto (cuda when usable).")]
BatchOpt = Annotated[
    int | None,
    typer.Option("--batch-size", min=1, help="Engine batch size (tokens per batch for argos)."),
]
ModelsDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--models-dir", envvar="LOCALIZE_MODELS_DIR", help="Where Argos packages are installed."
    ),
]
GlossaryOpt = Annotated[Path | None, typer.Option("--glossary", help=GLOSSARY_HELP)]
# Commands that read a glossary only for the article's language (when no --lang names it).
SourceGlossaryOpt = Annotated[
    Path | None,
    typer.Option(
        "--glossary",
        help="Glossary whose source language is the article's, when --lang is not given "
        "(default: the project file's glossary, else ./glossary.yaml, else the shipped one).",
    ),
]
OutputFormatOpt = Annotated[str, typer.Option("--format", help="text or json.")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The article's date, YYYY-MM-DD, for the glossary's dated titles and terms "
        "(default: from its dateline and '(Xinhua) 10:05, July 15, 2021' line).",
        show_default=False,
    ),
]
SummaryFormatOpt = Annotated[str, typer.Option("--format", help="Summary as text or json.")]
Utf8Opt = Annotated[
    bool,
    typer.Option(
        "--to-utf8", help="Convert catalogs in another charset to UTF-8 when writing them."
    ),
]
