"""build: the article regenerated in a target language from its catalog (po4a's translate
step)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from localize.app.outcome import Outcome
from localize.app.template import check_same_article, stale_reason
from localize.catalog import load_catalog, translations
from localize.errors import LocalizeError
from localize.fileio import atomic_write
from localize.formats.base import regenerate
from localize.glossary import Glossary
from localize.languages import bcp47_tag, right_to_left, unspaced_sentences
from localize.project import Project
from localize.source import Article

STDOUT = "-"


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
        if reason:  # the sentences missing are the article's new ones
            hint = f"; {reason}: run 'localize update {article.display} --to {lang}' first"
        elif with_fuzzy > coverage.usable and not include_fuzzy:
            hint = "; review the fuzzy drafts, or pass --include-fuzzy"
        else:
            hint = "; translate more first"
        raise LocalizeError(
            f"{catalog_path}: only {coverage.percent:.0f}% of the sentences are translated, "
            f"below --threshold {threshold:g}{hint}"
        )
    # The copy names its language where the source names one (HTML's root lang and dir), so
    # that browsers, screen readers and search engines read it as what it is.
    declared = article.format.language_replacements(bcp47_tag(lang), right_to_left(lang))
    # Chinese and Japanese sentences follow each other without a space: the source's space
    # between two sentences, outside every msgstr, is left out between two written so.
    joinable_gap = article.format.joinable_gap if unspaced_sentences(lang) else None
    text = regenerate(
        article.text,
        article.units,
        lambda unit: usable.get(unit.msgid),
        article.format.place,
        declared,
        joinable_gap,
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
    what = "links to" if target.is_symlink() else "is"
    if real.suffix in _PROJECT_SUFFIXES or real == memory:
        raise LocalizeError(
            f"{target}: {what} {real.name}, a catalog, template or translation memory of the "
            f"project; {fix}"
        )
    if real.is_relative_to(locales):
        where = "is inside" if what == "is" else "links into"
        raise LocalizeError(
            f"{target}: {where} the locales directory {project.locales_dir}, which holds the "
            f"catalogs and templates only; {fix}"
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
