"""Weblate as the review server: it reads and writes PO files through translate-toolkit, with the
component's file mask ``locales/*/LC_MESSAGES/<article>.po`` and the POT as template. Re-merging
after a template change is msgmerge or pot2po (tests/test_merge_tools.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import factory

from conftest import msgfmt_check, run_cli, story_in

CATALOG = Path("locales/es/LC_MESSAGES/story.po")


def test_translate_toolkit_reads_and_writes_our_catalogs_byte_for_byte(workdir: Path) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    for path in (CATALOG, Path("locales/story.pot")):
        store = factory.getobject(str(path))
        assert len([u for u in store.units if not u.isheader()]) == len(polib.pofile(str(path)))
        assert bytes(store) == path.read_bytes(), path


def test_an_approval_saved_by_weblate_is_kept_by_localize(workdir: Path) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    store = factory.getobject(str(CATALOG))
    unit = next(u for u in store.units if not u.isheader() and u.isfuzzy())
    unit.target = "Traducción aprobada en Weblate."
    unit.markfuzzy(False)
    CATALOG.write_bytes(bytes(store))
    msgfmt_check(CATALOG)
    for args in (
        ("update", "story.txt", "--no-translate"),
        ("translate", "story.txt", "--to", "es", "--engine", "pseudo", "--retranslate-fuzzy"),
    ):
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        entry = polib.pofile(str(CATALOG)).find(unit.source)
        assert entry.msgstr == "Traducción aprobada en Weblate." and not entry.fuzzy, args
    msgfmt_check(CATALOG)


def test_a_context_a_reviewer_gave_an_entry_is_kept_with_its_approval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Weblate (or Poedit) keeps a msgctxt a reviewer set on an entry: status counts the entry
    translated and build uses it, so update keeps it too, context, approval and all, instead
    of marking it fuzzy against its own msgid and dropping the context."""
    story = story_in(tmp_path, monkeypatch, "The SCO met.\n\nThey agreed.\n")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(CATALOG))
    entry = po.find("They agreed.")
    entry.msgctxt, entry.msgstr, entry.flags = "closing", "Acordaron.", []
    po.save()

    def translated() -> int:
        result = run_cli("status", "story.txt", "--format", "json")
        assert result.exit_code == 0, result.stderr
        return int(json.loads(result.stdout)[0]["translated"])

    assert translated() == 1
    story.write_text(story.read_text(encoding="utf-8") + "\nThey left.\n", encoding="utf-8")
    for args in (
        ("update", "story.txt", "--no-translate"),
        ("update", "story.txt", "--engine", "pseudo"),
        ("translate", "story.txt", "--to", "es", "--engine", "pseudo", "--retranslate-fuzzy"),
    ):
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "edited->fuzzy 0" in result.stdout, args
        kept = polib.pofile(str(CATALOG)).find("They agreed.", msgctxt="closing")
        assert kept is not None, args
        assert kept.msgstr == "Acordaron." and not kept.fuzzy and kept.previous_msgid is None
        assert polib.pofile(str(CATALOG)).find("They agreed.", msgctxt=None) is None
        assert translated() == 1, args
        msgfmt_check(CATALOG)
    assert run_cli("build", "story.txt", "--to", "es", "--include-fuzzy").exit_code == 0
    assert "Acordaron." in Path("story.es.txt").read_text(encoding="utf-8")

    # Once its sentence is edited, the translation is carried over fuzzy as msgmerge --previous
    # carries it: the context it had shown as #| msgctxt.
    before = CATALOG.read_bytes()
    story.write_text(
        story.read_text(encoding="utf-8").replace("They agreed.", "They agreed at last."), "utf-8"
    )
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    msgfmt_check(CATALOG)
    ours = polib.pofile(str(CATALOG)).find("They agreed at last.")
    reference = tmp_path / "msgmerge.po"
    reference.write_bytes(before)
    subprocess.run(
        ["msgmerge", "--quiet", "--update", "--previous", "--backup=off", str(reference)]
        + ["locales/story.pot"],
        check=True,
    )
    theirs = polib.pofile(str(reference)).find("They agreed at last.")
    for entry in (ours, theirs):
        assert entry is not None and entry.fuzzy and entry.msgctxt is None
        assert (entry.previous_msgctxt, entry.previous_msgid, entry.msgstr) == (
            "closing",
            "They agreed.",
            "Acordaron.",
        )
