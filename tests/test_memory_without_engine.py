"""The memory's reviewed translations are proposed without an engine too: on update
--no-translate ("no machine translation", not "no memory") and for a language no engine serves,
exactly as a run with an engine proposes them before MT (msgmerge --compendium, Weblate's
automatic translation from its memory)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from localize import catalog_delta
from localize.app import translate
from localize.catalog_delta import NO_DELTA_ENV
from localize.project import NO_RUN_CACHE_ENV

from conftest import msgfmt_check, run_cli

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="en"><seg>The ministers met in Astana on Tuesday.</seg></tuv>
<tuv xml:lang="de"><seg>Die Minister trafen sich am Dienstag in Astana.</seg></tuv>
<tuv xml:lang="es"><seg>Los ministros se reunieron el martes en Astana.</seg></tuv></tu>
</body></tmx>
"""
EXACT = "The ministers met in Astana on Tuesday."
SIMILAR = "The ministers met in Astana on Thursday."
OTHER = "Rain fell over the capital all night long."
LATER = "Flights were cancelled."
ARTICLE = f"{EXACT}\n\n{OTHER}\n"
ES, DE = Path("locales/es/LC_MESSAGES/story.po"), Path("locales/de/LC_MESSAGES/story.po")


def _project(root: Path, text: str = ARTICLE) -> None:
    (root / "story.txt").write_text(text, encoding="utf-8")
    (root / "tm.tmx").write_text(TMX, encoding="utf-8")
    imported = run_cli("memory", "import", "tm.tmx")
    assert imported.exit_code == 0, imported.stderr
    made = run_cli("init", "story.txt", "--to", "es,de")
    assert made.exit_code == 0, made.stderr


def _entries(path: Path) -> dict[str, polib.POEntry]:
    msgfmt_check(path)
    return {e.msgid: e for e in polib.pofile(str(path)) if e.msgid and not e.obsolete}


def test_update_no_translate_proposes_the_memorys_reviewed_translations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, f"{EXACT}\n\n{SIMILAR}\n\n{OTHER}\n")
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    for path, text in (
        (ES, "Los ministros se reunieron el martes en Astana."),
        (DE, "Die Minister trafen sich am Dienstag in Astana."),
    ):
        entries = _entries(path)
        exact, similar, other = entries[EXACT], entries[SIMILAR], entries[OTHER]
        assert (exact.msgstr, exact.fuzzy) == (text, True)
        assert "from memory: a reviewed translation of the same sentence" in exact.comment
        assert (similar.msgstr, similar.fuzzy, similar.previous_msgid) == (text, True, EXACT)
        assert "similar sentence reviewed before" in similar.comment
        assert other.msgstr == "" and not other.fuzzy  # left for translators, as before
    assert result.stdout.count("from memory 1, similar in memory 1,") == 2
    assert result.stdout.count("untranslated 1") == 2


def test_a_catalog_an_editor_saved_during_the_run_still_gets_the_memorys_proposals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translator saves the Spanish catalog while update --no-translate runs: the catalog is
    redone from their save, and the redo proposes the memory's translation as the first try
    did, besides keeping their work."""
    monkeypatch.chdir(tmp_path)
    _project(tmp_path)
    original = translate._propose_without_engine
    saved: list[str] = []

    def propose_while_a_translator_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        original(*args, **kwargs)
        if not saved:  # the first language's proposals are made, then the save lands
            po = polib.pofile(str(ES))
            other = po.find(OTHER)
            other.msgstr, other.flags = "Llovió toda la noche sobre la capital.", []
            temporary = ES.with_name("editor-save.tmp")
            po.save(str(temporary))
            temporary.replace(ES)
            saved.append(OTHER)

    monkeypatch.setattr(translate, "_propose_without_engine", propose_while_a_translator_saves)
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    assert f"{ES.as_posix()}: saved by someone else" in result.stderr
    entries = _entries(ES)
    assert entries[OTHER].msgstr == "Llovió toda la noche sobre la capital."
    assert entries[EXACT].msgstr == "Los ministros se reunieron el martes en Astana."
    assert entries[EXACT].fuzzy


def test_a_language_no_engine_serves_gets_the_memorys_proposals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A German desk with no en->de model: the memory's German is proposed, the rest is left
    for translators and counted as such."""
    monkeypatch.chdir(tmp_path)
    _project(tmp_path)
    result = run_cli("translate", "story.txt", "--to", "de", "--engine", "apertium")
    entries = _entries(DE)
    assert entries[EXACT].msgstr == "Die Minister trafen sich am Dienstag in Astana."
    assert entries[EXACT].fuzzy
    assert entries[OTHER].msgstr == ""
    assert "from memory 1," in result.stdout
    assert "de: 1 entries left for translators" in result.stderr

    # Everything the memory knows: nothing is left for translators, and no engine is asked for.
    Path("story.txt").write_text(f"{EXACT}\n", encoding="utf-8")
    result = run_cli("translate", "story.txt", "--to", "de", "--engine", "apertium")
    assert result.exit_code == 0, result.stderr
    assert "left for translators" not in result.stderr


def test_a_persons_work_is_never_replaced_without_an_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reviewed or fuzzy, a person's translation stays, even under --force: without an engine
    nothing is retranslated."""
    monkeypatch.chdir(tmp_path)
    _project(tmp_path)
    po = polib.pofile(str(DE))
    for entry in po:
        if entry.msgid == EXACT:  # a person's draft, not yet reviewed
            entry.msgstr, entry.flags = (
                "Die Minister kamen am Dienstag in Astana zusammen.",
                ["fuzzy"],
            )
        if entry.msgid == OTHER:
            entry.msgstr, entry.flags = "Es regnete die ganze Nacht.", []
    po.save(str(DE))
    run_cli("translate", "story.txt", "--to", "de", "--engine", "apertium", "--force")
    entries = _entries(DE)
    exact, other = entries[EXACT], entries[OTHER]
    assert (exact.msgstr, exact.fuzzy) == (
        "Die Minister kamen am Dienstag in Astana zusammen.",
        True,
    )
    assert (other.msgstr, other.fuzzy) == ("Es regnete die ganze Nacht.", False)


def test_an_import_after_a_no_translate_run_is_proposed_on_the_rerun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that left entries empty is not replayed as settled: the memory may know them by
    the next run."""
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    Path("story.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("init", "story.txt", "--to", "es,de").exit_code == 0
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    assert _entries(ES)[EXACT].msgstr == ""
    Path("tm.tmx").write_text(TMX, encoding="utf-8")
    assert run_cli("memory", "import", "tm.tmx").exit_code == 0
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    assert _entries(ES)[EXACT].msgstr == "Los ministros se reunieron el martes en Astana."
    assert _entries(DE)[EXACT].msgstr == "Die Minister trafen sich am Dienstag in Astana."


def test_the_delta_path_proposes_what_the_full_path_proposes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("localize.catalog._now", lambda: "2026-11-28 12:00+0000")
    used: list[bool] = []
    planned = translate._prepare_planned

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        used.append(True)
        return planned(*args, **kwargs)

    monkeypatch.setattr(translate, "_prepare_planned", counted)
    # Taken however much of this short article changes.
    monkeypatch.setattr(catalog_delta, "MOST_REDONE", 1.0)
    delta, full = tmp_path / "delta", tmp_path / "full"
    delta.mkdir()
    monkeypatch.chdir(delta)
    _project(delta, f"{OTHER}\n")
    # An update that writes the catalogs indexes them for the next one (init's index is of
    # another kind).
    Path("story.txt").write_text(f"{OTHER}\n\n{LATER}\n", encoding="utf-8")
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    shutil.copytree(delta, full)
    summaries = []
    for root, turned_off in ((delta, False), (full, True)):
        monkeypatch.chdir(root)
        (root / "story.txt").write_text(
            f"{OTHER}\n\n{LATER}\n\n{EXACT}\n\n{SIMILAR}\n", encoding="utf-8"
        )
        if turned_off:
            monkeypatch.setenv(NO_DELTA_ENV, "1")
        result = run_cli("update", "story.txt", "--no-translate")
        assert result.exit_code == 0, result.stderr
        summaries.append(result.stdout)
        if not turned_off:
            assert used, "the delta path was not taken"
    assert summaries[0] == summaries[1]
    assert summaries[0].count("from memory 1, similar in memory 1,") == 2
    for path in (ES, DE):
        assert (delta / path).read_bytes() == (full / path).read_bytes()
        msgfmt_check(delta / path)


def test_a_review_in_another_article_is_proposed_without_a_memory_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A desk that never ran an engine nor imported a TMX: a sentence a person translated in
    one article is proposed in the next on update --no-translate, as a run with an engine
    proposes it."""
    monkeypatch.chdir(tmp_path)
    Path("first.txt").write_text(f"{EXACT}\n", encoding="utf-8")
    Path("story.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("init", "first.txt", "--to", "es").exit_code == 0
    first = Path("locales/es/LC_MESSAGES/first.po")
    po = polib.pofile(str(first))
    for entry in po:
        if entry.msgid == EXACT:
            entry.msgstr = "Los ministros se reunieron el martes en Astana."
    po.save(str(first))
    assert run_cli("init", "story.txt", "--to", "es").exit_code == 0
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    exact = _entries(ES)[EXACT]
    assert (exact.msgstr, exact.fuzzy) == ("Los ministros se reunieron el martes en Astana.", True)


def test_a_rerun_after_the_memory_filled_everything_is_replayed_as_a_full_run_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing left empty: the run is stamped, and its replay says what a full rerun says."""
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, f"{EXACT}\n")
    update = ("update", "story.txt", "--no-translate", "--format", "json")
    first = run_cli(*update)
    assert json.loads(first.stdout)["locales"]["de"]["from_memory"] == 1
    written = {path: path.read_bytes() for path in (ES, DE)}
    monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
    full = run_cli(*update)
    monkeypatch.delenv(NO_RUN_CACHE_ENV)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the run was done in full")

    monkeypatch.setattr("localize.app.translate.update_articles", refuse)
    replayed = run_cli(*update)
    assert (replayed.exit_code, replayed.stdout) == (full.exit_code, full.stdout)
    assert {path: path.read_bytes() for path in (ES, DE)} == written


def test_a_no_translate_rerun_leaving_entries_empty_is_replayed_until_what_could_fill_them_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing changed since an update --no-translate that left entries empty: the rerun is
    replayed and says what a full rerun says. A person's review in another article's catalog
    (what the memory learns from) makes the next run a full one, which proposes it."""
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    Path("first.txt").write_text(f"{EXACT}\n", encoding="utf-8")
    Path("story.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("init", "first.txt", "story.txt", "--to", "es").exit_code == 0
    update = ("update", "story.txt", "--no-translate", "--format", "json")
    assert run_cli(*update).exit_code == 0
    monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
    full = run_cli(*update)
    monkeypatch.delenv(NO_RUN_CACHE_ENV)
    assert json.loads(full.stdout)["locales"]["es"]["untranslated"] == 2
    real = translate.update_articles
    runs = []

    def counted(*args: object, **kwargs: object) -> object:
        runs.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(translate, "update_articles", counted)
    replayed = run_cli(*update)
    assert (replayed.exit_code, replayed.stdout, runs) == (full.exit_code, full.stdout, [])
    first = Path("locales/es/LC_MESSAGES/first.po")
    po = polib.pofile(str(first))
    for entry in po:
        if entry.msgid == EXACT:
            entry.msgstr = "Los ministros se reunieron el martes en Astana."
    po.save(str(first))
    assert run_cli(*update).exit_code == 0
    assert runs == [1]
    exact = _entries(ES)[EXACT]
    assert (exact.msgstr, exact.fuzzy) == ("Los ministros se reunieron el martes en Astana.", True)


def test_a_commit_inside_the_memorys_write_ahead_log_is_seen_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process keeps the memory open (a long import): after its checkpoint, its next
    commit rewrites the log from the start, so neither the database nor the log changes size,
    and the database keeps its time. The watch reads the log's time too: the next update
    --no-translate is done in full and proposes what was committed (it was replayed, the
    entry left empty)."""
    import sqlite3
    import time

    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    Path("story.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("init", "story.txt", "--to", "es").exit_code == 0
    memory = Path(".localize/memory.sqlite")
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    holder = sqlite3.connect(memory, isolation_level=None)
    try:
        assert holder.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        row = ("en", "es", "A sentence of no article.", "Una frase.", time.time())
        holder.execute("INSERT OR REPLACE INTO reviewed VALUES (?,?,?,?,?)", row)
        holder.execute("PRAGMA wal_checkpoint(PASSIVE)")
        update = ("update", "story.txt", "--no-translate")
        assert run_cli(*update).exit_code == 0  # stamped with the log as it is now
        wal = Path(f"{memory}-wal")
        before = (memory.stat().st_size, memory.stat().st_mtime_ns, wal.stat().st_size)
        time.sleep(0.01)
        review = ("en", "es", EXACT, "Los ministros se reunieron el martes en Astana.", time.time())
        holder.execute("INSERT OR REPLACE INTO reviewed VALUES (?,?,?,?,?)", review)
        assert (memory.stat().st_size, memory.stat().st_mtime_ns, wal.stat().st_size) == before
        assert run_cli(*update).exit_code == 0
    finally:
        holder.close()
    exact = _entries(ES)[EXACT]
    assert (exact.msgstr, exact.fuzzy) == ("Los ministros se reunieron el martes en Astana.", True)
