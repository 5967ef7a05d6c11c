"""Bringing a catalog up to date with a new template, with GNU msgmerge's semantics.

- an unchanged sentence keeps its msgstr, flags and translator comments exactly; an entry a
  person gave a ``msgctxt`` (Weblate, Poedit) is its sentence's entry still, found by its
  msgid and kept with that context: localize's templates have no contexts, so the context is
  the person's, and the approval they gave with it stands (msgmerge would mark the entry
  fuzzy with ``#| msgctxt``; status and build, which take a translation by its msgid, would
  then disagree with the update);
- an edited sentence takes the translation of its most similar old entry, marked fuzzy, with
  the old source in ``#| msgid`` (msgmerge --previous) so the reviewer sees what changed; when
  that translation is an untouched machine draft its translator comment says so, for a new
  draft (``entry_state.is_stale_draft``);
- a sentence that is gone becomes an obsolete ``#~`` entry when it had a translation, and an
  obsolete entry whose sentence comes back is revived as it was, a person's context with it;
  a live entry is always its sentence's before an obsolete one, so an older translation
  buried without the context never comes back over the reviewer's (``_previous_entry``);
- a sentence whose old msgid held a reference shown as white space (``&nbsp;``, ``&#160;``,
  ``&#32;``) at its edge, as HTML and Markdown catalogs made before such references were kept
  outside the msgid did, is the same sentence: its entry is kept as it was (reviewed stays
  reviewed), with the template's msgid and those references taken off the same edge of its
  msgstr, which the copy now writes outside it (``_without_old_edges``);
- references and extracted comments come from the new template, except the notes localize
  itself wrote about where a translation came from, which stay with the translation.

Similarity is the normalized InDel ratio over characters (difflib's ratio, computed by
``localize.similarity``: in Python for a few short sentences, by rapidfuzz in C++ for more, since
difflib took seconds for a few hundred edited sentences), the measure closest to msgmerge's
fstrcmp, with msgmerge's threshold of 0.6.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polib

from localize.catalog import GENERATOR
from localize.comments import (
    provenance,
    recorded_draft_digest,
    with_provenance,
    with_stale_mark,
)
from localize.entry_state import (
    FUZZY,
    EntryState,
    entry_state,
    has_translation,
    is_fuzzy,
    is_machine_draft,
    is_stale_draft,
    singular,
)
from localize.formats.inline import blank_edges
from localize.similarity import most_similar, work_of

FUZZY_THRESHOLD = 0.6


@dataclass
class MergeReport:
    """The msgids a merge kept, matched fuzzily, added, made obsolete and revived."""

    kept: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    revived: list[str] = field(default_factory=list)


def _closest(
    msgid: str, candidates: list[polib.POEntry], sources: list[str], work: int
) -> polib.POEntry | None:
    found = most_similar(msgid, sources, FUZZY_THRESHOLD * 100, work)
    return candidates[found[2]] if found else None


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def merge(old: polib.POFile, template: polib.POFile) -> tuple[polib.POFile, MergeReport]:
    """Return the updated catalog (a new object; ``old`` is not modified) and what happened."""
    report = MergeReport()
    live = {_key(e): e for e in old if not e.obsolete}
    buried = {_key(e): e for e in old if e.obsolete}
    in_template = {_key(new) for new in template}
    # An entry given a context by a person (Weblate, Poedit) for a sentence the template has
    # without one: found by its msgid, live or obsolete.
    contexts_added = _contexts_added(old, in_template, obsolete=False)
    contexts_buried = _contexts_added(old, in_template, obsolete=True)
    merged = polib.POFile(wrapwidth=old.wrapwidth)
    merged.encoding = old.encoding
    merged.header = old.header
    merged.metadata = dict(old.metadata)
    merged.metadata_is_fuzzy = old.metadata_is_fuzzy
    if "POT-Creation-Date" in template.metadata:
        merged.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    merged.metadata.setdefault("X-Generator", GENERATOR)  # like msgmerge: the editor's stays

    # Entries whose msgid a template no longer makes, by the msgid it now makes of their
    # sentence: a blank reference at a sentence's edge stays outside the msgid.
    # An untouched machine draft is left out: trimming it would break the fingerprint that
    # tells it from a person's work, and the engine drafts the sentence again anyway.
    with_old_edges: dict[tuple[str | None, str], polib.POEntry] = {
        (e.msgctxt, inside): e
        for e in reversed(old)
        if not e.obsolete
        and _key(e) not in in_template
        and (inside := _inside_blank_references(e.msgid)) is not None
        and entry_state(e) not in (EntryState.MACHINE_DRAFT, EntryState.STALE_DRAFT)
    }

    used: set[tuple[str | None, str]] = set()
    unmatched: list[polib.POEntry] = []
    for new in template:
        # The live entry of the sentence, then one whose msgid had a blank reference at an
        # edge, and only then an obsolete one: a reviewer's current translation is never
        # buried under an older one of the same sentence.
        previous = _previous_entry(new, live, {}, contexts_added, {})
        msgstr_edges_from = None
        if previous is None and _key(new) in with_old_edges:
            previous = msgstr_edges_from = with_old_edges[_key(new)]
        if previous is None:
            previous = _previous_entry(new, {}, buried, {}, contexts_buried)
        if previous is None:
            unmatched.append(new)
            continue
        used.add(_key(previous))
        entry = _carry(new, previous, previous.msgstr, list(previous.flags))
        entry.msgctxt = previous.msgctxt  # the context a person gave it stays theirs
        entry.previous_msgid = previous.previous_msgid
        if previous.msgid_plural:
            # A reviewer made the sentence a plural entry: keep every form, as msgmerge keeps
            # an entry whose msgid is unchanged.
            entry.msgid_plural = previous.msgid_plural
            entry.msgstr_plural = dict(previous.msgstr_plural)
        if msgstr_edges_from is not None:
            _without_old_edges(entry, msgstr_edges_from.msgid)
        (report.revived if previous.obsolete else report.kept).append(new.msgid)
        merged.append(entry)

    # Only translated, unused live entries are candidates for an edited sentence.
    candidates = [e for e in old if not e.obsolete and has_translation(e) and _key(e) not in used]
    sources = [c.msgid for c in candidates]
    work = work_of([new.msgid for new in unmatched], sources)
    fuzzy_sources: set[tuple[str | None, str]] = set()
    for new in unmatched:
        similar = _closest(new.msgid, candidates, sources, work)
        if similar is None:
            entry = polib.POEntry(
                msgid=new.msgid,
                msgctxt=new.msgctxt,
                msgstr="",
                occurrences=list(new.occurrences),
                comment=new.comment,
                flags=[f for f in new.flags if f != FUZZY],
            )
            report.new.append(new.msgid)
        else:
            flags = list(similar.flags)
            if FUZZY not in flags:
                flags.append(FUZZY)
            # From a plural entry, msgmerge carries its singular form over to the edited one.
            entry = _carry(new, similar, similar.msgstr or singular(similar), flags)
            # An untouched draft is nothing of a person's: marked for this run's engine, or the
            # next run with one, to redo (``entry_state.needs_translation``). Any other
            # translation loses a mark left from before it was approved.
            stale = is_machine_draft(similar) or is_stale_draft(similar)
            entry.tcomment = with_stale_mark(
                entry.tcomment, recorded_draft_digest(similar), new.msgid if stale else None
            )
            entry.previous_msgid = _reviewed_source(similar)
            if similar.msgctxt != new.msgctxt:
                # The context the translation had, as msgmerge --previous shows it.
                entry.previous_msgctxt = similar.msgctxt
            fuzzy_sources.add(_key(similar))
            report.fuzzy.append(new.msgid)
        merged.append(entry)
    _restore_template_order(merged, template)

    for entry in old:
        key = _key(entry)
        if key in used or key in fuzzy_sources or not has_translation(entry):
            continue
        if entry.obsolete:
            merged.append(entry)
            continue
        gone = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr=entry.msgstr,
            msgid_plural=entry.msgid_plural,
            msgstr_plural=dict(entry.msgstr_plural),
            flags=list(entry.flags),
            tcomment=entry.tcomment,
            comment=entry.comment,
            obsolete=True,
        )
        merged.append(gone)
        report.obsolete.append(entry.msgid)
    return merged, report


def _contexts_added(
    old: polib.POFile, in_template: set[tuple[str | None, str]], *, obsolete: bool
) -> dict[str, polib.POEntry]:
    """The entries of ``old`` (live or obsolete ones) to which a person gave a context the
    template does not have, by msgid. Of two contexts for one msgid, the first in the file, as
    msgmerge keeps it: status and build take one translation per msgid, so the other is made
    obsolete, where the reviewer still finds it."""
    return {
        e.msgid: e
        for e in reversed(old)
        if e.obsolete == obsolete and e.msgctxt is not None and _key(e) not in in_template
    }


def _previous_entry(
    new: polib.POEntry,
    live: dict[tuple[str | None, str], polib.POEntry],
    buried: dict[tuple[str | None, str], polib.POEntry],
    contexts_added: dict[str, polib.POEntry],
    contexts_buried: dict[str, polib.POEntry],
) -> polib.POEntry | None:
    """The old entry that is ``new``'s own: the live one, then the live one a person gave a
    context, before any obsolete one; a reviewer's current entry must never be buried under
    an older translation of the same sentence that was made obsolete before they gave it a
    context. A context entry taken is removed from its dict, so that it is taken once."""
    key = _key(new)
    if key in live:
        return live[key]
    if new.msgctxt is None and new.msgid in contexts_added:
        return contexts_added.pop(new.msgid)
    if key in buried:
        return buried[key]
    if new.msgctxt is None:
        return contexts_buried.pop(new.msgid, None)
    return None


def _carry(new: polib.POEntry, old: polib.POEntry, msgstr: str, flags: list[str]) -> polib.POEntry:
    return polib.POEntry(
        msgid=new.msgid,
        msgctxt=new.msgctxt,
        msgstr=msgstr,
        flags=flags,
        occurrences=list(new.occurrences),
        tcomment=old.tcomment,
        comment=with_provenance(new.comment, provenance(old)),
    )


def _reviewed_source(entry: polib.POEntry) -> str:
    """The source the translation of ``entry`` was last reviewed against, for the ``#| msgid``
    of the edited sentence it is carried to. A fuzzy translation carried over from an earlier
    edit keeps the source it had then: it was never reviewed against its own msgid. A reviewed
    one was reviewed against its msgid, whatever ``#|`` the reviewer left behind when they
    cleared the flag (msgmerge --previous does the same). Unlike msgmerge, a fuzzy entry without
    a previous msgid gives its msgid rather than none: localize tells a person's carried-over
    translation from a machine draft by it (``entry_state.is_machine_draft``)."""
    if is_fuzzy(entry) and entry.previous_msgid:
        return entry.previous_msgid
    return entry.msgid


def _inside_blank_references(msgid: str) -> str | None:
    """``msgid`` without the blank references (and white space) at its edges, or None when
    no edge holds such a reference: only those moved out of the msgid."""
    start, end = blank_edges(msgid)
    if "&" in msgid[:start] or "&" in msgid[end:]:
        return msgid[start:end]
    return None


def _without_old_edges(entry: polib.POEntry, old_msgid: str) -> None:
    """Take off ``entry``'s translations the blank references at the edges where
    ``old_msgid`` had them, and only where a translation has one there: the copy writes the
    source's own references outside the msgstr, so a msgstr keeping them doubled them."""
    start, end = blank_edges(old_msgid)

    def trimmed(translation: str) -> str:
        inner_start, inner_end = blank_edges(translation)
        if end < len(old_msgid) and "&" in translation[inner_end:]:
            translation = translation[:inner_end]
        if start > 0 and "&" in translation[:inner_start]:
            translation = translation[inner_start:]
        return translation

    entry.msgstr = trimmed(entry.msgstr)
    entry.msgstr_plural = {form: trimmed(text) for form, text in entry.msgstr_plural.items()}


def _restore_template_order(merged: polib.POFile, template: polib.POFile) -> None:
    position = {_key(entry): index for index, entry in enumerate(template)}
    by_msgid = {entry.msgid: index for index, entry in enumerate(template)}
    # An entry that kept a person's context sits where its sentence is.
    merged.sort(key=lambda entry: position.get(_key(entry), by_msgid.get(entry.msgid, 0)))


def purge_obsolete(po: polib.POFile) -> int:
    before = len(po)
    po[:] = [entry for entry in po if not entry.obsolete]
    return before - len(po)
