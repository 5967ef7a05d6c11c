"""The one outcome type every use case returns (or extends with its own counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Outcome:
    """What a use case did, for the command line to print: the files it wrote, warnings for
    stderr, and notes for stdout."""

    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
