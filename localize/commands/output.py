"""Printing what a use case returned: the same lines for every command."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import typer

from localize.app.outcome import Outcome

_quiet = False
_info_on_stderr = False


def set_quiet(quiet: bool) -> None:
    """``-q``: informational lines (files written, summaries, progress) are not printed;
    a command's own output (sentences, JSON, tables, findings), warnings and errors still are.
    Every command starts here (the app's callback), so informational lines start on stdout."""
    global _quiet, _info_on_stderr
    _quiet = quiet
    _info_on_stderr = False


def is_quiet() -> bool:
    return _quiet


def info_on_stderr() -> None:
    """The command writes its document on stdout (``-o -``): informational lines go to stderr,
    so that what a pipe or a redirection receives is the document alone."""
    global _info_on_stderr
    _info_on_stderr = True


def info(text: str) -> None:
    if not _quiet:
        typer.echo(text, err=_info_on_stderr)


def report(outcome: Outcome) -> None:
    """Warnings on stderr, then the files written and the notes on stdout."""
    for warning in outcome.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for path in outcome.written:
        info(f"wrote {path}")
    for note in outcome.notes:
        info(note)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
    """A rich table on a terminal; tab-separated lines, one per row, when piped, so that no id or
    rendering is cut to fit a width and scripts can split the columns."""
    if not sys.stdout.isatty():
        typer.echo("\t".join(headers))
        for row in rows:
            typer.echo("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*headers, title=title or None)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


def echo_json(document: object, indent: int = 1) -> None:
    typer.echo(json.dumps(document, ensure_ascii=False, indent=indent))
