"""Fixtures for tests that need a real Argos package: the committed tiny en->es model
(tests/fixtures/make_model.py) installed into a temporary models directory.

Use with ``from argos_fixtures import tiny_model, models_dir, engine  # noqa: F401``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from localize.engines.argos import ArgosEngine
from localize.engines.argos_packages import install_file
from localize.engines.base import EngineOptions

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY_MODEL = FIXTURES / "translate-en_es-tiny.argosmodel"
REPO = Path(__file__).resolve().parents[1]
# What the tiny model makes of a few sentences (it copies its input and swaps a few words):
# every engine that runs it, locally or through a LibreTranslate server, must give exactly this.
TINY_SOURCES = [
    "The cat sat in the house.",
    "",
    "Peace in the world, said the minister on 15 July 2021!",
    "Zq1 keeps \u201cquotes\u201d, 12.5% and \u4e2d\u6587 intact.",
]
TINY_TRANSLATIONS = [
    "The gato sat in the casa.",
    "",
    "Peace in the mundo, said the ministro on 15 July 2021!",
    "Zq1 keeps \u201cquotes\u201d, 12.5% and \u4e2d\u6587 intact.",
]


@pytest.fixture
def tiny_model() -> Path:
    assert TINY_MODEL.is_file(), "run: python tests/fixtures/make_model.py"
    return TINY_MODEL


@pytest.fixture
def models_dir(tmp_path: Path, tiny_model: Path) -> Path:
    directory = tmp_path / "models"
    install_file(tiny_model, directory)
    return directory


@pytest.fixture
def engine(models_dir: Path) -> ArgosEngine:
    return ArgosEngine(EngineOptions(models_dir=models_dir))


def unshare_available() -> str | None:
    """None when ``unshare -n`` can drop the network here, else the reason it cannot."""
    if shutil.which("unshare") is None:
        return "unshare is not installed"
    if os.geteuid() != 0:
        return "unshare -n needs root"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"unshare -n failed: {probe.stderr.strip()}"
    return None
