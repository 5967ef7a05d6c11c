"""``localize extract``: the template (POT) of an article."""

from __future__ import annotations

from localize.app.inputs import read_input
from localize.commands.options import (
    DEFAULT_LOCALES,
    ArticleArg,
    EncodingOpt,
    InputFormatOpt,
    LangOpt,
    LocalesOpt,
)
from localize.commands.output import report
from localize.project import Project


def extract(
    article: ArticleArg,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Write the template locales/<name>.pot: one entry per sentence."""
    from localize.app.catalogs import extract as run

    report(run(read_input(article, lang, encoding, input_format), Project(locales_dir)))
