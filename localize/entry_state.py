"""What state a catalog entry is in: the one place that decides it.

This is the code that keeps localize's promise: a reviewed translation (non-empty, not fuzzy) is
a person's work and is never overwritten. Every machine draft is fuzzy and carries a digest of
the text the engine produced, so a draft a reviewer rewrote but left fuzzy is also recognised
as a person's work. Merge, translate/update, the comments and the checks all ask this module.
"""

from __future__ import annotations

from collections.abc import Container
from enum import Enum

import polib

from localize.comments import (
    draft_digest,
    marked_glossary_stale,
    marked_stale,
    provenance,
    recorded_draft_digest,
)

FUZZY = "fuzzy"


class EntryState(Enum):
    UNTRANSLATED = "untranslated"
    # A fuzzy draft exactly as the engine produced it: free to retranslate.
    MACHINE_DRAFT = "machine draft"
    # An untouched machine draft of the sentence before it was edited (``is_stale_draft``).
    STALE_DRAFT = "machine draft of the previous sentence"
    # Fuzzy but a person's work: a translation carried over an edited sentence (it has a
    # previous msgid), a memory proposal, or a draft a reviewer rewrote without clearing the flag.
    PERSONS_FUZZY = "fuzzy"
    REVIEWED = "reviewed"
    OBSOLETE = "obsolete"


def entry_state(entry: polib.POEntry) -> EntryState:
    if entry.obsolete:
        return EntryState.OBSOLETE
    if not has_translation(entry):
        return EntryState.UNTRANSLATED
    if not is_fuzzy(entry):
        return EntryState.REVIEWED
    if is_machine_draft(entry):
        return EntryState.MACHINE_DRAFT
    if is_stale_draft(entry):
        return EntryState.STALE_DRAFT
    return EntryState.PERSONS_FUZZY


def is_fuzzy(entry: polib.POEntry) -> bool:
    return FUZZY in entry.flags


def has_translation(entry: polib.POEntry) -> bool:
    """A msgstr, or any msgstr[n] of an entry a reviewer made plural."""
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def singular(entry: polib.POEntry) -> str:
    """The translation of the sentence itself: msgstr, or msgstr[0] of a plural entry."""
    return entry.msgstr or entry.msgstr_plural.get(0, "")


def is_reviewed(entry: polib.POEntry) -> bool:
    """A non-empty, non-fuzzy translation is a person's work and must never be overwritten."""
    return has_translation(entry) and not is_fuzzy(entry) and not entry.obsolete


def is_reviewed_work(entry: polib.POEntry) -> bool:
    """Reviewed, or was when its sentence left the article (an obsolete ``#~`` entry): what
    the translation memory learns from."""
    return has_translation(entry) and not is_fuzzy(entry)


def is_untouched_draft(entry: polib.POEntry) -> bool:
    """Whether the msgstr is still exactly what the engine produced."""
    recorded = recorded_draft_digest(entry)
    return recorded is not None and recorded == draft_digest(entry.msgstr)


def is_machine_draft(entry: polib.POEntry) -> bool:
    """An unreviewed MT draft nobody touched, as opposed to a person's translation that is
    fuzzy because its sentence was edited (it has a previous msgid), that the memory proposed,
    or that a reviewer rewrote without clearing the flag."""
    return is_fuzzy(entry) and entry.previous_msgid is None and is_untouched_draft(entry)


def is_stale_draft(entry: polib.POEntry) -> bool:
    """An untouched machine draft carried over an edited sentence by a run with no engine
    (``update --no-translate``): a draft of the old sentence (the ``#| msgid``), kept for
    translators, that the next run with an engine redoes. The merge marks it in the draft's
    translator comment (``comments.with_stale_mark``), which merge tools keep, and its digest
    still matches (a person's edit of it, even left fuzzy, is a person's work)."""
    return is_fuzzy(entry) and marked_stale(entry) and is_untouched_draft(entry)


def is_glossary_stale_draft(entry: polib.POEntry) -> bool:
    """An untouched machine draft made under an earlier glossary that the glossary in use finds
    wrong (a missing approved term, a forbidden rendering), marked so in its translator comment
    by a run that found it (``comments.with_glossary_mark``): the next run with an engine
    redoes it. Only localize's own untouched draft: a person's edit makes it a person's work."""
    return marked_glossary_stale(entry) and is_machine_draft(entry)


def lost_machine_note(entry: polib.POEntry, machine_output: Container[tuple[str, str]]) -> bool:
    """A machine draft whose provenance a merge tool dropped: msgmerge, ``pybabel update`` and
    translate-toolkit's pot2po keep none of the old catalog's ``#.`` comments. Nothing in the
    entry says where its fuzzy msgstr came from, but the memory keeps every draft the engine
    made, keyed by sentence: the same (msgid, msgstr) there means nobody touched it. A
    translation carried over an edited sentence (previous msgid) stays a person's work."""
    return (
        is_fuzzy(entry)
        and not entry.obsolete
        and entry.previous_msgid is None
        and not provenance(entry)
        and (entry.msgid, entry.msgstr) in machine_output
    )


def is_persons_work(entry: polib.POEntry) -> bool:
    """A translation that is not an untouched machine draft: reviewed, or a person's fuzzy."""
    return has_translation(entry) and not is_machine_draft(entry) and not is_stale_draft(entry)


def needs_translation(entry: polib.POEntry, *, retranslate_fuzzy: bool, force: bool) -> bool:
    """Empty entries, drafts of an edited sentence's old text and drafts made under an earlier
    glossary that the glossary in use finds wrong always; with --retranslate-fuzzy, machine
    drafts nobody touched (never a person's fuzzy); with --force, everything."""
    if not has_translation(entry):
        return True
    if entry.msgid_plural:
        return False  # a plural entry is a person's work; a draft has one form only
    if force or is_stale_draft(entry) or is_glossary_stale_draft(entry):
        return True
    return retranslate_fuzzy and is_machine_draft(entry)


def is_checked(entry: polib.POEntry) -> bool:
    """Whether ``localize check`` looks at the entry: translated, or fuzzy (a draft on its way
    to being published)."""
    return bool(entry.translated()) or is_fuzzy(entry)
