"""LibreTranslate: a self-hosted translation server (Argos models behind an HTTP API).

For newsrooms whose work outgrew one machine: one server, or several behind a load balancer
(docs/scaling.md), serves everyone. The catalogs, the memory and the glossary stay here; only
sentences travel, in batches (``q`` as a list), with a bounded number of requests in flight.

Failures a pool of servers produces now and then (429 when a server is busy, 5xx while one
restarts, a connection reset by a proxy, a timeout) are retried with exponential backoff a
bounded number of times; everything else is a one-line error naming the URL and the fix. The
pair is checked against ``GET /languages`` before a sentence is sent.

Glossary enforcement: LibreTranslate's ``alternatives`` are optional and many servers limit
them, so this engine offers no n-best list. The enforcement falls back to its other two
means: substituting the server's own rendering of a term (the term translated on its own),
then masking the term with a placeholder that the server passes through (``localize.enforce``).

Only the standard library is used (``urllib`` and ``concurrent.futures``), and this module is
imported only when the engine translates.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from localize.engines.base import Engine, EngineOptions, LanguagePair, Translator
from localize.errors import EngineUnavailable, LocalizeError

URL_ENV = "LOCALIZE_LIBRETRANSLATE_URL"
API_KEY_ENV = "LOCALIZE_LIBRETRANSLATE_API_KEY"
CONCURRENCY_ENV = "LOCALIZE_LIBRETRANSLATE_CONCURRENCY"
DEFAULT_CONCURRENCY = 4
# Sentences per request. A server cuts each text into sentences and batches them for its
# model, so a few dozen per request keep its batches full without one slow request holding
# a whole chunk back; servers with a --batch-limit below this refuse (see _TOO_MANY).
DEFAULT_SENTENCES_PER_REQUEST = 16
TIMEOUT_S = 120.0
ATTEMPTS = 5  # one request and four retries: 0.5 + 1 + 2 + 4 s of backoff at most
BACKOFF_S = 0.5
MAX_RETRY_AFTER_S = 30.0
_RETRY_STATUS = {429, 500, 502, 503, 504}
_NO_URL = (
    f"the libretranslate engine needs a server: pass --url http://HOST:5000 (or set {URL_ENV})"
)


@dataclass(frozen=True)
class Server:
    """Where the server is and how to talk to it."""

    url: str
    api_key: str | None = None
    timeout: float = TIMEOUT_S
    attempts: int = ATTEMPTS
    backoff: float = BACKOFF_S

    def endpoint(self, path: str) -> str:
        return self.url.rstrip("/") + path


class LibreTranslateEngine(Engine):
    name = "libretranslate"
    # Enough sentences per call that the concurrent requests all have work; the memory still
    # stores each finished call, so an interrupted run resumes from the last one.
    sentences_per_call = 256

    def __init__(
        self,
        options: EngineOptions | None = None,
        *,
        server: Server | None = None,
        concurrency: int | None = None,
    ) -> None:
        super().__init__(options)
        options = self.options
        url = options.url or os.environ.get(URL_ENV)
        api_key = options.api_key or os.environ.get(API_KEY_ENV) or None
        self.server = server or (Server(checked_url(url), api_key) if url else None)
        self.concurrency: int = (
            concurrency or options.concurrency or _env_int(CONCURRENCY_ENV) or DEFAULT_CONCURRENCY
        )
        self.sentences_per_request = options.batch_size or DEFAULT_SENTENCES_PER_REQUEST
        self._languages: list[dict[str, Any]] | None = None

    def _require(self) -> Server:
        if self.server is None:
            raise EngineUnavailable(_NO_URL)
        return self.server

    def languages(self) -> list[dict[str, Any]]:
        """The server's ``GET /languages``: ``[{"code": "en", "targets": ["es", ...]}, ...]``."""
        if self._languages is None:
            server = self._require()
            try:
                answer = _request(server, "GET", "/languages")
            except LocalizeError as error:
                # ``localize engines`` lists an engine it cannot use; it stops at nothing else.
                raise EngineUnavailable(str(error)) from None
            if not isinstance(answer, list) or not all(
                isinstance(item, dict) and "code" in item for item in answer
            ):
                raise EngineUnavailable(
                    f"{server.url}: GET /languages did not return LibreTranslate's language "
                    "list; check --url (it is the server's base address, e.g. http://HOST:5000)"
                )
            self._languages = answer
        return self._languages

    def available_pairs(self) -> list[LanguagePair]:
        server = self._require()
        return [
            LanguagePair(item["code"], target, self.name, _host(server.url), "")
            for item in self.languages()
            for target in item.get("targets", [])
            if target != item["code"]
        ]

    def missing_pair(self, source: str, target: str) -> str:
        return (
            f"the LibreTranslate server has no {source}->{target} model; install the Argos "
            f"{source}->{target} package on the server (argospm install "
            f"translate-{source}_{target}), or take the pair off its --load-only list"
        )

    def open(self, source: str, target: str) -> LibreTranslateTranslator:
        server = self._require()
        pairs = self.available_pairs()
        for pair in pairs:
            if _same(pair.source, source) and _same(pair.target, target):
                return LibreTranslateTranslator(
                    server,
                    pair,
                    self.concurrency,
                    self.sentences_per_request,
                )
        served = ", ".join(f"{p.source}->{p.target}" for p in pairs) or "none"
        raise EngineUnavailable(
            f"{server.url}: this LibreTranslate server has no {source}->{target} model "
            f"(it serves: {served}); load one on the server (libretranslate --load-only "
            f"{source},{target}) or choose another engine"
        )

    def version(self) -> str:
        """Not asked: LibreTranslate reports its version only in its API description
        (``GET /spec``), which was seen to hang a loaded server for minutes. The memory keys a
        server's drafts by its address (docs/scaling.md: keep one address's models equal)."""
        return ""


class LibreTranslateTranslator(Translator):
    """Sends batches of sentences to one server, a bounded number of requests at a time."""

    def __init__(
        self,
        server: Server,
        pair: LanguagePair,
        concurrency: int,
        sentences_per_request: int,
    ) -> None:
        self.server = server
        self.pair = pair
        self.concurrency = max(1, concurrency)
        self.sentences_per_request = max(1, sentences_per_request)
        self._pool = ThreadPoolExecutor(max_workers=self.concurrency)

    def describe(self) -> str:
        return f"libretranslate {self.pair.model}"

    def translate(self, sentences: Sequence[str]) -> list[str]:
        results = list(sentences)
        todo = [i for i, s in enumerate(sentences) if s.strip()]
        size = self.sentences_per_request
        batches = [todo[start : start + size] for start in range(0, len(todo), size)]
        answers = self._pool.map(
            self._translate_batch, [[sentences[i] for i in b] for b in batches]
        )
        for batch, translated in zip(batches, answers, strict=True):
            for index, text in zip(batch, translated, strict=True):
                results[index] = text
        return results

    def _translate_batch(self, texts: list[str]) -> list[str]:
        payload = {
            "q": texts,
            "source": self.pair.source,
            "target": self.pair.target,
            "format": "text",
        }
        if self.server.api_key:
            payload["api_key"] = self.server.api_key
        answer = _request(self.server, "POST", "/translate", payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if translated is None and isinstance(answer, dict) and answer.get("error"):
            # Some servers (and proxies) answer 200 with LibreTranslate's error object.
            said = " ".join(str(answer["error"]).split())[:200]
            raise LocalizeError(
                f"{self.server.url}: POST /translate answered with the server's error "
                f"({said}); fix the server (see its log) and run again"
            )
        if isinstance(translated, str) and len(texts) == 1:
            translated = [translated]  # servers before batch support answer a string
        if translated is None and len(texts) == 1 and isinstance(answer, dict):
            self._checked(texts[0], None)  # {"translatedText": null}: a broken model, named
        if translated is not None and not isinstance(translated, list | str):
            self._checked(texts[0], translated)  # a number or an object: raises, naming it
        if not isinstance(translated, list) or len(translated) != len(texts):
            count = len(translated) if isinstance(translated, list) else 0
            raise LocalizeError(
                f"{self.server.url}: POST /translate answered {count} "
                f"translations for {len(texts)} sentences; this server does not take q as a "
                "list: use a LibreTranslate of 1.3 or later"
            )
        return [self._checked(text, draft) for text, draft in zip(texts, translated, strict=True)]

    def _checked(self, text: str, draft: object) -> str:
        """The server's translation of ``text``, or an error: a draft that is not a string
        (``null`` from a broken model) or is empty for a sentence with words would be written
        to the catalog and kept in the memory's cache as if it were a translation."""
        if isinstance(draft, str) and (draft.strip() or not text.strip()):
            return draft
        shown = " ".join(text.split())[:60]
        what = "an empty translation" if isinstance(draft, str) else json.dumps(draft)[:40]
        raise LocalizeError(
            f"{self.server.url}: POST /translate answered {what} for '{shown}' "
            f"({self.pair.source}->{self.pair.target}); the server's model is broken or not "
            "loaded: check the server's log, then run again"
        )

    def close(self) -> None:
        # After a failed batch the others need not finish: the run stops with its error.
        self._pool.shutdown(wait=True, cancel_futures=True)


def _request(server: Server, method: str, path: str, payload: dict | None = None) -> Any:
    """One API call with bounded retries; returns the decoded JSON answer."""
    url = server.endpoint(path)
    data = json.dumps(payload).encode("utf-8") if payload is not None else None
    headers = {"Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    for attempt in range(1, server.attempts + 1):
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        retry_after: float | None = None
        try:
            with urllib.request.urlopen(request, timeout=server.timeout) as response:
                body = response.read()
            break
        except urllib.error.HTTPError as error:
            detail = _error_message(error)
            if error.code not in _RETRY_STATUS or attempt == server.attempts:
                raise _http_error(server, method, path, error.code, detail) from None
            retry_after = _retry_after(error.headers.get("Retry-After"))
        except urllib.error.URLError as error:
            reason = error.reason
            if not _transient(reason) or attempt == server.attempts:
                raise _unreachable(server, reason) from None
        except (ConnectionError, http.client.HTTPException, TimeoutError) as error:
            if attempt == server.attempts:
                raise _unreachable(server, error) from None
        delay = server.backoff * 2 ** (attempt - 1)
        delay = retry_after if retry_after is not None else delay * (0.75 + random.random() / 2)
        time.sleep(delay)
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise LocalizeError(
            f"{server.url}: {method} {path} did not answer JSON; check --url (it is the "
            "LibreTranslate server's base address, e.g. http://HOST:5000)"
        ) from None


def _transient(reason: object) -> bool:
    """Worth another try: the server or a proxy dropped the connection, or was too slow.
    A refused connection or an unknown host is a wrong URL (or a server that is down)."""
    return isinstance(reason, ConnectionResetError | ConnectionAbortedError | TimeoutError)


def _http_error(server: Server, method: str, path: str, status: int, detail: str) -> LocalizeError:
    said = f" ({detail})" if detail else ""
    if status == 403:
        return LocalizeError(
            f"{server.url}: the server refused the API key{said}; pass the right one with "
            f"--api-key (or {API_KEY_ENV})"
        )
    if status == 400 and "api key" in detail.lower():
        return LocalizeError(
            f"{server.url}: the server needs an API key{said}; pass it with --api-key "
            f"(or {API_KEY_ENV})"
        )
    if status == 400 and "exceeds text limit" in detail:
        return LocalizeError(
            f"{server.url}: the server refused a batch{said}; send fewer sentences per "
            "request with --batch-size"
        )
    if status == 404:
        return LocalizeError(
            f"{server.url}: {method} {path} was not found (404); check --url (it is the "
            "LibreTranslate server's base address, e.g. http://HOST:5000)"
        )
    if status in _RETRY_STATUS:
        return LocalizeError(
            f"{server.url}: {method} {path} still failed with HTTP {status}{said} after "
            f"{server.attempts} attempts; the server is overloaded or down: try again later"
        )
    return LocalizeError(f"{server.url}: {method} {path} failed with HTTP {status}{said}")


def _unreachable(server: Server, reason: object) -> EngineUnavailable:
    why = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return EngineUnavailable(
        f"{server.url}: cannot reach the LibreTranslate server ({why}); check --url (or "
        f"{URL_ENV}) and that the server is running"
    )


def _error_message(error: urllib.error.HTTPError) -> str:
    """LibreTranslate answers errors as ``{"error": "..."}``; other servers with anything."""
    try:
        raw = error.read()
    except OSError:
        return ""
    try:
        message = json.loads(raw.decode("utf-8")).get("error", "")
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return ""
    return " ".join(str(message).split())[:200]


def _retry_after(value: str | None) -> float | None:
    """The server's ``Retry-After`` in seconds, within bounds; dates are ignored."""
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER_S) if value else None
    except ValueError:
        return None


def checked_url(url: str) -> str:
    """The server's base address, or a one-line error naming ``url`` when it is none."""
    try:
        parsed = urllib.parse.urlsplit(url)
        parsed.port  # noqa: B018 -- read for its check: a port that is not a number raises
    except ValueError as error:  # an unclosed IPv6 bracket, a port out of range
        raise EngineUnavailable(
            f"--url '{url}' is not a valid address ({error}); give the server's base address, "
            "e.g. http://HOST:5000"
        ) from None
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise EngineUnavailable(
            f"--url '{url}' is not an http(s) address; give the server's base address, "
            "e.g. http://HOST:5000"
        )
    return url.rstrip("/")


def _host(url: str) -> str:
    """The server as the memory keys it: a pool behind one address is one model."""
    parsed = urllib.parse.urlsplit(url)
    return parsed.netloc + parsed.path.rstrip("/")


def _env_int(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise LocalizeError(f"{name}='{value}' is not a positive whole number")
    return int(value)


def _same(a: str, b: str) -> bool:
    """``zh-Hans`` serves ``zh``: LibreTranslate names some targets with a script or region."""
    a, b = a.lower().replace("_", "-"), b.lower().replace("_", "-")
    return a == b or a.split("-")[0] == b.split("-")[0]
