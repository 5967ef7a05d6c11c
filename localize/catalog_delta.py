"""The delta path of ``update``: a catalog localize wrote, brought up to date with an article
that changed in a few places, by copying the bytes of the entries that did not change and
running the full path's steps (merge, notes, selection, engine) on the others only.

Parsing, merging, annotating and writing every entry of a long catalog was most of an update
after a one-sentence edit (``BENCHMARKS.md``). So when localize writes a catalog in its own
style (every block as it renders, ``polayout.WrittenShape``), it keeps an index of the file
beside the other stores (``.localize/catalog-deltas.sqlite``): the SHA-256 of the file, the
settings the entries depend on (the glossary notes' fingerprint: code, glossary content and
article date; the languages, the article's name and format, whether a memory was open), the
length of the header and of each entry's block, whether each live entry can be carried over
as it is, and the digest of the template entry each live entry was made from.

The next update uses it only when the catalog file has exactly that digest and the settings
are the same (and no ``--force``, ``--retranslate-fuzzy``, ``--purge-obsolete``). The new
template's entries are compared with the recorded ones: the common run at the start and at the
end is carried over as bytes, unless an entry there is one a run may still change (empty, or
a fuzzy translation without provenance notes); the entries in between, those, and every
obsolete entry are parsed from their bytes and go through ``app.translate._prepare_one`` with
a template of just those entries. That gives each of them exactly what the whole merge gives:
an unchanged entry of the common runs is matched to itself, and the candidates for a fuzzy
match of an edited sentence are the old entries no new sentence has, all in between. Anything
unexpected (no index, another digest or settings, a file whose blocks do not add up, most of
the catalog changed) means the full path. ``LOCALIZE_NO_DELTA`` (or ``LOCALIZE_NO_RUN_CACHE``)
turns it off; ``tests/test_catalog_delta.py`` compares the two paths byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import polib

from localize.cache_file import keep_used_last, open_cache_file
from localize.catalog_cache import REMEMBERED_AS_WRITTEN
from localize.comments import provenance
from localize.entry_state import has_translation, is_fuzzy, needs_translation
from localize.fileio import FileSnapshot, read_with_snapshot
from localize.polayout import content_of
from localize.posyntax import PoText
from localize.project import NO_RUN_CACHE_ENV

FILE_NAME = "catalog-deltas.sqlite"
NO_DELTA_ENV = "LOCALIZE_NO_DELTA"
SCHEMA = "deltas-1"
# Catalog versions indexed (one row each): every catalog of a project, last written.
KEPT = 256
# Past this share of the live entries to redo, the full path is as quick and simpler.
MOST_REDONE = 0.5
_TABLE = (
    "CREATE TABLE IF NOT EXISTS deltas (digest BLOB PRIMARY KEY, schema TEXT, stamp TEXT, "
    "data TEXT, used REAL)"
)
_DIGEST_HEX = 32


def template_digest(entry: polib.POEntry) -> str:
    """What a template entry holds that its catalog entry is made from, as a short digest."""
    return fields_digest(entry.msgctxt, entry.msgid, entry.occurrences, entry.comment, entry.flags)


def fields_digest(
    msgctxt: str | None,
    msgid: str,
    occurrences: Iterable[tuple[str, str]],
    comment: str,
    flags: Iterable[str] = (),
) -> str:
    """``template_digest`` of an entry with these fields, for a caller that has not made the
    entry (``app.delta_update.NewTemplate``: polib entries for 3,100 unchanged sentences were
    a fifth of an update's decision)."""
    places = "\x1f".join(f"{file}\x1d{line}" for file, line in occurrences)
    text = "\x1e".join((msgctxt or "\x00", msgid, places, comment, "\x1f".join(flags)))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=_DIGEST_HEX // 2).hexdigest()


def one_place_digest(msgid: str, reference: str, line: int, comment: str) -> str:
    """``fields_digest`` of an entry without context or flags whose sentence occurs once, at
    ``line`` of ``reference``: most of a template's entries, whose digests an update takes for
    3,100 sentences, here in one step instead of through the general joins."""
    text = f"\x00\x1e{msgid}\x1e{reference}\x1d{line}\x1e{comment}\x1e"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=_DIGEST_HEX // 2).hexdigest()


def carried_as_is(entry: polib.POEntry) -> bool:
    """Whether a live entry of an unchanged sentence leaves an update as it came: translated,
    nothing to translate again, and not a draft whose provenance a run would restore."""
    return (
        has_translation(entry)
        and not needs_translation(entry, retranslate_fuzzy=False, force=False)
        and not (is_fuzzy(entry) and not provenance(entry))
    )


@dataclass
class Written:
    """What the index of one written catalog holds."""

    header_size: int
    live_sizes: list[int]
    obsolete_sizes: list[int]
    carried: str  # "1" per live entry carried over as it is, else "0"
    templates: str  # the template digests of the live entries, concatenated

    def to_json(self) -> str:
        return json.dumps(
            [self.header_size, self.live_sizes, self.obsolete_sizes, self.carried, self.templates]
        )

    @classmethod
    def from_json(cls, text: str) -> Written:
        header, live, obsolete, carried, templates = json.loads(text)
        return cls(header, live, obsolete, carried, templates)


class DeltaIndex:
    """The store of written catalogs' indexes; ``None`` connection: nothing is kept."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection

    @classmethod
    def open(cls, directory: Path) -> DeltaIndex:
        if os.environ.get(NO_RUN_CACHE_ENV) or os.environ.get(NO_DELTA_ENV):
            return cls(None)
        if not directory.is_dir():
            return cls(None)
        return cls(open_cache_file(directory / FILE_NAME, _TABLE, "deltas"))

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def find(self, digest: bytes, stamp: str) -> Written | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT data FROM deltas WHERE digest = ? AND schema = ? AND stamp = ?",
                (digest, SCHEMA, stamp),
            ).fetchone()
            if row is None:
                return None
            with self._db:
                self._db.execute(
                    "UPDATE deltas SET used = ? WHERE digest = ?", (time.time(), digest)
                )
            return Written.from_json(row[0])
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def put(self, digest: bytes, stamp: str, written: Written) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO deltas VALUES (?, ?, ?, ?, ?)",
                    (digest, SCHEMA, stamp, written.to_json(), time.time()),
                )
                keep_used_last(self._db, "deltas", "digest", KEPT)
        except sqlite3.Error:
            pass  # only the next update's delta path is lost


def written_index(
    header: str,
    live: list[str],
    obsolete: list[str],
    carried: Iterable[bool],
    templates: Iterable[str],
) -> Written:
    """The index of a file written as ``header`` then ``"\\n" + text`` of each entry (live
    first), ``catalog.catalog_chunks`` in localize's own style."""
    return Written(
        len(header.encode("utf-8")),
        [len(text.encode("utf-8")) + 1 for text in live],
        [len(text.encode("utf-8")) + 1 for text in obsolete],
        "".join("1" if one else "0" for one in carried),
        "".join(templates),
    )


@dataclass
class Plan:
    """What an update of one catalog redoes, and the old file it copies the rest from."""

    raw: bytes
    snapshot: FileSnapshot
    written: Written
    stamp: str
    # The old live entry carried over to each new template position, or None: redone there.
    source_of: list[int | None]
    redone_old: list[int]  # old live entries parsed again, in file order
    redone_new: list[int]  # new template positions redone, in order
    new_templates: list[str] = field(default_factory=list)  # the new template's digests
    old_entries: polib.POFile | None = None  # ``reduced_catalog()``, once taken

    @property
    def carried(self) -> int:
        return sum(1 for old in self.source_of if old is not None)

    def reduced_catalog(self, encoding: str = "utf-8") -> polib.POFile | None:
        """The old catalog's header, the old live entries redone and every obsolete entry,
        parsed from their bytes; None when the parse does not give them one for one."""
        spans = self._live_spans()
        head = self.raw[: self.written.header_size]
        pieces = [head]
        pieces += [self.raw[spans[i][0] : spans[i][1]] for i in self.redone_old]
        start = spans[-1][1] if spans else self.written.header_size
        pieces.append(self.raw[start:])
        try:
            # Split at newlines only, as the full path reads a catalog (``PoText``).
            po = polib.pofile(PoText(b"".join(pieces).decode(encoding)), wrapwidth=0)
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        live = [e for e in po if not e.obsolete]
        if len(live) != len(self.redone_old) or len(po) - len(live) != len(
            self.written.obsolete_sizes
        ):
            return None
        po.encoding = encoding
        po.read_snapshot = self.snapshot  # type: ignore[attr-defined]
        return po

    def _live_spans(self) -> list[tuple[int, int]]:
        spans = []
        at = self.written.header_size
        for size in self.written.live_sizes:
            spans.append((at, at + size))
            at += size
        return spans

    def chunks(
        self, header: str, redone: Iterator[str], obsolete: Iterable[str]
    ) -> Iterator[bytes]:
        """The new file: the header, each live entry's block copied from the old file or the
        text of its redone entry, then the obsolete entries (all redone), as
        ``catalog.catalog_chunks`` writes them."""
        spans = self._live_spans()
        raw = self.raw
        yield header.encode("utf-8")
        ends_a_line = header.endswith("\n")
        # Old blocks that follow each other in the old file are copied as one piece: after a
        # one-sentence edit, three pieces instead of 3,100 writes and hash updates.
        run_from = run_to = -1
        for old in self.source_of:
            if old is None:
                if run_from >= 0:
                    yield raw[run_from:run_to]
                    run_from = -1
                text = next(redone)
                ends_a_line = text.endswith("\n")
                yield ("\n" + text).encode("utf-8")
                continue
            start, end = spans[old]
            if start != run_to or run_from < 0:
                if run_from >= 0:
                    yield raw[run_from:run_to]
                run_from = start
            run_to = end
            ends_a_line = raw.endswith(b"\n", start, end)
        if run_from >= 0:
            yield raw[run_from:run_to]
        for text in obsolete:
            ends_a_line = text.endswith("\n")
            yield ("\n" + text).encode("utf-8")
        if not ends_a_line:
            yield b"\n"


def _same(entry: polib.POEntry) -> polib.POEntry:
    return entry


def stamp_of(fingerprint: str | None, *parts: object) -> str | None:
    """The settings an index is valid for: the glossary notes' fingerprint (code, glossary
    content, article date) and ``parts``; None (no delta path) without a fingerprint."""
    if fingerprint is None:
        return None
    return json.dumps([fingerprint, *map(str, parts)])


def plan(
    index: DeltaIndex, path: Path, stamp: str, templates_now: Callable[[], list[str]]
) -> Plan | None:
    """How to bring the catalog at ``path`` up to date with the template whose entries' digests
    ``templates_now`` gives, or None: the full path."""
    if not index.enabled or not path.is_file():
        return None  # a FIFO or a device is refused by the full path, never opened here
    try:
        raw, snapshot = read_with_snapshot(path)
    except OSError:
        return None
    if snapshot.digest is None:
        return None
    written = index.find(snapshot.digest, stamp)
    if written is None or not _adds_up(written, len(raw)):
        return None
    new_templates = templates_now()
    old = [
        written.templates[i : i + _DIGEST_HEX]
        for i in range(0, len(written.templates), _DIGEST_HEX)
    ]
    if len(old) != len(written.live_sizes) or len(written.carried) != len(old):
        return None
    same_start = 0
    most = min(len(old), len(new_templates))
    while same_start < most and old[same_start] == new_templates[same_start]:
        same_start += 1
    same_end = 0
    while (
        same_end < most - same_start
        and old[len(old) - 1 - same_end] == new_templates[len(new_templates) - 1 - same_end]
    ):
        same_end += 1
    shift = len(new_templates) - len(old)
    source_of: list[int | None] = [None] * len(new_templates)
    redone_old: list[int] = []
    for position in range(len(old)):
        in_common = position < same_start or position >= len(old) - same_end
        if in_common and written.carried[position] == "1":
            source_of[position if position < same_start else position + shift] = position
        else:
            redone_old.append(position)
    redone_new = [i for i, old_one in enumerate(source_of) if old_one is None]
    if len(redone_new) > MOST_REDONE * max(len(new_templates), 1):
        return None
    return Plan(raw, snapshot, written, stamp, source_of, redone_old, redone_new)


def _adds_up(written: Written, size: int) -> bool:
    total = written.header_size + sum(written.live_sizes) + sum(written.obsolete_sizes)
    return total in (size, size - 1)


class TemplateBlocks:
    """The template (POT) side: each entry of a template localize wrote, by its template
    digest, so that writing (or comparing) the next template renders only the entries that
    are not in the last one. A POT entry's text is a function of the template entry alone."""

    def __init__(self, index: DeltaIndex) -> None:
        self._index = index

    @staticmethod
    def _stamp() -> str:
        from localize.codestamp import code_stamp

        return json.dumps(["template", code_stamp()])

    def known(self, raw: bytes, digest: bytes | None) -> dict[str, bytes]:
        """The blocks of the template file ``raw`` (SHA-256 ``digest``), by template digest."""
        written = self._index.find(digest, self._stamp()) if digest else None
        if written is None or not _adds_up(written, len(raw)):
            return {}
        at, blocks = written.header_size, {}
        for number, size in enumerate(written.live_sizes):
            key = written.templates[number * _DIGEST_HEX : (number + 1) * _DIGEST_HEX]
            blocks[key] = raw[at : at + size]
            at += size
        return blocks

    def chunks(
        self,
        header: bytes,
        entries: Iterable[polib.POEntry],
        known: dict[str, bytes],
        record: list[tuple[str, int]],
        digests: Sequence[str] | None = None,
    ) -> Iterator[bytes]:
        """The chunks ``catalog.catalog_chunks`` gives for a template (header, then ``"\\n"``
        and each entry's text), each entry taken from ``known`` when there; ``record`` receives
        each entry's digest and size, for ``remember``. With ``digests`` (each entry's
        ``template_digest``, in order), ``entries`` must be a sequence: only the entries not
        known are read from it."""
        yield header
        keyed: Iterator[tuple[str, Callable[[], polib.POEntry]]]
        if digests is None:  # made one at a time, as they are written
            keyed = ((template_digest(entry), partial(_same, entry)) for entry in entries)
        else:
            assert isinstance(entries, Sequence)
            keyed = ((key, partial(entries.__getitem__, n)) for n, key in enumerate(digests))
        for key, entry in keyed:
            block = known.get(key)
            if block is None:
                text = content_of(entry())
                if not text.endswith("\n"):
                    record.clear()  # not a block of localize's own style: not remembered
                    self._index = DeltaIndex(None)
                block = ("\n" + text).encode("utf-8")
            record.append((key, len(block)))
            yield block

    def remember(self, digest: str | None, header: bytes, record: list[tuple[str, int]]) -> None:
        # Bounded as the catalogs' indexes are (``REMEMBERED_AS_WRITTEN``): ``known`` holds every
        # block of the last template while the next is written.
        if digest is None or not record or len(record) > REMEMBERED_AS_WRITTEN:
            return
        written = Written(
            len(header), [size for _, size in record], [], "", "".join(k for k, _ in record)
        )
        self._index.put(bytes.fromhex(digest), self._stamp(), written)
