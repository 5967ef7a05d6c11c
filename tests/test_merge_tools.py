"""Catalogs merged by the tools translators already use lose nothing localize needs.

msgmerge --update --previous (also what Weblate's "Update PO files to match POT" runs),
``pybabel update`` and translate-toolkit's pot2po rebuild a catalog's ``#.`` comments from the
template, which drops the machine-translation notes and their draft digests. After such a
merge, ``localize update`` gives the notes back from the memory, and ``translate
--retranslate-fuzzy`` still redoes exactly the untouched drafts, never a person's work.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from localize.catalog import load_catalog
from localize.entry_state import EntryState, entry_state

from conftest import msgfmt_check, run_cli

CATALOG = Path("locales/es/LC_MESSAGES/story.po")
TEMPLATE = Path("locales/story.pot")
REWRITTEN = "Reescrito por una persona, aún sin revisar."
REVIEWED = "Revisado por la redacción."
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name) or (str(BIN / name) if (BIN / name).exists() else None)
    if found is None:
        pytest.fail(f"{name} is not installed (GNU gettext, babel, translate-toolkit)")
    return found


def msgmerge(catalog: Path, template: Path) -> list[str]:
    return [
        _tool("msgmerge"),
        "--quiet",
        "--update",
        "--previous",
        "--backup=none",
        str(catalog),
        str(template),
    ]


def pybabel_update(catalog: Path, template: Path) -> list[str]:
    return [
        _tool("pybabel"),
        "update",
        "--previous",
        "-l",
        "es",
        "-i",
        str(template),
        "-o",
        str(catalog),
    ]


def pot2po(catalog: Path, template: Path) -> list[str]:
    # pot2po writes a new file from the template and the old catalog; it replaces the old one.
    return [sys.executable, "-m", "translate.convert.pot2po", "-t", str(catalog), "-i", str(template), "-o", str(catalog)]  # fmt: skip


def _summary(*args: str) -> dict[str, object]:
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["locales"]["es"]


def _draft_rewrite_and_review() -> tuple[polib.POEntry, polib.POEntry, set[str]]:
    """Translate story.txt with pseudo, then act as a person: rewrite one draft (left fuzzy)
    and review another. Returns those two entries and the msgids of the untouched drafts."""
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(CATALOG))
    drafts = [e for e in po if "fuzzy" in e.flags]
    rewritten, reviewed = drafts[0], drafts[1]
    rewritten.msgstr = REWRITTEN
    reviewed.msgstr, reviewed.flags = REVIEWED, []
    po.save(str(CATALOG))
    return rewritten, reviewed, {e.msgid for e in drafts[2:]}


def _updated_without_losing_anything(
    rewritten: polib.POEntry, reviewed: polib.POEntry, untouched: set[str]
) -> polib.POFile:
    """Run ``update --no-translate`` after a merge tool: every untouched draft gets its notes
    back and stays a machine draft, the person's fuzzy rewrite and review stay theirs, and the
    catalog passes msgfmt --check. Returns the catalog as updated."""
    summary = _summary("update", "story.txt", "--no-translate")
    assert summary["notes_restored"] == len(untouched)
    msgfmt_check(CATALOG)
    after = load_catalog(CATALOG)
    states = {e.msgid: entry_state(e) for e in after if e.msgid}
    assert {m for m, s in states.items() if s is EntryState.MACHINE_DRAFT} == untouched
    assert states[rewritten.msgid] is EntryState.PERSONS_FUZZY
    assert states[reviewed.msgid] is EntryState.REVIEWED
    return after


@pytest.mark.parametrize("tool", [msgmerge, pybabel_update, pot2po])
def test_drafts_survive_a_merge_by_another_tool(workdir: Path, tool) -> None:
    rewritten, reviewed, untouched = _draft_rewrite_and_review()
    merging = tool(CATALOG, TEMPLATE)
    done = subprocess.run(merging, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    merged = CATALOG.read_text(encoding="utf-8")
    # The scenario is real: the tool dropped every provenance note.
    assert "machine translation:" not in merged and "[draft " not in merged

    after = _updated_without_losing_anything(rewritten, reviewed, untouched)
    assert "pseudo pseudo 0.1.0 [draft " in after.find(next(iter(untouched))).comment

    summary = _summary(
        "translate", "story.txt", "--to", "es", "--engine", "pseudo", "--retranslate-fuzzy"
    )
    redone = summary["machine_translated"] + summary["from_cache"] + summary["from_memory"]
    assert redone == len(untouched)
    final = load_catalog(CATALOG)
    assert final.find(rewritten.msgid).msgstr == REWRITTEN
    assert "fuzzy" in final.find(rewritten.msgid).flags
    assert final.find(reviewed.msgid).msgstr == REVIEWED
    assert "fuzzy" not in final.find(reviewed.msgid).flags
    assert not list(CATALOG.parent.glob("*.bak"))


@pytest.mark.parametrize("tool", [msgmerge, pybabel_update, pot2po])
def test_without_the_memory_the_translator_comment_still_tells_an_untouched_draft(
    workdir: Path, tool
) -> None:
    """A clone without .localize/: the draft digest in the translator comment (``# …``), which
    every one of these tools keeps, is what recognises the drafts nobody touched."""
    rewritten, reviewed, untouched = _draft_rewrite_and_review()
    shutil.rmtree(".localize")
    done = subprocess.run(tool(CATALOG, TEMPLATE), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    merged = CATALOG.read_text(encoding="utf-8")
    assert "machine translation:" not in merged and "[draft " not in merged
    assert merged.count("# localize: machine draft ") == len(untouched) + 2

    after = _updated_without_losing_anything(rewritten, reviewed, untouched)
    assert "engine not recorded" in after.find(next(iter(untouched))).comment

    shutil.rmtree(".localize")
    summary = _summary(
        "translate", "story.txt", "--to", "es", "--engine", "pseudo", "--retranslate-fuzzy"
    )
    assert summary["machine_translated"] == len(untouched)
    final = load_catalog(CATALOG)
    assert (final.find(rewritten.msgid).msgstr, final.find(rewritten.msgid).fuzzy) == (
        REWRITTEN,
        True,
    )
    assert (final.find(reviewed.msgid).msgstr, final.find(reviewed.msgid).fuzzy) == (
        REVIEWED,
        False,
    )
    redone = final.find(next(iter(untouched)))
    assert "pseudo" in redone.comment and redone.tcomment.count("localize: machine draft") == 1
    assert not list(CATALOG.parent.glob("*.bak"))


def test_without_the_memory_or_the_digest_a_stripped_draft_is_left_as_a_persons_work(
    workdir: Path,
) -> None:
    """No memory and no digest (a tool or a person removed the translator comment too): no proof
    the text is the engine's, so the safe side is never to overwrite it."""
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    done = subprocess.run(msgmerge(CATALOG, TEMPLATE), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    po = polib.pofile(str(CATALOG))
    for entry in po:
        entry.tcomment = ""
    po.save(str(CATALOG))
    shutil.rmtree(".localize")
    before = CATALOG.read_bytes()
    summary = _summary("update", "story.txt", "--no-translate")
    assert summary["notes_restored"] == 0
    states = {entry_state(e) for e in load_catalog(CATALOG) if e.msgid}
    assert states == {EntryState.PERSONS_FUZZY}
    summary = _summary(
        "translate", "story.txt", "--to", "es", "--engine", "pseudo", "--retranslate-fuzzy"
    )
    assert summary["machine_translated"] == 0
    texts = {e.msgid: e.msgstr for e in polib.pofile(before.decode())}
    assert all(texts[e.msgid] == e.msgstr for e in load_catalog(CATALOG) if e.msgid)


def test_a_regional_catalogs_drafts_are_recognised_after_a_merge(workdir: Path) -> None:
    """An es_MX catalog is drafted by the es model: its drafts are stored under es, and a
    catalog whose notes msgmerge dropped gets them back from there (they were looked up under
    es_MX, never found, and the untouched drafts read as a person's work)."""
    assert run_cli("translate", "story.txt", "--to", "es_MX", "--engine", "pseudo").exit_code == 0
    catalog = Path("locales/es_MX/LC_MESSAGES/story.po")
    drafts = {e.msgid for e in polib.pofile(str(catalog)) if "fuzzy" in e.flags}
    assert drafts
    done = subprocess.run(msgmerge(catalog, TEMPLATE), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "machine translation:" not in catalog.read_text(encoding="utf-8")
    result = run_cli("update", "story.txt", "--no-translate", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["locales"]["es_MX"]["notes_restored"] == len(drafts)
    msgfmt_check(catalog)
    after = load_catalog(catalog)
    assert {e.msgid for e in after if entry_state(e) is EntryState.MACHINE_DRAFT} == drafts
    # The engine and model come from the memory: the digest alone does not know them.
    assert all("pseudo pseudo 0.1.0 [draft " in after.find(m).comment for m in drafts)
