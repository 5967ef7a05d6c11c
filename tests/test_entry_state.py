"""The one place that decides an entry's state: what may be retranslated and what never is."""

from __future__ import annotations

import polib
import pytest

from localize.comments import machine_note
from localize.entry_state import (
    EntryState,
    entry_state,
    is_persons_work,
    lost_machine_note,
    needs_translation,
)


def draft(text: str, **kwargs: object) -> polib.POEntry:
    """An entry as translate leaves it: fuzzy, with the machine note and its digest."""
    return polib.POEntry(
        msgid="The ministers met.",
        msgstr=text,
        flags=["fuzzy"],
        comment=machine_note("pseudo", "Los ministros se reunieron."),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("entry", "state"),
    [
        (polib.POEntry(msgid="a", msgstr=""), EntryState.UNTRANSLATED),
        (draft("Los ministros se reunieron."), EntryState.MACHINE_DRAFT),
        # A reviewer rewrote the draft but left it fuzzy: the digest no longer matches.
        (draft("Los ministros se reunieron ayer."), EntryState.PERSONS_FUZZY),
        # Carried over an edited sentence: the previous msgid says it was reviewed before.
        (
            draft("Los ministros se reunieron.", previous_msgid="The ministers met again."),
            EntryState.PERSONS_FUZZY,
        ),
        (polib.POEntry(msgid="a", msgstr="b"), EntryState.REVIEWED),
        (polib.POEntry(msgid="a", msgstr="b", obsolete=True), EntryState.OBSOLETE),
    ],
)
def test_entry_state(entry: polib.POEntry, state: EntryState) -> None:
    assert entry_state(entry) is state


def test_only_untouched_drafts_are_retranslated_without_force() -> None:
    untouched = draft("Los ministros se reunieron.")
    rewritten = draft("Los ministros se reunieron ayer.")
    reviewed = polib.POEntry(msgid="a", msgstr="b")
    assert needs_translation(untouched, retranslate_fuzzy=True, force=False)
    assert not needs_translation(untouched, retranslate_fuzzy=False, force=False)
    assert not needs_translation(rewritten, retranslate_fuzzy=True, force=False)
    assert not needs_translation(reviewed, retranslate_fuzzy=True, force=False)
    assert needs_translation(reviewed, retranslate_fuzzy=False, force=True)
    assert is_persons_work(rewritten) and is_persons_work(reviewed)
    assert not is_persons_work(untouched)


def test_a_draft_stripped_of_its_note_is_recognised_only_by_the_memory() -> None:
    stripped = polib.POEntry(msgid="The ministers met.", msgstr="Los ministros.", flags=["fuzzy"])
    stored = {("The ministers met.", "Los ministros.")}
    assert lost_machine_note(stripped, stored)
    assert not lost_machine_note(stripped, set())  # not in the memory: a person's work
    rewritten = polib.POEntry(msgid="The ministers met.", msgstr="Otra.", flags=["fuzzy"])
    assert not lost_machine_note(rewritten, stored)
    carried = polib.POEntry(
        msgid="The ministers met.",
        msgstr="Los ministros.",
        flags=["fuzzy"],
        previous_msgid="The ministers met again.",
    )
    assert not lost_machine_note(carried, stored)
    noted = draft("Los ministros se reunieron.")
    assert not lost_machine_note(noted, {(noted.msgid, noted.msgstr)})  # its note is there
    reviewed = polib.POEntry(msgid="The ministers met.", msgstr="Los ministros.")
    assert not lost_machine_note(reviewed, stored)
