"""An update's engines chosen, and the translators of those that open ahead started, in a
thread of their own while the update reads the article: kept out of ``app.translate`` so that
the thread starts before that module's imports (about 60 ms) rather than after them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from localize.app.engine_choice import engines_for
from localize.errors import LocalizeError
from localize.languages import base_language

if TYPE_CHECKING:
    from localize.app.results import MachineTranslation
    from localize.engines.base import Engine, Translator


class StartedEarly:
    """An update's engines chosen, and the translators of those that start ahead
    (``Engine.open_ahead``: Apertium's programs, 0.2-0.4 s loading their dictionaries) opened,
    in a thread of their own while the caller reads the article, the glossary and the
    catalogs' indexes. An update the stamp did not replay has changed sentences, most often
    one an engine gets: the programs are then ready sooner than when opened after the delta
    plans. ``update_articles(started=...)`` takes the engines and the translators it uses;
    ``close`` closes the others (their start spent for nothing: an update whose changes the
    catalogs, the memory or the cache answer). A problem choosing or opening is left to the
    run, which meets it where it did before."""

    def __init__(self, mt: MachineTranslation, source: str, langs: list[str]) -> None:
        self._asked = (mt, source, list(langs))
        self._chosen: tuple[dict[str, Engine], dict[str, str]] | None = None
        self._opened: dict[str, Translator] = {}
        self._thread = threading.Thread(target=self._start, name="localize-started-early")
        self._thread.start()

    def _start(self) -> None:
        mt, source, langs = self._asked
        try:
            self._chosen = engines_for(mt, source, langs)
        except Exception:  # chosen again by the run, which reports it where it did
            return
        for lang, engine in self._chosen[0].items():
            try:
                opened = engine.open_ahead(base_language(source), base_language(lang))
            except Exception:  # opened again when needed, and fails there
                continue
            if opened is not None:
                self._opened[lang] = opened

    def engines(
        self, mt: MachineTranslation, source: str, langs: list[str]
    ) -> tuple[dict[str, Engine], dict[str, str]] | None:
        """``engines_for(mt, source, langs)`` when chosen here for the same arguments."""
        self._thread.join()
        if self._chosen is None or self._asked != (mt, source, list(langs)):
            return None
        return self._chosen

    def take(self, lang: str, engine: Engine) -> Translator | None:
        """The translator opened for ``lang`` with ``engine``, now the caller's to close."""
        self._thread.join()
        chosen = self._chosen[0].get(lang) if self._chosen is not None else None
        return self._opened.pop(lang) if chosen is engine and lang in self._opened else None

    def close(self) -> None:
        self._thread.join()
        while self._opened:
            self._opened.popitem()[1].close()


@contextmanager
def started_early(
    mt: MachineTranslation | None, source: str | None, langs: list[str]
) -> Iterator[StartedEarly | None]:
    """``StartedEarly`` for an update that may translate with an engine that starts ahead
    (None without one, or without the source language), closed when the block ends."""
    if mt is None or source is None or not langs or not may_start_ahead(mt):
        yield None
        return
    try:
        started = StartedEarly(mt, source, langs)
    except RuntimeError:  # no thread to be had: the run opens its translators itself
        yield None
        return
    try:
        yield started
    finally:
        started.close()


def may_start_ahead(mt: MachineTranslation) -> bool:
    """Whether the engine ``mt`` names may open a translator ahead (``Engine.open_ahead``):
    ``auto`` may choose one that does; a name that is refused is refused by the run."""
    from localize.engines.base import Engine
    from localize.engines.registry import get_engine

    if mt.engine == "auto":
        return True
    try:
        engine = get_engine(mt.engine, mt.options)
    except LocalizeError:
        return False
    return type(engine).open_ahead is not Engine.open_ahead
