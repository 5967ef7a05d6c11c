"""Inline SVG charts for the review report.

Horizontal positions are percentages of the chart's width and there is no viewBox: the bars
stretch with the page while text keeps its size, so a chart reads the same on a phone and on
paper. Every number drawn is also written as text, and every value the page needs is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from localize.report.figures import PostEdit, Progress

AXIS = 28  # room for the axis labels under a chart


def _svg(height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" width="100%" height="{height}" role="img" '
        f'aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _pct(value: float) -> str:
    return f"{max(0.0, min(100.0, value)):.2f}%"


def _rect(x: float, y: int, width: float, height: int, css: str, tip: str) -> str:
    return (
        f'<rect x="{_pct(x)}" y="{y}" width="{_pct(width)}" height="{height}" class="{css}">'
        f"<title>{escape(tip)}</title></rect>"
    )


def _value(value: float, y: int, text: str) -> str:
    """A bar's value at its end: outside a short bar, inside (in white) a long one."""
    if value > 80:
        return (
            f'<text x="{_pct(value)}" y="{y}" dx="-6" text-anchor="end" class="inside">'
            f"{escape(text)}</text>"
        )
    return f'<text x="{_pct(value)}" y="{y}" dx="6">{escape(text)}</text>'


def _axis(top: int, bottom: int) -> list[str]:
    parts = []
    for tick in (0, 25, 50, 75, 100):
        parts.append(f'<line x1="{tick}%" x2="{tick}%" y1="{top}" y2="{bottom}" class="grid"/>')
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        parts.append(
            f'<text x="{tick}%" y="{bottom + 18}" text-anchor="{anchor}" class="tick">{tick}</text>'
        )
    return parts


def _row(label: str, svg: str) -> str:
    """A chart row: its label as HTML text (it wraps on a narrow screen), then its bars."""
    return f'<div class="chart-row"><p class="chart-label">{escape(label)}</p>{svg}</div>'


def progress_chart(rows: Sequence[tuple[str, Progress]]) -> str:
    """One stacked bar per catalog: reviewed, fuzzy and untranslated shares of its entries."""
    shown = []
    for label, progress in rows:
        bars: list[str] = []
        x = 0.0
        for css, count in (
            ("reviewed", progress.reviewed),
            ("fuzzy", progress.fuzzy),
            ("untranslated", progress.untranslated),
        ):
            share = progress.share(count)
            if share:
                bars.append(_rect(x, 2, share, 20, css, f"{count} {css}"))
            x += share
        if not progress.total:
            bars.append(_rect(0, 2, 100, 20, "empty", "no entries"))
        shown.append(_row(label, _svg(24, f"Review progress: {label}", bars)))
    return f'<figure class="chart-group">{"".join(shown)}</figure>'


def post_edit_chart(rows: Sequence[PostEdit]) -> str:
    """Per engine and language: corpus chrF and TER as bars, each sentence's TER as a dot, on
    one 0-100 scale."""
    shown = []
    for row in rows:
        label = (
            f"{row.engine} → {row.lang}: {row.sentences} reviewed sentences, "
            f"{row.unchanged} drafts kept as they were"
        )
        body = _axis(0, 62)  # first, so that the bars are drawn over the grid
        body.append(_rect(0, 4, row.chrf, 18, "chrf", f"chrF {row.chrf:.1f}"))
        body.append(_value(row.chrf, 18, f"chrF {row.chrf:.1f}"))
        body.append(_rect(0, 26, row.ter, 18, "ter", f"TER {row.ter:.1f}"))
        body.append(_value(min(row.ter, 100.0), 40, f"TER {row.ter:.1f}"))
        for ter in row.sentence_ter:
            body.append(
                f'<circle cx="{_pct(ter)}" cy="54" r="4" class="dot">'
                f"<title>sentence TER {ter:.1f}</title></circle>"
            )
        title = f"Post-edit distance, {row.engine} to {row.lang}"
        shown.append(_row(label, _svg(62 + AXIS, title, body)))
    return f'<figure class="chart-group">{"".join(shown)}</figure>'
