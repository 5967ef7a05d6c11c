"""The delta path of update (catalog_delta.py, app/delta_update.py) writes byte for byte what
the full path writes: the repo's example articles, each edited step by step with seeded random
edits (a sentence inserted, deleted, replaced, brought back; paragraphs split and merged; lines
shifted; near the start and the end), a person's review between runs, in two languages, are
updated in one project with the delta path and in a copy with it turned off
(``LOCALIZE_NO_DELTA``), and every template and catalog is compared after each step."""

from __future__ import annotations

import dataclasses
import os
import random
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from localize import catalog_delta
from localize.app import translate
from localize.catalog_delta import NO_DELTA_ENV
from localize.project import NO_RUN_CACHE_ENV

from conftest import EXAMPLES, msgfmt_check, run_cli

LANGS = ("es", "fr")
FILES = ("locales/{name}.pot", *(f"locales/{lang}/LC_MESSAGES/{{name}}.po" for lang in LANGS))
STEPS = 7
_SENTENCE_END = re.compile(r"(?<=[a-z]\.) (?=[A-Z])")
NEW_SENTENCES = (
    "The delegation met officials of the ministry on Tuesday.",
    "Talks on trade resumed after a pause of two years.",
    "A spokesman declined to comment on the visit.",
)


def _boundaries(text: str) -> list[int]:
    return [m.start() for m in _SENTENCE_END.finditer(text)]


def _edit(text: str, rng: random.Random, gone: list[str]) -> str:
    """One random edit of the article's text, at a sentence boundary (which every format keeps
    as running text): near the start or the end as often as anywhere."""
    places = _boundaries(text)
    if not places:
        return text + "\n\nOne more sentence at the end.\n"
    at = rng.choice([places[0], places[-1], rng.choice(places)])
    kind = rng.choice(["insert", "delete", "replace", "split", "merge", "shift", "revive"])
    if kind == "revive" and gone:
        return text[:at] + " " + gone.pop() + text[at:]
    if kind == "insert" or kind == "revive":
        return text[:at] + " " + rng.choice(NEW_SENTENCES) + text[at:]
    following = [p for p in places if p > at]
    end = following[0] if following else None
    if kind == "delete" and end is not None:
        gone.append(text[at + 1 : end])
        return text[:at] + text[end:]
    if kind == "split":
        return text[:at] + "\n\n" + text[at + 1 :]
    if kind == "merge" and "\n\n" in text[at:]:
        merged = text.index("\n\n", at)
        return text[:merged] + " " + text[merged + 2 :]
    if kind == "shift":
        return "\n" + text
    word = re.search(r"\b[a-z]{4,}\b", text[at:])
    if word is None:
        return text[:at] + " " + rng.choice(NEW_SENTENCES) + text[at:]
    start = at + word.start()
    return text[:start] + word.group(0)[::-1] + text[at + word.end() :]


def _review_one(path: Path) -> None:
    """A person approves the first fuzzy draft of the catalog (a reviewed entry)."""
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if not entry.obsolete and "fuzzy" in entry.flags and entry.msgstr:
            entry.flags.remove("fuzzy")
            entry.msgstr = entry.msgstr + " (revisado)"
            break
    po.save(str(path))


EXAMPLE = "china-kazakhstan-wire.txt"


def _translated_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[bool], str]:
    """A project in ``tmp_path`` (the working folder) whose example article is translated into
    Spanish; the list returned gets an item each time a catalog takes the delta path."""
    used: list[bool] = []
    planned = translate._prepare_planned
    monkeypatch.setattr(translate, "_prepare_planned", lambda *a: used.append(True) or planned(*a))
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / EXAMPLE, EXAMPLE)
    assert run_cli("translate", EXAMPLE, "--to", "es", "--engine", "pseudo").exit_code == 0
    return used, EXAMPLE


@pytest.mark.parametrize(
    "example",
    ["china-kazakhstan-wire.txt", "sco-foreign-ministers.md", "un-climate-briefing.html"],
)
def test_the_delta_path_writes_what_the_full_path_writes(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("localize.catalog._now", lambda: "2026-11-28 12:00+0000")
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    used: list[bool] = []
    planned = translate._prepare_planned

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        one = planned(*args, **kwargs)
        used.append(one is not None)
        return one

    monkeypatch.setattr(translate, "_prepare_planned", counted)
    # Every catalog with an index takes the delta path, however much changed: the edits that
    # shift the lines of most of a short article test it too.
    monkeypatch.setattr(catalog_delta, "MOST_REDONE", 1.0)
    source = EXAMPLES / example
    assert source.is_file(), source
    name = Path(example).stem
    delta, full = tmp_path / "delta", tmp_path / "full"
    delta.mkdir()
    shutil.copy(source, delta / example)
    monkeypatch.chdir(delta)
    first = run_cli("translate", example, "--to", ",".join(LANGS), "--engine", "pseudo")
    assert first.exit_code == 0, first.stderr
    shutil.copytree(delta, full)

    rng = random.Random(f"delta-{example}")
    gone: list[str] = []
    for step in range(STEPS):
        text = (delta / example).read_text(encoding="utf-8")
        edited = _edit(text, rng, gone)
        review = step % 3 == 2
        summaries = []
        for root, turned_off in ((delta, False), (full, True)):
            (root / example).write_text(edited, encoding="utf-8")
            if review:
                _review_one(root / f"locales/es/LC_MESSAGES/{name}.po")
            monkeypatch.chdir(root)
            if turned_off:
                monkeypatch.setenv(NO_DELTA_ENV, "1")
            else:
                monkeypatch.delenv(NO_DELTA_ENV, raising=False)
            result = run_cli("update", example, "--engine", "pseudo")
            assert result.exit_code == 0, result.stderr
            summaries.append(result.stdout)
            monkeypatch.delenv(NO_DELTA_ENV, raising=False)
        # What the run reports (kept, edited, new, obsolete... per catalog) is the same too.
        assert summaries[0] == summaries[1], f"step {step}"
        for pattern in FILES:
            relative = pattern.format(name=name)
            assert (delta / relative).read_bytes() == (full / relative).read_bytes(), (
                f"step {step}: {relative} differs"
            )
            msgfmt_check(delta / relative)
    # The comparison means something only if the delta path ran: after a person's review
    # the full path reads that catalog (and indexes it again).
    assert sum(used) >= 2 * STEPS - 2 * (STEPS // 3), used
    es = polib.pofile(str(delta / f"locales/es/LC_MESSAGES/{name}.po"))
    assert any(e.obsolete for e in es) or gone == [], "no obsolete entry was exercised"


def test_a_damaged_index_means_the_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index store that is not a database, or an index whose sizes do not add up to the
    file, is never used: the update goes the full path and writes the same bytes."""
    monkeypatch.setattr("localize.catalog._now", lambda: "2026-11-28 12:00+0000")
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    used: list[bool] = []
    planned = translate._prepare_planned
    monkeypatch.setattr(translate, "_prepare_planned", lambda *a: used.append(True) or planned(*a))
    example = "china-kazakhstan-wire.txt"
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / example, example)
    assert run_cli("translate", example, "--to", "es", "--engine", "pseudo").exit_code == 0
    store = tmp_path / ".localize" / catalog_delta.FILE_NAME
    with sqlite3.connect(store) as db:
        changed = db.execute('UPDATE deltas SET data = \'[1, [2], [], "1", ""]\'')
        assert changed.rowcount > 0
    db.close()
    text = Path(example).read_text(encoding="utf-8")
    Path(example).write_text(text.replace(" said ", " stated ", 1), encoding="utf-8")
    kept = tmp_path.parent / "full"
    shutil.copytree(tmp_path, kept)
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0
    assert used == []  # the sizes did not add up: no plan
    store.write_bytes(b"this is not a database" * 100)
    Path(example).write_text(text.replace(" the ", " this ", 1), encoding="utf-8")
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0
    assert used == []  # the damaged store was replaced: no index yet
    monkeypatch.chdir(kept)
    monkeypatch.setenv(NO_DELTA_ENV, "1")
    Path(example).write_text(text.replace(" said ", " stated ", 1), encoding="utf-8")
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0
    Path(example).write_text(text.replace(" the ", " this ", 1), encoding="utf-8")
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0
    for relative in (
        "locales/china-kazakhstan-wire.pot",
        "locales/es/LC_MESSAGES/china-kazakhstan-wire.po",
    ):
        assert (tmp_path / relative).read_bytes() == (kept / relative).read_bytes()
    assert os.path.getsize(store) > 0


def test_a_catalog_saved_by_an_editor_during_a_delta_update_is_redone_from_their_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14's protection holds on the delta path: the file is written only if it is as it
    was read, and a save that lands meanwhile is redone (by the full path) from the save."""
    used, example = _translated_project(tmp_path, monkeypatch)
    with Path(example).open("a", encoding="utf-8") as article:
        article.write("\nThe ministers will meet again next year.\n")
    catalog = Path("locales/es/LC_MESSAGES/china-kazakhstan-wire.po")
    original = translate._translate_entries
    approved: list[str] = []

    def translate_while_a_reviewer_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        original(*args, **kwargs)
        if not approved:
            po = polib.pofile(str(catalog), wrapwidth=0)
            entry = next(e for e in po if not e.obsolete and e.msgstr)
            entry.msgstr, entry.flags = "Aprobado por la revisora.", []
            po.save(str(catalog))
            approved.append(entry.msgid)

    monkeypatch.setattr(translate, "_translate_entries", translate_while_a_reviewer_saves)
    result = run_cli("update", example, "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert used == [True]  # the delta path took the catalog
    assert "saved by someone else" in result.stderr
    msgfmt_check(catalog)
    po = polib.pofile(str(catalog))
    kept = po.find(approved[0])
    assert kept.msgstr == "Aprobado por la revisora." and "fuzzy" not in kept.flags
    assert po.find("The ministers will meet again next year.").msgstr


def test_a_memory_deleted_since_the_catalog_was_written_means_the_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The delta path does not record carried-over reviewed entries in the memory again: a
    memory that is gone since the catalog was written sends the update down the full path."""
    used, example = _translated_project(tmp_path, monkeypatch)
    catalog = Path("locales/es/LC_MESSAGES/china-kazakhstan-wire.po")
    _review_one(catalog)
    text = Path(example).read_text(encoding="utf-8")
    Path(example).write_text(text.replace(" said ", " stated ", 1), encoding="utf-8")
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0  # full: reviewed
    assert used == []
    (tmp_path / ".localize" / "memory.sqlite").unlink()
    Path(example).write_text(text.replace(" the ", " this ", 1), encoding="utf-8")
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0
    assert used == []
    reviewed = next(e for e in polib.pofile(str(catalog)) if e.msgstr.endswith("(revisado)"))
    with sqlite3.connect(tmp_path / ".localize" / "memory.sqlite") as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        found = [
            row
            for (table,) in rows
            for row in db.execute(f"SELECT * FROM {table}").fetchall()
            if reviewed.msgstr in map(str, row)
        ]
    db.close()
    assert found, "the reviewed translation is in the new memory"
    Path(example).write_text(text.replace(" a ", " one ", 1), encoding="utf-8")
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0
    assert used == [True]  # with the memory back, the delta path again


@pytest.mark.parametrize("odd", ["\u2028", "\x85", "\x1d"], ids=["U+2028", "U+0085", "U+001D"])
def test_a_sentence_holding_a_line_break_other_than_newline_is_read_back_whole(
    odd: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """polib splits text at every line break Python knows; the writer leaves U+2028, U+0085
    and U+001C..U+001E inside strings. An entry holding one, added on the delta path, then
    made obsolete or redone between two edits, must come out as the full path writes it."""
    monkeypatch.setattr("localize.catalog._now", lambda: "2026-11-28 12:00+0000")
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    monkeypatch.setattr(catalog_delta, "MOST_REDONE", 1.0)
    example = "china-kazakhstan-wire.txt"
    name = Path(example).stem
    delta, full = tmp_path / "delta", tmp_path / "full"
    delta.mkdir()
    shutil.copy(EXAMPLES / example, delta / example)
    monkeypatch.chdir(delta)
    assert run_cli("translate", example, "--to", "es", "--engine", "pseudo").exit_code == 0
    shutil.copytree(delta, full)
    text = (delta / example).read_text(encoding="utf-8")
    sentences = _SENTENCE_END.split(text)
    assert len(sentences) > 6, "the example is too short for this test"
    odd_sentence = f"Officials met{odd}in Astana on Monday."
    edits = [
        sentences[:2] + [odd_sentence] + sentences[2:],
        sentences[:2] + [odd_sentence] + sentences[2:4] + [NEW_SENTENCES[0]] + sentences[4:],
        # the neighbours of the odd sentence edited: its entry is redone between them
        sentences[:1] + [NEW_SENTENCES[1], odd_sentence, NEW_SENTENCES[2]] + sentences[3:],
        sentences[:1] + [NEW_SENTENCES[1], NEW_SENTENCES[2]] + sentences[3:],  # it goes obsolete
    ]
    for step, edited in enumerate(edits):
        for root, turned_off in ((delta, False), (full, True)):
            (root / example).write_text(" ".join(edited), encoding="utf-8")
            monkeypatch.chdir(root)
            if turned_off:
                monkeypatch.setenv(NO_DELTA_ENV, "1")
            result = run_cli("update", example, "--engine", "pseudo")
            monkeypatch.delenv(NO_DELTA_ENV, raising=False)
            assert result.exit_code == 0, result.stderr
        for relative in (f"locales/{name}.pot", f"locales/es/LC_MESSAGES/{name}.po"):
            assert (delta / relative).read_bytes() == (full / relative).read_bytes(), (
                f"step {step}: {relative} differs"
            )
    written = polib.pofile(str(delta / f"locales/es/LC_MESSAGES/{name}.po"))
    assert any(e.obsolete and e.msgid == odd_sentence for e in written)


def _reviewed_rows(project: Path, translation: str) -> int:
    with closing(sqlite3.connect(project / ".localize" / "memory.sqlite")) as db:
        return db.execute(
            "SELECT COUNT(*) FROM reviewed WHERE translation = ?", (translation,)
        ).fetchone()[0]


def test_a_memory_restored_from_an_older_copy_means_the_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A memory put back from a copy taken before a review (a backup restored, a damaged file
    recovered) lacks reviewed translations the catalog's index counts on: the update takes
    the full path, which records them again, and takes the delta path once more after."""
    used, example = _translated_project(tmp_path, monkeypatch)
    memory = tmp_path / ".localize" / "memory.sqlite"
    shutil.copy(memory, tmp_path / "memory-before-review.sqlite")
    catalog = Path("locales/es/LC_MESSAGES/china-kazakhstan-wire.po")
    _review_one(catalog)
    text = Path(example).read_text(encoding="utf-8")
    Path(example).write_text(text.replace(" said ", " stated ", 1), encoding="utf-8")
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0  # records the review
    reviewed = next(e for e in polib.pofile(str(catalog)) if e.msgstr.endswith("(revisado)"))
    assert _reviewed_rows(tmp_path, reviewed.msgstr) == 1
    shutil.copy(tmp_path / "memory-before-review.sqlite", memory)
    assert _reviewed_rows(tmp_path, reviewed.msgstr) == 0
    used.clear()
    Path(example).write_text(text.replace(" the ", " this ", 1), encoding="utf-8")
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0
    assert used == []  # the full path
    assert _reviewed_rows(tmp_path, reviewed.msgstr) == 1
    Path(example).write_text(text.replace(" a ", " one ", 1), encoding="utf-8")
    assert run_cli("update", example, "--engine", "pseudo").exit_code == 0
    assert used == [True]  # the memory as the catalog's index knew it: the delta path again


@given(
    msgid=st.text(),
    reference=st.text(),
    line=st.integers(min_value=1),
    kind=st.text(),
    block=st.integers(min_value=1),
)
def test_one_places_digest_is_the_fields_digest(
    msgid: str, reference: str, line: int, kind: str, block: int
) -> None:
    """The digest of a sentence that occurs once, made in one step, is ``fields_digest`` of its
    fields (the separators and the empty context and flags in the same places)."""
    from localize.catalog import place_comment, place_fields

    occurrences, comment = place_fields([(line, block, kind)], reference)
    assert comment == place_comment(kind, block)
    assert catalog_delta.one_place_digest(
        msgid, reference, line, comment
    ) == catalog_delta.fields_digest(None, msgid, occurrences, comment)


def test_the_new_templates_digests_are_those_of_its_entries(tmp_path: Path) -> None:
    """``NewTemplate`` takes each entry's digest from the article's units without making the
    entry: they must be the digests of the entries the template is written from, a sentence
    repeated in blocks of other kinds (one comment for all its places) included, and the
    entries it makes when read are those entries."""
    from localize.app.delta_update import NewTemplate
    from localize.app.inputs import read_input
    from localize.app.template import article_entries
    from localize.catalog_delta import template_digest

    repeated = "The talks will resume in Geneva next week."
    story = tmp_path / "story.md"
    story.write_text(
        (EXAMPLES / "sco-foreign-ministers.md").read_text(encoding="utf-8")
        + f"\n\n## {repeated}\n\n{repeated} Nothing else was said.\n\n- {repeated}\n",
        encoding="utf-8",
    )
    articles = [read_input(str(story), None, None, None)] + [
        read_input(str(path), None, None, None) for path in sorted(EXAMPLES.iterdir())
    ]
    shared = 0
    for article in articles:
        expected = list(article_entries(article))
        new = NewTemplate(article)
        assert new.made() is None and new.known_digests() is None
        assert new.digests() == [template_digest(entry) for entry in expected]
        made = new.made()
        assert made is not None and new.known_digests() == new.digests()
        entries = made()
        assert len(entries) == len(expected)
        for index in (len(expected) - 1, 0, *range(len(expected))):
            assert entries[index].__unicode__() == expected[index].__unicode__()
        assert [e.__unicode__() for e in entries] == [e.__unicode__() for e in expected]
        assert entries[-1].__unicode__() == expected[-1].__unicode__()
        for past_either_end in (len(expected), -len(expected) - 1):
            with pytest.raises(IndexError):
                entries[past_either_end]
        # Units held as a plain list (not read by read_article) give the same.
        listed = NewTemplate(dataclasses.replace(article, units=list(article.units)))
        assert listed.digests() == new.digests()
        assert [e.__unicode__() for e in listed.entries] == [e.__unicode__() for e in expected]
        shared += sum(len(entry.occurrences) > 1 for entry in expected)
    assert shared >= 1, "no sentence with several places: the repeated sentence was not read"
