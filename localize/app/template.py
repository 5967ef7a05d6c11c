"""The article's template (POT) and the checks that a catalog belongs to the article."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from localize.catalog import (
    catalog_chunks,
    load_catalog,
    same_entries,
    save_catalog,
    template_entries,
    template_from_units,
    template_header,
)
from localize.catalog_delta import TemplateBlocks
from localize.errors import CatalogSyntaxError, LocalizeError
from localize.fileio import atomic_write, read_with_snapshot
from localize.project import Project
from localize.source import Article


def article_template(article: Article) -> polib.POFile:
    return template_from_units(article.units, article.display, article.name)


def article_entries(article: Article) -> Iterator[polib.POEntry]:
    """The entries of the article's template, made one at a time (``template_entries``)."""
    return template_entries(article.units, article.display)


def write_template(
    article: Article,
    project: Project,
    *,
    written_by_localize: WrittenBy | None = None,
    entries: Callable[[], Iterable[polib.POEntry]] | None = None,
    blocks: TemplateBlocks | None = None,
    digests: Sequence[str] | None = None,
    warnings: list[str] | None = None,
) -> tuple[polib.POFile, bool]:
    """Bring ``locales/<name>.pot`` up to date; return the template's headers as they now are
    on disk (its entries are the article's: ``article_entries``) and whether it was written.
    An unchanged article keeps its POT byte for byte (creation date included), so reruns leave
    version control clean and merges see the real date.

    The template is never held whole: its entries are made from the article's units while
    the file is compared or written. It is parsed only when needed: one that is byte for byte
    what this article gives is kept as it is, and one that ``written_by_localize(path,
    digest)`` says localize wrote for this same article (in its own layout, so other bytes
    mean other entries) is replaced without being read.

    ``entries`` gives the article's template entries when the caller has them made already;
    with ``blocks`` (the delta path's store, ``catalog_delta.TemplateBlocks``), the entries
    of the template last written are taken from its bytes rather than rendered again; with
    ``digests`` too (each entry's ``catalog_delta.template_digest``), ``entries`` gives a
    sequence, from which only the entries not in the last template are read.

    A template that cannot be parsed is written anew, with a line in ``warnings`` saying so:
    it is made from the article, so nothing of a person's is lost, and refusing to go on
    would only leave the user to delete it."""
    path = project.template_path(article.name)
    template = template_header(article.display, article.name)
    made = entries or (lambda: article_entries(article))
    if digests is not None and blocks is None:
        digests = None
    settled = _settle_unread(article, template, path, written_by_localize, made, blocks, digests)
    if settled is not None:
        return template, settled
    current = _read_template(path, article, warnings)
    if current is not None:
        check_same_article(article, current, path)
        if same_entries(current, made()):
            return template_headers(current), False
        del current
    if blocks is not None:
        record: list[tuple[str, int]] = []
        header = next(catalog_chunks(template))
        template.saved_digest = atomic_write(  # type: ignore[attr-defined]
            path, blocks.chunks(header, made(), {}, record, digests)
        )
        blocks.remember(template.saved_digest, header, record)  # type: ignore[attr-defined]
        return template, True
    save_catalog(template, path, entries=lambda _headers: made())
    return template, True


def _read_template(path: Path, article: Article, warnings: list[str] | None) -> polib.POFile | None:
    """The template on disk, or None when there is none or (given ``warnings``) it cannot be
    parsed."""
    if not path.exists():
        return None
    try:
        return load_catalog(path)
    except CatalogSyntaxError as error:
        if warnings is None or _names_only_others(path, article):
            raise
        # The message is "file:line: problem; how to fix it by hand": the fix is not the user's.
        problem = str(error).rpartition("; ")[0] or str(error)
        warnings.append(f"{problem}; written anew from {article.display}")
        return None


def _names_only_others(path: Path, article: Article) -> bool:
    """Whether the ``#:`` references of a template that cannot be parsed name other files
    only: another article's (two story.txt in dated folders), which is not this run's to
    write anew (``check_same_article`` cannot read it to tell)."""
    try:
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return False
    references = [f" {line[2:].strip()} " for line in lines if line.startswith("#: ")]
    return bool(references) and not any(f" {article.display}:" in r for r in references)


def rebuild_template(article: Article, written: polib.POFile) -> polib.POFile:
    """The template ``write_template`` returned, built again from the article's units: a run
    keeps only the headers of each template rather than its ~90,000 entries of a large
    article, whose catalogs already hold the same sentences. The entries are the same by
    construction (``write_template`` keeps a file only when its entries are these)."""
    template = article_template(article)
    template.header = written.header
    template.metadata = written.metadata
    template.metadata_is_fuzzy = written.metadata_is_fuzzy
    return template


def template_headers(template: polib.POFile) -> polib.POFile:
    """A copy of ``template`` without its entries, for ``rebuild_template``."""
    headers = polib.POFile(wrapwidth=template.wrapwidth)
    headers.encoding = template.encoding
    headers.header = template.header
    headers.metadata = template.metadata
    headers.metadata_is_fuzzy = template.metadata_is_fuzzy
    # What the file was read as or saved as (catalog_digest): the run's stamp records it.
    for kept in ("read_snapshot", "saved_digest"):
        if hasattr(template, kept):
            setattr(headers, kept, getattr(template, kept))
    return headers


# Given a file and the SHA-256 of its bytes: the article localize wrote it for, if it did.
WrittenBy = Callable[[Path, str], str | None]
_CREATION_DATE = re.compile(rb'"POT-Creation-Date: ([^"\\]*)\\n"')


def _settle_unread(
    article: Article,
    template: polib.POFile,
    path: Path,
    written_by: WrittenBy | None,
    made: Callable[[], Iterable[polib.POEntry]],
    blocks: TemplateBlocks | None,
    digests: Sequence[str] | None,
) -> bool | None:
    """Whether the template was written, told from the file's bytes alone: False when it is
    kept (``template`` then holds its creation date and snapshot), True when localize wrote it
    for this article and it differed (it is written here), None when it must be read to tell
    (no file, a file from elsewhere or in another layout, an unreadable one)."""
    if not path.is_file():
        return None  # absent, or not a regular file: load_catalog says why in its own words
    try:
        raw, snapshot = read_with_snapshot(path)
    except OSError:
        return None
    found = _CREATION_DATE.search(raw, 0, 4096)
    if found is None:
        return None
    fresh = template.metadata["POT-Creation-Date"]
    template.metadata["POT-Creation-Date"] = found.group(1).decode("utf-8", "replace")
    record: list[tuple[str, int]] = []
    if blocks is not None:
        header = next(catalog_chunks(template))
        known = blocks.known(raw, snapshot.digest)
        rendered = blocks.chunks(header, made(), known, record, digests)
    else:
        rendered = catalog_chunks(template, entries=lambda _headers: made())
    difference = _difference(raw, rendered)
    if difference is None:
        template.read_snapshot = snapshot  # type: ignore[attr-defined]
        if blocks is not None and not known:
            blocks.remember(snapshot.digest.hex() if snapshot.digest else None, header, record)
        return False
    template.metadata["POT-Creation-Date"] = fresh
    digest = snapshot.digest.hex() if snapshot.digest is not None else None
    if written_by is None or digest is None or written_by(path, digest) != article.display:
        return None
    if not difference.entries:
        return None  # no entries: nothing to save rendering for
    # Only the header (its creation date) differs from what was rendered to compare.
    header = next(catalog_chunks(template))
    same = raw[difference.same_from : difference.same_to]
    template.saved_digest = atomic_write(path, [header, same, *difference.rest])  # type: ignore[attr-defined]
    if blocks is not None:
        blocks.remember(template.saved_digest, header, record)  # type: ignore[attr-defined]
    return True


@dataclass
class _Difference:
    """How a template's file differs from the chunks rendered for it: the entries' chunks
    that match the file from just after its header are the bytes ``same_from:same_to`` of the
    file; ``rest`` are the chunks after them."""

    entries: int = 0
    same_from: int = 0
    same_to: int = 0
    rest: list[bytes] = field(default_factory=list)


def _difference(raw: bytes, chunks: Iterator[bytes]) -> _Difference | None:
    """None when ``chunks`` (a header, then the entries) make ``raw`` byte for byte. Compared
    chunk by chunk, never joined: the whole text of a long template once more was a peak.
    The chunks after the first difference are kept, to write the file without rendering its
    entries again."""
    found = _Difference()
    header = next(chunks)
    differs = not raw.startswith(header)
    if not differs:
        found.same_from = found.same_to = len(header)
    for chunk in chunks:
        found.entries += 1
        if not differs and raw.startswith(chunk, found.same_to):
            found.same_to += len(chunk)
            continue
        differs = True
        found.rest.append(chunk)
    if not differs and found.same_to == len(raw):
        return None
    return found


def check_same_article(article: Article, po: polib.POFile, path: Path) -> None:
    """Refuse a catalog made for another article: merging into it would make the other's work
    obsolete (``other_article``)."""
    other = other_article(article, po)
    if other is None:
        return
    if Path(other).name == Path(article.display).name:
        raise LocalizeError(
            f"{path}: belongs to {other}, a different article with the same file name; keep "
            f"{article.display}'s catalogs apart with --locales-dir, or rename one of the files"
        )
    raise LocalizeError(
        f"{path}: is the catalog of {other}, not of {article.display} (a copy, or a renamed "
        f"file?); delete it, or name it {Path(other).stem}{path.suffix} again, then rerun"
    )


def other_article(article: Article, po: polib.POFile) -> str | None:
    """The article ``po`` was made for when that is not ``article`` (index.md, story.txt in
    dated folders, or a catalog copied under another name), else None.

    A catalog whose references name another path but whose sentences are mostly this
    article's is the same article moved, or read from another directory: it is this one's.
    """
    references = {file for entry in po if not entry.obsolete for file, _ in entry.occurrences}
    if not references or article.display in references:
        return None
    ours = {unit.msgid for unit in article.units}
    theirs = {entry.msgid for entry in po if not entry.obsolete}
    if len(ours & theirs) >= 0.5 * min(len(ours), len(theirs)):
        return None
    return sorted(references)[0]


def stale_reason(article: Article, po: polib.POFile) -> str | None:
    """Why the catalog no longer matches the article, or None when it does."""
    article_ids = {unit.msgid for unit in article.units}
    catalog_ids = {entry.msgid for entry in po if not entry.obsolete}
    added = len(article_ids - catalog_ids)
    removed = len(catalog_ids - article_ids)
    if not added and not removed:
        return None
    return f"the article changed since the catalog was made ({added} new, {removed} gone sentences)"


def refuse_shared_catalog_names(articles: Sequence[Article]) -> None:
    """Catalogs are named after the article's file name: two articles called ``index.md`` in
    one run would write (or, for status, report; for build, build from) the same catalog."""
    refuse_shared_names([(article.name, article.display) for article in articles])


def refuse_shared_names(named: Sequence[tuple[str, str]]) -> None:
    """``refuse_shared_catalog_names`` for articles not read (check takes their paths):
    (catalog name, path as shown) of each."""
    seen: dict[str, str] = {}
    for name, display in named:
        if name in seen:
            raise LocalizeError(
                f"{seen[name]} and {display}: both would use the catalogs named "
                f"'{name}'; run them separately with different --locales-dir"
            )
        seen[name] = display
