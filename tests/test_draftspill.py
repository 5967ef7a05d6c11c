"""Drafts wait on disk, not in memory, between the engine and the writing of their catalog."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from localize.catalog import load_catalog
from localize.draftspill import DraftSpill

from conftest import msgfmt_check, run_cli


def _draft(msgid: str, msgctxt: str | None = None) -> polib.POEntry:
    return polib.POEntry(
        msgid=msgid,
        msgctxt=msgctxt,
        msgstr=f"[{msgid}]",
        tcomment="localize: machine draft 0123abcd",
        comment="type: paragraph\nmachine translation: pseudo",
        previous_msgid="An older sentence.",
        flags=["fuzzy"],
    )


def test_held_entries_are_empty_until_restored_one_at_a_time() -> None:
    catalog = Path("locales/es/LC_MESSAGES/story.po")
    entries = [_draft("One."), _draft("Two."), _draft("Two.", msgctxt="menu")]
    untouched = polib.POEntry(msgid="Three.", msgstr="Tres.")
    drafts = DraftSpill()
    try:
        for entry in entries:
            drafts.hold(catalog, entry)
        assert all(e.msgstr == "" and e.comment == "" and e.tcomment == "" for e in entries)
        assert all(e.previous_msgid is None and e.flags == ["fuzzy"] for e in entries)
        seen = []
        for entry in drafts.restored(catalog, [*entries, untouched]):
            # Only the entry being looked at is whole.
            seen.append((entry.msgid, entry.msgctxt, entry.msgstr, entry.previous_msgid))
            assert sum(bool(e.msgstr) for e in entries) == (entry is not untouched)
            assert entry.comment.endswith("pseudo") or entry is untouched
        assert seen == [
            ("One.", None, "[One.]", "An older sentence."),
            ("Two.", None, "[Two.]", "An older sentence."),
            ("Two.", "menu", "[Two.]", "An older sentence."),
            ("Three.", None, "Tres.", None),
        ]
        assert all(e.msgstr == "" for e in entries)  # empty again once written
    finally:
        drafts.close()


def test_forgetting_a_catalog_drops_only_its_drafts() -> None:
    spanish, french = Path("es/story.po"), Path("fr/story.po")
    es, fr = _draft("One."), _draft("One.")
    drafts = DraftSpill()
    try:
        drafts.hold(spanish, es)
        drafts.hold(french, fr)
        drafts.forget(spanish)
        assert [e.msgstr for e in drafts.restored(spanish, [es])] == [""]
        assert [e.msgstr for e in drafts.restored(french, [fr])] == ["[One.]"]
    finally:
        drafts.close()


def test_translate_holds_drafts_out_of_the_catalog_until_it_is_written(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import localize.app.translate as pipeline

    finish = pipeline._finish_one
    in_memory: list[str] = []

    def finish_and_look(one, *args, **kwargs):
        in_memory.extend(e.msgstr for e in one.po if not e.obsolete)
        return finish(one, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_finish_one", finish_and_look)
    result = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    catalog = workdir / "locales/es/LC_MESSAGES/story.po"
    msgfmt_check(catalog)
    written = [e for e in load_catalog(catalog) if not e.obsolete]
    assert len(in_memory) == len(written) > 10
    assert not any(in_memory)  # every draft waited on disk...
    assert all(e.msgstr and "fuzzy" in e.flags for e in written)  # ...and was written
    assert all(
        any(n.startswith("machine translation:") for n in e.comment.splitlines()) for e in written
    )


def test_an_entry_taken_back_and_held_again_is_not_written_each_time(tmp_path: Path) -> None:
    spill = DraftSpill()
    catalog = tmp_path / "es.po"
    entry = polib.POEntry(msgid="One.", msgstr="Uno.", tcomment="machine draft")
    spill.hold(catalog, entry)
    for round_index in range(3):
        spill.restore(catalog, entry)
        assert entry.msgstr == ("Uno." if round_index == 0 else "Una.")
        assert entry.tcomment == "machine draft"
        entry.msgstr = "Una."
        spill.hold(catalog, entry)
    assert entry.msgstr == ""
    # Still waiting in the batch, not written once per restore/hold.
    assert spill._db.execute("SELECT count(*) FROM drafts").fetchone() == (0,)
    assert [e.msgstr for e in spill.restored(catalog, [entry])] == ["Una."]
    spill.close()
