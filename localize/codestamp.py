"""What identifies the code that runs, for the caches of ``.localize/`` that keep results: the
version, and every file of the package by size and modification time, so that in a checkout
an edited module (or glossary data file) is never answered with results of the code before."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from localize import __version__


@lru_cache(maxsize=1)
def code_stamp() -> str:
    package = str(Path(__file__).parent)
    files = []
    for root, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        # The path inside the package, cut from the walk's folder: os.path.relpath would
        # resolve both paths again for each of the package's files, on every start.
        inside = root[len(package) + 1 :]
        for name in sorted(names):
            stat = os.stat(os.path.join(root, name))
            files.append(f"{os.path.join(inside, name)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join([__version__, *files]).encode("utf-8")).hexdigest()
