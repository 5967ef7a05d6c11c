"""A reviewed translation of a similar sentence (>= 75%) is proposed before MT, as a fuzzy
person's translation with the similar sentence as its previous msgid."""

from __future__ import annotations

import json
from pathlib import Path

import polib

from localize.catalog import load_catalog
from localize.entry_state import EntryState, entry_state

from conftest import msgfmt_check, run_cli

FIRST = Path("locales/es/LC_MESSAGES/story.po")
SECOND = Path("locales/es/LC_MESSAGES/brief.po")
REVIEWED = "Los cancilleres de la OCS prometen más cooperación antes de la cumbre de Dusambé"


def test_a_similar_reviewed_sentence_is_proposed_before_mt(workdir: Path) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(FIRST))
    headline = po[0]
    assert headline.msgid.endswith("ahead of Dushanbe summit")
    headline.msgstr, headline.flags = REVIEWED, []
    po.save(str(FIRST))
    similar = headline.msgid.replace("Dushanbe", "Tashkent")
    unrelated = "The weather in the capital was unusually warm for the season."
    Path("brief.txt").write_text(f"{similar}\n\n{unrelated}\n", encoding="utf-8")

    args = ("translate", "brief.txt", "--to", "es", "--engine", "pseudo", "--format", "json")
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    assert summary["from_similar"] == 1 and summary["machine_translated"] == 1
    msgfmt_check(SECOND)
    catalog = load_catalog(SECOND)
    proposal = catalog.find(similar)
    assert proposal.msgstr == REVIEWED and "fuzzy" in proposal.flags
    assert proposal.previous_msgid == headline.msgid  # editors show what differs
    assert "% similar sentence" in proposal.comment
    assert "'Dushanbe' -> 'Tashkent'" in proposal.comment
    assert entry_state(proposal) is EntryState.PERSONS_FUZZY
    assert entry_state(catalog.find(unrelated)) is EntryState.MACHINE_DRAFT

    # A person's proposal: --retranslate-fuzzy leaves it and redoes only the machine draft.
    result = run_cli(*args, "--retranslate-fuzzy")
    assert result.exit_code == 0, result.stderr
    assert load_catalog(SECOND).find(similar).msgstr == REVIEWED
