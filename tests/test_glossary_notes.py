"""The glossary notes kept in ``.localize/glossary-notes.sqlite``: a damaged file is made
again, so one bad write does not cost every later run its notes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from localize.enforce import glossary_comments
from localize.glossary import load_glossary, shipped_path
from localize.glossary_notes import FILE_NAME, open_notes
from localize.project import NO_RUN_CACHE_ENV

SENTENCE = "The SCO Secretary-General met the Foreign Minister of Tajikistan in Beijing."


def _stored_sentences(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT sentence FROM notes")]


def test_a_damaged_notes_file_is_made_again_and_holds_the_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    glossary = load_glossary(shipped_path())
    expected = glossary_comments(glossary, SENTENCE, "es")
    assert expected  # the sentence holds terms: there is something to keep
    directory = tmp_path / ".localize"
    directory.mkdir()
    (directory / FILE_NAME).write_bytes(b"not a database" * 100)

    notes = open_notes(directory)
    assert notes.comments(glossary, "es", [SENTENCE]) == {SENTENCE: expected}
    notes.close()

    assert _stored_sentences(directory / FILE_NAME) == [SENTENCE]
    again = open_notes(directory)
    assert again.comments(glossary, "es", [SENTENCE]) == {SENTENCE: expected}
    again.close()
