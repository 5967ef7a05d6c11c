"""engines: which engines and language pairs work on this machine, with versions. Listing
loads no model: engines report their pairs from installed packages and modes only."""

from __future__ import annotations

from typing import Any

from localize.engines.auto import HOW_TO_INSTALL, PREFERENCE
from localize.engines.base import EngineOptions
from localize.engines.registry import engine_names, get_engine
from localize.errors import EngineUnavailable


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
