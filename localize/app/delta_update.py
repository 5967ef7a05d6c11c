"""The delta path of translate/update (``catalog_delta``): deciding it for a catalog, running
the full path's steps on the entries it redoes, and writing the file from the old bytes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

import polib

from localize.catalog import (
    _header_text,
    place_comment,
    place_fields,
    template_entry,
    template_group_indices,
)
from localize.catalog_cache import REMEMBERED_AS_WRITTEN
from localize.catalog_delta import (
    DeltaIndex,
    Plan,
    Written,
    fields_digest,
    one_place_digest,
    plan,
    stamp_of,
)
from localize.fileio import atomic_write
from localize.formats.base import Unit, unit_msgids, unit_place
from localize.polayout import content_of, plain_text

if TYPE_CHECKING:
    from localize.glossary import Glossary
    from localize.source import Article


def stamp(glossary: Glossary, article: Article, lang: str) -> str | None:
    """What a catalog's entries depend on besides the template, the old catalog and the
    memory's reviewed translations (``with_memory``)."""
    from localize.glossary_notes import fingerprint

    return stamp_of(fingerprint(glossary), article.lang, lang, article.display, article.format.name)


def with_memory(settings: str | None, memory_state: str | None) -> str | None:
    """The index's key: the settings' stamp and the state of the memory's reviewed
    translations of the pair (``memory.reviewed_states``; None: no memory) once the catalog's
    reviewed entries are recorded. The delta path carries reviewed entries over without
    recording them again, so it is taken only with the memory as it was then."""
    if settings is None:
        return None
    return f"{settings}\n{memory_state}"


class NewTemplate:
    """An article's template entries and their digests, made once for all its languages and
    only when some catalog of it has an index. The digests are taken from the article's units
    without making the entries (``catalog_delta.fields_digest``); an entry is made only when
    read (``entries``): the ones an update redoes, and the template's entries not in the last
    template written."""

    def __init__(self, article: Article) -> None:
        self._article = article
        self._groups: list[tuple[str, _Places]] | None = None
        self._digests: list[str] | None = None
        self._entries: _Entries | None = None

    @property
    def entries(self) -> Sequence[polib.POEntry]:
        if self._entries is None:
            self._entries = _Entries(self._grouped(), self._article.units, self._article.display)
        return self._entries

    def made(self) -> Callable[[], Sequence[polib.POEntry]] | None:
        """The entries, when a catalog's delta path took the digests already (else None: the
        template makes its own, one at a time)."""
        return None if self._digests is None else lambda: self.entries

    def known_digests(self) -> list[str] | None:
        """The entries' digests when taken already (``made``), else None."""
        return self._digests

    def digests(self) -> list[str]:
        """Each entry's ``template_digest``, from its units' line, block and kind
        (``unit_place``: ``PackedUnits``' units are not made again for them)."""
        if self._digests is None:
            units = self._article.units
            reference = self._article.display
            digests = []
            for msgid, at in self._grouped():
                if isinstance(at, int):
                    line, block, kind = unit_place(units, at)
                    comment = place_comment(kind, block)
                    digests.append(one_place_digest(msgid, reference, line, comment))
                else:
                    places = [unit_place(units, i) for i in at]
                    digests.append(fields_digest(None, msgid, *place_fields(places, reference)))
            self._digests = digests
        return self._digests

    def _grouped(self) -> list[tuple[str, _Places]]:
        if self._groups is None:
            indices = template_group_indices(unit_msgids(self._article.units))
            self._groups = list(indices.items())
        return self._groups


# Where a template entry's sentence occurs: the index of its unit in the article's units, or
# the indices of its units when it occurs more than once (``catalog.template_group_indices``).
_Places = int | list[int]


class _Entries(Sequence[polib.POEntry]):
    """The template's entries, each made when first read and kept."""

    def __init__(
        self, groups: list[tuple[str, _Places]], units: Sequence[Unit], reference: str
    ) -> None:
        self._groups = groups
        self._units = units
        self._reference = reference
        self._made: dict[int, polib.POEntry] = {}

    def __len__(self) -> int:
        return len(self._groups)

    @overload
    def __getitem__(self, index: int) -> polib.POEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[polib.POEntry]: ...

    def __getitem__(self, index: int | slice) -> polib.POEntry | list[polib.POEntry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
            if index < 0:
                raise IndexError(index - len(self))
        entry = self._made.get(index)
        if entry is None:
            msgid, at = self._groups[index]  # raises IndexError past the end
            units = self._units
            places = units[at] if isinstance(at, int) else [units[i] for i in at]
            entry = self._made[index] = template_entry(msgid, places, self._reference)
        return entry


def find_plan(
    index: DeltaIndex, path: Path, stamp_now: str | None, template: NewTemplate
) -> Plan | None:
    if stamp_now is None or not index.enabled:
        return None
    found = plan(index, path, stamp_now, template.digests)
    if found is None:
        return None
    found.new_templates = template.digests()
    # Taken apart now, while nothing is written: a file that does not give its entries one
    # for one goes down the full path, whose checks then come before any file is written.
    found.old_entries = found.reduced_catalog()
    return found if found.old_entries is not None else None


def reduced_run(
    found: Plan, headers: polib.POFile, template: NewTemplate
) -> tuple[polib.POFile, polib.POFile]:
    """The old catalog's redone and obsolete entries (taken apart by ``find_plan``), and the
    template of the entries redone (with the written template's headers, as
    ``rebuild_template`` gives them)."""
    old = found.old_entries
    assert old is not None, "find_plan gives only plans whose entries were taken apart"
    reduced = polib.POFile(wrapwidth=headers.wrapwidth)
    reduced.encoding = headers.encoding
    reduced.header = headers.header
    reduced.metadata = headers.metadata
    reduced.metadata_is_fuzzy = headers.metadata_is_fuzzy
    entries = template.entries
    reduced.extend(entries[i] for i in found.redone_new)
    return old, reduced


def write(
    found: Plan,
    po: polib.POFile,
    path: Path,
    entries: Callable[[], Iterable[polib.POEntry]],
    carried: list[bool],
    index: DeltaIndex | None,
    stamp: str | None,
) -> str:
    """Write the catalog from the old file's bytes and the redone entries of ``po``;
    raise FileChanged, as ``save_catalog``, when someone saved the file since it was read.
    Returns the SHA-256 (hex) of the file written, whose index is kept for the next update."""
    header = _header_text(po)
    live: list[str] = []
    obsolete: list[str] = []
    for entry in entries():
        (obsolete if entry.obsolete else live).append(content_of(entry))
    digest = atomic_write(
        path, found.chunks(header, iter(live), obsolete), unchanged_since=found.snapshot
    )
    po.saved_digest = digest  # type: ignore[attr-defined]
    # Indexed as the full path indexes a file: only one whose every entry reads back the same
    # when the file is taken apart again (``polayout.plain_text``).
    readable = all(plain_text(text) for text in (header, *live, *obsolete))
    indexed = readable and len(found.source_of) <= REMEMBERED_AS_WRITTEN  # as the full path
    if index is not None and stamp is not None and indexed and len(carried) == len(live):
        redone_sizes = iter(len(text.encode("utf-8")) + 1 for text in live)
        redone_carried = iter(carried)
        sizes, marks = [], []
        for old in found.source_of:
            if old is None:
                sizes.append(next(redone_sizes))
                marks.append("1" if next(redone_carried) else "0")
            else:
                sizes.append(found.written.live_sizes[old])
                marks.append("1")
        written = Written(
            len(header.encode("utf-8")),
            sizes,
            [len(text.encode("utf-8")) + 1 for text in obsolete],
            "".join(marks),
            "".join(found.new_templates),
        )
        index.put(bytes.fromhex(digest), stamp, written)
    return digest
