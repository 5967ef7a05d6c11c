"""extract, init, status and compile: the article's template and catalogs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from localize.app.found_catalogs import language_catalogs, read_best_effort
from localize.app.outcome import Outcome
from localize.app.template import article_entries, other_article, stale_reason, write_template
from localize.catalog import (
    CatalogStats,
    catalog_from_template,
    catalog_stats,
    load_catalog,
    save_catalog,
)
from localize.comments import annotate_glossary
from localize.errors import LocalizeError
from localize.fileio import atomic_write
from localize.glossary import Glossary
from localize.languages import refuse_source_as_target
from localize.lock import locked
from localize.project import Project
from localize.source import Article


def _template_outcome(path: Path, written: bool) -> Outcome:
    return Outcome(written=[path]) if written else Outcome(notes=[f"{path}: already up to date"])


def extract(article: Article, project: Project) -> Outcome:
    """Write ``locales/<name>.pot`` from the article."""
    project.check_locales_dir()
    warnings: list[str] = []
    with locked(project.locales_dir):
        _, written = write_template(article, project, warnings=warnings)
    outcome = _template_outcome(project.template_path(article.name), written)
    outcome.warnings += warnings
    return outcome


def init(article: Article, project: Project, langs: list[str], glossary: Glossary) -> Outcome:
    """Write the template and an empty catalog per language; an existing catalog is never
    replaced."""
    refuse_source_as_target(article.lang, langs)
    project.check_locales_dir()
    with locked(project.locales_dir):
        warnings: list[str] = []
        template, written = write_template(article, project, warnings=warnings)
        outcome = _template_outcome(project.template_path(article.name), written)
        outcome.warnings += warnings
        for lang in langs:
            path = project.catalog_path(lang, article.name)
            if path.exists():
                outcome.warnings.append(
                    f"{path}: exists, left as it is; run 'localize update {article.display} "
                    f"--to {lang}' to bring it up to date"
                )
                continue
            po = catalog_from_template(template, lang)
            po.extend(article_entries(article))
            annotate_glossary(po, glossary, lang)
            save_catalog(po, path)
            outcome.written.append(path)
    return outcome


@dataclass(frozen=True)
class StatusRow:
    name: str
    lang: str
    path: Path
    stats: CatalogStats
    stale: str | None
    belongs_to: str | None = None  # the other article a catalog was made for (other_article)


@dataclass
class StatusResult(Outcome):
    rows: list[StatusRow] = field(default_factory=list)


def status(project: Project, article: Article | None = None) -> StatusResult:
    """Counts per catalog (of one article, or all) in the language folders, and whether each
    is behind the article; a catalog that cannot be read is a warning at its line."""
    name = article.name if article else None
    result = StatusResult()
    catalogs = language_catalogs(project, name)
    read = read_best_effort(
        catalogs, lambda _, path: load_catalog(path), result.warnings, named=False
    )
    for lang, path, po in read:
        result.rows.append(
            StatusRow(
                path.stem,
                lang,
                path,
                catalog_stats(po),
                stale_reason(article, po) if article else None,
                other_article(article, po) if article else None,
            )
        )
    return result


def compile_catalogs(
    project: Project, langs: list[str] | None = None, name: str | None = None
) -> Outcome:
    """Write a .mo beside each catalog; msgfmt's rules: fuzzy and untranslated entries left out."""
    outcome = Outcome()
    catalogs = language_catalogs(project, name, langs)
    if not catalogs:
        raise LocalizeError(
            f"{project.locales_dir}: no catalogs to compile; run 'localize init' "
            "or 'localize translate' first"
        )
    with locked(project.locales_dir):
        # All read before anything is written; a named language's broken catalog stops it.
        loaded = read_best_effort(
            catalogs, lambda _, path: load_catalog(path), outcome.warnings, named=bool(langs)
        )
        for _, path, po in loaded:
            target = path.with_suffix(".mo")
            atomic_write(target, po.to_binary())
            outcome.written.append(target)
    return outcome
