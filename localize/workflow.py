"""What each command does, as plain functions the CLI calls and tests can call directly."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polib

from localize.catalog import (
    CatalogStats,
    catalog_from_template,
    catalog_stats,
    load_catalog,
    same_entries,
    save_catalog,
    template_from_units,
    translations,
)
from localize.comments import annotate_glossary
from localize.errors import LocalizeError
from localize.fileio import atomic_write
from localize.formats.base import regenerate
from localize.glossary import Glossary
from localize.lock import locked
from localize.project import Project
from localize.source import Article


@dataclass
class Outcome:
    """What a command did, for the CLI to print."""

    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def article_template(article: Article) -> polib.POFile:
    return template_from_units(article.units, article.display, article.name)


STDOUT = "-"


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


def _template_outcome(path: Path, written: bool) -> Outcome:
    return Outcome(written=[path]) if written else Outcome(notes=[f"{path}: already up to date"])


def extract(article: Article, project: Project) -> Outcome:
    """Write ``locales/<name>.pot`` from the article."""
    project.check_locales_dir()
    with locked(project.locales_dir):
        _, written = write_template(article, project)
    return _template_outcome(project.template_path(article.name), written)


def init(article: Article, project: Project, langs: list[str], glossary: Glossary) -> Outcome:
    """Write the template and an empty catalog per language; an existing catalog is never
    replaced."""
    project.check_locales_dir()
    with locked(project.locales_dir):
        template, written = write_template(article, project)
        outcome = _template_outcome(project.template_path(article.name), written)
        for lang in langs:
            path = project.catalog_path(lang, article.name)
            if path.exists():
                outcome.warnings.append(
                    f"{path}: exists, left as it is; run 'localize update {article.display} "
                    f"--to {lang}' to bring it up to date"
                )
                continue
            po = catalog_from_template(template, lang)
            annotate_glossary(po, glossary, lang)
            save_catalog(po, path)
            outcome.written.append(path)
    return outcome


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


@dataclass(frozen=True)
class Coverage:
    usable: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.usable / self.total if self.total else 100.0


def default_output(article: Article, lang: str) -> Path:
    if article.path is None:
        raise LocalizeError("build needs an article file, not standard input; pass -o PATH too")
    return article.path.with_name(f"{article.path.stem}.{lang}{article.path.suffix}")


def build(
    article: Article,
    project: Project,
    lang: str,
    *,
    threshold: float = 80.0,
    include_fuzzy: bool = False,
    output: Path | None = None,
    check_with: Glossary | None = None,
) -> Outcome:
    """Regenerate the article in ``lang`` from its reviewed catalog (po4a's translate step).

    With ``check_with``, a catalog that has error-level check findings is refused.
    """
    catalog_path = project.catalog_path(lang, article.name)
    if not catalog_path.exists():
        raise LocalizeError(
            f"{catalog_path}: no catalog for {lang}; run 'localize init "
            f"{article.display} --to {lang}' or 'localize translate' first"
        )
    po = load_catalog(catalog_path)
    check_same_article(article, po, catalog_path)
    outcome = Outcome()
    reason = stale_reason(article, po)
    if reason:
        outcome.warnings.append(
            f"{catalog_path}: {reason}; run 'localize update {article.display} --to {lang}'"
        )
    usable = translations(po, include_fuzzy)
    if check_with is not None:
        _refuse_failed_checks(catalog_path, check_with, lang, article, set(usable))
    distinct = {unit.msgid for unit in article.units}
    coverage = Coverage(sum(1 for msgid in distinct if msgid in usable), len(distinct))
    if coverage.percent < threshold:
        fuzzy = translations(po, include_fuzzy=True)
        with_fuzzy = sum(1 for msgid in distinct if msgid in fuzzy)
        hint = (
            "; review the fuzzy drafts, or pass --include-fuzzy"
            if with_fuzzy > coverage.usable and not include_fuzzy
            else "; translate more first"
        )
        raise LocalizeError(
            f"{catalog_path}: only {coverage.percent:.0f}% of the sentences are translated, "
            f"below --threshold {threshold:g}{hint}"
        )
    text = regenerate(
        article.text, article.units, lambda unit: usable.get(unit.msgid), article.format.place
    )
    data = article.encode(text)
    if output is not None and str(output) == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return outcome
    target = output or default_output(article, lang)
    if output is None and target.is_symlink():
        # The default name is ours to write: a link there (to a catalog, say) is replaced, and
        # whatever it pointed to is left alone.
        outcome.warnings.append(
            f"{target}: was a symbolic link (to {os.readlink(target)}); replaced it with the "
            "built copy and left what it pointed to unchanged"
        )
    else:
        _refuse_project_file(target, article, project)
    atomic_write(target, data, follow_symlinks=output is not None)
    outcome.written.append(target)
    return outcome


_PROJECT_SUFFIXES = (".po", ".pot", ".mo", ".sqlite", ".sqlite-wal", ".sqlite-shm")


def _refuse_project_file(target: Path, article: Article, project: Project) -> None:
    """An output that is (or links to) the article, a catalog, a template or the memory would
    replace a person's work with a regenerated article."""
    real = Path(os.path.realpath(target))
    fix = "choose another -o path (the default is <stem>.<lang><ext> beside the article)"
    if article.path is not None and real == Path(os.path.realpath(article.path)):
        raise LocalizeError(f"{target}: is the article itself; {fix}")
    locales = Path(os.path.realpath(project.locales_dir))
    memory = Path(os.path.realpath(project.memory_path()))
    if real.suffix in _PROJECT_SUFFIXES or real.is_relative_to(locales) or real == memory:
        what = "links to" if target.is_symlink() else "is"
        raise LocalizeError(
            f"{target}: {what} {real.name}, a catalog, template or translation memory of the "
            f"project; {fix}"
        )


def _refuse_failed_checks(
    catalog_path: Path, glossary: Glossary, lang: str, article: Article, used: set[str]
) -> None:
    """Only the entries that go into the copy count: a fuzzy draft left out cannot harm it."""
    from localize.checks import ERROR, check_catalog

    errors = [
        f
        for f in check_catalog(catalog_path, glossary, lang, article.format.protected)
        if f.severity == ERROR and f.msgid in used
    ]
    if errors:
        first = errors[0]
        raise LocalizeError(
            f"{first.path}:{first.line}: {first.message} ({first.check}); {len(errors)} "
            f"error(s) in all: fix them (see 'localize check {article.display} --to {lang}') "
            "or build without --check"
        )


@dataclass(frozen=True)
class StatusRow:
    name: str
    lang: str
    path: Path
    stats: CatalogStats
    stale: str | None


def status(project: Project, article: Article | None = None) -> list[StatusRow]:
    name = article.name if article else None
    rows = []
    for lang, path in project.catalogs(name):
        po = load_catalog(path)
        rows.append(
            StatusRow(
                path.stem,
                lang,
                path,
                catalog_stats(po),
                stale_reason(article, po) if article else None,
            )
        )
    return rows


def compile_catalogs(
    project: Project, langs: list[str] | None = None, name: str | None = None
) -> Outcome:
    """Write a .mo beside each catalog; msgfmt's rules: fuzzy and untranslated entries left out."""
    outcome = Outcome()
    catalogs = project.catalogs(name, langs)
    if not catalogs:
        raise LocalizeError(
            f"{project.locales_dir}: no catalogs to compile; run 'localize init' "
            "or 'localize translate' first"
        )
    with locked(project.locales_dir):
        loaded = [(path, load_catalog(path)) for _, path in catalogs]  # all valid first
        for path, po in loaded:
            target = path.with_suffix(".mo")
            atomic_write(target, po.to_binary())
            outcome.written.append(target)
    return outcome
