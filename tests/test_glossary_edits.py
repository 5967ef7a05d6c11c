"""A glossary edited in the middle of a project reaches the drafts: the machine-translation cache
keys the glossary by its content, drafts localize made under an earlier glossary that the
current one finds wrong are redrafted (a person's work never), and the memory's proposals are
checked against the glossary in use. The CLI is run as a user runs it, on real files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import polib
import pytest

from localize.catalog import load_catalog

from conftest import msgfmt_check, run_cli

CATALOG = Path("locales/es/LC_MESSAGES/a.po")
SENTENCE = "The ministers signed a joint statement on Monday."
OTHER = "The talks were long."

GLOSSARY = """\
schema: 1
version: "{version}"
source_language: en
languages: [es]
entries:
  - id: joint-statement
    source: joint statement
    kind: term
    targets:
      es: {approved}
{forbidden}    grammar: {{es: {gender}}}
    note: A statement two parties sign.
"""


def write_glossary(
    approved: str, forbidden: str | None = None, *, version: str = "1", gender: str = "f"
) -> None:
    never = f"    forbidden:\n      es: [{forbidden}]\n" if forbidden else ""
    Path("glossary.yaml").write_text(
        GLOSSARY.format(version=version, approved=approved, forbidden=never, gender=gender),
        encoding="utf-8",
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(f"{SENTENCE}\n\n{OTHER}\n", encoding="utf-8")
    write_glossary("declaración conjunta", "comunicado conjunto")
    return tmp_path


def translate(*extra: str, engine: str = "pseudo") -> dict:
    result = run_cli(
        "translate", "a.txt", "--to", "es", "--engine", engine, "--format", "json", *extra
    )
    assert result.exit_code == 0, result.stderr
    msgfmt_check(CATALOG)
    return json.loads(result.stdout)["locales"]["es"]


def swapped_glossary(*, version: str = "1") -> None:
    """The terminologist's edit: the old rendering forbidden, the forbidden one approved."""
    write_glossary("comunicado conjunto", "declaración conjunta", version=version, gender="m")


@pytest.mark.parametrize("engine", ["pseudo", "apertium"])
def test_an_edited_glossary_is_not_answered_from_the_cache_of_the_old_one(
    project: Path, engine: str
) -> None:
    translate(engine=engine)
    assert "declaración conjunta" in load_catalog(CATALOG).find(SENTENCE).msgstr
    # Nothing changed: --retranslate-fuzzy takes the drafts from the cache.
    again = translate("--retranslate-fuzzy", engine=engine)
    assert again["from_cache"] == 2 and again["machine_translated"] == 0

    swapped_glossary()  # version "1" kept, as terminologists do
    summary = translate("--retranslate-fuzzy", engine=engine)
    assert summary["from_cache"] == 0 and summary["machine_translated"] == 2
    draft = load_catalog(CATALOG).find(SENTENCE)
    assert "comunicado conjunto" in draft.msgstr and "declaración" not in draft.msgstr
    assert "glossary-missing" not in draft.flags


def review(sentence: str, translation: str) -> None:
    """A reviewer's translation, saved as an editor saves it (fuzzy flag cleared)."""
    po = polib.pofile(str(CATALOG))
    entry = po.find(sentence)
    entry.msgstr, entry.flags = translation, []
    po.save(str(CATALOG))


# With an engine, and without one (update --no-translate proposes the memory's work too).
@pytest.mark.parametrize(
    "command",
    [
        ("translate", "b.txt", "--to", "es", "--engine", "pseudo"),
        ("update", "b.txt", "--to", "es", "--no-translate"),
    ],
)
def test_memory_proposals_are_checked_against_the_glossary_in_use(
    project: Path, command: tuple[str, ...]
) -> None:
    translate()
    reviewed = "Los ministros firmaron una declaración conjunta el lunes."
    review(SENTENCE, reviewed)
    swapped_glossary(version="2")  # the reviewed rendering is forbidden now
    similar = SENTENCE.replace("Monday", "Tuesday")
    Path("b.txt").write_text(f"{SENTENCE}\n\n{similar}\n", encoding="utf-8")

    if command[0] == "update":
        assert run_cli("init", "b.txt", "--to", "es").exit_code == 0
    result = run_cli(*command, "--format", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    assert summary["from_memory"] == 1 and summary["from_similar"] == 1
    assert summary["flagged"] == 2
    second = Path("locales/es/LC_MESSAGES/b.po")
    msgfmt_check(second)
    catalog = load_catalog(second)
    for sentence in (SENTENCE, similar):
        proposal = catalog.find(sentence)
        assert proposal.msgstr == reviewed  # still the person's proposal, fuzzy
        assert "fuzzy" in proposal.flags and "glossary-missing" in proposal.flags
        assert "glossary-forbidden: forbidden rendering 'declaración conjunta'" in (
            proposal.comment
        )
    # The person's entry in the first article is left as they saved it.
    first = load_catalog(CATALOG).find(SENTENCE)
    assert first.msgstr == reviewed and first.flags == []


EDITED = "A joint statement was read out."
REVIEWED = "The joint statement covers trade."


def drafts_and_persons_work(engine: str = "pseudo") -> None:
    """An article whose catalog holds, once translated and reviewed in part: an untouched
    draft with the term (SENTENCE), a draft a person rewrote but left fuzzy (EDITED), a
    reviewed translation (REVIEWED), all under the first glossary, and a draft without a
    term (OTHER)."""
    Path("a.txt").write_text(
        "\n\n".join([SENTENCE, EDITED, REVIEWED, OTHER]) + "\n", encoding="utf-8"
    )
    translate(engine=engine)
    po = polib.pofile(str(CATALOG))
    po.find(EDITED).msgstr = "Se leyó una declaración conjunta."  # still fuzzy
    reviewed = po.find(REVIEWED)
    reviewed.msgstr, reviewed.flags = "La declaración conjunta abarca el comercio.", []
    po.save(str(CATALOG))


def persons_work() -> list[tuple[str, list[str], str]]:
    catalog = load_catalog(CATALOG)
    return [
        (e.msgstr, list(e.flags), e.tcomment)
        for e in (catalog.find(EDITED), catalog.find(REVIEWED))
    ]


# Apertium translates outside this Python: the notes of the entries to translate are made while
# it works (``_HeldNotes``), the others' before the drafts are judged.
@pytest.mark.parametrize("engine", ["pseudo", "apertium"])
def test_drafts_made_under_an_earlier_glossary_are_redrafted(project: Path, engine: str) -> None:
    drafts_and_persons_work(engine)
    unchanged = translate(engine=engine)  # nothing changed: nothing is redrafted
    assert unchanged["machine_translated"] == 0 and unchanged["redrafted_for_glossary"] == 0
    before = load_catalog(CATALOG)
    other_draft = before.find(OTHER).msgstr
    person = persons_work()

    swapped_glossary(version="2")
    result = run_cli("translate", "a.txt", "--to", "es", "--engine", engine)
    assert result.exit_code == 0, result.stderr
    assert "es: 1 machine draft(s) made under an earlier glossary had a missing or forbidden " in (
        result.stdout
    )
    assert "machine-translated 1," in result.stdout
    msgfmt_check(CATALOG)
    catalog = load_catalog(CATALOG)
    draft = catalog.find(SENTENCE)
    assert "comunicado conjunto" in draft.msgstr and "declaración" not in draft.msgstr
    assert "glossary placed: joint statement → comunicado conjunto" in draft.comment
    assert "declaración conjunta (" not in draft.comment  # no note of the old placement
    assert catalog.find(OTHER).msgstr == other_draft  # no term: the glossary did not change it
    assert persons_work() == person  # a person's work is never redrafted

    # The same glossary again: nothing to redraft, the catalog is left as it is.
    written = CATALOG.read_bytes()
    again = translate(engine=engine)
    assert again["machine_translated"] == 0 and again["redrafted_for_glossary"] == 0
    assert CATALOG.read_bytes() == written


def test_without_an_engine_they_are_counted_and_the_command_named(project: Path) -> None:
    drafts_and_persons_work()
    person = persons_work()
    swapped_glossary(version="2")
    for _ in range(2):  # said again on every run until redrafted
        result = run_cli("update", "a.txt", "--no-translate", "--format", "json")
        assert result.exit_code == 0, result.stderr
        summary = json.loads(result.stdout)["locales"]["es"]
        assert summary["waiting_for_glossary_redraft"] == 1
        assert json.loads(result.stdout)["warnings"] == [
            f"{CATALOG}: 1 machine draft(s) made under an earlier glossary have a missing or "
            "forbidden term; 'localize translate a.txt --to es' redrafts them"
        ]
        msgfmt_check(CATALOG)
        draft = load_catalog(CATALOG).find(SENTENCE)
        assert "declaración conjunta" in draft.msgstr  # kept for translators until then
        # Its notes say what the glossary in use finds wrong, not how the old term was placed.
        assert "glossary-missing" in draft.flags and "fuzzy" in draft.flags
        assert "glossary-forbidden: forbidden rendering 'declaración conjunta'" in draft.comment
        assert "glossary placed" not in draft.comment
        assert persons_work() == person

    summary = translate()
    assert summary["redrafted_for_glossary"] == 1 and summary["machine_translated"] == 1
    assert summary["waiting_for_glossary_redraft"] == 0
    draft = load_catalog(CATALOG).find(SENTENCE)
    assert "comunicado conjunto" in draft.msgstr and "glossary-missing" not in draft.flags
    assert persons_work() == person


def test_a_draft_waiting_for_its_redraft_is_in_the_summary_s_counts(project: Path) -> None:
    """update --no-translate leaves the draft as it is, flagged with what the glossary in use
    finds wrong: the summary line counts it among the kept and the flagged entries, so its
    counts cover the catalog's four entries, on the run that flags it and on every one after."""
    drafts_and_persons_work()
    swapped_glossary(version="2")
    for _ in range(2):
        result = run_cli("update", "a.txt", "--no-translate")
        assert result.exit_code == 0, result.stderr
        assert "kept 4," in result.stdout and "flagged 1," in result.stdout, result.stdout
        summary = run_cli("update", "a.txt", "--no-translate", "--format", "json")
        counts = json.loads(summary.stdout)["locales"]["es"]
        assert (counts["kept"], counts["flagged"]) == (4, 1)
        assert counts["waiting_for_glossary_redraft"] == 1


TRADE = """\
  - id: trade
    source: trade
    kind: term
    targets:
      es: comercio
    grammar: {es: m}
    note: Exchange of goods.
"""


def test_reviewed_entries_lose_only_the_placed_notes_the_glossary_contradicts(
    project: Path,
) -> None:
    glossary = Path("glossary.yaml")
    glossary.write_text(glossary.read_text(encoding="utf-8") + TRADE, encoding="utf-8")
    drafts_and_persons_work()
    reviewed = load_catalog(CATALOG).find(REVIEWED)
    assert "glossary placed: joint statement → declaración conjunta (" in reviewed.comment
    assert "glossary placed: trade → comercio (" in reviewed.comment
    person = persons_work()

    swapped_glossary(version="2")
    glossary.write_text(glossary.read_text(encoding="utf-8") + TRADE, encoding="utf-8")
    translate()
    reviewed = load_catalog(CATALOG).find(REVIEWED)
    assert "glossary: joint statement → comunicado conjunto" in reviewed.comment
    assert "glossary placed: joint statement" not in reviewed.comment  # the old rendering's
    assert "glossary placed: trade → comercio (" in reviewed.comment  # still true
    assert "machine translation: pseudo" in reviewed.comment  # where the draft came from
    # The person's translation, flags and translator comments are theirs.
    assert persons_work() == person


def test_the_mark_survives_msgmerge_to_the_next_run_with_an_engine(project: Path) -> None:
    drafts_and_persons_work()
    swapped_glossary(version="2")
    assert run_cli("update", "a.txt", "--no-translate").exit_code == 0
    # Weblate's "Update PO files" add-on: msgmerge rebuilds the #. notes from the template.
    merged = subprocess.run(
        [
            "msgmerge",
            "--quiet",
            "--update",
            "--previous",
            "--backup=none",
            CATALOG,
            "locales/a.pot",
        ],
        capture_output=True,
        text=True,
    )
    assert merged.returncode == 0, merged.stderr
    assert "made under an earlier glossary" in load_catalog(CATALOG).find(SENTENCE).tcomment

    summary = translate()
    assert summary["redrafted_for_glossary"] == 1
    assert "comunicado conjunto" in load_catalog(CATALOG).find(SENTENCE).msgstr
