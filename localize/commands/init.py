"""``localize init``: empty catalogs for the target languages."""

from __future__ import annotations

from localize.app.inputs import read_input
from localize.commands.options import EncodingOpt, GlossaryOpt, InputFormatOpt, LangOpt
from localize.commands.output import info, report
from localize.commands.projectopts import (
    ArticlesArg,
    ProjectLocalesOpt,
    ProjectToOpt,
    require_articles,
    require_languages,
    resolve,
)
from localize.project import Project


def init(
    articles: ArticlesArg = None,
    to: ProjectToOpt = None,
    locales_dir: ProjectLocalesOpt = None,
    glossary: GlossaryOpt = None,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Create empty catalogs locales/<lang>/LC_MESSAGES/<name>.po (existing ones are kept).

    Entries that contain glossary terms get a comment with the approved rendering.
    """
    from localize.app.catalogs import init as run
    from localize.glossary import resolve_glossary

    settings = resolve(articles, to=to, locales_dir=locales_dir, glossary=glossary, lang=lang)
    paths = require_articles(settings, "init")
    langs = require_languages(settings)
    terms = resolve_glossary(settings.glossary)
    info(f"glossary: {terms.describe()}")
    for path in paths:
        doc = read_input(path, settings.lang, encoding, input_format, settings.glossary)
        report(run(doc, Project(settings.locales_dir), langs, terms))
