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
