"""``localize engines``: which engines and language pairs work on this machine, with versions.

The main CLI registers it with ``app.command("engines")(engines)``. Listing loads no model:
engines report their pairs from installed packages and modes only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from localize.engines.auto import HOW_TO_INSTALL, PREFERENCE
from localize.engines.base import EngineOptions
from localize.engines.registry import engine_names, get_engine
from localize.errors import EngineUnavailable, LocalizeError


def engine_report(options: EngineOptions | None = None) -> list[dict[str, Any]]:
    """One entry per registered engine: name, version, pairs, and how to add pairs."""
    report = []
    for name in engine_names():
        entry: dict[str, Any] = {
            "name": name,
            "version": "",
            "pairs": [],
            "auto": name in PREFERENCE,
            "install": HOW_TO_INSTALL.get(name),
            "error": None,
            "problems": [],
        }
        try:
            engine = get_engine(name, options)
            entry["version"] = engine.version()
            entry["problems"] = engine.problems()
            entry["pairs"] = [
                {
                    "source": p.source,
                    "target": p.target,
                    "model": p.model,
                    "version": p.version,
                    "pivot": p.pivot,
                }
                for p in sorted(engine.available_pairs(), key=lambda p: (p.source, p.target))
            ]
        except (ImportError, EngineUnavailable) as error:
            # Listing must show the other engines even when one cannot load.
            entry["error"] = str(error)
        report.append(entry)
    return report


def _text(report: list[dict[str, Any]]) -> str:
    lines = []
    width = (
        max((len(p["source"]) + len(p["target"]) for e in report for p in e["pairs"]), default=0)
        + 4
    )
    for entry in report:
        version = entry["version"] or "not installed"
        note = "" if entry["auto"] else "  (never chosen by --engine auto)"
        lines.append(f"{entry['name']} {version}{note}")
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
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    models_dir: Annotated[
        Path | None,
        typer.Option("--models-dir", help="Argos packages directory (default: as for models)."),
    ] = None,
) -> None:
    """Engines and language pairs available on this machine, with versions."""
    if output_format not in ("text", "json"):
        raise LocalizeError(f"unknown --format '{output_format}'; choose text or json")
    report = engine_report(EngineOptions(models_dir=models_dir))
    if output_format == "json":
        typer.echo(json.dumps({"engines": report}, indent=2, ensure_ascii=False))
    else:
        typer.echo(_text(report))
