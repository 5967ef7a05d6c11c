"""``localize report``: what an editor needs to decide what can be published, as one static
HTML page (or JSON for scripts): progress, check findings, glossary terms, the reviewers' edits
of the machine drafts and how large they were."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from localize.errors import LocalizeError
from localize.fileio import atomic_write
from localize.glossary import Glossary
from localize.project import Project


def write_report(
    project: Project,
    articles: Sequence[str],
    glossary: Glossary,
    output: Path,
    *,
    output_format: str = "html",
    langs: Sequence[str] | None = None,
    source_lang: str = "en",
    warnings: list[str] | None = None,
) -> str:
    """Gather the figures and render them; write them to ``output`` unless it is ``-``, and
    return the rendered text. ``warnings`` gets one line per broken catalog left out."""
    from localize.report.figures import article_names, gather

    if output_format not in ("html", "json"):
        raise LocalizeError(f"unknown --format '{output_format}'; choose html or json")
    report = gather(project, article_names(project, articles), glossary, langs, source_lang)
    if warnings is not None:
        warnings += report.skipped
    if output_format == "json":
        text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        from localize.report.html import render_html

        text = render_html(report)
    if str(output) != "-":
        atomic_write(output, text.encode("utf-8"))
    return text
