"""The glossary notes of the entries sent to an engine that translates outside this process
(Apertium's programs) are made while it translates its first request, not before the request
(issue 19): the catalog gets the same notes, in the same place."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Sequence
from pathlib import Path

import polib
import pytest

from localize import enforce
from localize.app import translate as translate_app
from localize.comments import GLOSSARY_PREFIX, PROVENANCE_PREFIXES, logical_lines
from localize.engines import pseudo
from localize.glossary import load_glossary, shipped_path

from conftest import run_cli


def _kind(line: str) -> int:
    """0: what the unit is, 1: a glossary note, 2: where the translation came from."""
    if line.startswith(GLOSSARY_PREFIX):
        return 1
    return 2 if line.startswith(PROVENANCE_PREFIXES) else 0


def test_notes_of_the_sentences_sent_are_made_while_the_engine_translates(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same article translated where no notes are left for later: the catalog to match.
    plain = workdir / "plain"
    plain.mkdir()
    shutil.copy(workdir / "story.txt", plain / "story.txt")
    monkeypatch.chdir(plain)
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    monkeypatch.chdir(workdir)
    asked, noted = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}
    real_translate = pseudo.PseudoTranslator.translate
    real_comments = enforce.glossary_comments

    def translate(self: pseudo.PseudoTranslator, sentences: Sequence[str]) -> list[str]:
        if not asked.is_set():
            asked.set()
            # Notes made only before the request, or only after the translation, never come.
            seen["notes made during the first request"] = noted.wait(5)
        return real_translate(self, sentences)

    def comments(glossary: object, msgid: str, lang: str) -> list[str]:
        if not noted.is_set():
            seen["first request out before the first note"] = asked.wait(5)
            noted.set()
        return real_comments(glossary, msgid, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(pseudo.PseudoEngine, "translates_outside_python", lambda _: True)
    monkeypatch.setattr(pseudo.PseudoTranslator, "translates_outside_python", lambda _: True)
    monkeypatch.setattr(pseudo.PseudoTranslator, "translate", translate)
    monkeypatch.setattr(enforce, "glossary_comments", comments)

    result = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert seen == {
        "first request out before the first note": True,
        "notes made during the first request": True,
    }
    catalog = workdir / "locales" / "es" / "LC_MESSAGES" / "story.po"
    _assert_notes_in_place(catalog)
    assert _undated(catalog) == _undated(plain / "locales" / "es" / "LC_MESSAGES" / "story.po")
    # Made again, every draft comes from the machine-translation cache, set before the notes.
    catalog.unlink()
    result = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert "cached from an earlier run" in catalog.read_text("utf-8")
    _assert_notes_in_place(catalog)


def test_an_engine_translating_in_python_leaves_no_notes_for_later(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pseudo translates in this process's Python: nothing would run beside its requests, so
    its entries get their notes when they are selected, as every other entry does."""
    made: list[object] = []
    monkeypatch.setattr(translate_app._HeldNotes, "add", lambda *args: made.append(args))
    result = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert made == []
    _assert_notes_in_place(workdir / "locales" / "es" / "LC_MESSAGES" / "story.po")


def _undated(catalog: Path) -> list[str]:
    return [
        line
        for line in catalog.read_text("utf-8").splitlines()
        if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:'))
    ]


def _assert_notes_in_place(catalog: Path) -> None:
    """Each entry has its sentence's notes, after what the unit is and before its draft's."""
    glossary = load_glossary(shipped_path())
    with_terms = 0
    for entry in polib.pofile(str(catalog)):
        lines = logical_lines(entry.comment)
        notes = [line for line in lines if _kind(line) == 1]
        assert notes == enforce.glossary_comments(glossary, entry.msgid, "es")
        assert [_kind(line) for line in lines] == sorted(_kind(line) for line in lines)
        assert entry.msgstr and any(_kind(line) == 2 for line in lines)
        with_terms += bool(notes)
    assert with_terms >= 5


def test_which_engines_leave_the_python_free_before_a_translator_is_opened() -> None:
    """The engine's answer, given before a translator exists, is its translators' answer."""
    from localize.engines.apertium import ApertiumEngine
    from localize.engines.argos import ArgosEngine
    from localize.engines.base import EngineOptions

    assert ApertiumEngine().translates_outside_python()
    assert ArgosEngine(EngineOptions(device="cpu")).translates_outside_python()
    assert not ArgosEngine(EngineOptions(device="cuda")).translates_outside_python()
    assert not pseudo.PseudoEngine().translates_outside_python()
