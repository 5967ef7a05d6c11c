"""The review report as one self-contained HTML page: no script, no external asset, styles for
screens of any width and for print. Everything taken from catalogs is untrusted and escaped."""

from __future__ import annotations

from html import escape

from localize.languages import bcp47_tag, right_to_left
from localize.projectfile import REPORT_META
from localize.report.diff import DELETE, EQUAL, INSERT, Segment, side
from localize.report.figures import (
    FUZZY_STATUS,
    REVIEWED,
    UNTRANSLATED,
    CatalogReport,
    EntryView,
    FindingGroup,
    PostEdit,
    Report,
    TermUse,
)
from localize.report.svg import post_edit_chart, progress_chart

NO_DRAFT = "no draft recorded"

_CSS = """
:root { --ink: #1d232a; --muted: #56606b; --line: #d5dbe1; --paper: #fff; --tint: #f4f6f8;
  --reviewed: #2e7d32; --fuzzy: #e0a100; --untranslated: #b0b7bf; --chrf: #1f5fa8;
  --ter: #c2571a; --error: #b3261e; --warning: #8a5a00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 72rem; padding: 1.25rem 1.5rem 3rem; color: var(--ink);
  background: var(--paper); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", "DejaVu Sans", sans-serif; overflow-wrap: anywhere; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 .75rem; padding-top: .75rem;
  border-top: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
p, ul { margin: .25rem 0 .75rem; }
a { color: #1f5fa8; }
.meta, .note { color: var(--muted); font-size: .9rem; }
nav ul { padding-left: 1.2rem; margin-top: .75rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; overflow-wrap: normal; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { background: var(--tint); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart-group { margin: .5rem 0 1.25rem; }
.chart-row { margin: 0 0 .6rem; break-inside: avoid; }
.chart-label { margin: 0 0 .1rem; font-weight: 600; font-size: .9rem; }
.chart { display: block; overflow: visible; }
.chart text { font-size: 13px; fill: var(--ink); }
.chart text.label { font-size: 14px; font-weight: 600; }
.chart text.tick { fill: var(--muted); font-size: 12px; }
.chart text.inside { fill: #fff; font-weight: 600; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .reviewed { fill: var(--reviewed); } .chart .fuzzy { fill: var(--fuzzy); }
.chart .untranslated, .chart .empty { fill: var(--untranslated); }
.chart .chrf { fill: var(--chrf); } .chart .ter { fill: var(--ter); }
.chart .dot { fill: var(--ter); fill-opacity: .55; stroke: #fff; stroke-width: 1; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; font-size: .9rem; margin: 0;
  padding: 0; list-style: none; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px;
  vertical-align: -.1rem; margin-right: .35rem; }
.swatch.reviewed { background: var(--reviewed); } .swatch.fuzzy { background: var(--fuzzy); }
.swatch.untranslated { background: var(--untranslated); }
.swatch.chrf { background: var(--chrf); } .swatch.ter { background: var(--ter); }
.sev-error { color: var(--error); font-weight: 600; }
.sev-warning { color: var(--warning); font-weight: 600; }
.ok { color: var(--reviewed); font-weight: 600; }
.findings li { margin-bottom: .35rem; }
.entry { border: 1px solid var(--line); border-left-width: 5px; border-radius: 4px;
  margin: 0 0 .75rem; padding: .5rem .75rem; break-inside: avoid; }
.entry:target { outline: 3px solid #1f5fa8; }
.entry.reviewed { border-left-color: var(--reviewed); }
.entry.fuzzy { border-left-color: var(--fuzzy); }
.entry.untranslated { border-left-color: var(--untranslated); }
.entry header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem;
  color: var(--muted); }
.badge { font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.cols { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .75rem;
  margin-top: .35rem; }
.cols h5 { margin: 0; font-size: .8rem; color: var(--muted); text-transform: uppercase;
  letter-spacing: .03em; font-weight: 600; }
.cols p { margin: .15rem 0 0; white-space: pre-wrap; }
del { background: #fde2df; color: #7a1a12; text-decoration: line-through; }
ins { background: #dcf2dc; color: #184d1b; text-decoration: none; font-weight: 600; }
.missing { color: var(--muted); font-style: italic; }
@media (max-width: 760px) {
  body { padding: .75rem .9rem 2rem; font-size: 15px; }
  h1 { font-size: 1.45rem; }
  .cols { grid-template-columns: 1fr; gap: .4rem; }
  table.cards thead { display: none; }
  table.cards tr { display: block; border-bottom: 2px solid var(--line); padding: .25rem 0; }
  table.cards td { display: flex; justify-content: space-between; gap: 1rem; border: 0;
    padding: .1rem .25rem; text-align: right; }
  table.cards td::before { content: attr(data-label); color: var(--muted); text-align: left; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-before: auto; break-after: avoid; }
  h3, h4 { break-after: avoid; }
  .entry, .chart, tr { break-inside: avoid; }
  .entry:target { outline: none; }
  .table-wrap { overflow: visible; }
}
"""


def render_html(report: Report) -> str:
    names = sorted({catalog.article for catalog in report.catalogs})
    title = f"Review report: {', '.join(names)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # How a project's article glob tells this page from an article (projectfile._expand).
        REPORT_META,
        # Nothing may be fetched: a hostile catalog cannot make the page load anything.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Generated {escape(report.generated)} by <code>localize report</code>'
        f" · glossary {escape(report.glossary)} · translation memory "
        f"{escape(report.memory)}</p>",
        *(f'<p class="meta">Left out: {escape(line)}</p>' for line in report.skipped),
        "</header>",
        _contents(report),
        _progress(report),
        _post_edit(report),
        *(
            _catalog(catalog, index, report.source_lang)
            for index, catalog in enumerate(report.catalogs, 1)
        ),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _language(code: str) -> str:
    """The ``lang`` and ``dir`` attributes of text in ``code``. The page itself is English;
    each sentence says its own language, so that a browser sets Arabic or Hebrew right to left
    (its final full stop and quotes at the left end), and picks fonts for the language (the
    Chinese or Japanese forms of the same characters)."""
    direction = "rtl" if right_to_left(code) else "ltr"
    return f' lang="{escape(bcp47_tag(code))}" dir="{direction}"'


def _catalog_id(catalog: CatalogReport, index: int) -> str:
    return f"catalog-{index}"


def _contents(report: Report) -> str:
    items = [
        '<li><a href="#progress">Progress</a></li>',
        '<li><a href="#post-edit">How much reviewers changed the machine drafts</a></li>',
    ]
    for index, catalog in enumerate(report.catalogs, 1):
        items.append(
            f'<li><a href="#{_catalog_id(catalog, index)}">{escape(catalog.article)} · '
            f"{escape(catalog.lang)}</a> ({_verdict_text(catalog)})</li>"
        )
    return f'<nav aria-label="Contents"><ul>{"".join(items)}</ul></nav>'


def _verdict_text(catalog: CatalogReport) -> str:
    p = catalog.progress
    return (
        f"{p.reviewed}/{p.total} reviewed, {catalog.errors} error(s), {catalog.warnings} warning(s)"
    )


def _table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    """A table whose cells carry their column's name, so that a phone can show each row as a
    small card (see the CSS) instead of squeezing nine columns into 390 pixels."""
    css = [' class="num"' if i in numeric else "" for i in range(len(headers))]
    head = "".join(f"<th{css[i]}>{escape(h)}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{escape(headers[i])}"{css[i]}>{cell}</td>'
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<div class="table-wrap"><table class="cards"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _legend(items: list[tuple[str, str]]) -> str:
    shown = "".join(
        f'<li><span class="swatch {css}"></span>{escape(text)}</li>' for css, text in items
    )
    return f'<ul class="legend">{shown}</ul>'


def _progress(report: Report) -> str:
    rows = [
        (
            f"{c.article} · {c.lang}: {c.progress.reviewed} reviewed, {c.progress.fuzzy} fuzzy, "
            f"{c.progress.untranslated} untranslated",
            c.progress,
        )
        for c in report.catalogs
    ]
    table = _table(
        [
            "article",
            "language",
            "reviewed",
            "fuzzy",
            "untranslated",
            "entries",
            "errors",
            "warnings",
        ],
        [
            [
                f'<a href="#{_catalog_id(c, i)}">{escape(c.article)}</a>',
                escape(c.lang),
                str(c.progress.reviewed),
                str(c.progress.fuzzy),
                str(c.progress.untranslated),
                str(c.progress.total),
                str(c.errors),
                str(c.warnings),
            ]
            for i, c in enumerate(report.catalogs, 1)
        ],
        numeric={2, 3, 4, 5, 6, 7},
    )
    return (
        '<section id="progress"><h2>Progress</h2>'
        + _legend(
            [
                (REVIEWED, "reviewed (a person's translation)"),
                (FUZZY_STATUS, "fuzzy (a draft to review)"),
                (UNTRANSLATED, "untranslated"),
            ]
        )
        + progress_chart(rows)
        + table
        + "</section>"
    )


def _post_edit(report: Report) -> str:
    parts = [
        '<section id="post-edit"><h2>How much reviewers changed the machine drafts</h2>',
        '<p class="note">Each reviewed translation against the machine draft the translation '
        "memory keeps for the same sentence and language. chrF: character n-gram F-score, 100 "
        "when the reviewer kept the draft as it was. TER: word edits per 100 words of the "
        "reviewed text, 0 when nothing changed. Dots: the TER of each sentence.</p>",
    ]
    if report.post_edit:
        parts.append(
            _legend(
                [
                    ("chrf", "chrF (higher: fewer changes)"),
                    ("ter", "TER (lower: fewer changes)"),
                ]
            )
        )
        parts.append(post_edit_chart(report.post_edit))
        parts.append(_post_edit_table(report.post_edit))
    else:
        parts.append(f'<p class="missing">{NO_DRAFT} for any reviewed entry.</p>')
    if report.no_draft:
        listed = ", ".join(f"{count} in {escape(lang)}" for lang, count in report.no_draft.items())
        parts.append(
            f'<p class="note">Reviewed entries with {NO_DRAFT} in the memory '
            f"({escape(report.memory)}): {listed}. They are left out of these figures.</p>"
        )
    parts.append("</section>")
    return "".join(parts)


def _post_edit_table(rows: list[PostEdit]) -> str:
    return _table(
        ["engine", "language", "sentences", "kept as drafted", "chrF", "TER"],
        [
            [
                escape(row.engine),
                escape(row.lang),
                str(row.sentences),
                str(row.unchanged),
                f"{row.chrf:.1f}",
                f"{row.ter:.1f}",
            ]
            for row in rows
        ],
        numeric={2, 3, 4, 5},
    )


def _catalog(catalog: CatalogReport, index: int, source_lang: str) -> str:
    source, target = _language(source_lang), _language(catalog.lang)
    return "".join(
        [
            f'<section id="{_catalog_id(catalog, index)}">',
            f"<h2>{escape(catalog.article)} · {escape(catalog.lang)}</h2>",
            f'<p class="meta">{escape(catalog.path)} · {escape(_verdict_text(catalog))}</p>',
            _findings(catalog.findings, source, _catalog_id(catalog, index)),
            _terms(catalog.terms, source, target),
            "<h3>Sentences</h3>",
            *(_entry(entry, source, target) for entry in catalog.entries),
            "</section>",
        ]
    )


def _findings(groups: list[FindingGroup], source: str, catalog_id: str) -> str:
    if not groups:
        return (
            '<h3>Check findings</h3><p class="ok">No findings: <code>localize check</code> '
            "is clean.</p>"
        )
    parts = ["<h3>Check findings</h3>"]
    for group in groups:
        parts.append(
            f'<h4><span class="sev-{escape(group.severity)}">{escape(group.check)}</span> '
            f'({len(group.findings)})</h4><ul class="findings">'
        )
        for ref in group.findings:
            # A finding about the catalog as a whole (its header) links to the catalog and
            # quotes no sentence.
            anchor = ref.anchor or catalog_id
            quoted = f" — <q{source}>{escape(_excerpt(ref.msgid))}</q>" if ref.msgid else ""
            parts.append(
                f'<li><a href="#{escape(anchor)}">line {ref.line}</a> '
                f'<span class="sev-{escape(ref.severity)}">{escape(ref.severity)}</span>: '
                f"{escape(ref.message)}{quoted}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


def _excerpt(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _terms(terms: list[TermUse], source: str, target: str) -> str:
    if not terms:
        return '<h3>Glossary terms</h3><p class="note">No glossary term in this article.</p>'
    rows = []
    for term in terms:
        if term.flagged:
            links = ", ".join(
                f'<a href="#{escape(anchor)}">entry {escape(anchor.rsplit("-", 1)[1])}</a>'
                for anchor in term.flagged
            )
            state = f'<span class="sev-error">flagged</span> {links}'
        else:
            state = '<span class="ok">ok</span>'
        rows.append(
            [
                f"<span{source}>{escape(term.source)}</span>",
                f"<span{target}>{escape(term.rendering)}</span>",
                str(term.entries),
                state,
            ]
        )
    return "<h3>Glossary terms</h3>" + _table(
        ["term", "approved rendering", "entries", "check"], rows, numeric={2}
    )


def _segments(segments: list[Segment]) -> str:
    shown = []
    for op, text in segments:
        if op == EQUAL:
            shown.append(escape(text))
        elif op == DELETE:
            shown.append(f"<del>{escape(text)}</del>")
        elif op == INSERT:
            shown.append(f"<ins>{escape(text)}</ins>")
    return "".join(shown)


def _entry(entry: EntryView, source: str, target: str) -> str:
    number = entry.anchor.rsplit("-", 1)[1]
    header = [
        f'<span class="badge">{escape(entry.status)}</span>',
        f"<span>entry {escape(number)} · catalog line {entry.line}</span>",
    ]
    if entry.findings:
        worst = "error" if entry.errors else "warning"
        header.append(f'<span class="sev-{worst}">{entry.findings} finding(s)</span>')
    if entry.draft is not None and entry.draft.chrf is not None:
        header.append(f"<span>chrF {entry.draft.chrf:.1f} · TER {entry.draft.ter:.1f}</span>")
    if entry.draft is None:
        draft = f'<p class="missing">{NO_DRAFT}</p>'
        label = "Machine draft"
    elif not entry.diff:
        draft = f"<p{target}>{escape(entry.draft.text)}</p>"
        label = f"Machine draft ({escape(entry.draft.engine)})"
    else:
        draft = f"<p{target}>{_segments(side(entry.diff, DELETE))}</p>"
        label = f"Machine draft ({escape(entry.draft.engine)})"
    if not entry.msgstr:
        translation = '<p class="missing">not translated yet</p>'
    elif entry.draft is None:
        translation = f"<p{target}>{escape(entry.msgstr)}</p>"
    else:
        translation = f"<p{target}>{_segments(side(entry.diff, INSERT))}</p>"
    heading = "Reviewed translation" if entry.status == REVIEWED else "Translation (not reviewed)"
    return (
        f'<article id="{escape(entry.anchor)}" class="entry {escape(entry.status)}">'
        f"<header>{''.join(header)}</header>"
        '<div class="cols">'
        f"<div><h5>Source</h5><p{source}>{escape(entry.msgid)}</p></div>"
        f"<div><h5>{label}</h5>{draft}</div>"
        f"<div><h5>{heading}</h5>{translation}</div>"
        "</div></article>"
    )
