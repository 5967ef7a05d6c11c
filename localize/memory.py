"""Translation memory in SQLite: machine output cached per model, plus reviewed translations.

Machine translations are keyed by everything that changes the output (engine, model package and
version, language pair, glossary content) and the exact source sentence, so a re-run sends only
new sentences to the model. Reviewed translations are keyed by language pair and source only:
a human decision holds whatever engine is used later.

Several ``localize`` runs may share one file: WAL journal and a busy timeout let them wait for
each other instead of failing or corrupting it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.errors import LocalizeError
from localize.similarity import most_similar, work_of

SCHEMA_VERSION = "1"
BUSY_TIMEOUT_S = 60.0
CHECK_ALWAYS_BELOW = 32 << 20  # bytes: PRAGMA quick_check reads the whole file
_CHUNK = 500  # sources per SELECT, well under SQLite's host parameter limit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS machine (
    engine TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,
    src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, glossary TEXT NOT NULL,
    source TEXT NOT NULL, translation TEXT NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (engine, model, version, src_lang, tgt_lang, glossary, source)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reviewed (
    src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, source TEXT NOT NULL,
    translation TEXT NOT NULL, updated REAL NOT NULL,
    PRIMARY KEY (src_lang, tgt_lang, source)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class MachineKey:
    """What makes a machine translation reusable: same engine, model, pair and glossary."""

    engine: str
    model: str
    version: str
    source_lang: str
    target_lang: str
    # The glossary's name, version and content digest (``_glossary_cache_key`` of
    # ``app/translate.py``); "" when no glossary applies.
    glossary: str = ""

    def columns(self) -> tuple[str, str, str, str, str, str]:
        return (
            self.engine,
            self.model,
            self.version,
            self.source_lang,
            self.target_lang,
            self.glossary,
        )


@dataclass(frozen=True)
class StoredDraft:
    """One machine translation as the memory keeps it (the draft a reviewer started from)."""

    engine: str
    model: str
    version: str
    source: str
    translation: str
    created: float


@dataclass(frozen=True)
class ReviewedTranslation:
    """A translation a person reviewed, as the memory keeps it."""

    source_lang: str
    target_lang: str
    source: str
    translation: str
    updated: float  # seconds since the epoch


@dataclass(frozen=True)
class SimilarReview:
    """A reviewed translation of a similar sentence, and how similar (percent)."""

    source: str
    translation: str
    score: float


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    unique = list(dict.fromkeys(items))
    for start in range(0, len(unique), _CHUNK):
        yield unique[start : start + _CHUNK]


class Memory:
    """An open translation memory; use ``Memory.open(path)`` and close it (or ``with``)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def open(cls, path: Path) -> Memory:
        path = Path(path)
        # A write-ahead log left beside the file means a run ended without closing it (or one
        # is running now): that is when damage is likely, so SQLite's own check runs then; on
        # a small file, where it costs little, it runs every time.
        unclean = path.with_name(path.name + "-wal").exists()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise LocalizeError(
                f"{path}: cannot open the translation memory ({exc}); make {path.parent} "
                "writable for this user, or run from another directory"
            ) from None
        memory = cls(path, connection)
        try:
            memory._guard(memory._initialise)
            if unclean or _size(path) <= CHECK_ALWAYS_BELOW:
                memory._guard(memory._check_integrity)
        except BaseException:
            connection.close()
            raise
        return memory

    def _check_integrity(self) -> None:
        problems = [row[0] for row in self._db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise LocalizeError(
                f"{self.path}: the translation memory is damaged (SQLite's integrity check: "
                f"{'; '.join(problems)[:200]}); {self._recover()}"
            )

    def _initialise(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        # Switching a new file to WAL needs it to itself, and SQLite may refuse at once instead
        # of waiting while another run is creating the same file: wait here ourselves.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                db.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        db.execute("PRAGMA synchronous = NORMAL")
        with self._write():
            # executescript() would commit on its own; run the statements in our transaction.
            for statement in _statements():
                db.execute(statement)
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise LocalizeError(
                    f"{self.path}: translation memory schema {row[0]} is not supported "
                    f"(expected {SCHEMA_VERSION}); use the localize version that wrote it, or "
                    "keep the file and run from another directory"
                )

    def _recover(self) -> str:
        # Never advise deleting it: reviewed translations that --purge-obsolete dropped from
        # the catalogs live only here.
        damaged = f"{self.path}.damaged"
        return (
            f"it may hold reviewed translations found nowhere else, so keep it: move it aside "
            f"(mv {self.path} {damaged}), recover what SQLite can "
            f"(sqlite3 {damaged} .recover | sqlite3 {self.path}), then run again"
        )

    def _guard(self, action, *args):
        try:
            return action(*args)
        except sqlite3.DatabaseError as exc:
            raise self._explain(exc) from None

    def _explain(self, exc: sqlite3.DatabaseError) -> LocalizeError:
        """Say what is actually wrong, by SQLite's error code."""
        name = getattr(exc, "sqlite_errorname", "") or ""
        where = f"{self.path}: translation memory"
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc):
            return LocalizeError(
                f"{where} is locked by another run for over {BUSY_TIMEOUT_S:.0f}s; wait for it "
                "to finish and retry"
            )
        if name.startswith("SQLITE_READONLY"):
            return LocalizeError(
                f"{where} is read-only ({exc}); make the file and {self.path.parent} writable "
                "for this user"
            )
        if name.startswith("SQLITE_CANTOPEN"):
            return LocalizeError(
                f"{where} cannot be opened ({exc}); make {self.path.parent} writable for this "
                "user (SQLite creates its journal files there)"
            )
        if name == "SQLITE_FULL":
            return LocalizeError(
                f"{where}: the disk is full ({exc}); free some space on it and run again"
            )
        if name.startswith(("SQLITE_IOERR", "SQLITE_PERM", "SQLITE_AUTH")):
            return LocalizeError(
                f"{where} cannot be read or written ({exc}); check the disk and the permissions "
                f"of the file and {self.path.parent}"
            )
        return LocalizeError(f"{where} is damaged (corrupt: {exc}); {self._recover()}")

    class _Transaction:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> None:
            # IMMEDIATE takes the write lock up front, so two writers queue on the busy
            # timeout instead of one failing on lock upgrade.
            self.db.execute("BEGIN IMMEDIATE")

        def __exit__(self, kind, value, traceback) -> None:
            if kind is None:
                self.db.execute("COMMIT")
            elif self.db.in_transaction:
                # Some errors (SQLITE_FULL, SQLITE_IOERR) roll back by themselves: a second
                # rollback would fail and hide what went wrong.
                self.db.execute("ROLLBACK")

    def _write(self) -> Memory._Transaction:
        return Memory._Transaction(self._db)

    # --- machine translations -------------------------------------------------------------

    def lookup_machine(self, key: MachineKey, sources: Sequence[str]) -> dict[str, str]:
        """Stored machine translations of those ``sources`` made under ``key``."""

        def run() -> dict[str, str]:
            found: dict[str, str] = {}
            for chunk in _chunks(sources):
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT source, translation FROM machine WHERE engine=? AND model=? AND "
                    "version=? AND src_lang=? AND tgt_lang=? AND glossary=? AND source IN "
                    f"({marks})",
                    (*key.columns(), *chunk),
                )
                found.update(rows.fetchall())
            return found

        return self._guard(run)

    def store_machine(self, key: MachineKey, pairs: Iterable[tuple[str, str]]) -> None:
        """Remember (source, translation) pairs produced under ``key``."""
        now = time.time()
        rows = [(*key.columns(), src, tgt, now) for src, tgt in pairs]
        if not rows:
            return

        def run() -> None:
            with self._write():
                self._db.executemany(
                    "INSERT OR REPLACE INTO machine VALUES (?,?,?,?,?,?,?,?,?)", rows
                )

        self._guard(run)

    def machine_drafts(
        self, source_lang: str, target_lang: str, sources: Sequence[str]
    ) -> list[StoredDraft]:
        """Every machine translation stored for those ``sources`` in this language pair,
        whatever engine, model or glossary made it, oldest first. Engines are opened for the
        base languages (a zh_CN or es_MX catalog is drafted by the zh or es model), so their
        drafts are stored and looked up under those."""
        from localize.languages import base_language

        source_lang, target_lang = base_language(source_lang), base_language(target_lang)

        def run() -> list[StoredDraft]:
            found: list[StoredDraft] = []
            for chunk in _chunks(sources):
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT engine, model, version, source, translation, created FROM machine "
                    f"WHERE src_lang=? AND tgt_lang=? AND source IN ({marks})",
                    (source_lang, target_lang, *chunk),
                )
                found.extend(StoredDraft(*row) for row in rows.fetchall())
            return sorted(found, key=lambda draft: draft.created)

        return self._guard(run)

    def machine_output(
        self, source_lang: str, target_lang: str, sources: Sequence[str]
    ) -> dict[tuple[str, str], StoredDraft]:
        """The stored machine translations of those ``sources``, keyed by (source,
        translation): how a draft whose provenance note was lost is recognised. When several
        runs produced the same text, the latest one is kept."""
        return {
            (draft.source, draft.translation): draft
            for draft in self.machine_drafts(source_lang, target_lang, sources)
        }

    # --- reviewed translations ------------------------------------------------------------

    def record_reviewed(
        self, source_lang: str, target_lang: str, pairs: Iterable[tuple[str, str]]
    ) -> None:
        """Remember translations a person reviewed; the latest one wins."""
        now = time.time()
        rows = [(source_lang, target_lang, src, tgt, now) for src, tgt in pairs]
        if not rows:
            return

        def run() -> None:
            with self._write():
                self._db.executemany("INSERT OR REPLACE INTO reviewed VALUES (?,?,?,?,?)", rows)

        self._guard(run)

    def lookup_reviewed(
        self, source_lang: str, target_lang: str, sources: Sequence[str]
    ) -> dict[str, str]:
        """The reviewed translation of each of ``sources`` the memory holds, along the target's
        locale chain (``locale_chain``): the catalog's own language's first."""

        def run() -> dict[str, str]:
            found: dict[str, str] = {}
            # The most general first, so that the exact language's translations overwrite.
            for language in reversed(locale_chain(target_lang)):
                for chunk in _chunks(sources):
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(
                        "SELECT source, translation FROM reviewed WHERE src_lang=? AND "
                        f"tgt_lang=? AND source IN ({marks})",
                        (source_lang, language, *chunk),
                    )
                    found.update(rows.fetchall())
            return found

        return self._guard(run)

    def reviewed_translations(self) -> list[ReviewedTranslation]:
        """Every reviewed translation, by language pair and source."""

        def run() -> list[ReviewedTranslation]:
            rows = self._db.execute(
                "SELECT src_lang, tgt_lang, source, translation, updated FROM reviewed "
                "ORDER BY src_lang, tgt_lang, source"
            )
            return [ReviewedTranslation(*row) for row in rows.fetchall()]

        return self._guard(run)

    def merge_reviewed(self, translations: Iterable[ReviewedTranslation]) -> int:
        """Add reviewed translations made elsewhere (a TMX import); where the memory already
        has one for the same sentence, the more recently reviewed wins. Returns how many rows
        were added or replaced."""
        rows = [
            (t.source_lang, t.target_lang, t.source, t.translation, t.updated) for t in translations
        ]

        def run() -> int:
            with self._write():
                before = self._db.total_changes
                self._db.executemany(
                    "INSERT INTO reviewed VALUES (?,?,?,?,?) "
                    "ON CONFLICT (src_lang, tgt_lang, source) DO UPDATE SET "
                    "translation = excluded.translation, updated = excluded.updated "
                    "WHERE excluded.updated > reviewed.updated "
                    "AND excluded.translation != reviewed.translation",
                    rows,
                )
                return self._db.total_changes - before

        return self._guard(run)

    def similar_reviewed(
        self, source_lang: str, target_lang: str, sentences: Sequence[str], threshold: float
    ) -> dict[str, SimilarReview]:
        """For each sentence the memory has no reviewed translation of, the reviewed
        translation of the most similar sentence, when it is at least ``threshold`` percent
        similar (the normalized InDel ratio merge uses, as OmegaT and pot2po --tm do)."""

        def run() -> dict[str, str]:
            reviewed: dict[str, str] = {}
            for language in reversed(locale_chain(target_lang)):  # the exact language's last
                rows = self._db.execute(
                    "SELECT source, translation FROM reviewed WHERE src_lang=? AND tgt_lang=?",
                    (source_lang, language),
                )
                reviewed.update(rows.fetchall())
            return reviewed

        reviewed = self._guard(run)
        if not reviewed:
            return {}
        sources = list(reviewed)
        asked = [sentence for sentence in dict.fromkeys(sentences) if sentence not in reviewed]
        work = work_of(asked, sources)
        found: dict[str, SimilarReview] = {}
        for sentence in asked:
            best = most_similar(sentence, sources, threshold, work)
            if best is not None:
                source, score, _index = best
                found[sentence] = SimilarReview(source, reviewed[source], score)
        return found

    def reviewed_state(self, source_lang: str, target_lang: str) -> str:
        """What the reviewed translations of a language pair are now (``reviewed_states``)."""
        return self._guard(lambda: _reviewed_state(self._db, source_lang, target_lang))

    def count(self) -> dict[str, int]:
        """Rows per table, for status output."""

        def run() -> dict[str, int]:
            return {
                table: self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("machine", "reviewed")
            }

        return self._guard(run)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def reviewed_states(
    path: Path, source_lang: str, target_langs: Iterable[str]
) -> dict[str, str | None]:
    """For each target language, how many reviewed translations the memory at ``path`` holds
    for the pair and when the last was recorded, read in one read-only connection; None when
    there is no memory or it cannot be read. Any change to them (a review recorded, the file
    replaced by a backup or by a recovery) changes this: the delta path of an update, which
    carries reviewed entries over without recording them again, is taken only while it is
    what it was when the catalog was written."""
    unknown: dict[str, str | None] = dict.fromkeys(target_langs)
    if not path.is_file():
        return unknown
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return unknown
    try:
        return {lang: _reviewed_state(db, source_lang, lang) for lang in unknown}
    except sqlite3.Error:
        return unknown
    finally:
        db.close()


def _reviewed_state(db: sqlite3.Connection, source_lang: str, target_lang: str) -> str:
    # Every language of the chain: a TMX import under zh changes what a zh_CN catalog is
    # proposed.
    chain = locale_chain(target_lang)
    count, last = db.execute(
        "SELECT COUNT(*), MAX(updated) FROM reviewed WHERE src_lang=? AND tgt_lang IN "
        f"({','.join('?' * len(chain))})",
        (source_lang, *chain),
    ).fetchone()
    return f"{count}:{last!r}"


def locale_chain(target_lang: str) -> list[str]:
    """The languages whose reviewed translations a catalog in ``target_lang`` is proposed, the
    exact one first: then the other spellings of that same language (reviews are kept under
    the catalog folder's name, and zh_CN/ and zh_Hans_CN/ are one language), then its written
    language, under which imports store regional translations (es_MX -> es, zh_Hans_CN and
    zh_CN -> zh, zh_Hant_TW -> zh_Hant, sr@latin -> sr_Latn), as machine drafts are kept under
    the base language. A script is never crossed: zh_Hant_TW is not proposed zh's Simplified
    translations."""
    from localize.languages import written_language

    spellings = _same_language_spellings(target_lang)
    return list(dict.fromkeys([target_lang, *spellings, written_language(target_lang)]))


def _same_language_spellings(code: str) -> list[str]:
    """Other names a catalog folder of the language ``code`` may have: with and without the
    script its region or language implies (``zh_CN``, ``zh_Hans_CN``; ``sr``, ``sr_Cyrl``),
    and gettext's modifier for the script (``sr_Latn``, ``sr@latin``)."""
    from localize.languages import _MODIFIER_SCRIPTS, _subtags, same_language

    language, script, region, variants = _subtags(code)
    if variants or not language:
        return []  # a variety (ca@valencia) is spelled one way by every tool
    if not script and not region and "@" not in code:
        # A bare code (es, sr) is how tools name a language in its usual script; asking CLDR
        # for the other spellings would load Babel on every update for nothing.
        return []
    at_region = f"_{region}" if region else ""
    spellings = [f"{language}{at_region}"]
    spellings += [f"{language}_{name}{at_region}" for name in ("Latn", "Cyrl", "Hans", "Hant")]
    if script:
        spellings.insert(0, f"{language}_{script}{at_region}")
    spellings += [f"{language}{at_region}@{modifier}" for modifier in _MODIFIER_SCRIPTS]
    return [name for name in spellings if name != code and same_language(name, code)]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _statements() -> list[str]:
    return [s.strip() for s in _SCHEMA.split(";") if s.strip()]
