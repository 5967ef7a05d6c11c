# ruff: noqa: F811  (pytest fixtures imported from argos_fixtures are redefined as arguments)
"""Hostile model archives and package indexes (issue 14): every one fails fast with one line,
and nothing lands in the models directory. Servers listen on 127.0.0.1 only and stop by
themselves; every download is bounded by a small size or time limit."""

from __future__ import annotations

import http.server
import json
import os
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from localize.commands.models import app
from localize.engines import argos_packages as models
from localize.errors import LocalizeError

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


# --- 8: the package index and the package download are bounded in size and time ------------


class _Hostile(http.server.BaseHTTPRequestHandler):
    """/endless streams zeros without a length, /drip one byte every 50 ms; both give up by
    themselves after 256 MiB or 20 s, so that a client without limits cannot hang the test."""

    index = b"[]"

    def do_GET(self) -> None:
        if self.path == "/index.json":
            self.send_response(200)
            self.send_header("Content-Length", str(len(self.index)))
            self.end_headers()
            self.wfile.write(self.index)
            return
        self.send_response(200)
        self.end_headers()
        chunk = bytes(1 << 16) if self.path == "/endless" else b"["
        deadline, sent = time.monotonic() + 20, 0
        try:
            while time.monotonic() < deadline and sent < 256 << 20:
                self.wfile.write(chunk)
                sent += len(chunk)
                if self.path == "/drip":
                    time.sleep(0.05)
        except OSError:
            pass  # the client hung up: what a bounded client does

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hostile_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_port}"
    _Hostile.index = json.dumps(
        [{"from_code": "en", "to_code": "es", "package_version": "1", "links": [f"{base}/endless"]}]
    ).encode()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def test_an_endless_index_is_cut_at_the_size_limit(
    hostile_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "MAX_INDEX_BYTES", 1 << 20)
    with pytest.raises(LocalizeError, match="larger than 1 MiB"):
        models.fetch_index(f"{hostile_server}/endless", timeout=5)


def test_a_dripping_index_is_cut_at_the_total_time_limit(hostile_server: str) -> None:
    # Each byte comes well within the socket timeout: only a limit on the total time stops it.
    with pytest.raises(LocalizeError, match="did not finish within 0.5 s"):
        models.fetch_index(f"{hostile_server}/drip", timeout=0.5)


def test_an_endless_package_download_is_cut_and_nothing_lands(
    hostile_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "MAX_DOWNLOAD_BYTES", 4 << 20)
    directory = tmp_path / "models"
    with pytest.raises(LocalizeError, match="larger than 4 MiB"):
        models.install_from_index("en", "es", directory, url=f"{hostile_server}/index.json")
    assert not [p for p in directory.iterdir()]


# --- 13: archives zipfile cannot read are the user's problem, not an internal error ---------


def patched_member(
    source: Path, output: Path, *, flags: int = 0, method: int | None = None
) -> Path:
    """The tiny package with its README's zip headers changed: general-purpose ``flags`` bits
    set (bit 0: encrypted) and/or the compression ``method`` (9: deflate64)."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as zf:
        [info] = [i for i in zf.infolist() if i.filename.endswith("README.md")]
    local = info.header_offset
    central = data.index(b"PK\x01\x02")
    while not data[central + 46 :].startswith(info.filename.encode()):
        central = data.index(b"PK\x01\x02", central + 4)
    for flag_at, method_at in ((local + 6, local + 8), (central + 8, central + 10)):
        data[flag_at] |= flags
        if method is not None:
            data[method_at : method_at + 2] = method.to_bytes(2, "little")
    output.write_bytes(bytes(data))
    return output


@pytest.mark.parametrize(
    ("case", "fragment"), [("encrypted", "encrypted"), ("deflate64", "compression method")]
)
def test_unreadable_members_are_one_line_errors(
    case: str, fragment: str, tiny_model: Path, tmp_path: Path
) -> None:
    archive = tmp_path / f"{case}.argosmodel"
    if case == "encrypted":
        patched_member(tiny_model, archive, flags=1)
    else:
        patched_member(tiny_model, archive, method=9)
    directory = tmp_path / "models"
    code, _, err = run("install", archive, "--models-dir", directory)
    assert_refused(code, err, directory, archive.name, "README.md", fragment)


# --- 16: language codes in metadata.json are validated ---------------------------------------


@pytest.mark.parametrize("code", ["../x", "es; rm -rf /", "e", "es/../../etc", "Español"])
def test_hostile_language_codes_in_metadata_are_refused(
    code: str, tiny_model: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(tiny_model) as zf:
        meta = json.loads(zf.read(f"{TOP}/metadata.json"))
    meta["to_code"] = code
    archive = tmp_path / "hostile.argosmodel"
    with zipfile.ZipFile(tiny_model) as zin, zipfile.ZipFile(archive, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, json.dumps(meta) if "metadata" in info.filename else data)
    directory = tmp_path / "models"
    code_, _, err = run("install", archive, "--models-dir", directory)
    assert_refused(code_, err, directory, "hostile.argosmodel", "language code")


def test_an_installed_package_with_a_hostile_code_is_not_listed(
    tiny_model: Path, tmp_path: Path
) -> None:
    directory = tmp_path / "models"
    assert run("install", tiny_model, "--models-dir", directory)[0] == 0
    metadata = directory / TOP / "metadata.json"
    meta = json.loads(metadata.read_text())
    metadata.write_text(json.dumps({**meta, "from_code": "../x"}))
    assert models.installed_packages(directory) == []
    assert any("language code" in problem for problem in models.unreadable_packages(directory))
