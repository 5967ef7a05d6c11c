"""update: msgmerge semantics, compared with GNU msgmerge itself, and nothing reviewed is lost."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from localize.catalog import load_catalog
from localize.merge import merge

from conftest import msgfmt_check, run_cli

V1 = """Talks open in Dushanbe

DUSHANBE, July 14 (Xinhua) -- Trade grew by 7.5 percent in the first half of the year.

Wang said China is ready to work with all parties. He thanked the Tajik side.

This paragraph will be cut from the second version of the story.

The ministers adopted a joint statement at the end of the meeting.
"""

# One number edited, one paragraph removed, one moved, one sentence added.
V2 = """Talks open in Dushanbe

The ministers adopted a joint statement at the end of the meeting.

DUSHANBE, July 14 (Xinhua) -- Trade grew by 8.5 percent in the first half of the year.

Wang said China is ready to work with all parties. He thanked the Tajik side. A new sentence about the summit in September was added.
"""

ES = Path("locales/es/LC_MESSAGES/story.po")


def review(path: Path) -> None:
    """A translator's work: fuzzy cleared, text changed by hand, a translator comment."""
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = f"ES<{entry.msgid}>"
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po[0].tcomment = "Title checked with the desk."
    po.save(str(path))


def outcome(po: polib.POFile) -> dict[str, set[str]]:
    live = [e for e in po if not e.obsolete]
    return {
        "kept": {e.msgid for e in live if e.msgstr and "fuzzy" not in e.flags},
        "fuzzy": {e.msgid for e in live if "fuzzy" in e.flags},
        "new": {e.msgid for e in live if not e.msgstr},
        "obsolete": {e.msgid for e in po if e.obsolete},
        "previous": {e.previous_msgid for e in live if e.previous_msgid},
    }


def test_update_scenario(workdir: Path) -> None:
    Path("story.txt").write_text(V1, encoding="utf-8")
    assert run_cli("init", "story.txt", "--to", "es,fr").exit_code == 0
    review(ES)
    reviewed = {e.msgid: (e.msgstr, e.tcomment) for e in polib.pofile(str(ES))}

    Path("story.txt").write_text(V2, encoding="utf-8")
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    for path in (ES, Path("locales/fr/LC_MESSAGES/story.po")):
        msgfmt_check(path)
    po = load_catalog(ES)
    got = outcome(po)
    # Every reviewed entry of an unchanged sentence is identical.
    for msgid in got["kept"]:
        assert (po.find(msgid).msgstr, po.find(msgid).tcomment) == reviewed[msgid]
    edited = (
        "DUSHANBE, July 14 (Xinhua) -- Trade grew by 8.5 percent in the first half of the year."
    )
    assert got["fuzzy"] == {edited}
    assert po.find(edited).previous_msgid == edited.replace("8.5", "7.5")
    assert po.find(edited).msgstr == reviewed[edited.replace("8.5", "7.5")][0]
    assert got["new"] == {"A new sentence about the summit in September was added."}
    assert got["obsolete"] == {"This paragraph will be cut from the second version of the story."}
    # The moved paragraph keeps its translation and gets its new reference.
    moved = po.find("The ministers adopted a joint statement at the end of the meeting.")
    assert moved.msgstr and "fuzzy" not in moved.flags
    assert moved.occurrences == [("story.txt", "3")]
    # build reproduces v2's structure.
    assert run_cli("build", "story.txt", "--to", "es", "--threshold", "0").exit_code == 0
    built = Path("story.es.txt").read_text(encoding="utf-8")
    assert built.count("\n\n") == V2.count("\n\n")
    assert "ES<The ministers adopted" in built.split("\n\n")[1]

    # v3 restores the removed paragraph: its translation comes back.
    Path("story.txt").write_text(
        V2 + "\nThis paragraph will be cut from the second version of the story.\n",
        encoding="utf-8",
    )
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    back = load_catalog(ES).find("This paragraph will be cut from the second version of the story.")
    assert back is not None and not back.obsolete
    assert back.msgstr == "ES<This paragraph will be cut from the second version of the story.>"
    assert "fuzzy" not in back.flags


def test_merge_agrees_with_gnu_msgmerge(workdir: Path) -> None:
    Path("story.txt").write_text(V1, encoding="utf-8")
    run_cli("init", "story.txt", "--to", "es")
    review(ES)
    Path("story.txt").write_text(V2, encoding="utf-8")
    run_cli("extract", "story.txt")
    pot = Path("locales/story.pot")
    gnu = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", str(ES), str(pot)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ours, _ = merge(load_catalog(ES), load_catalog(pot))
    assert outcome(ours) == outcome(polib.pofile(gnu))


def test_a_reviewed_entry_edited_again_shows_the_source_it_was_reviewed_against(
    workdir: Path,
) -> None:
    """A reviewer cleared the fuzzy flag of a carried-over translation but left its ``#|``:
    when the sentence is edited again, ``#| msgid`` is the text they reviewed (as msgmerge
    --previous gives it), not the one before; a fuzzy entry keeps its own ``#|``."""
    Path("story.txt").write_text(V1, encoding="utf-8")
    run_cli("init", "story.txt", "--to", "es")
    review(ES)
    reviewed = "Wang said China is ready to work with all parties."
    fuzzy = "The ministers adopted a joint statement at the end of the meeting."
    stale = "Wang said China is ready to work with all sides."  # the reviewer's leftover
    earlier = "The ministers adopted a statement at the meeting."  # not reviewed since
    po = polib.pofile(str(ES))
    po.find(reviewed).previous_msgid = stale
    po.find(fuzzy).previous_msgid = earlier
    po.find(fuzzy).flags.append("fuzzy")
    po.save(str(ES))
    before = ES.read_text(encoding="utf-8")
    Path("story.txt").write_text(
        V1.replace("all parties", "all the parties").replace("joint statement", "statement"),
        encoding="utf-8",
    )
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    msgfmt_check(ES)
    ours = load_catalog(ES)
    reviewed_now = ours.find(reviewed.replace("all parties", "all the parties"))
    fuzzy_now = ours.find(fuzzy.replace("joint statement", "statement"))
    assert "fuzzy" in reviewed_now.flags and reviewed_now.previous_msgid == reviewed
    assert "fuzzy" in fuzzy_now.flags and fuzzy_now.previous_msgid == earlier

    Path("old.po").write_text(before, encoding="utf-8")
    gnu = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", "old.po", "locales/story.pot"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    theirs = polib.pofile(gnu)
    for entry in (reviewed_now, fuzzy_now):
        assert entry.previous_msgid == theirs.find(entry.msgid).previous_msgid, entry.msgid


def test_purge_obsolete_and_keep_translator_headers(workdir: Path) -> None:
    Path("story.txt").write_text(V1, encoding="utf-8")
    run_cli("init", "story.txt", "--to", "es")
    review(ES)
    po = polib.pofile(str(ES))
    po.metadata["Last-Translator"] = "Ana Pérez <ana@example.org>"
    po.metadata["Language-Team"] = "Spanish desk <es@example.org>"
    po.save(str(ES))
    Path("story.txt").write_text(V2, encoding="utf-8")
    assert run_cli("update", "story.txt", "--no-translate", "--purge-obsolete").exit_code == 0
    po = load_catalog(ES)
    assert not [e for e in po if e.obsolete]
    assert po.metadata["Last-Translator"] == "Ana Pérez <ana@example.org>"
    assert po.metadata["Language-Team"] == "Spanish desk <es@example.org>"


def test_update_fills_lost_headers_and_asks_nothing_when_none_is_lost(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from localize import catalog

    run_cli("init", "story.txt", "--to", "es")
    po = polib.pofile(str(ES))
    for name in ("Plural-Forms", "Language-Team", "Content-Type"):
        del po.metadata[name]
    po.save(str(ES))
    Path("story.txt").write_text(V2, encoding="utf-8")
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    po = load_catalog(ES)
    assert po.metadata["Plural-Forms"].startswith("nplurals=2;")
    assert po.metadata["Language-Team"] == "Spanish <es@li.org>"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    msgfmt_check(ES)

    # Nothing lost: the values (Babel's names and plural rules) are not even computed.
    def refuse(*_args: object) -> dict[str, str]:
        raise AssertionError("headers computed for a catalog that lacks none")

    monkeypatch.setattr(catalog, "catalog_metadata", refuse)
    Path("story.txt").write_text(V1, encoding="utf-8")
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0


def test_update_without_catalogs_says_how_to_create_them(workdir: Path) -> None:
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 2 and "localize translate story.txt --to" in result.stderr


def test_unchanged_article_leaves_catalog_bytes_alone(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    review(ES)
    before = ES.read_bytes()
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    assert ES.read_bytes() == before


def test_status_shows_out_of_date(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    with open("story.txt", "a", encoding="utf-8") as story:
        story.write("\nOne more sentence.\n")
    result = run_cli("status", "story.txt")
    assert "out of date" in result.stdout


def test_only_the_edited_sentence_goes_back_to_the_engine(workdir: Path) -> None:
    """An edited sentence whose old translation was an unreviewed MT draft gets a fresh draft
    (exactly one sentence sent); one whose translation a person reviewed keeps it, fuzzy."""
    import json

    Path("story.txt").write_text(V1, encoding="utf-8")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(ES))
    reviewed = po.find("Wang said China is ready to work with all parties.")
    reviewed.msgstr, reviewed.flags = "Wang dijo que China está dispuesta.", []
    po.save(str(ES))

    Path("story.txt").write_text(
        V1.replace("7.5 percent", "8.5 percent").replace("all parties", "all the parties"),
        encoding="utf-8",
    )
    result = run_cli("update", "story.txt", "--engine", "pseudo", "--format", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    assert summary["machine_translated"] == 1 and summary["fuzzy_matched"] == 2
    po = load_catalog(ES)
    redone = po.find(
        "DUSHANBE, July 14 (Xinhua) -- Trade grew by 8.5 percent in the first half of the year."
    )
    assert "8.5" in redone.msgstr and "fuzzy" in redone.flags and redone.previous_msgid is None
    kept = po.find("Wang said China is ready to work with all the parties.")
    assert kept.msgstr == "Wang dijo que China está dispuesta." and "fuzzy" in kept.flags
    assert kept.previous_msgid == "Wang said China is ready to work with all parties."


def test_rerunning_translate_and_update_leaves_catalogs_byte_identical(workdir: Path) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    first = ES.read_bytes()
    pot = Path("locales/story.pot").read_bytes()
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    assert ES.read_bytes() == first
    assert Path("locales/story.pot").read_bytes() == pot


def test_reviewed_memory_is_proposed_before_machine_translation(workdir: Path) -> None:
    """A sentence a person translated for one article is proposed (fuzzy) in the next one."""
    import json

    Path("first.txt").write_text(
        "Wang met Rahmon in Dushanbe. The talks were friendly.\n", encoding="utf-8"
    )
    assert run_cli("translate", "first.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    path = Path("locales/es/LC_MESSAGES/first.po")
    po = polib.pofile(str(path))
    entry = po.find("The talks were friendly.")
    entry.msgstr, entry.flags = "Las conversaciones fueron amistosas.", []
    po.save(str(path))
    Path("second.txt").write_text(
        "The talks were friendly. Both sides signed a statement.\n", encoding="utf-8"
    )
    result = run_cli(
        "translate", "second.txt", "--to", "es", "--engine", "pseudo", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    assert summary["from_memory"] == 1 and summary["machine_translated"] == 1
    proposed = load_catalog(Path("locales/es/LC_MESSAGES/second.po")).find(
        "The talks were friendly."
    )
    assert proposed.msgstr == "Las conversaciones fueron amistosas."
    assert "fuzzy" in proposed.flags and "from memory" in proposed.comment


def test_a_persons_translation_survives_two_edits_in_a_row(workdir: Path) -> None:
    Path("story.txt").write_text(V1, encoding="utf-8")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    original = (
        "DUSHANBE, July 14 (Xinhua) -- Trade grew by 7.5 percent in the first half of the year."
    )
    po = polib.pofile(str(ES))
    entry = po.find(original)
    entry.msgstr, entry.flags = "El comercio creció un 7,5 por ciento.", []
    po.save(str(ES))
    for figure in ("7.6", "7.7"):
        Path("story.txt").write_text(V1.replace("7.5", figure), encoding="utf-8")
        assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
        carried = load_catalog(ES).find(original.replace("7.5", figure))
        assert carried.msgstr == "El comercio creció un 7,5 por ciento."
        assert "fuzzy" in carried.flags
        assert carried.previous_msgid == original  # what the person reviewed


def test_plural_entries_added_by_hand_are_kept_as_obsolete(workdir: Path) -> None:
    Path("story.txt").write_text(V1, encoding="utf-8")
    run_cli("init", "story.txt", "--to", "es")
    with open(ES, "a", encoding="utf-8") as catalog:
        catalog.write(
            '\nmsgid "one minister"\nmsgid_plural "%d ministers"\n'
            'msgstr[0] "un ministro"\nmsgstr[1] "%d ministros"\nmsgstr[2] "%d ministros"\n'
        )
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    msgfmt_check(ES)
    gone = [e for e in load_catalog(ES) if e.obsolete]
    assert [(e.msgid, e.msgid_plural, e.msgstr_plural[0]) for e in gone] == [
        ("one minister", "%d ministers", "un ministro")
    ]


def test_two_articles_with_the_same_file_name_do_not_share_catalogs(workdir: Path) -> None:
    Path("a").mkdir()
    Path("b").mkdir()
    Path("a/index.txt").write_text(V1, encoding="utf-8")
    Path("b/index.txt").write_text(
        "A different article.\n\nIt has other sentences.\n", encoding="utf-8"
    )
    assert run_cli("translate", "a/index.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    path = Path("locales/es/LC_MESSAGES/index.po")
    before = path.read_bytes()
    for command in (
        ["extract", "b/index.txt"],
        ["translate", "b/index.txt", "--to", "es", "--engine", "pseudo"],
        ["update", "b/index.txt", "--no-translate"],
        ["build", "b/index.txt", "--to", "es", "--threshold", "0"],
    ):
        result = run_cli(*command)
        assert result.exit_code == 2 and "belongs to a/index.txt" in result.stderr, command
    assert path.read_bytes() == before
    # The same article moved keeps its catalog.
    Path("a/index.txt").rename("moved.txt")
    Path("locales/es/LC_MESSAGES/index.po").rename("locales/es/LC_MESSAGES/moved.po")
    assert run_cli("update", "moved.txt", "--no-translate").exit_code == 0


def test_a_catalog_copied_under_another_articles_name_is_refused_and_shown_as_such(
    workdir: Path,
) -> None:
    Path("story.txt").write_text(V1, encoding="utf-8")
    Path("brief.txt").write_text("A different article.\n\nIt has other sentences.\n")
    for name in ("story.txt", "brief.txt"):
        assert run_cli("translate", name, "--to", "es", "--engine", "pseudo").exit_code == 0
    copied = Path("locales/es/LC_MESSAGES/brief.po")
    copied.write_bytes(ES.read_bytes())
    before = copied.read_bytes()
    result = run_cli("update", "brief.txt", "--no-translate")
    assert result.exit_code == 2
    assert "is the catalog of story.txt, not of brief.txt" in result.stderr
    assert "name it story.po again" in result.stderr and "same file name" not in result.stderr
    assert copied.read_bytes() == before
    status = run_cli("status", "brief.txt", "--format", "json")
    assert [row["belongs_to"] for row in json.loads(status.stdout)] == ["story.txt"]
    assert "the catalog of story.txt" in run_cli("status", "brief.txt").stdout
    assert (
        json.loads(run_cli("status", "story.txt", "--format", "json").stdout)[0]["belongs_to"]
        is None
    )


def test_retranslate_fuzzy_redoes_only_untouched_machine_drafts(workdir: Path) -> None:
    import json

    Path("story.txt").write_text(V1, encoding="utf-8")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(ES))
    drafts = [e for e in po if "fuzzy" in e.flags]
    drafts[0].msgstr = "Reescrito por una persona, aún sin revisar."  # rewritten, left fuzzy
    drafts[1].msgstr, drafts[1].flags = "Revisado.", []  # reviewed
    po.save(str(ES))
    # The reviewed sentence is edited: its translation is carried over, fuzzy, with #|.
    edited = V1.replace(drafts[1].msgid, drafts[1].msgid.replace(".", " again."))
    Path("story.txt").write_text(edited, encoding="utf-8")
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    result = run_cli(
        "translate",
        "story.txt",
        "--to",
        "es",
        "--engine",
        "pseudo",
        "--retranslate-fuzzy",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    untouched = len(drafts) - 2
    redone = summary["machine_translated"] + summary["from_cache"] + summary["from_memory"]
    assert redone == untouched
    after = load_catalog(ES)
    assert after.find(drafts[0].msgid).msgstr == "Reescrito por una persona, aún sin revisar."
    carried = after.find(drafts[1].msgid.replace(".", " again."))
    assert carried.msgstr == "Revisado." and carried.previous_msgid == drafts[1].msgid
    assert not list(ES.parent.glob("*.bak"))


def test_drafts_that_kept_their_notes_are_not_looked_up_in_the_memory(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a draft a merge tool stripped of its notes is looked for in the memory
    (test_merge_tools.py: its provenance comes back); localize's own drafts kept theirs."""
    from localize.memory import Memory

    Path("story.txt").write_text(V1, encoding="utf-8")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    asked: list[str] = []
    real = Memory.machine_output

    def recorded(self: Memory, source: str, target: str, sources: list[str]) -> dict:
        asked.extend(sources)
        return real(self, source, target, sources)

    monkeypatch.setattr(Memory, "machine_output", recorded)
    Path("story.txt").write_text(V2, encoding="utf-8")
    result = run_cli("update", "story.txt", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert asked == []
    # A draft whose notes were stripped is asked for, and gets them back.
    po = polib.pofile(str(ES))
    stripped = next(e for e in po if "fuzzy" in e.flags and e.msgstr)
    stripped.comment = "\n".join(
        line for line in stripped.comment.splitlines() if line.startswith(("type:", "paragraph"))
    )
    stripped.tcomment = ""
    po.save(str(ES))
    assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
    assert asked == [stripped.msgid]
    assert "machine translation: pseudo" in load_catalog(ES).find(stripped.msgid).comment


def test_only_an_engine_that_opens_ahead_is_started_before_the_article_is_read(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``StartedEarly`` (engines chosen in a thread before the article is read) runs for an
    engine that opens a translator ahead (Apertium) or one ``auto`` may choose, never for
    pseudo, and not for --no-translate."""
    from localize.app import started_early

    started: list[str] = []
    real = started_early.StartedEarly.__init__

    def recorded(self, mt, source, langs):  # type: ignore[no-untyped-def]
        started.append(mt.engine)
        real(self, mt, source, langs)

    monkeypatch.setattr(started_early.StartedEarly, "__init__", recorded)
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    assert started == []  # translate: never
    Path("story.txt").write_text(V2, encoding="utf-8")
    assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
    Path("story.txt").write_text(V1, encoding="utf-8")
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    assert started == []
    Path("story.txt").write_text(V2, encoding="utf-8")
    assert run_cli("update", "story.txt", "--engine", "auto").exit_code in (0, 3)
    assert started == ["auto"]


def test_translators_taken_early_are_closed_when_another_fails_to_open() -> None:
    """``_opened_ahead``: a translator taken from ``StartedEarly`` is closed when opening
    another language's raises something unexpected (an OSError starting its programs)."""
    from contextlib import ExitStack
    from types import SimpleNamespace

    from localize.app import translate

    closed: list[str] = []
    taken = SimpleNamespace(close=lambda: closed.append("es"))

    def refuse(_source: str, _target: str) -> None:
        raise OSError("too many open files")

    engines = {"es": SimpleNamespace(), "fr": SimpleNamespace(open_ahead=refuse)}
    started = SimpleNamespace(take=lambda lang, _engine: taken if lang == "es" else None)
    plans = {(0, "fr"): (SimpleNamespace(redone_new=True), None)}
    with pytest.raises(OSError), ExitStack() as closer:
        translate._opened_ahead(engines, plans, "en", closer, started)  # type: ignore[arg-type]
    assert closed == ["es"]


def test_the_objects_kept_out_of_the_collector_during_a_run_are_given_back(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalogs read are kept out of the cyclic collector's scans while a run builds the
    merged ones (app/translate._collector), and given back after it, also after an error."""
    import gc

    from localize.app import translate

    run_cli("init", "story.txt", "--to", "es")
    Path("story.txt").write_text(V2, encoding="utf-8")
    frozen_during: list[int] = []
    real = translate.engines_for

    def failing(*args: object) -> object:
        frozen_during.append(gc.get_freeze_count())
        raise RuntimeError("an engine failed")

    monkeypatch.setattr(translate, "engines_for", failing)
    failed = run_cli("update", "story.txt", "--engine", "pseudo")
    assert failed.exit_code == 70 and "an engine failed" in failed.stderr
    # The run's own choice is the last call (an engine that starts early would add one before).
    assert frozen_during and frozen_during[-1] > 0
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(translate, "engines_for", real)
    assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
    assert gc.get_freeze_count() == 0


TRADE = "DUSHANBE, July 14 (Xinhua) -- Trade grew by 7.5 percent in the first half of the year."
MINISTERS = "The ministers adopted a joint statement at the end of the meeting."


# What the draft line of a stale draft's translator comment says (comments.with_stale_mark).
STALE_MARK = "made before msgid"


def _drafted_then_edited_without_an_engine() -> polib.POFile:
    """V1 drafted by the pseudo engine, two of its sentences edited, then updated with no
    engine twice (the second run is the unchanged-run shortcut's when it is on)."""
    Path("story.txt").write_text(V1, encoding="utf-8")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    Path("story.txt").write_text(
        V1.replace("7.5", "8.5").replace("joint statement", "joint declaration"), encoding="utf-8"
    )
    for _ in range(2):
        assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    return load_catalog(ES)


def test_a_draft_carried_over_an_edit_without_an_engine_is_redrafted_by_the_next_engine_run(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """update --no-translate carries an untouched draft over an edited sentence as a stale
    draft: status and check say so, and the next run with an engine redrafts it, on the delta
    path too (the run caches are on here)."""
    import json

    from localize.app import translate
    from localize.entry_state import EntryState, entry_state
    from localize.project import NO_RUN_CACHE_ENV

    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    planned: list[bool] = []
    original = translate._prepare_planned
    monkeypatch.setattr(
        translate, "_prepare_planned", lambda *a, **k: planned.append(True) or original(*a, **k)
    )
    po = _drafted_then_edited_without_an_engine()
    stale = po.find(TRADE.replace("7.5", "8.5"))
    assert entry_state(stale) is EntryState.STALE_DRAFT and STALE_MARK in stale.tcomment
    assert stale.previous_msgid == TRADE and "7.5" in stale.msgstr
    msgfmt_check(ES)

    status = json.loads(run_cli("status", "story.txt", "--format", "json").stdout)
    assert status[0]["stale_drafts"] == 2
    assert "2 draft(s) of edited sentences" in run_cli("status", "story.txt").stdout
    checked = run_cli("check", "story.txt", "--to", "es", "--format", "json")
    findings = json.loads(checked.stdout)["findings"]
    assert {f["msgid"] for f in findings if f["check"] == "stale-draft"} == {
        stale.msgid,
        MINISTERS.replace("statement", "declaration"),
    }

    planned.clear()
    result = run_cli("update", "story.txt", "--engine", "pseudo", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["locales"]["es"]["machine_translated"] == 2
    assert planned == [True]  # the delta path saw them
    redone = load_catalog(ES).find(stale.msgid)
    assert entry_state(redone) is EntryState.MACHINE_DRAFT
    assert "8.5" in redone.msgstr and redone.previous_msgid is None
    assert STALE_MARK not in redone.tcomment
    status = json.loads(run_cli("status", "story.txt", "--format", "json").stdout)
    assert status[0]["stale_drafts"] == 0


def test_a_persons_edit_of_a_stale_draft_is_never_redrafted(workdir: Path) -> None:
    from localize.entry_state import EntryState, entry_state

    po = _drafted_then_edited_without_an_engine()
    rewritten = po.find(MINISTERS.replace("statement", "declaration"))
    rewritten.msgstr = "Los ministros adoptaron una declaración conjunta."  # left fuzzy
    po.save(str(ES))
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = load_catalog(ES)
    kept = po.find(rewritten.msgid)
    assert kept.msgstr == "Los ministros adoptaron una declaración conjunta."
    assert entry_state(kept) is EntryState.PERSONS_FUZZY and kept.previous_msgid == MINISTERS
    assert entry_state(po.find(TRADE.replace("7.5", "8.5"))) is EntryState.MACHINE_DRAFT


def test_a_draft_approved_as_it_was_is_a_persons_work_after_its_sentence_is_edited(
    workdir: Path,
) -> None:
    """A reviewer cleared the fuzzy flag of an untouched draft: its note and digest still say
    machine draft, but the merge carries it over as a person's fuzzy, never as a stale draft."""
    from localize.entry_state import EntryState, entry_state

    Path("story.txt").write_text(V1, encoding="utf-8")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(ES))
    approved = po.find(TRADE)
    approved.flags.remove("fuzzy")
    po.save(str(ES))
    Path("story.txt").write_text(V1.replace("7.5", "8.5"), encoding="utf-8")
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    # On a clone, without the memory that would propose the reviewed translation again.
    shutil.rmtree(".localize")
    assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
    carried = load_catalog(ES).find(TRADE.replace("7.5", "8.5"))
    assert carried.msgstr == approved.msgstr and carried.previous_msgid == TRADE
    assert entry_state(carried) is EntryState.PERSONS_FUZZY


def test_a_stale_draft_survives_msgmerge_and_is_still_redrafted(workdir: Path) -> None:
    """GNU msgmerge drops flags it does not know but keeps translator comments, where the mark
    is: a catalog merged by it between the two runs is redrafted all the same."""
    from localize.entry_state import EntryState, entry_state

    _drafted_then_edited_without_an_engine()
    merged = subprocess.run(
        ["msgmerge", "--quiet", "--previous", "-o", str(ES), str(ES), "locales/story.pot"],
        capture_output=True,
        text=True,
    )
    assert merged.returncode == 0, merged.stderr
    stale = load_catalog(ES).find(TRADE.replace("7.5", "8.5"))
    assert entry_state(stale) is EntryState.STALE_DRAFT
    assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
    redone = load_catalog(ES).find(stale.msgid)
    assert entry_state(redone) is EntryState.MACHINE_DRAFT and "8.5" in redone.msgstr
    # One draft line, short enough that msgmerge did not wrap it: nothing of it left behind.
    assert redone.tcomment.splitlines() == [line for line in redone.tcomment.splitlines()
                                            if line.startswith("localize: machine draft")]  # fmt: skip


def _stale_draft_approved_then_edited_again() -> polib.POEntry:
    """A stale draft (``_drafted_then_edited_without_an_engine``) whose fuzzy flag a reviewer
    cleared as it was, its sentence then edited again (8.5 -> 9.5); the approved entry."""
    _drafted_then_edited_without_an_engine()
    po = polib.pofile(str(ES))
    approved = po.find(TRADE.replace("7.5", "8.5"))
    approved.flags.remove("fuzzy")
    po.save(str(ES))
    Path("story.txt").write_text(
        Path("story.txt").read_text(encoding="utf-8").replace("8.5", "9.5"), encoding="utf-8"
    )
    return approved


def test_an_approved_stale_draft_made_fuzzy_by_msgmerge_after_an_edit_is_a_persons_work(
    workdir: Path,
) -> None:
    """The reviewer cleared fuzzy (the mark stays in the comment); the sentence is edited and a
    colleague runs msgmerge, which makes the entry fuzzy again: the mark names the msgid it was
    set under, not this one, so the approved text is kept."""
    from localize.entry_state import EntryState, entry_state

    approved = _stale_draft_approved_then_edited_again()
    assert run_cli("extract", "story.txt").exit_code == 0
    merged = subprocess.run(
        ["msgmerge", "--quiet", "--previous", "-o", str(ES), str(ES), "locales/story.pot"],
        capture_output=True,
        text=True,
    )
    assert merged.returncode == 0, merged.stderr
    shutil.rmtree(".localize")  # no memory to propose the reviewed translation again
    assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
    kept = load_catalog(ES).find(TRADE.replace("7.5", "9.5"))
    assert kept.msgstr == approved.msgstr and entry_state(kept) is EntryState.PERSONS_FUZZY


def test_a_stale_draft_approved_as_it_was_is_kept_when_its_sentence_is_edited_again(
    workdir: Path,
) -> None:
    """The reviewer cleared fuzzy and left the mark: the next edit carries a person's work."""
    from localize.entry_state import EntryState, entry_state

    approved = _stale_draft_approved_then_edited_again()
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    # On a clone, without the memory that would propose the reviewed translation again.
    shutil.rmtree(".localize")
    assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
    carried = load_catalog(ES).find(TRADE.replace("7.5", "9.5"))
    assert carried.msgstr == approved.msgstr and entry_state(carried) is EntryState.PERSONS_FUZZY
    assert STALE_MARK not in carried.tcomment


def test_a_stale_draft_edited_again_without_an_engine_stays_stale(workdir: Path) -> None:
    from localize.entry_state import EntryState, entry_state

    _drafted_then_edited_without_an_engine()
    Path("story.txt").write_text(
        Path("story.txt").read_text(encoding="utf-8").replace("8.5", "9.5"), encoding="utf-8"
    )
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    stale = load_catalog(ES).find(TRADE.replace("7.5", "9.5"))
    assert entry_state(stale) is EntryState.STALE_DRAFT and stale.previous_msgid == TRADE
    msgfmt_check(ES)


def test_update_brings_a_catalog_another_tool_added_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project file lists es; Weblate's "add new translation" (msginit) adds fr. update
    brings both up to date, and status then calls neither out of date (it called fr out of
    date for ever, telling the user to run the update that never touched it)."""
    if shutil.which("msginit") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    monkeypatch.chdir(tmp_path)
    Path("localize.toml").write_text(
        'articles = ["a.txt"]\nlanguages = ["es"]\nengine = "pseudo"\n', encoding="utf-8"
    )
    article = Path("a.txt")
    article.write_text("The SCO met.\n\nThey agreed.\n", encoding="utf-8")
    assert run_cli("translate").exit_code == 0
    french = Path("locales/fr/LC_MESSAGES/a.po")
    french.parent.mkdir(parents=True)
    subprocess.run(
        ["msginit", "--no-translator", "-l", "fr", "-i", "locales/a.pot", "-o", str(french)],
        check=True,
        capture_output=True,
    )
    article.write_text(article.read_text(encoding="utf-8") + "\nThey left.\n", encoding="utf-8")

    result = run_cli("update", "--no-translate")
    assert result.exit_code == 0, result.stderr
    assert str(french) in result.stdout
    for lang in ("es", "fr"):
        catalog = Path(f"locales/{lang}/LC_MESSAGES/a.po")
        assert polib.pofile(str(catalog)).find("They left.") is not None, lang
        msgfmt_check(catalog)
    status = run_cli("status", "--format", "json")
    assert status.exit_code == 0, status.stderr
    assert {row["lang"]: row["out_of_date"] for row in json.loads(status.stdout)} == {
        "es": False,
        "fr": False,
    }
    # --to still means only those languages.
    article.write_text(article.read_text(encoding="utf-8") + "\nThey came back.\n", "utf-8")
    assert run_cli("update", "--no-translate", "--to", "es").exit_code == 0
    assert polib.pofile(str(french)).find("They came back.") is None


def test_catalogs_nobody_named_are_updated_as_best_as_can_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With languages = ["es"] in the project file, a French catalog someone is halfway
    through editing (unreadable) is skipped with one warning naming its file and line, instead
    of stopping the update of es; a folder not named by a language code (templates, bak, src,
    es@old) is no language at all and is left alone, and a copy of another language's catalog
    (its Language header) is skipped with a warning."""
    monkeypatch.chdir(tmp_path)
    Path("localize.toml").write_text(
        'articles = ["a.txt"]\nlanguages = ["es"]\nengine = "pseudo"\n', encoding="utf-8"
    )
    article = Path("a.txt")
    article.write_text("The SCO met.\n\nThey agreed.\n", encoding="utf-8")
    assert run_cli("translate").exit_code == 0
    spanish = Path("locales/es/LC_MESSAGES/a.po")
    french = Path("locales/fr/LC_MESSAGES/a.po")
    french.parent.mkdir(parents=True)
    french.write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    # Folders that are no language's, whatever Babel reads their names as (bak is Bashkir's
    # ISO 639-2 code, src Sardinian's), and a copy of es/ left as pt/: left as they are.
    strays = [
        Path(f"locales/{folder}/LC_MESSAGES/a.po")
        for folder in ("templates", "bak", "src", "es@old", "pt")
    ]
    for stray in strays:
        stray.parent.mkdir(parents=True)
        shutil.copy(spanish, stray)
    strays_before = [stray.read_bytes() for stray in strays]
    article.write_text(article.read_text(encoding="utf-8") + "\nThey left.\n", encoding="utf-8")

    result = run_cli("update", "--no-translate")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2, result.stderr
    assert f"{french.as_posix()}:2:" in warnings[0] and "fix it" in warnings[0]
    assert "locales/pt/LC_MESSAGES/a.po:" in warnings[1]
    assert "its Language header says es, not pt" in warnings[1]
    for folder in ("templates", "bak", "src", "es@old"):
        assert folder not in result.stderr + result.stdout
    assert polib.pofile(str(spanish)).find("They left.") is not None
    msgfmt_check(spanish)
    assert french.read_text(encoding="utf-8") == 'msgid "x"\nmsgstr "y\n'
    assert [stray.read_bytes() for stray in strays] == strays_before
    # Asked for by name, the broken catalog stops the update as before.
    result = run_cli("update", "--no-translate", "--to", "es,fr")
    assert result.exit_code == 2 and f"{french.as_posix()}:2:" in result.stderr


def test_a_language_found_for_one_article_of_two_leaves_the_other_without_a_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A French catalog another tool added for a.txt only: update brings it up to date, and
    b.txt, never translated to French, is neither refused for having no French catalog nor
    given one."""
    monkeypatch.chdir(tmp_path)
    Path("localize.toml").write_text(
        'articles = ["a.txt", "b.txt"]\nlanguages = ["es"]\nengine = "pseudo"\n', encoding="utf-8"
    )
    Path("a.txt").write_text("The SCO met.\n\nThey agreed.\n", encoding="utf-8")
    Path("b.txt").write_text("Rain fell.\n\nThey left.\n", encoding="utf-8")
    assert run_cli("translate").exit_code == 0
    french = Path("locales/fr/LC_MESSAGES/a.po")
    french.parent.mkdir(parents=True)
    shutil.copy("locales/es/LC_MESSAGES/a.po", french)
    # As msginit or Weblate would leave it: the header names the folder's language.
    _set_language(french, "fr")
    Path("a.txt").write_text("The SCO met.\n\nThey agreed.\n\nThey went home.\n", encoding="utf-8")

    result = run_cli("update", "--no-translate")
    assert result.exit_code == 0, result.stderr
    assert polib.pofile(str(french)).find("They went home.") is not None
    msgfmt_check(french)
    assert not Path("locales/fr/LC_MESSAGES/b.po").exists()


def test_the_engine_summary_counts_the_articles_with_a_catalog_in_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both articles gain a sentence, and only a.txt has a French catalog: the French
    sentence sent to the engine is one of one article, not of two."""
    monkeypatch.chdir(tmp_path)
    Path("localize.toml").write_text(
        'articles = ["a.txt", "b.txt"]\nlanguages = ["es"]\nengine = "pseudo"\n', encoding="utf-8"
    )
    Path("a.txt").write_text("The SCO met.\n", encoding="utf-8")
    Path("b.txt").write_text("Rain fell.\n", encoding="utf-8")
    assert run_cli("translate").exit_code == 0
    french = Path("locales/fr/LC_MESSAGES/a.po")
    french.parent.mkdir(parents=True)
    shutil.copy("locales/es/LC_MESSAGES/a.po", french)
    # As msginit or Weblate would leave it: the header names the folder's language.
    _set_language(french, "fr")
    Path("a.txt").write_text("The SCO met.\n\nThey went home.\n", encoding="utf-8")
    Path("b.txt").write_text("Rain fell.\n\nThey stayed in.\n", encoding="utf-8")

    result = run_cli("update")
    assert result.exit_code == 0, result.stderr
    output = result.stdout + result.stderr
    assert "es: 2 distinct sentences of 2 articles sent to the engine" in output
    assert "fr: 1 distinct sentences of 1 article sent to the engine" in output


def test_a_header_a_person_left_empty_stays_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty Language-Team: (or Last-Translator:) a person set is theirs: update keeps it,
    and fills only a header that is missing."""
    monkeypatch.chdir(tmp_path)
    article = Path("a.txt")
    article.write_text("The SCO met.\n\nThey agreed.\n", encoding="utf-8")
    assert run_cli("translate", "a.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    catalog = Path("locales/es/LC_MESSAGES/a.po")
    po = polib.pofile(str(catalog))
    po.metadata["Language-Team"] = po.metadata["Last-Translator"] = ""
    po.save()
    for added in ("They left.", "They came back."):
        article.write_text(article.read_text(encoding="utf-8") + f"\n{added}\n", "utf-8")
        result = run_cli("update", "a.txt", "--no-translate")
        assert result.exit_code == 0, result.stderr
        msgfmt_check(catalog)
        text = catalog.read_text(encoding="utf-8")
        assert '"Language-Team: \\n"' in text and '"Last-Translator: \\n"' in text
    po = polib.pofile(str(catalog))
    del po.metadata["Language-Team"]
    po.save()
    article.write_text(article.read_text(encoding="utf-8") + "\nThey stayed.\n", "utf-8")
    assert run_cli("update", "a.txt", "--no-translate").exit_code == 0
    assert polib.pofile(str(catalog)).metadata["Language-Team"] == "Spanish <es@li.org>"
    # An empty team and, beside it, a header lost: the lost one is filled, the team stays empty
    # (an update that fills something must still leave a person's empty values alone).
    po = polib.pofile(str(catalog))
    po.metadata["Language-Team"] = ""
    del po.metadata["Content-Transfer-Encoding"]
    po.save()
    article.write_text(article.read_text(encoding="utf-8") + "\nThey slept.\n", "utf-8")
    assert run_cli("update", "a.txt", "--no-translate").exit_code == 0
    msgfmt_check(catalog)
    metadata = polib.pofile(str(catalog)).metadata
    assert (metadata["Language-Team"], metadata["Content-Transfer-Encoding"]) == ("", "8bit")


def _set_language(path: Path, lang: str) -> None:
    po = polib.pofile(str(path))
    po.metadata["Language"] = lang
    po.save(str(path))


EDGE_REFERENCES_ARTICLE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Talks end</title></head>
<body>
<p>The ministers left.&nbsp;</p>
<p>&#160;Talks resume on Monday.</p>
<p>The statement runs to 12 pages.&#32;</p>
<p>Officials declined to comment.&nbsp;</p>
</body></html>
"""

# The catalog as localize wrote it before a blank reference at a sentence's edge was kept
# outside the msgid: (msgid, msgstr, reviewed). The last translation has no reference.
EDGE_REFERENCES_CATALOG = [
    ("Talks end", "Fin de las conversaciones", True),
    ("The ministers left.&nbsp;", "Los ministros se fueron.&nbsp;", True),
    ("&#160;Talks resume on Monday.", "&#160;Las conversaciones se reanudan el lunes.", True),
    ("The statement runs to 12 pages.&#32;", "La declaración tiene 12 páginas.&#32;", False),
    ("Officials declined to comment.&nbsp;", "Los funcionarios no comentaron.", True),
]


def test_a_catalog_with_blank_references_in_its_msgids_stays_reviewed_after_update(
    workdir: Path,
) -> None:
    Path("story.html").write_text(EDGE_REFERENCES_ARTICLE, encoding="utf-8")
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "es",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for line, (msgid, msgstr, reviewed) in enumerate(EDGE_REFERENCES_CATALOG, start=3):
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=[("story.html", str(line))])
        if not reviewed:
            entry.flags.append("fuzzy")
        po.append(entry)
    ES.parent.mkdir(parents=True)
    po.save(str(ES))

    result = run_cli("update", "story.html", "--no-translate")
    assert result.exit_code == 0, result.stderr
    assert "edited->fuzzy 0, new 0, obsolete 0" in result.stdout + result.stderr
    msgfmt_check(ES)
    updated = load_catalog(ES)
    live = {e.msgid: e for e in updated if not e.obsolete}
    assert not [e for e in updated if e.obsolete]
    assert {msgid: (e.msgstr, "fuzzy" in e.flags) for msgid, e in live.items()} == {
        "Talks end": ("Fin de las conversaciones", False),
        "The ministers left.": ("Los ministros se fueron.", False),
        "Talks resume on Monday.": ("Las conversaciones se reanudan el lunes.", False),
        "The statement runs to 12 pages.": ("La declaración tiene 12 páginas.", True),
        "Officials declined to comment.": ("Los funcionarios no comentaron.", False),
    }

    built = run_cli("build", "story.html", "--to", "es", "--include-fuzzy", "-o", "-")
    assert built.exit_code == 0, built.stderr
    assert "<p>Los ministros se fueron.&nbsp;</p>" in built.stdout
    assert "<p>&#160;Las conversaciones se reanudan el lunes.</p>" in built.stdout
    assert "<p>La declaración tiene 12 páginas.&#32;</p>" in built.stdout
    assert "<p>Los funcionarios no comentaron.&nbsp;</p>" in built.stdout


def _po(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    return po


def test_a_live_entry_with_blank_edges_comes_before_an_obsolete_one() -> None:
    """The sentence was "Hello", then "&nbsp;Hello" (reviewed) before the edge moved out of
    msgids: the reviewer's current translation is kept, not the obsolete older one."""
    from localize.merge import merge

    old = _po(
        polib.POEntry(msgid="&nbsp;Hello", msgstr="&nbsp;Bonjour"),
        polib.POEntry(msgid="Hello", msgstr="Salut (old)", obsolete=True),
    )
    merged, report = merge(old, _po(polib.POEntry(msgid="Hello")))
    live = [e for e in merged if not e.obsolete]
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in live] == [("Hello", "Bonjour", False)]
    assert report.kept == ["Hello"] and report.revived == []


def test_an_untouched_machine_draft_is_not_trimmed_into_a_persons_work() -> None:
    """Trimming a machine draft's msgstr would break the fingerprint that tells it from a
    person's work: the edge rule leaves it out, and it stays the machine's (redrafted)."""
    from localize.comments import machine_note
    from localize.entry_state import EntryState, entry_state
    from localize.merge import merge

    draft = polib.POEntry(
        msgid="&nbsp;Hello", msgstr="&nbsp;Bonjour", comment=machine_note("argos", "&nbsp;Bonjour")
    )
    draft.flags = ["fuzzy"]
    assert entry_state(draft) is EntryState.MACHINE_DRAFT
    merged, _ = merge(_po(draft), _po(polib.POEntry(msgid="Hello")))
    [entry] = [e for e in merged if not e.obsolete]
    assert entry.msgid == "Hello"
    assert entry_state(entry) is not EntryState.PERSONS_FUZZY
    assert entry_state(entry) is not EntryState.REVIEWED


def test_a_copy_whose_header_names_its_language_in_glibcs_spelling_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of es/ left as pt/ with the header glibc writes (es_ES.UTF-8): the code no
    catalog folder takes still names Spanish, so it is skipped as a copy, not merged as
    Portuguese."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("The SCO met.\n", encoding="utf-8")
    assert run_cli("translate", "a.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    copy = Path("locales/pt/LC_MESSAGES/a.po")
    copy.parent.mkdir(parents=True)
    shutil.copy("locales/es/LC_MESSAGES/a.po", copy)
    _set_language(copy, "es_ES.UTF-8")
    before = copy.read_bytes()
    Path("a.txt").write_text("The SCO met.\n\nThey left.\n", encoding="utf-8")
    result = run_cli("update", "a.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    assert "its Language header says es_ES.UTF-8, not pt" in result.stderr
    assert copy.read_bytes() == before
