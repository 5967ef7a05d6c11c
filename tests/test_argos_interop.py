"""Packages installed by Argos Translate's own tools and by ``localize models install`` see each
other: a newsroom that already uses argospm or LibreTranslate keeps one models directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from argos_fixtures import TINY_MODEL
from conftest import run_cli


def _argos(models_dir: Path, code: str) -> str:
    """Run argostranslate.package in a fresh interpreter: its settings read the environment once,
    at import, as they do in argospm and LibreTranslate."""
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(models_dir)}
    done = subprocess.run(
        [sys.executable, "-c", "import argostranslate.package as p\n" + code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_package_installed_by_argostranslate_is_used_by_localize(
    tmp_path: Path, monkeypatch
) -> None:
    models = tmp_path / "argos-packages"
    _argos(models, f"p.install_from_path({str(TINY_MODEL)!r})")
    monkeypatch.chdir(tmp_path)
    listed = run_cli("models", "list", "--models-dir", models, "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    installed = json.loads(listed.stdout)["installed"]
    assert [(m["source"], m["target"]) for m in installed] == [("en", "es")]
    Path("story.txt").write_text("The ministers met in Astana.\n", encoding="utf-8")
    done = run_cli(
        "translate", "story.txt", "--to", "es", "--engine", "argos", "--models-dir", models
    )
    assert done.exit_code == 0, done.stderr
    assert "argos" in Path("locales/es/LC_MESSAGES/story.po").read_text(encoding="utf-8")


def test_a_package_installed_by_localize_is_seen_by_argostranslate(tmp_path: Path) -> None:
    models = tmp_path / "localize-models"
    installed = run_cli("models", "install", TINY_MODEL, "--models-dir", models)
    assert installed.exit_code == 0, installed.stderr
    out = _argos(
        models,
        "print([(q.from_code, q.to_code) for q in p.get_installed_packages()])",
    )
    assert out.strip() == "[('en', 'es')]"
