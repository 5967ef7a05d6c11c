"""``localize extract``: the template (POT) of each article."""

from __future__ import annotations

from localize.app.inputs import read_input
from localize.commands.options import EncodingOpt, InputFormatOpt, LangOpt, SourceGlossaryOpt
from localize.commands.output import report
from localize.commands.projectopts import (
    ArticlesArg,
    ProjectLocalesOpt,
    require_articles,
    resolve,
)
from localize.project import Project


def extract(
    articles: ArticlesArg = None,
    locales_dir: ProjectLocalesOpt = None,
    lang: LangOpt = None,
    glossary: SourceGlossaryOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Write the template locales/<name>.pot of each article: one entry per sentence."""
    from localize.app.catalogs import extract as run

    settings = resolve(
        articles, locales_dir=locales_dir, lang=lang, glossary=glossary, reads_catalogs=False
    )
    for path in require_articles(settings, "extract"):
        doc = read_input(path, settings.lang, encoding, input_format, settings.glossary)
        report(run(doc, Project(settings.locales_dir)))
