"""Post-edit distance: how far a machine draft is from the translation a reviewer approved.

chrF (character n-gram F-score, 100 = identical) and TER (word edits per 100 words of the
reviewed text, 0 = identical) as sacrebleu computes them, with the draft as the hypothesis and
the reviewed msgstr as the reference. sacrebleu is imported only when a report needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class SentenceScore:
    chrf: float
    ter: float


@cache
def _metrics():
    from sacrebleu.metrics import CHRF, TER

    return CHRF(), TER()


def corpus_scores(drafts: Sequence[str], reviewed: Sequence[str]) -> SentenceScore:
    """chrF and TER over all the pairs at once (TER: total edits over total reference words)."""
    chrf, ter = _metrics()
    return SentenceScore(
        round(chrf.corpus_score(list(drafts), [list(reviewed)]).score, 2),
        round(ter.corpus_score(list(drafts), [list(reviewed)]).score, 2),
    )


def sentence_scores(drafts: Sequence[str], reviewed: Sequence[str]) -> list[SentenceScore]:
    chrf, ter = _metrics()
    return [
        SentenceScore(
            round(chrf.sentence_score(draft, [target]).score, 2),
            round(ter.sentence_score(draft, [target]).score, 2),
        )
        for draft, target in zip(drafts, reviewed, strict=True)
    ]
