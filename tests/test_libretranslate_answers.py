"""What the LibreTranslate engine does with answers a real server gives only when broken: a
model that answers ``null``, nothing or a number for a sentence, or a 200 carrying the server's
own error. A tiny standard-library server on 127.0.0.1 plays the broken server (the real one in
tests/libretranslate_server.py never answers so); the answer it gives is set per test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import Any

import polib
import pytest

from conftest import run_cli, story_in

CATALOG = Path("locales/es/LC_MESSAGES/story.po")
STORY = "The cat sat in the house.\n\nThe minister said the house is open.\n"


class BrokenServer:
    """Serves en->es; ``answer(texts)`` makes the JSON body of each POST /translate."""

    def __init__(self) -> None:
        self.answer: Any = lambda texts: {"translatedText": ["ES:" + t for t in texts]}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def reply(self, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self.reply([{"code": "en", "name": "English", "targets": ["es"]}])

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                texts = json.loads(self.rfile.read(length))["q"]
                self.reply(server.answer(texts))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server() -> Iterator[BrokenServer]:
    broken = BrokenServer()
    try:
        yield broken
    finally:
        broken.httpd.shutdown()
        broken.httpd.server_close()


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return story_in(tmp_path, monkeypatch, STORY)


def translate(url: str) -> Any:
    return run_cli("translate", "story.txt", "--to", "es", "--engine", "libretranslate",
                   "--url", url)  # fmt: skip


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (lambda texts: {"translatedText": [None for _ in texts]}, "answered null for"),
        (lambda texts: {"translatedText": ["" for _ in texts]}, "an empty translation for"),
        (lambda texts: {"translatedText": ["  " for _ in texts]}, "an empty translation for"),
        (lambda texts: {"translatedText": 42}, "answered 42 for"),
        (lambda texts: {"translatedText": [{"text": t} for t in texts]}, 'answered {"text"'),
        (lambda texts: {"error": "model not loaded"}, "server's error (model not loaded)"),
    ],
    ids=["nulls", "empty", "blank", "number", "objects", "error-200"],
)
def test_a_broken_answer_is_one_line_naming_the_server(
    story: Path, server: BrokenServer, answer: Any, said: str
) -> None:
    server.answer = answer
    result = translate(server.url)
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"error: {server.url}: ") and said in result.stderr
    assert "internal error" not in result.stderr
    assert not CATALOG.exists()


def test_a_bare_null_for_a_single_sentence_is_named_as_such(
    story: Path, server: BrokenServer
) -> None:
    """One sentence is one text: a server answers it with a bare value, here null."""
    story.write_text("The cat sat in the house.\n", encoding="utf-8")
    server.answer = lambda texts: {"translatedText": None}
    result = translate(server.url)
    assert result.exit_code == 2, result.stderr
    assert "answered null for 'The cat sat" in result.stderr, result.stderr
    assert "does not take q as a list" not in result.stderr


def test_empty_answers_are_not_cached(story: Path, server: BrokenServer) -> None:
    """Once the server is fixed, the rerun gets its translations, not the broken run's."""
    server.answer = lambda texts: {"translatedText": ["" for _ in texts]}
    assert translate(server.url).exit_code == 2
    server.answer = lambda texts: {"translatedText": ["ES:" + t for t in texts]}
    result = translate(server.url)
    assert result.exit_code == 0, result.stderr
    drafts = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOG)) if e.msgid}
    assert drafts == {
        "The cat sat in the house.": "ES:The cat sat in the house.",
        "The minister said the house is open.": "ES:The minister said the house is open.",
    }
