"""Parsed catalogs remembered by their SHA-256 (catalog_cache.py) change nothing a run writes:
the same article edited step by step (a sentence edited, added, deleted, paragraphs swapped, a
person's edit, an editor's rewrapping and CRLF line ends between runs) gives byte for byte the
same files with the caches as without them (LOCALIZE_NO_RUN_CACHE), and what the cache keeps
for a catalog localize wrote is exactly what a parse of that file gives."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from localize import catalog_cache, morphology
from localize.analysis_cache import FILE_NAME as ANALYSES_FILE
from localize.catalog import load_catalog
from localize.catalog_cache import FILE_NAME, CatalogCache
from localize.catalog_delta import NO_DELTA_ENV
from localize.fileio import read_with_snapshot
from localize.polayout import fields_of
from localize.project import NO_RUN_CACHE_ENV

from conftest import WIRE_ARTICLE, msgfmt_check, run_cli

CATALOGS = [Path("locales/es/LC_MESSAGES/story.po"), Path("locales/fr/LC_MESSAGES/story.po")]
FILES = [Path("locales/story.pot"), *CATALOGS]
TRANSLATE = ("translate", "story.txt", "--to", "es,fr", "--engine", "pseudo")
UPDATE = ("update", "story.txt", "--engine", "pseudo")


@pytest.fixture
def projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two copies of one project: ``cached`` runs with the caches, ``full`` without them. The
    clock is stopped so that the dates written are the same in both."""
    monkeypatch.setattr("localize.catalog._now", lambda: "2026-11-28 12:00+0000")
    cached, full = tmp_path / "cached", tmp_path / "full"
    for root in (cached, full):
        root.mkdir()
        shutil.copy(WIRE_ARTICLE, root / "story.txt")
    return cached, full


def _in_both(
    projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, step: Callable[[], None]
) -> None:
    cached, full = projects
    # The delta path (which does not read the catalog through this cache) is off on both
    # sides: test_catalog_delta.py compares it with the full path.
    monkeypatch.setenv(NO_DELTA_ENV, "1")
    for root, caches in ((cached, True), (full, False)):
        monkeypatch.chdir(root)
        # Each step a new process as far as the analysers are concerned: the words are read
        # from .localize/analyses.sqlite on one side and by lt-proc on the other.
        monkeypatch.setattr(morphology, "_READINGS", {})
        monkeypatch.setattr(morphology, "_TRANSLATIONS", {})
        if caches:
            monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
        else:
            monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
        step()
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    monkeypatch.delenv(NO_DELTA_ENV, raising=False)


def _run(*args: str) -> Callable[[], None]:
    def step() -> None:
        result = run_cli(*args)
        assert result.exit_code == 0, result.stderr

    return step


def _edit_article(change: Callable[[str], str]) -> Callable[[], None]:
    def step() -> None:
        story = Path("story.txt")
        before = story.read_text(encoding="utf-8")
        after = change(before)
        assert after != before
        story.write_text(after, encoding="utf-8")

    return step


def _paragraphs(text: str) -> list[str]:
    return text.rstrip("\n").split("\n\n")


def _swap_paragraphs(text: str) -> str:
    paragraphs = _paragraphs(text)
    paragraphs[3], paragraphs[5] = paragraphs[5], paragraphs[3]
    return "\n\n".join(paragraphs) + "\n"


def _drop_a_sentence(text: str) -> str:
    paragraphs = _paragraphs(text)
    index = next(i for i, p in enumerate(paragraphs) if p.count(". ") >= 2 and i > 2)
    first_stop = paragraphs[index].index(". ") + 2
    paragraphs[index] = paragraphs[index][first_stop:]
    return "\n\n".join(paragraphs) + "\n"


def _persons_review(path: Path) -> Callable[[], None]:
    """A reviewer approves one draft with their own wording and empties another."""

    def step() -> None:
        po = polib.pofile(str(path), wrapwidth=0)
        live = [e for e in po if not e.obsolete and e.msgstr]
        live[2].msgstr = "Traducción revisada por una persona."
        live[2].flags = [f for f in live[2].flags if f != "fuzzy"]
        live[4].msgstr = ""
        po.save(str(path))

    return step


def _rewrap(path: Path) -> Callable[[], None]:
    """An editor saves the catalog wrapped at 79 columns, as msgcat does."""

    def step() -> None:
        subprocess.run(["msgcat", "-w", "79", "-o", str(path), str(path)], check=True)

    return step


def _crlf(path: Path) -> Callable[[], None]:
    """An editor on Windows saves the catalog with CRLF line ends."""

    def step() -> None:
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

    return step


def _same_everywhere(projects: tuple[Path, Path]) -> None:
    cached, full = projects
    for name in FILES:
        assert (cached / name).read_bytes() == (full / name).read_bytes(), name
    for name in CATALOGS:
        msgfmt_check(cached / name)


_FIELDS = [
    "msgctxt",
    "msgid",
    "msgid_plural",
    "msgstr",
    "msgstr_plural",
    "obsolete",
    "comment",
    "tcomment",
] + [
    "occurrences",
    "flags",
    "previous_msgctxt",
    "previous_msgid",
    "previous_msgid_plural",
]


def _remembered_as_parsed(root: Path, path: Path) -> None:
    """The cache's catalog for the file as it is now equals a parse of the file: headers,
    every entry's content and order, the layout and the remembered renderings."""
    cache = CatalogCache.open(root / ".localize")
    try:
        digest = read_with_snapshot(root / path)[1].digest
        assert digest is not None
        remembered = cache.get(digest)
    finally:
        cache.close()
    assert remembered is not None, f"{path}: not remembered"
    po, layout, renders = remembered
    parsed = load_catalog(root / path)  # no cache: a full parse
    assert (po.header, po.metadata, bool(po.metadata_is_fuzzy), po.encoding) == (
        parsed.header,
        parsed.metadata,
        bool(parsed.metadata_is_fuzzy),
        parsed.encoding,
    )
    assert len(po) == len(parsed)
    for index, (mine, theirs) in enumerate(zip(po, parsed, strict=True)):
        for field, a, b in zip(_FIELDS, fields_of(mine), fields_of(theirs), strict=True):
            assert a == b, f"{path}: entry {index} ({mine.msgid[:40]}): {field}"
    assert layout == parsed.layout  # type: ignore[attr-defined]
    assert renders == {fields_of(e): e.__unicode__(0) for e in parsed}


def test_every_run_writes_the_same_bytes_with_the_caches_as_without(
    projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    es = CATALOGS[0]
    steps: list[tuple[str, Callable[[], None], bool]] = [
        ("first translate", _run(*TRANSLATE), True),
        ("a sentence edited", _edit_article(lambda t: t.replace(" said ", " stated ", 1)), False),
        ("update", _run(*UPDATE), True),
        ("a paragraph added", _edit_article(lambda t: t + "\nThe talks ended on Friday.\n"), False),
        ("update", _run(*UPDATE), True),
        ("a sentence deleted", _edit_article(_drop_a_sentence), False),
        ("update", _run(*UPDATE), True),
        ("two paragraphs swapped", _edit_article(_swap_paragraphs), False),
        ("translate", _run(*TRANSLATE), True),
        ("a person's review", _persons_review(es), False),
        ("update", _run(*UPDATE), True),
        (
            "a sentence edited",
            _edit_article(lambda t: t.replace(" and ", " as well as ", 1)),
            False,
        ),
        ("translate", _run(*TRANSLATE), True),
        ("retranslate fuzzy", _run(*TRANSLATE, "--retranslate-fuzzy"), True),
        ("an editor's rewrapping", _rewrap(es), False),
        ("update", _run(*UPDATE), True),
        ("an editor's CRLF line ends", _crlf(es), False),
        ("update (the CRLF catalog parsed)", _run(*UPDATE), True),
        ("a sentence edited", _edit_article(lambda t: t.replace(" the ", " this ", 1)), False),
        ("update", _run(*UPDATE), True),
        ("update, obsolete purged", _run(*UPDATE, "--purge-obsolete"), True),
        ("forced", _run(*TRANSLATE, "--force"), True),
    ]
    cached, _full = projects
    # Catalogs in localize's own layout are remembered when written; a rewrapped one is
    # remembered when next read, and then written in its own wrapping.
    own_layout = set(CATALOGS)
    for label, step, compare in steps:
        _in_both(projects, monkeypatch, step)
        if "rewrapping" in label:
            own_layout.discard(es)
        if compare:
            _same_everywhere(projects)
            # Remembered when written, before any read: what a parse would give.
            for path in own_layout:
                _remembered_as_parsed(cached, path)
    _same_everywhere(projects)
    assert own_layout == {CATALOGS[1]}
    written = (cached / es).read_bytes()
    assert written.count(b"\r\n") == written.count(b"\n")  # kept through every later run
    assert not (projects[1] / ".localize" / FILE_NAME).exists()
    assert not (projects[1] / ".localize" / ANALYSES_FILE).exists()
    with sqlite3.connect(cached / ".localize" / ANALYSES_FILE) as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] > 100
    db.close()


def test_a_corrupt_cache_is_ignored_and_rebuilt(
    projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_both(projects, monkeypatch, _run(*TRANSLATE))
    cached, _full = projects
    store = cached / ".localize" / FILE_NAME
    with sqlite3.connect(store) as db:
        damaged = db.execute(
            "UPDATE entries SET fields = '[[1, 2' WHERE substr(key, 1, 1) IN ('0', '1', '2', '3', '4')"
        )
        assert damaged.rowcount > 0  # the step damages something, whatever the keys look like
    db.close()
    _in_both(projects, monkeypatch, _edit_article(lambda t: t.replace(" said ", " stated ", 1)))
    _in_both(projects, monkeypatch, _run(*UPDATE))
    _same_everywhere(projects)
    _remembered_as_parsed(cached, CATALOGS[0])

    with sqlite3.connect(store) as db:
        db.execute("UPDATE catalogs SET head = 'not json'")
        lost = db.execute("DELETE FROM entries WHERE substr(key, 1, 1) IN ('a', 'b', 'c')")
        assert lost.rowcount > 0  # entries lost
    db.close()
    _in_both(projects, monkeypatch, _edit_article(lambda t: t.replace(" the ", " this ", 1)))
    _in_both(projects, monkeypatch, _run(*UPDATE))
    _same_everywhere(projects)
    _remembered_as_parsed(cached, CATALOGS[0])

    store.write_bytes(b"this is not a database" * 100)
    _in_both(projects, monkeypatch, _edit_article(lambda t: t.replace(" and ", " as well as ", 1)))
    _in_both(projects, monkeypatch, _run(*UPDATE))
    _same_everywhere(projects)
    _remembered_as_parsed(cached, CATALOGS[0])
    assert os.path.getsize(store) > 0


def test_a_catalog_longer_than_the_bound_is_remembered_when_read_not_as_written() -> None:
    from localize.polayout import WrittenShape

    shape = WrittenShape(most=2)
    for number in range(3):
        content = f'msgid "sentence {number}"\nmsgstr ""\n'
        shape.add_entry(content, content)
    # Its text is not held while the catalog is written, and nothing is remembered from it.
    assert not shape.own_style
    assert shape.contents == [] and shape.layout.entries == {}

    cache = CatalogCache(sqlite3.connect(":memory:"))
    cache._db.executescript(catalog_cache._TABLES)  # type: ignore[union-attr]
    cache.put_written("00" * 32, polib.POFile(), shape)
    assert cache.get(bytes(32)) is None


def _remember(cache: CatalogCache, name: str) -> bytes:
    """A one-entry catalog stored under a digest made from ``name``; the digest."""
    po = polib.POFile()
    po.append(polib.POEntry(msgid=name, msgstr=""))
    digest = name.encode().ljust(32, b"_")
    cache.put(digest, po, list(po), None, [])
    return digest


def test_pruning_keeps_the_catalogs_read_last_not_only_those_written_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import localize.catalog_cache as catalog_cache

    monkeypatch.setattr(catalog_cache, "KEPT_CATALOGS", 2)
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    cache = CatalogCache.open(tmp_path)

    def remember(name: str) -> bytes:
        return _remember(cache, name)

    first = remember("first")
    remember("second")
    assert cache.get(first) is not None  # read again after "second" was written
    remember("third")
    assert cache.get(first) is not None
    assert cache.get(b"second".ljust(32, b"_")) is None
    cache.close()


def test_another_codes_catalogs_and_entries_are_dropped_when_a_catalog_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old code's rows go at the new code's first store (the catalogs table tells), and
    only the new code's remain."""
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    cache = CatalogCache.open(tmp_path)

    def remember(name: str) -> bytes:
        return _remember(cache, name)

    monkeypatch.setattr(catalog_cache, "_stamp", lambda: "old code")
    old = remember("old")
    monkeypatch.setattr(catalog_cache, "_stamp", lambda: "new code")
    new = remember("new")
    assert cache.get(new) is not None and cache.get(old) is None
    stamps = {row[0] for row in cache._db.execute("SELECT stamp FROM entries")}  # type: ignore[union-attr]
    assert stamps == {"new code"}
    cache.close()
