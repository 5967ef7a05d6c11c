"""What identifies the code that runs, for the caches of ``.localize/`` that keep results: the
version, and every file of the package by size and modification time, so that in a checkout
an edited module (or glossary data file) is never answered with results of the code before.
The Snowball stemmers' library (PyStemmer) is named the same way: the glossary's stored
patterns and its notes keep the stems it gave, and another release may stem differently."""

from __future__ import annotations

import hashlib
import importlib.util
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
    files.append(_file_stamp("Stemmer"))
    return hashlib.sha256("\n".join([__version__, *files]).encode("utf-8")).hexdigest()


def _file_stamp(module: str) -> str:
    """A top-level module's file by size and modification time, found without importing it
    (a reinstall of another release replaces the file); "absent" when it is not installed."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return f"{module}:absent"
    stat = os.stat(spec.origin)
    return f"{module}:{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}"
