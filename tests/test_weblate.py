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

from localize.merge import merge

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


def _catalog(text: str, path: Path) -> polib.POFile:
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
        + text,
        encoding="utf-8",
    )
    msgfmt_check(path)
    return polib.pofile(str(path))


def test_an_old_translation_never_comes_back_over_the_reviewers_context_entry(
    tmp_path: Path,
) -> None:
    """A sentence made obsolete without a context (``#~ msgid "They agreed."``), then brought
    back and given a context by a reviewer: the reviewer's live entry is the sentence's entry,
    and the obsolete older translation stays obsolete, instead of coming back as translated and
    burying the reviewer's approval."""
    old = _catalog(
        'msgctxt "closing"\nmsgid "They agreed."\nmsgstr "Acordaron."\n\n'
        '#~ msgid "They agreed."\n#~ msgstr "Estuvieron de acuerdo."\n',
        tmp_path / "old.po",
    )
    template = _catalog(
        'msgid "The SCO met."\nmsgstr ""\n\nmsgid "They agreed."\nmsgstr ""\n', tmp_path / "a.pot"
    )
    merged, report = merge(old, template)
    live = [e for e in merged if not e.obsolete and e.msgid == "They agreed."]
    assert [(e.msgctxt, e.msgstr, e.fuzzy) for e in live] == [("closing", "Acordaron.", False)]
    assert report.kept == ["They agreed."] and report.revived == []
    buried = [e for e in merged if e.obsolete]
    assert [(e.msgctxt, e.msgstr) for e in buried] == [(None, "Estuvieron de acuerdo.")]
    merged.save(str(tmp_path / "merged.po"))
    msgfmt_check(tmp_path / "merged.po")


def test_a_context_entry_made_obsolete_is_revived_when_its_sentence_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the CLI: an older obsolete translation without a context does not come back over
    the reviewer's live "closing" entry; once purged, the reviewer's entry is made obsolete when
    its sentence is cut and comes back as it was, context and approval, when the sentence
    returns (it came back as a fuzzy "from memory" entry without its context)."""
    story = story_in(tmp_path, monkeypatch, "The SCO met.\n\nThey agreed.\n")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(CATALOG))
    entry = po.find("They agreed.")
    entry.msgctxt, entry.msgstr, entry.flags, entry.tcomment = "closing", "Acordaron.", [], ""
    po.append(polib.POEntry(msgid="They agreed.", msgstr="Estuvieron de acuerdo.", obsolete=True))
    po.save()
    msgfmt_check(CATALOG)

    def they_agreed() -> list[tuple[str | None, str, bool, bool]]:
        return sorted(
            (
                (e.msgctxt, e.msgstr, e.fuzzy, bool(e.obsolete))
                for e in polib.pofile(str(CATALOG))
                if e.msgid == "They agreed."
            ),
            key=str,
        )

    older = (None, "Estuvieron de acuerdo.", False, True)
    live, buried = ("closing", "Acordaron.", False, False), ("closing", "Acordaron.", False, True)
    steps = [
        ("The SCO met.\n\nThey agreed.\n\nThey left.\n", [], [live, older]),
        ("The SCO met.\n\nThey agreed.\n", ["--purge-obsolete"], [live]),
        ("The SCO met.\n", [], [buried]),
        ("The SCO met.\n\nThey agreed.\n", [], [live]),
    ]
    for text, options, wanted in steps:
        story.write_text(text, encoding="utf-8")
        result = run_cli("update", "story.txt", "--no-translate", *options)
        assert result.exit_code == 0, result.stderr
        msgfmt_check(CATALOG)
        assert they_agreed() == sorted(wanted, key=str), (text, options)


@pytest.mark.parametrize("first", ["closing", "vote"])
def test_of_two_contexts_for_one_sentence_the_one_msgmerge_keeps_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    """A reviewer gave one sentence two contexts. Status and build take a translation by its
    msgid, so the sentence keeps one entry: the first in the file, as msgmerge keeps it (fuzzy,
    there); the other is made obsolete (#~), where it stays for the reviewer, as msgmerge
    leaves it."""
    story = story_in(tmp_path, monkeypatch, "The SCO met.\n\nThey agreed.\n")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(CATALOG))
    entry = po.find("They agreed.")
    translations = {"closing": "Acordaron.", "vote": "Votaron a favor."}
    second = "vote" if first == "closing" else "closing"
    entry.msgctxt, entry.msgstr, entry.flags, entry.tcomment = first, translations[first], [], ""
    po.insert(
        po.index(entry) + 1,
        polib.POEntry(msgid="They agreed.", msgctxt=second, msgstr=translations[second]),
    )
    po.save()
    msgfmt_check(CATALOG)
    reference = tmp_path / "msgmerge.po"
    reference.write_bytes(CATALOG.read_bytes())

    # A new sentence like neither, so that no fuzzy match takes the second context.
    added = "\nThe summit ends on Friday in Dushanbe.\n"
    story.write_text(story.read_text(encoding="utf-8") + added, encoding="utf-8")
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    msgfmt_check(CATALOG)
    subprocess.run(
        ["msgmerge", "--quiet", "--update", "--previous", "--backup=off", str(reference)]
        + ["locales/story.pot"],
        check=True,
    )
    for path in (CATALOG, reference):
        agreed = [e for e in polib.pofile(str(path)) if e.msgid == "They agreed."]
        live = [e.msgstr for e in agreed if not e.obsolete]
        buried = [(e.msgctxt, e.msgstr) for e in agreed if e.obsolete]
        assert (live, buried) == ([translations[first]], [(second, translations[second])]), path
    ours = polib.pofile(str(CATALOG)).find("They agreed.", msgctxt=first)
    assert ours is not None and not ours.fuzzy


def test_an_entry_with_a_reviewers_context_stays_where_its_sentence_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The template has no entry with the reviewer's context, so the kept entry is placed by
    its msgid; placed as if first, it moved above the article's first sentence once that one
    was edited (an edited sentence's entry is made after the kept ones)."""
    story = story_in(tmp_path, monkeypatch, "The SCO met.\n\nThey agreed.\n\nThey left.\n")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(CATALOG))
    entry = po.find("They agreed.")
    entry.msgctxt, entry.msgstr, entry.flags, entry.tcomment = "closing", "Acordaron.", [], ""
    po.save()
    story.write_text("The SCO met today.\n\nThey agreed.\n\nThey left.\n", encoding="utf-8")
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    msgfmt_check(CATALOG)
    live = [(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOG)) if not e.obsolete]
    assert live == [(None, "The SCO met today."), ("closing", "They agreed."), (None, "They left.")]
