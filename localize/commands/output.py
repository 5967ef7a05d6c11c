"""Printing what a use case returned: the same lines for every command."""

from __future__ import annotations

import json

import typer

from localize.app.outcome import Outcome


def report(outcome: Outcome) -> None:
    """Warnings on stderr, then the files written and the notes on stdout."""
    for warning in outcome.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for path in outcome.written:
        typer.echo(f"wrote {path}")
    for note in outcome.notes:
        typer.echo(note)


def echo_json(document: object, indent: int = 1) -> None:
    typer.echo(json.dumps(document, ensure_ascii=False, indent=indent))
