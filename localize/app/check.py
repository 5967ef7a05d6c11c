"""check: the gate before publishing, over one article's catalogs or all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from localize.app.found_catalogs import language_catalogs, read_best_effort
from localize.app.outcome import Outcome
from localize.checks import ERROR, Finding, check_catalog
from localize.errors import LocalizeError
from localize.formats.base import Format
from localize.glossary import Glossary
from localize.project import Project, catalog_name


@dataclass
class CheckResult(Outcome):
    catalogs: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # The catalogs' languages, in the order first checked.
    languages: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warning_count(self) -> int:
        return len(self.findings) - self.errors


def check(
    project: Project,
    glossary: Glossary,
    article: str | None = None,
    langs: list[str] | None = None,
    input_format: str | None = None,
) -> CheckResult:
    """Findings for the translated and fuzzy entries of the article's catalogs (every catalog
    when ``article`` is None)."""
    name = catalog_name(article) if article else None
    catalogs = language_catalogs(project, name, langs)
    if not catalogs:
        what = f"'{name}'" if name else "any article"
        raise LocalizeError(
            f"{project.locales_dir}: no catalogs for {what}; create them with "
            "'localize translate ARTICLE --to LANG' or 'localize init'"
        )
    result = CheckResult()

    def findings(lang: str, path: Path) -> list[Finding]:
        fmt = _format_of(path, article, input_format)
        return check_catalog(path, glossary, lang, fmt.protected)

    checked = read_best_effort(catalogs, findings, result.warnings, named=bool(langs))
    result.catalogs = [path for _, path, _ in checked]
    result.languages = list(dict.fromkeys(lang for lang, _, _ in checked))
    for _, _, found in checked:
        result.findings.extend(found)
    return result


def _format_of(path: Path, article: str | None, input_format: str | None) -> Format:
    """The article's format decides what markup must survive: named, else from the article's
    extension, else from the file the catalog's references point to."""
    from localize.catalog import load_catalog
    from localize.formats import format_for

    if input_format or article:
        return format_for(article or "", input_format)
    references = [file for entry in load_catalog(path) for file, _ in entry.occurrences]
    return format_for(references[0] if references else "")
