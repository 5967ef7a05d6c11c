"""A glossary edited in the middle of a project reaches the drafts: the machine-translation cache
keys the glossary by its content, drafts localize made under an earlier glossary that the
current one finds wrong are redrafted (a person's work never), and the memory's proposals are
checked against the glossary in use. The CLI is run as a user runs it, on real files."""

from __future__ import annotations

import json
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


def test_an_edited_glossary_is_not_answered_from_the_cache_of_the_old_one(project: Path) -> None:
    translate()
    assert "declaración conjunta" in load_catalog(CATALOG).find(SENTENCE).msgstr
    # Nothing changed: --retranslate-fuzzy takes the drafts from the cache.
    again = translate("--retranslate-fuzzy")
    assert again["from_cache"] == 2 and again["machine_translated"] == 0

    swapped_glossary()  # version "1" kept, as terminologists do
    summary = translate("--retranslate-fuzzy")
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


def test_memory_proposals_are_checked_against_the_glossary_in_use(project: Path) -> None:
    translate()
    reviewed = "Los ministros firmaron una declaración conjunta el lunes."
    review(SENTENCE, reviewed)
    swapped_glossary(version="2")  # the reviewed rendering is forbidden now
    similar = SENTENCE.replace("Monday", "Tuesday")
    Path("b.txt").write_text(f"{SENTENCE}\n\n{similar}\n", encoding="utf-8")

    result = run_cli("translate", "b.txt", "--to", "es", "--engine", "pseudo", "--format", "json")
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
