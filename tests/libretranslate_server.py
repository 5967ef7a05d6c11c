"""A real LibreTranslate server on 127.0.0.1 serving the committed tiny en->es Argos package.

LibreTranslate lives in its own virtualenv (scripts/setup_libretranslate.sh, made once and
reused from .cache/). Everything the server could fetch at start is either present or pointed
at a closed port on this machine, so it starts with no network:

- models: the tiny package is installed into a fresh ARGOS_PACKAGES_DIR; the server is run
  without --update-models. With fewer than two packages installed LibreTranslate still tries to
  refresh the Argos index at start (libretranslate/init.py) and, without a local index file,
  argostranslate recurses on the failure about a thousand times (package.py:
  get_available_packages). An empty local index and ARGOS_PACKAGE_INDEX on a closed loopback
  port make that one refused connection, after which the server starts.
- sentence splitting: Argos cuts every text with a MiniSBD model, downloaded at the first
  request unless the package carries one; the fixture adds one that never splits
  (tests/fixtures/make_sbd_model.py), as localize sends one sentence per text anyway.
- HOME and the XDG directories point into the temporary directory.

The server runs with API keys on (``--api-keys``, and ``--require-api-key-origin`` so a request
without a key is refused): the tests use the key, and a wrong key meets the real 403.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
TINY_MODEL = FIXTURES / "translate-en_es-tiny.argosmodel"
SETUP = REPO / "scripts" / "setup_libretranslate.sh"
VENV = Path(os.environ.get("LOCALIZE_LIBRETRANSLATE_VENV", REPO / ".cache" / "libretranslate-venv"))
API_KEY = "localize-test-key"
START_TIMEOUT_S = 180.0


@dataclass
class LibreTranslateServer:
    url: str
    api_key: str
    log: Path
    process: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_venv() -> Path:
    """The LibreTranslate virtualenv, installed on first use; a failure stops the tests."""
    done = subprocess.run(["bash", str(SETUP)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(
            f"could not set up LibreTranslate ({SETUP} exited {done.returncode}): "
            f"{done.stderr.strip()[-1500:]}"
        )
    return VENV


def server_environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LT_", "ARGOS_"))}
    env.update(
        HOME=str(home / "home"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        ARGOS_PACKAGES_DIR=str(home / "packages"),
        # Nothing listens on port 9 here: an index refresh is refused at once, on this machine.
        ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/",
        PYTHONUNBUFFERED="1",
    )
    return env


def prepare_models(venv: Path, env: Mapping[str, str], home: Path) -> None:
    """Install the tiny package, give it a sentence splitter, and write an empty index."""
    python = str(venv / "bin" / "python")
    for name in ("home", "data/argos-translate", "cache", "config", "packages"):
        (home / name).mkdir(parents=True, exist_ok=True)
    (home / "data" / "argos-translate" / "index.json").write_text("[]", encoding="utf-8")
    install = (
        "import sys, argostranslate.package as p\n"
        "p.install_from_path(sys.argv[1])\n"
        "print(p.get_installed_packages()[0].package_path)"
    )
    done = subprocess.run(
        [python, "-c", install, str(TINY_MODEL)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-1500:]
    package = Path(done.stdout.strip().splitlines()[-1])
    (package / "minisbd").mkdir(exist_ok=True)
    done = subprocess.run(
        [python, str(FIXTURES / "make_sbd_model.py"), str(package / "minisbd" / "en.onnx")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-1500:]


def add_api_key(venv: Path, env: Mapping[str, str], database: Path, key: str) -> None:
    script = (
        "import sys\nfrom libretranslate.api_keys import Database\n"
        "Database(sys.argv[1]).add(100000, sys.argv[2], 0)"
    )
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", script, str(database), key],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-1500:]


def wait_until_up(server: LibreTranslateServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(
                f"LibreTranslate exited ({server.process.returncode}) before answering:\n"
                + server.log_text()[-3000:]
            )
        try:
            with urllib.request.urlopen(server.url + "/languages", timeout=2) as response:
                json.load(response)
                return
        except OSError:
            time.sleep(0.3)
    stop(server)
    pytest.fail(
        f"LibreTranslate did not answer /languages within {START_TIMEOUT_S:.0f} s:\n"
        + server.log_text()[-3000:]
    )


def stop(server: LibreTranslateServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def start_server(home: Path, *, threads: int = 4) -> LibreTranslateServer:
    """Start LibreTranslate under ``home`` (a fresh directory) and wait until it answers."""
    assert TINY_MODEL.is_file(), "run: python tests/fixtures/make_model.py"
    venv = ensure_venv()
    env = server_environment(home)
    prepare_models(venv, env, home)
    keys = home / "api_keys.db"
    add_api_key(venv, env, keys, API_KEY)
    port = free_port()
    log = home / "server.log"
    argv = [
        str(venv / "bin" / "libretranslate"),
        *("--host", "127.0.0.1", "--port", str(port)),
        *("--load-only", "en,es"),
        "--disable-web-ui",
        *("--threads", str(threads)),
        "--api-keys",
        *("--api-keys-db-path", str(keys)),
        # Only a page served from this (non-existent) origin may go without a key.
        *("--require-api-key-origin", r"^https://localize\.invalid$"),
    ]
    with open(log, "wb") as output:
        process = subprocess.Popen(argv, env=env, cwd=home, stdout=output, stderr=subprocess.STDOUT)
    server = LibreTranslateServer(f"http://127.0.0.1:{port}", API_KEY, log, process)
    wait_until_up(server)
    return server


@pytest.fixture(scope="session")
def libretranslate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreTranslateServer]:
    home = tmp_path_factory.mktemp("libretranslate")
    server = start_server(home)
    try:
        yield server
    finally:
        stop(server)
        shutil.rmtree(home / "packages", ignore_errors=True)
