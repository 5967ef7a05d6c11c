"""The article's template (POT) and the checks that a catalog belongs to the article."""

from __future__ import annotations

from pathlib import Path

import polib

from localize.catalog import load_catalog, same_entries, save_catalog, template_from_units
from localize.errors import LocalizeError
from localize.project import Project
from localize.source import Article


def article_template(article: Article) -> polib.POFile:
    return template_from_units(article.units, article.display, article.name)


def write_template(article: Article, project: Project) -> tuple[polib.POFile, bool]:
    """Bring ``locales/<name>.pot`` up to date; return the template as it now is on disk and
    whether it was written. An unchanged article keeps its POT byte for byte (creation date
    included), so reruns leave version control clean and merges see the real date."""
    path = project.template_path(article.name)
    template = article_template(article)
    current = load_catalog(path) if path.exists() else None
    if current is not None:
        check_same_article(article, current, path)
        if same_entries(current, template):
            return current, False
    save_catalog(template, path)
    return template, True


def rebuild_template(article: Article, written: polib.POFile) -> polib.POFile:
    """The template ``write_template`` returned, built again from the article's units: a run
    keeps only the headers of each template rather than its ~90,000 entries of a large
    article, whose catalogs already hold the same sentences. The entries are the same by
    construction (``write_template`` keeps a file only when its entries are these)."""
    template = article_template(article)
    template.header = written.header
    template.metadata = written.metadata
    template.metadata_is_fuzzy = written.metadata_is_fuzzy
    return template


def template_headers(template: polib.POFile) -> polib.POFile:
    """A copy of ``template`` without its entries, for ``rebuild_template``."""
    headers = polib.POFile(wrapwidth=template.wrapwidth)
    headers.encoding = template.encoding
    headers.header = template.header
    headers.metadata = template.metadata
    headers.metadata_is_fuzzy = template.metadata_is_fuzzy
    return headers


def check_same_article(article: Article, po: polib.POFile, path: Path) -> None:
    """Refuse a catalog made for another article that has the same file name (index.md,
    story.txt in dated folders): merging into it would make the other's work obsolete.

    A catalog whose references name another path but whose sentences are mostly this
    article's is the same article moved, or read from another directory, and is accepted.
    """
    references = {file for entry in po if not entry.obsolete for file, _ in entry.occurrences}
    if not references or article.display in references:
        return
    ours = {unit.msgid for unit in article.units}
    theirs = {entry.msgid for entry in po if not entry.obsolete}
    if len(ours & theirs) >= 0.5 * min(len(ours), len(theirs)):
        return
    other = sorted(references)[0]
    raise LocalizeError(
        f"{path}: belongs to {other}, a different article with the same file name; keep "
        f"{article.display}'s catalogs apart with --locales-dir, or rename one of the files"
    )


def stale_reason(article: Article, po: polib.POFile) -> str | None:
    """Why the catalog no longer matches the article, or None when it does."""
    article_ids = {unit.msgid for unit in article.units}
    catalog_ids = {entry.msgid for entry in po if not entry.obsolete}
    added = len(article_ids - catalog_ids)
    removed = len(catalog_ids - article_ids)
    if not added and not removed:
        return None
    return f"the article changed since the catalog was made ({added} new, {removed} gone sentences)"
