"""``localize init``: empty catalogs for the target languages."""

from __future__ import annotations

from localize.app.inputs import read_input
from localize.commands.options import (
    DEFAULT_LOCALES,
    ArticleArg,
    EncodingOpt,
    GlossaryOpt,
    InputFormatOpt,
    LangOpt,
    LocalesOpt,
    ToOpt,
)
from localize.commands.output import info, report
from localize.project import Project


def init(
    article: ArticleArg,
    to: ToOpt,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
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
    from localize.languages import parse_language_list

    langs = parse_language_list(to)
    doc = read_input(article, lang, encoding, input_format)
    terms = resolve_glossary(glossary)
    info(f"glossary: {terms.describe()}")
    report(run(doc, Project(locales_dir), langs, terms))
