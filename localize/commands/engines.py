"""``localize engines``: which engines and language pairs work on this machine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from localize.commands.options import OutputFormat, OutputFormatOpt
from localize.commands.output import echo_json


def _text(report: list[dict[str, Any]]) -> str:
    lines = []
    width = (
        max((len(p["source"]) + len(p["target"]) for e in report for p in e["pairs"]), default=0)
        + 4
    )
    for entry in report:
        # An engine that serves pairs is there, whether or not it tells its version (a
        # LibreTranslate server is not asked for it).
        version = entry["version"] or ("" if entry["pairs"] else "not installed")
        note = "" if entry["auto"] else "  (never chosen by --engine auto)"
        lines.append(f"{entry['name']} {version}".rstrip() + note)
        if entry["error"]:
            lines.append(f"  unavailable: {entry['error']}")
        lines.extend(f"  skipped: {problem}" for problem in entry["problems"])
        for pair in entry["pairs"]:
            target = "any" if pair["target"] == "*" else pair["target"]
            via = f" via {pair['pivot']}" if pair["pivot"] else ""
            name = f"{pair['source']}->{target}"
            lines.append(f"  {name:<{width}} {pair['model']} {pair['version']}{via}")
        if not entry["pairs"] and entry["install"]:
            lines.append(f"  no pairs installed; add one with: {entry['install']}")
    return "\n".join(lines)


def engines(
    output_format: OutputFormatOpt = "text",
    models_dir: Annotated[
        Path | None,
        typer.Option("--models-dir", help="Argos packages directory (default: as for models)."),
    ] = None,
) -> None:
    """Engines and language pairs available on this machine, with versions."""
    fmt = OutputFormat.parse(output_format, "--format")
    from localize.app.engines import engine_report
    from localize.engines.base import EngineOptions

    report = engine_report(EngineOptions(models_dir=models_dir))
    if fmt is OutputFormat.JSON:
        echo_json({"engines": report}, indent=2)
    else:
        typer.echo(_text(report))
