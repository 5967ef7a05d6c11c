"""The catalog model: gettext PO/POT files made from an article's units, read strictly, written
atomically. polib holds the entries; this module decides what goes in them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain, zip_longest
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from localize import __version__
from localize.entry_state import has_translation, is_fuzzy, is_stale_draft, singular
from localize.errors import CatalogSyntaxError, LocalizeError
from localize.fileio import (
    FileSnapshot,
    absent_snapshot,
    atomic_write,
    read_with_snapshot,
    refuse_special_file,
)
from localize.formats.base import Unit, unit_msgids
from localize.languages import (
    english_name,
    normalize_language,
    plural_forms,
    plural_forms_problem,
)
from localize.polayout import NEWLINE, Layout, Renders, WrittenShape, content_of, plain_layout
from localize.polayout import read_layout as layout_of_text
from localize.posyntax import check_po_syntax

if TYPE_CHECKING:
    from localize.catalog_cache import CatalogCache

GENERATOR = f"localize {__version__}"
# Written without wrapping: msgcat --no-wrap leaves our files byte for byte as they are, and
# diffs between versions of a catalog show whole sentences.
WRAP_WIDTH = 0


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def template_metadata(project: str, creation_date: str | None = None) -> dict[str, str]:
    return {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date or _now(),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": GENERATOR,
    }


# The headers a language catalog adds to its template's (``catalog_metadata``).
_LANGUAGE_HEADERS = (
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "Plural-Forms",
    "X-Generator",
)
# Headers that say who made or reviews the catalog: a value a person set is theirs even when
# it is empty (a team left blank on purpose); only a missing one is filled. The others are
# filled when empty too, since gettext needs them (charset, language, plural rule, dates).
_PERSONS_HEADERS = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "Last-Translator",
    "Language-Team",
)


def catalog_metadata(template: polib.POFile, lang: str) -> dict[str, str]:
    """Headers for a new language catalog: the template's, with the language filled in."""
    metadata = dict(template.metadata)
    metadata.update(
        {
            "PO-Revision-Date": _now(),
            "Last-Translator": os.environ.get("LOCALIZE_TRANSLATOR") or GENERATOR,
            "Language-Team": f"{english_name(lang)} <LL@li.org>".replace("LL", lang),
            "Language": lang,
            "Plural-Forms": plural_forms(lang),
            "X-Generator": GENERATOR,
        }
    )
    return metadata


def complete_headers(po: polib.POFile, template: polib.POFile, lang: str) -> None:
    """Fill in the headers a hand-edited catalog lost (a translator's values are never
    changed): without Content-Type, gettext tools cannot even tell the charset."""
    # Checked first: the values (the language's English name, its plural forms) need Babel,
    # whose import and locale data were 0.1 s of every update of a catalog that lacks nothing.
    if not _lacks_headers(po, template):
        return
    for name, value in catalog_metadata(template, lang).items():
        if name in _PERSONS_HEADERS and name in po.metadata:
            continue
        if not po.metadata.get(name):
            po.metadata[name] = value


def _lacks_headers(po: polib.POFile, template: polib.POFile) -> bool:
    """Whether ``complete_headers`` would change anything (an empty header the template also
    leaves empty, such as Report-Msgid-Bugs-To, is not lacking)."""
    for name in (*template.metadata, *_LANGUAGE_HEADERS):
        value = po.metadata.get(name)
        if value is None:
            return True
        if name in _PERSONS_HEADERS:
            continue
        if not value and (name in _LANGUAGE_HEADERS or template.metadata[name]):
            return True
    return False


def _new_file() -> polib.POFile:
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.encoding = "utf-8"
    return po


def place_comment(kind: str, block: int) -> str:
    """The template comment of a sentence that occurs once, in block ``block`` of ``kind``."""
    return f"type: {kind}\nparagraph {block}"


def _block_comment(kinds_and_blocks: Sequence[tuple[str, int]]) -> str:
    if len(kinds_and_blocks) == 1:  # most sentences: the same text as below, without the sets
        return place_comment(*kinds_and_blocks[0])
    kinds = sorted({kind for kind, _ in kinds_and_blocks})
    blocks = sorted({block for _, block in kinds_and_blocks})
    label = "paragraph" if len(blocks) == 1 else "paragraphs"
    return f"type: {', '.join(kinds)}\n{label} {', '.join(map(str, blocks))}"


def template_from_units(units: Iterable[Unit], reference: str, project: str) -> polib.POFile:
    """One entry per distinct sentence, in order of first appearance; repeated sentences share
    one entry with a reference for each place."""
    po = template_header(reference, project)
    po.extend(template_entries(units, reference))
    return po


def template_header(reference: str, project: str) -> polib.POFile:
    """A template of the article ``reference`` without its entries (``template_entries``)."""
    po = _new_file()
    po.header = f"Sentences of {reference}, extracted by {GENERATOR}."
    po.metadata = template_metadata(project)
    po.metadata_is_fuzzy = True  # as xgettext marks a template's placeholder header
    return po


def template_entries(units: Iterable[Unit], reference: str) -> Iterator[polib.POEntry]:
    """The entries of the template of ``units``, made one at a time: a whole template of a
    long article (~700 bytes an entry) was a peak of its own, built only to be written."""
    for msgid, places in template_groups(units).items():
        yield template_entry(msgid, places, reference)


def template_groups(units: Iterable[Unit]) -> dict[str, Unit | list[Unit]]:
    """Each distinct sentence of ``units``, in order of first appearance, with its units: the
    unit alone for a sentence that occurs once (most do), else the list of them
    (``template_group_indices`` with the units)."""
    found = units if isinstance(units, Sequence) else list(units)
    return {
        msgid: found[at] if isinstance(at, int) else [found[i] for i in at]
        for msgid, at in template_group_indices(unit_msgids(found)).items()
    }


def template_group_indices(msgids: Iterable[str]) -> dict[str, int | list[int]]:
    """Each distinct sentence of the units whose msgids are ``msgids``, in order of first
    appearance, with the index of its unit, or the list of them for a repeated sentence."""
    grouped: dict[str, int | list[int]] = {}
    for index, msgid in enumerate(msgids):
        seen = grouped.setdefault(msgid, index)
        if seen != index:
            if isinstance(seen, int):
                grouped[msgid] = [seen, index]
            else:
                seen.append(index)
    return grouped


def template_entry(msgid: str, places: Unit | list[Unit], reference: str) -> polib.POEntry:
    """The template entry of one sentence of ``template_groups``."""
    occurrences, comment = template_fields(places, reference)
    return polib.POEntry(msgid=msgid, msgstr="", occurrences=occurrences, comment=comment)


def template_fields(places: Unit | list[Unit], reference: str) -> tuple[list[tuple[str, str]], str]:
    """The occurrences and comment of the template entry of ``places`` (``template_entry``),
    for a caller that needs them without the entry."""
    units = [places] if isinstance(places, Unit) else places
    return place_fields([(unit.line, unit.block, unit.kind) for unit in units], reference)


def place_fields(
    places: Sequence[tuple[int, int, str]], reference: str
) -> tuple[list[tuple[str, str]], str]:
    """``template_fields`` of the units at ``places``, each its (line, block, kind)."""
    if len(places) == 1:  # most sentences; an update's digests ask this for 3,100 of them
        line, block, kind = places[0]
        return [(reference, str(line))], _block_comment([(kind, block)])
    occurrences = [(reference, str(line)) for line, _, _ in places]
    return occurrences, _block_comment([(kind, block) for _, block, kind in places])


def catalog_from_template(template: polib.POFile, lang: str) -> polib.POFile:
    po = _new_file()
    po.header = (
        f"{english_name(lang)} translation of {template.metadata['Project-Id-Version']}.\n"
        "An entry without the fuzzy flag is reviewed; localize never overwrites it."
    )
    po.metadata = catalog_metadata(template, lang)
    for entry in template:
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr="",
                occurrences=list(entry.occurrences),
                comment=entry.comment,
                flags=list(entry.flags),
            )
        )
    return po


def load_catalog(path: Path, cache: CatalogCache | None = None) -> polib.POFile:
    """Read a PO/POT file strictly; a syntax problem raises CatalogSyntaxError with file:line.
    With ``cache``, a file whose exact bytes were parsed (or written) before is not parsed
    again (entry line numbers are then unknown)."""
    shown = path.as_posix()
    refuse_special_file(path, "the catalog")
    try:
        raw, snapshot = read_with_snapshot(path)
    except FileNotFoundError:
        raise LocalizeError(f"{shown}: no such catalog; create it with 'localize init'") from None
    except OSError as error:
        raise LocalizeError(f"{shown}: cannot read it ({error.strerror})") from None
    remembered = cache.get(snapshot.digest) if cache is not None and snapshot.digest else None
    if remembered is not None:
        po, layout, renders = remembered
        po.read_snapshot = snapshot  # type: ignore[attr-defined]
        po.layout = layout  # type: ignore[attr-defined]
        po.renders = renders  # type: ignore[attr-defined]
        _refuse_unusable_plural_forms(po, path)
        return po
    encoding = declared_charset(raw) or "utf-8"
    _refuse_mislabelled_utf8(raw, encoding, shown)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise CatalogSyntaxError(
            f"{shown}: not valid {encoding} as its header declares; fix the Content-Type charset"
        ) from None
    del raw  # a large catalog is held as bytes, text and polib entries at once otherwise
    checked = check_po_syntax(text, shown, encoding)
    # polib was given a rewritten text when some escapes needed decoding: then the file's own
    # blocks no longer match its entries, and it is written in localize's style.
    as_read = checked == text
    del text
    try:
        po = polib.pofile(checked, wrapwidth=WRAP_WIDTH)
    except (OSError, ValueError) as error:
        raise CatalogSyntaxError(f"{shown}: {error}; fix it by hand or restore a backup") from None
    po.encoding = encoding
    # Carried on the catalog itself, so that whoever saves it can tell whether the file
    # changed since (read_snapshot below).
    po.read_snapshot = snapshot  # type: ignore[attr-defined]
    # Likewise its layout, so that saving it changes only the entries whose content changed.
    contents: list[str] = []
    layout = layout_of_text(checked, po, _header_text(po), contents) if as_read else None
    po.layout = layout or plain_layout(checked)  # type: ignore[attr-defined]
    _refuse_unusable_plural_forms(po, path)
    if cache is not None and snapshot.digest:
        cache.put(snapshot.digest, po, list(po), po.layout, contents)  # type: ignore[attr-defined]
    return po


def _refuse_unusable_plural_forms(po: polib.POFile, path: Path) -> None:
    """A Plural-Forms header gettext cannot use is a catalog broken by hand: msgfmt refuses it
    and Python's gettext raises on the .mo compiled from it. Refused with the rule localize
    writes for the language (a translator's value is never replaced behind their back). An
    empty one is only lacking (``complete_headers``); a template's is a placeholder."""
    value = po.metadata.get("Plural-Forms", "")
    problem = plural_forms_problem(value) if value and path.suffix != ".pot" else None
    if problem is None:
        return
    lines = path.read_text(encoding=po.encoding or "utf-8", errors="replace").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if text.startswith('"Plural-Forms:')), 1)
    lang = po.metadata.get("Language") or path.parent.parent.name
    try:
        fix = f'"Plural-Forms: {plural_forms(normalize_language(lang))}\\n"'
    except LocalizeError:
        fix = "the language's rule from gettext's manual"
    raise CatalogSyntaxError(
        f"{path.as_posix()}:{line}: Plural-Forms '{value}' is unusable: {problem}; "
        f"write {fix} there instead"
    )


def read_renders(po: polib.POFile | None) -> Renders | None:
    """The text of the entries of ``po`` as a remembered catalog knows it (``catalog_cache``),
    to write a catalog merged from it without rendering its unchanged entries again."""
    return getattr(po, "renders", None)


def read_layout(po: polib.POFile | None) -> Layout | None:
    """How the file ``po`` was read from was wrapped, to write it back the same way."""
    return getattr(po, "layout", None)


def read_snapshot(po: polib.POFile | None, path: Path) -> FileSnapshot:
    """The catalog file as it was when ``po`` was read from it (absent when ``po`` is None):
    save_catalog(unchanged_since=...) refuses to replace a file someone saved since."""
    snapshot = getattr(po, "read_snapshot", None)
    return snapshot if snapshot is not None else absent_snapshot(path)


def _refuse_mislabelled_utf8(raw: bytes, encoding: str, shown: str) -> None:
    """A file whose non-ASCII bytes all form UTF-8 sequences is UTF-8 whatever its header says
    (in a legacy charset such text is vanishingly unlikely); reading it as the header says
    would turn every accented letter into two, and --to-utf8 would write that mojibake."""
    if _is_utf8_name(encoding) or raw.isascii():
        return
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    raise CatalogSyntaxError(
        f"{shown}: the header declares charset {encoding} but the text is UTF-8; fix the "
        "header to 'Content-Type: text/plain; charset=UTF-8'"
    )


def _is_utf8_name(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def declared_charset(raw: bytes) -> str | None:
    """The charset a PO header declares (``Content-Type: text/plain; charset=...``)."""
    marker = b"charset="
    at = raw.find(marker, 0, 4096)
    if at < 0:
        return None
    end = at + len(marker)
    stop = end
    while stop < len(raw) and raw[stop : stop + 1] not in (b"\\", b'"', b"\n", b";", b" "):
        stop += 1
    name = raw[end:stop].decode("ascii", "replace").strip()
    return None if not name or name.upper() == "CHARSET" else name


def save_catalog(
    po: polib.POFile,
    path: Path,
    *,
    unchanged_since: FileSnapshot | None = None,
    layout: Layout | None = None,
    entries: Callable[[polib.POFile], Iterable[polib.POEntry]] = iter,
    shape: WrittenShape | None = None,
    renders: Renders | None = None,
) -> str:
    """Write a catalog atomically: an interrupted run leaves the old catalog or the new one.
    With ``unchanged_since``, raise FileChanged rather than replace a file saved since. With
    ``layout`` (by default the one ``po`` was read with), unchanged entries are written as
    they were read and changed ones in the file's wrapping style. Returns the SHA-256 (hex)
    of the file written, which ``po`` keeps too (``catalog_digest``). ``entries`` gives each
    entry as it is to be written (draftspill puts drafts back); ``shape`` gathers the layout a
    read of the written file will find (``catalog_cache``); ``renders``, the text of entries
    rendered before."""
    chunks = catalog_chunks(po, layout or read_layout(po), entries, shape, renders)
    digest = atomic_write(path, chunks, unchanged_since=unchanged_since)
    po.saved_digest = digest  # type: ignore[attr-defined]
    return digest


def catalog_digest(po: polib.POFile | None) -> str | None:
    """The SHA-256 (hex) of the file as ``po`` was last read from or saved to it; None for a
    catalog never read from or written to a file."""
    saved = getattr(po, "saved_digest", None)
    if saved is not None:
        return saved
    snapshot = getattr(po, "read_snapshot", None)
    return snapshot.digest.hex() if snapshot is not None and snapshot.digest else None


def _header_text(po: polib.POFile) -> str:
    """The header comment and metadata entry as localize writes them."""
    head = polib.POFile(wrapwidth=WRAP_WIDTH)
    head.header, head.metadata = po.header, po.metadata
    head.metadata_is_fuzzy = po.metadata_is_fuzzy
    head.encoding = po.encoding or "utf-8"
    return head.__unicode__()


def catalog_chunks(
    po: polib.POFile,
    layout: Layout | None = None,
    entries: Callable[[polib.POFile], Iterable[polib.POEntry]] = iter,
    shape: WrittenShape | None = None,
    renders: Renders | None = None,
) -> Iterator[bytes]:
    """The file polib would write, entry by entry: the whole text of a large catalog (and its
    encoded copy) held at once was the largest peak of a long run's memory. With ``layout``,
    the file keeps the wrapping and line ends it was read with. ``shape`` is told each block
    written."""
    encoding = po.encoding or "utf-8"
    line_end = NEWLINE if layout is None else layout.line_end
    header = _header_text(po)
    text = header if layout is None else layout.header_text(header)
    if shape is not None:
        shape.add_header(header, text)
    # ``entries`` gives each entry as it is to be written (draftspill puts drafts back).
    ordered = chain((e for e in entries(po) if not e.obsolete), (e for e in po if e.obsolete))
    for entry in ordered:
        yield text.encode(encoding)
        if layout is None:
            shown = content = content_of(entry, renders)
        else:
            shown, content = layout.entry_text_and_content(entry, renders)
        if shape is not None:
            shape.add_entry(content, shown)
        text = line_end + shown
    yield (text if text.endswith("\n") else text + line_end).encode(encoding)


def same_entries(a: Iterable[polib.POEntry], b: Iterable[polib.POEntry]) -> bool:
    """Whether two catalogs hold the same entries, whatever their headers say; entry by entry,
    so that ``b`` may be made while it is compared (``template_entries``)."""
    return all(
        x is not None and y is not None and x.__unicode__(WRAP_WIDTH) == y.__unicode__(WRAP_WIDTH)
        for x, y in zip_longest(a, b)
    )


@dataclass(frozen=True)
class CatalogStats:
    """How many entries of a catalog are translated, fuzzy, untranslated and obsolete."""

    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    # Fuzzy machine drafts of an edited sentence's previous text, for the next run with an
    # engine to redo (``entry_state.is_stale_draft``); counted among ``fuzzy`` too.
    stale_drafts: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(po: polib.POFile) -> CatalogStats:
    translated = fuzzy = untranslated = obsolete = stale = 0
    for entry in po:
        if entry.obsolete:
            obsolete += 1
        elif not has_translation(entry):
            untranslated += 1
        elif is_fuzzy(entry):
            fuzzy += 1
            stale += is_stale_draft(entry)
        else:
            translated += 1
    return CatalogStats(translated, fuzzy, untranslated, obsolete, stale)


def translations(po: polib.POFile, include_fuzzy: bool) -> dict[str, str]:
    """msgid -> msgstr for the entries a regenerated copy may use."""
    result: dict[str, str] = {}
    for entry in po:
        text = singular(entry)
        if entry.obsolete or not text:
            continue
        if is_fuzzy(entry) and not include_fuzzy:
            continue
        result[entry.msgid] = text
    return result
