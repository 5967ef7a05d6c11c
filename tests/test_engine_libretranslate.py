# ruff: noqa: F811  (pytest fixtures imported from other modules are redefined as arguments)
"""The LibreTranslate engine against a real LibreTranslate server (tests/libretranslate_server.py)
serving the same tiny en->es Argos package the Argos engine tests use.

Only the retry paths put a small relay in front of the real server (it fails a request on
purpose, then forwards); the relay also counts what reaches the server.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import polib
import pytest

from localize.engines.base import EngineOptions
from localize.engines.libretranslate import LibreTranslateEngine, Server
from localize.errors import EngineUnavailable, LocalizeError
from localize.glossary import resolve_glossary

from argos_fixtures import (  # noqa: F401
    TINY_SOURCES,
    TINY_TRANSLATIONS,
    models_dir,
    tiny_model,
)
from conftest import msgfmt_check, run_cli, story_in
from libretranslate_server import LibreTranslateServer, libretranslate  # noqa: F401

CATALOG = Path("locales/es/LC_MESSAGES/story.po")


class Relay:
    """An HTTP relay on 127.0.0.1 in front of the real server: answers the next requests with
    the planned failures (an HTTP status, or ``"reset"`` to drop the connection), forwards the
    rest, and records every request."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.plan: list[int | str] = []
        self.requests: list[tuple[str, str, dict | None]] = []
        self.lock = threading.Lock()
        relay = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                relay.handle(self, None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                relay.handle(self, self.rfile.read(length))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def translated_texts(self) -> list[str]:
        return [t for method, path, body in self.requests if body and path == "/translate"
                for t in body["q"]]  # fmt: skip

    def posts(self) -> int:
        return sum(1 for method, path, _ in self.requests if method == "POST")

    def handle(self, handler: BaseHTTPRequestHandler, body: bytes | None) -> None:
        with self.lock:
            self.requests.append(
                (handler.command, handler.path, json.loads(body) if body else None)
            )
            failure = self.plan.pop(0) if self.plan else None
        if failure == "reset":
            # SO_LINGER 0: close() sends a TCP reset, as a proxy dropping the connection does.
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.connection.close()
            handler.close_connection = True
            return
        if isinstance(failure, int):
            payload = json.dumps({"error": f"planned failure {failure}"}).encode()
            handler.send_response(failure)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            if failure == 429:
                handler.send_header("Retry-After", "0")
            handler.end_headers()
            handler.wfile.write(payload)
            return
        request = urllib.request.Request(
            self.upstream + handler.path,
            data=body,
            method=handler.command,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, answer = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, answer = error.code, error.read()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(answer)))
        handler.end_headers()
        handler.wfile.write(answer)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def relay(libretranslate: LibreTranslateServer) -> Iterator[Relay]:
    proxy = Relay(libretranslate.url)
    try:
        yield proxy
    finally:
        proxy.close()


@pytest.fixture
def engine(libretranslate: LibreTranslateServer) -> LibreTranslateEngine:
    return LibreTranslateEngine(
        EngineOptions(url=libretranslate.url, api_key=libretranslate.api_key)
    )


# Short: the tiny model behind LibreTranslate takes up to seconds per sentence on a loaded
# 2-core machine (argostranslate's own decoding path, measured), where localize's Argos engine
# takes tens of milliseconds; the example articles would make each test take minutes.
STORY = """\
Ministers of the Shanghai Cooperation Organization met in Dushanbe.

The minister said the house of peace is open to the world.

The Belt and Road Initiative was discussed on 14 July 2021.

The cat sat in the house.
"""


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return story_in(tmp_path, monkeypatch, STORY)


def server_args(url: str, key: str) -> list[str]:
    return ["--engine", "libretranslate", "--url", url, "--api-key", key]


# -- the engine on its own ---------------------------------------------------------------------
def test_translates_batch_as_the_argos_engine_does(engine: LibreTranslateEngine) -> None:
    translator = engine.open("en", "es")
    # The same outputs as the local Argos engine gets from the same package.
    assert translator.translate(TINY_SOURCES) == TINY_TRANSLATIONS
    assert translator.describe() == f"libretranslate {engine.server.url[len('http://') :]}"
    translator.close()


def test_no_nbest_from_the_server(engine: LibreTranslateEngine) -> None:
    translator = engine.open("en", "es")
    assert translator.translate_nbest(["for the sake of peace"], 3) == [["for the sake of paz"]]


def test_batches_go_out_concurrently_in_order(
    libretranslate: LibreTranslateServer, relay: Relay
) -> None:
    engine = LibreTranslateEngine(
        EngineOptions(url=relay.url, api_key=libretranslate.api_key, batch_size=3),
        concurrency=3,
    )
    translator = engine.open("en", "es")
    sources = [f"The house number {i} is in the world." for i in range(10)]
    assert translator.translate(sources) == [
        f"The casa number {i} is in the mundo." for i in range(10)
    ]
    bodies = [body for method, _, body in relay.requests if method == "POST"]
    assert sorted(len(b["q"]) for b in bodies) == [1, 3, 3, 3]
    assert all(b["format"] == "text" and b["api_key"] == libretranslate.api_key for b in bodies)
    assert sorted(relay.translated_texts()) == sorted(sources)


def test_unsupported_pair_names_what_the_server_has(engine: LibreTranslateEngine) -> None:
    with pytest.raises(EngineUnavailable, match=r"no en->fr model \(it serves: en->es\)"):
        engine.open("en", "fr")


def test_refused_key_is_one_clear_line(libretranslate: LibreTranslateServer) -> None:
    engine = LibreTranslateEngine(EngineOptions(url=libretranslate.url, api_key="wrong"))
    with pytest.raises(LocalizeError, match="refused the API key .*Invalid API key.*--api-key"):
        engine.open("en", "es").translate(["The house."])


def test_missing_key_is_one_clear_line(libretranslate: LibreTranslateServer) -> None:
    engine = LibreTranslateEngine(EngineOptions(url=libretranslate.url))
    with pytest.raises(LocalizeError, match="needs an API key .*--api-key"):
        engine.open("en", "es").translate(["The house."])


def test_wrong_urls_are_one_clear_line(libretranslate: LibreTranslateServer) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with pytest.raises(EngineUnavailable, match="cannot reach .*refused.*check --url"):
        LibreTranslateEngine(EngineOptions(url=closed)).available_pairs()
    with pytest.raises(EngineUnavailable, match=r"GET /languages was not found \(404\)"):
        LibreTranslateEngine(EngineOptions(url=libretranslate.url + "/v2")).available_pairs()
    with pytest.raises(LocalizeError, match="not an http"):
        LibreTranslateEngine(EngineOptions(url="127.0.0.1:5000"))
    with pytest.raises(EngineUnavailable, match="needs a server: pass --url"):
        LibreTranslateEngine(EngineOptions()).open("en", "es")


@pytest.mark.parametrize("failures", [[503, 429], ["reset", 502]])
def test_busy_or_restarting_server_is_retried(
    libretranslate: LibreTranslateServer, relay: Relay, failures: list[int | str]
) -> None:
    server = Server(relay.url, libretranslate.api_key, backoff=0.01)
    translator = LibreTranslateEngine(server=server).open("en", "es")
    relay.plan = list(failures)
    assert translator.translate(["The cat sat in the house."]) == ["The gato sat in the casa."]
    assert relay.posts() == 3  # two failures, then the answer


def test_retries_are_bounded(libretranslate: LibreTranslateServer, relay: Relay) -> None:
    server = Server(relay.url, libretranslate.api_key, attempts=3, backoff=0.01)
    translator = LibreTranslateEngine(server=server).open("en", "es")
    relay.plan = [503] * 10
    with pytest.raises(LocalizeError, match="still failed with HTTP 503 .* after 3 attempts"):
        translator.translate(["The house."])
    assert relay.posts() == 3


# -- through the CLI, as the local engines are tested ---------------------------------------------
def test_translate_and_update_through_the_server(
    story: Path, libretranslate: LibreTranslateServer, relay: Relay
) -> None:
    args = server_args(relay.url, libretranslate.api_key)
    result = run_cli("translate", "story.txt", "--to", "es", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    assert summary["machine_translated"] == 4 and summary["untranslated"] == 0
    msgfmt_check(CATALOG)
    po = polib.pofile(str(CATALOG))
    provenance = f"machine translation: libretranslate {relay.url[7:]} [draft"
    assert all("fuzzy" in e.flags and provenance in e.comment for e in po if e.msgid)

    glossary = resolve_glossary(None, Path.cwd())
    termed = [e for e in po if glossary.match(e.msgid)]
    assert termed
    for entry in termed:
        missing = [
            m.entry
            for m in glossary.match(entry.msgid)
            if m.entry.covers("es") and not glossary.has_approved(m.entry, "es", entry.msgstr)
        ]
        # Carried (substituted or masked: no n-best from the server) or flagged, never silent.
        assert not missing or "glossary-missing" in entry.flags, entry.msgid
    placed = [
        line
        for e in termed
        for line in e.comment.splitlines()
        if line.startswith("glossary placed")
    ]
    # No n-best from the server: every placed term was substituted or masked.
    assert len(placed) == 3
    assert all("substituted for" in line or "masked with a placeholder" in line for line in placed)

    # A rerun finds everything in the memory: nothing more reaches the server.
    sent = relay.posts()
    again = run_cli("translate", "story.txt", "--to", "es", *args)
    assert again.exit_code == 0, again.stderr
    assert relay.posts() == sent

    # An edited article sends only what is new.
    text = story.read_text(encoding="utf-8")
    story.write_text(text + "\nThe minister visited the house of peace.\n", encoding="utf-8")
    before = len(relay.translated_texts())
    updated = run_cli("update", "story.txt", *args, "--format", "json")
    assert updated.exit_code == 0, updated.stderr
    assert json.loads(updated.stdout)["locales"]["es"]["machine_translated"] == 1
    new_texts = relay.translated_texts()[before:]
    assert new_texts and all(t not in text for t in new_texts)
    po = polib.pofile(str(CATALOG))
    assert po.find("The minister visited the house of peace.").msgstr == (
        "The ministro visited the casa of paz."
    )
    msgfmt_check(CATALOG)


def test_server_gives_the_argos_engine_drafts(
    story: Path,
    libretranslate: LibreTranslateServer,
    models_dir: Path,
) -> None:
    """The same package through the server and locally: the same draft for every sentence
    without glossary terms (those with terms may differ: locally n-best is tried first)."""
    served = run_cli(
        "translate", "story.txt", "--to", "es", "--locales-dir", "served",
        *server_args(libretranslate.url, libretranslate.api_key),
    )  # fmt: skip
    assert served.exit_code == 0, served.stderr
    local = run_cli(
        "translate", "story.txt", "--to", "es", "--locales-dir", "local",
        "--engine", "argos", "--models-dir", str(models_dir),
    )  # fmt: skip
    assert local.exit_code == 0, local.stderr
    glossary = resolve_glossary(None, Path.cwd())
    drafts = {
        name: {e.msgid: e.msgstr for e in polib.pofile(f"{name}/es/LC_MESSAGES/story.po")}
        for name in ("served", "local")
    }
    plain = [msgid for msgid in drafts["local"] if msgid and not glossary.match(msgid)]
    assert len(plain) == 2
    assert [drafts["served"][m] for m in plain] == [drafts["local"][m] for m in plain]


def test_server_settings_from_the_environment(
    story: Path, libretranslate: LibreTranslateServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCALIZE_LIBRETRANSLATE_URL", libretranslate.url)
    monkeypatch.setenv("LOCALIZE_LIBRETRANSLATE_API_KEY", libretranslate.api_key)
    result = run_cli("translate", "story.txt", "--to", "es", "--engine", "libretranslate")
    assert result.exit_code == 0, result.stderr
    msgfmt_check(CATALOG)


def test_engines_lists_a_reachable_server_as_there(
    story: Path, libretranslate: LibreTranslateServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server is not asked for its version: its pairs say it is there."""
    monkeypatch.setenv("LOCALIZE_LIBRETRANSLATE_URL", libretranslate.url)
    monkeypatch.setenv("LOCALIZE_LIBRETRANSLATE_API_KEY", libretranslate.api_key)
    listing = run_cli("engines").stdout
    assert "en->es" in listing.split("libretranslate", 1)[1], listing
    assert "libretranslate not installed" not in listing


@pytest.mark.parametrize(
    ("to", "key", "url_suffix", "message"),
    [
        ("es", "wrong", "", "refused the API key"),
        ("es", None, "/api", "was not found (404)"),
    ],
)
def test_cli_errors_are_one_line_and_write_no_catalog(
    story: Path,
    libretranslate: LibreTranslateServer,
    to: str,
    key: str | None,
    url_suffix: str,
    message: str,
) -> None:
    key = key or libretranslate.api_key
    args = server_args(libretranslate.url + url_suffix, key)
    result = run_cli("translate", "story.txt", "--to", to, *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not Path(f"locales/{to}/LC_MESSAGES/story.po").exists()


def test_a_pair_the_server_lacks_leaves_that_language_for_translators(
    story: Path, libretranslate: LibreTranslateServer
) -> None:
    """As with every engine: the catalog is written, the language listed once, exit 3."""
    args = server_args(libretranslate.url, libretranslate.api_key)
    result = run_cli("translate", "story.txt", "--to", "es,fr", *args)
    assert result.exit_code == 3, result.stderr
    [line] = [x for x in result.stderr.splitlines() if "left for translators" in x]
    assert line.startswith("fr: ") and "en->fr" in line
    msgfmt_check(Path("locales/fr/LC_MESSAGES/story.po"))
    assert Path("locales/es/LC_MESSAGES/story.po").is_file()
