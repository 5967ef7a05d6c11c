"""What Apertium's ``lt-proc`` answered for each word, remembered between runs, so that a run
whose words were all read before starts no analyser.

``morphology`` reads words with ``lt-proc``, one word (or bilingual reading) a line, and each
line is analysed on its own: an answer depends only on the line, the flags, the compiled
dictionary and the program. It is kept in ``.localize/analyses.sqlite`` under those, the
dictionary and the program by their identity (path, size, modification time): an upgraded
dictionary or lttoolbox is another identity, so its words are read afresh. The store holds
exactly the lines ``lt-proc`` printed; a batch ``lt-proc`` failed on is not stored. It keeps the
``KEPT_ANSWERS`` used last. Every failure to use it (damaged, locked) only means running
``lt-proc``; ``LOCALIZE_NO_RUN_CACHE`` turns it off.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from localize.cache_file import keep_used_last, open_cache_file
from localize.project import NO_RUN_CACHE_ENV

FILE_NAME = "analyses.sqlite"
# Answers remembered at most (a word and its readings, some dozens of bytes): the vocabulary of
# a newsroom's articles in two languages many times over. Past it, those used longest ago go.
KEPT_ANSWERS = 300_000
# Words looked up per query (SQLite's limit on parameters is 32,766 since 3.32; 999 before).
_CHUNK = 900
_TABLES = (
    "CREATE TABLE IF NOT EXISTS answers (tool TEXT, line TEXT, answer TEXT, used REAL, "
    "PRIMARY KEY (tool, line)) WITHOUT ROWID;"
)


def tool_identity(program: str, flags: list[str], dictionary: str) -> str | None:
    """What an answer of ``program`` with ``flags`` on ``dictionary`` depends on, besides the
    line; None when either file cannot be read (nothing is then remembered)."""
    parts = []
    for path in (program, dictionary):
        try:
            found = os.stat(path)
        except OSError:
            return None
        parts.append(f"{os.path.abspath(path)}\0{found.st_size}\0{found.st_mtime_ns}")
    return "\0".join([*parts, *flags])


class AnswerMemo:
    """The answers of earlier runs (read from the store in ``directory`` when first asked for)
    and those of this run, written to the store by ``close``. Enforcement reads words from two
    threads (the masked pass runs beside the drafts), hence the lock."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._lock = threading.Lock()
        self.fresh: dict[tuple[str, str], str] = {}
        self.reused: set[tuple[str, str]] = set()

    def answers(self, tool: str, lines: list[str]) -> dict[str, str]:
        """The remembered answer of each of ``lines`` that has one."""
        with self._lock:
            found = {line: self.fresh[(tool, line)] for line in lines if (tool, line) in self.fresh}
            wanted = [line for line in lines if line not in found]
            db = self._store()
            if db is None or not wanted:
                return found
            try:
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT line, answer FROM answers WHERE tool = ? AND line IN ({marks})",
                        (tool, *chunk),
                    ).fetchall()
                    for line, answer in rows:
                        found[str(line)] = str(answer)
                        self.reused.add((tool, str(line)))
            except sqlite3.Error:
                pass  # an unreadable store: the words are read by lt-proc
            return found

    def remember(self, tool: str, answers: dict[str, str]) -> None:
        with self._lock:
            for line, answer in answers.items():
                self.fresh[(tool, line)] = answer

    def close(self) -> None:
        """Store this run's answers, mark the reused ones as used now, drop those past
        ``KEPT_ANSWERS``, used longest ago."""
        with self._lock:
            if self._db is None and self.fresh:
                self._opened = False  # the first run of a project made .localize/ meanwhile
            db = self._store() if self.fresh else self._db
            if db is None:
                return
            try:
                _write(db, self.fresh, self.reused)
            except sqlite3.Error:
                pass  # remembered another time
            finally:
                db.close()
                self._db = None

    def _store(self) -> sqlite3.Connection | None:
        if not self._opened:
            self._opened = True
            if self._directory.is_dir():
                self._db = open_cache_file(
                    self._directory / FILE_NAME, _TABLES, "answers", any_thread=True
                )
        return self._db


def _write(
    db: sqlite3.Connection, fresh: dict[tuple[str, str], str], reused: set[tuple[str, str]]
) -> None:
    if not fresh and not reused:
        return
    now = time.time()
    with db:
        db.executemany(
            "UPDATE answers SET used = ? WHERE tool = ? AND line = ?",
            [(now, tool, line) for tool, line in reused],
        )
        if not fresh:
            return
        db.executemany(
            "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
            [(tool, line, answer, now) for (tool, line), answer in fresh.items()],
        )
        keep_used_last(db, "answers", "(tool, line)", KEPT_ANSWERS)


@contextmanager
def remembered_analyses(directory: Path) -> Iterator[None]:
    """Within this block, ``morphology`` answers from the store of ``directory``
    (``.localize/``) the words ``lt-proc`` read in earlier runs; what it reads is stored when
    the block ends (the first run of a project creates the directory meanwhile)."""
    if os.environ.get(NO_RUN_CACHE_ENV):
        yield
        return
    from localize import morphology

    memo = AnswerMemo(directory)
    previous = morphology.remember_analyses(memo)
    try:
        yield
    finally:
        morphology.remember_analyses(previous)
        memo.close()
