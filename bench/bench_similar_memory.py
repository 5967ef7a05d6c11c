"""How many sentences the similar-sentence memory saves, and how good its proposals are.

Leave-one-out over the repository's reviewed catalogs (locales/{es,fr}): each reviewed sentence
in turn is new, the others are the memory. A proposal is made when a reviewed sentence is at
least 75% similar (the threshold `translate` uses); it is counted as a good proposal when it is
at least 75% similar (InDel ratio) to the sentence's own reviewed translation, and chrF
against that translation is reported beside the chrF of the sentence's untouched source
(the floor any draft must beat).

The repository's reviewed sentences have no similar neighbours (each article is about its own
event), so a follow-up is simulated too: every reviewed sentence with a number gets each number
changed (as a next-day report changes dates and counts) and is looked up against all the
reviewed sentences; a proposal is right when it comes from the sentence that was edited.

Run: .venv/bin/python bench/bench_similar_memory.py
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
from rapidfuzz import fuzz, process
from sacrebleu.metrics import CHRF

from localize.app.translate import SIMILAR_MEMORY_THRESHOLD
from localize.entry_state import is_reviewed

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    chrf = CHRF()
    for lang in ("es", "fr"):
        po = polib.pofile(str(REPO / "locales" / lang / "LC_MESSAGES" / "sco-ministers-meeting.po"))
        pairs = [(e.msgid, e.msgstr) for e in po if is_reviewed(e)]
        proposed = good = 0
        hyps, refs, floors = [], [], []
        for index, (source, reference) in enumerate(pairs):
            others = {s: t for i, (s, t) in enumerate(pairs) if i != index and s != source}
            best = process.extractOne(
                source, list(others), scorer=fuzz.ratio, score_cutoff=SIMILAR_MEMORY_THRESHOLD
            )
            if best is None:
                continue
            proposal = others[best[0]]
            proposed += 1
            good += fuzz.ratio(proposal, reference) >= SIMILAR_MEMORY_THRESHOLD
            hyps.append(proposal)
            refs.append(reference)
            floors.append(source)
        line = f"{lang}: {len(pairs)} reviewed sentences, {proposed} proposals from similar ones"
        if proposed:
            line += (
                f", {good} good ({100 * good / proposed:.0f}% precision); chrF of proposals "
                f"{chrf.corpus_score(hyps, [refs]).score:.1f} vs source copied "
                f"{chrf.corpus_score(floors, [refs]).score:.1f}"
            )
        print(line)
        print(f"{lang}: follow-up with changed numbers: {_follow_up(dict(pairs))}")


def _follow_up(memory: dict[str, str]) -> str:
    edited = {
        re.sub(r"\d+", lambda m: str(int(m.group()) + 1), source): source
        for source in memory
        if re.search(r"\d", source)
    }
    proposed = right = 0
    for sentence, original in edited.items():
        best = process.extractOne(
            sentence, list(memory), scorer=fuzz.ratio, score_cutoff=SIMILAR_MEMORY_THRESHOLD
        )
        if best is not None:
            proposed += 1
            right += best[0] == original
    return (
        f"{len(edited)} edited sentences, {proposed} proposals ({len(edited) - proposed} left "
        f"to MT), {right} from the edited sentence"
    )


if __name__ == "__main__":
    main()
