# ruff: noqa: F811  (pytest fixtures imported from argos_fixtures are redefined as arguments)
"""Hostile model archives and package indexes (issue 14): every one fails fast with one line,
and nothing lands in the models directory. Servers listen on 127.0.0.1 only and stop by
themselves; every download is bounded by a small size or time limit."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from localize import models
from localize.commands.models import app

from argos_fixtures import tiny_model  # noqa: F401

TOP = "translate-en_es-tiny"


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def archive_with(
    source: Path, output: Path, extra: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    """The tiny package plus ``extra`` members (name inside the top folder -> data)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(output, "w", compression) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        for name, data in extra.items():
            zout.writestr(f"{TOP}/{name}", data)
    return output


def assert_refused(code: int, err: str, directory: Path, *fragments: str) -> None:
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    assert not directory.exists() or not [p for p in directory.iterdir()]


# --- 7: an archive that inflates far beyond its size -------------------------------------


def test_a_zip_bomb_is_refused_before_it_is_inflated(tiny_model: Path, tmp_path: Path) -> None:
    # 64 MiB of zeros deflate to about 64 KB: a ratio no model package comes near.
    bomb = archive_with(tiny_model, tmp_path / "bomb.argosmodel", {"pad.bin": bytes(64 << 20)})
    assert bomb.stat().st_size < 1 << 20
    directory = tmp_path / "models"
    code, _, err = run("install", bomb, "--models-dir", directory)
    assert_refused(code, err, directory, "bomb.argosmodel", "inflate")


def test_an_archive_over_the_unpacked_size_cap_is_refused(
    tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "MAX_UNPACKED_BYTES", 1 << 20)
    big = archive_with(
        tiny_model, tmp_path / "big.argosmodel", {"weights.bin": os.urandom(2 << 20)}
    )
    directory = tmp_path / "models"
    code, _, err = run("install", big, "--models-dir", directory)
    assert_refused(code, err, directory, "big.argosmodel", "MiB")


def test_the_real_tiny_package_is_within_the_caps(tiny_model: Path, tmp_path: Path) -> None:
    code, _, err = run("install", tiny_model, "--models-dir", tmp_path / "models")
    assert code == 0, err
