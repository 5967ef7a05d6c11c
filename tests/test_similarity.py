"""localize.similarity computes in Python what rapidfuzz computes in C++ for merge's fuzzy match
and the memory's similar reviewed sentences: the same score (the same float) and the same
choice, or none, as ``process.extractOne(..., scorer=fuzz.ratio, score_cutoff=...)``."""

from __future__ import annotations

import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from localize import similarity
from localize.similarity import most_similar, ratio

# Few letters, so that strings share much and scores fall on every side of a cutoff; an
# accented letter, a combining mark, an astral character and a space among them.
LETTERS = st.sampled_from(["a", "b", "c", "é", "\u0301", "\U0001f600", " ", "ß"])
TEXT = st.lists(LETTERS, max_size=24).map("".join)
CUTOFFS = st.sampled_from([0, 33, 50, 60, 66, 75, 80, 100]) | st.integers(0, 100)


def _rapidfuzz(query: str, choices: list[str], cutoff: float) -> tuple[str, float, int] | None:
    return process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff)


@settings(max_examples=1000, deadline=None)
@given(TEXT, TEXT)
@example("", "")
@example("", "a")
@example("\U0001f600", "\U0001f600\U0001f600")
def test_the_score_is_rapidfuzz_s_float(first: str, second: str) -> None:
    assert ratio(first, second) == fuzz.ratio(first, second)
    assert ratio(second, first) == fuzz.ratio(first, second)


@settings(max_examples=1000, deadline=None)
@given(TEXT, st.lists(TEXT, max_size=6), CUTOFFS)
@example("abc", ["abd", "abe"], 60)  # a tie: the first of equals
# identical: the first (that the search stops there is a shortcut no answer shows)
@example("ab", ["ax", "ab", "ab"], 60)
@example("aaaz", ["aaay"], 75)  # exactly the cutoff
# 1 - 16/50 is just under 0.68, yet 68.0 as a percentage: rapidfuzz refuses it
@example("x" * 17 + "y" * 8, ["x" * 17 + "z" * 8], 68)
@example("", [], 60)
@example("", [""], 100)
def test_the_choice_is_rapidfuzz_s(query: str, choices: list[str], cutoff: int) -> None:
    assert most_similar(query, choices, cutoff) == _rapidfuzz(query, choices, cutoff)


def test_every_score_at_the_edge_of_a_whole_cutoff_is_decided_as_rapidfuzz_decides() -> None:
    """Each fraction of common characters a pair of strings of up to 100 characters can have,
    against every whole cutoff: a cutoff equal to a score whose float is just under it is
    where a percentage compared with the cutoff would differ."""
    for total in range(1, 101):
        for common in range(0, total + 1, 2):
            shared = "x" * (common // 2)
            rest = total - common
            first, second = shared + "y" * (rest // 2), shared + "z" * (rest - rest // 2)
            for cutoff in range(101):
                assert most_similar(first, [second], cutoff) == _rapidfuzz(first, [second], cutoff)


def test_much_work_goes_to_rapidfuzz_and_little_does_not(monkeypatch) -> None:
    """Above LITTLE_WORK (in pairs of characters) the C++ answers, and answers the same;
    below it rapidfuzz is not needed: made unimportable, the answer is still given."""
    choices = [f"The minister met {n} officials in Astana." for n in range(150)]
    query = "The minister met 17 officials in Astana on Tuesday."
    asked = []
    monkeypatch.setattr(similarity, "LITTLE_WORK", similarity.work_of([query], choices) - 1)
    monkeypatch.setattr(process, "extractOne", lambda *a, **k: asked.append(a) or ("x", 0.0, 0))
    assert most_similar(query, choices, 60) == ("x", 0.0, 0)
    assert most_similar(query, choices[:3], 60, work=similarity.LITTLE_WORK + 1)
    # Long paragraphs: few of them are already much work.
    paragraph = query * 200
    assert most_similar(paragraph, [paragraph[1:], paragraph[2:]], 60) == ("x", 0.0, 0)
    assert len(asked) == 3
    monkeypatch.undo()

    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    computed_here = most_similar(query, choices, 60, work=1)
    assert computed_here == ("The minister met 17 officials in Astana.", computed_here[1], 17)
    monkeypatch.undo()
    assert computed_here == _rapidfuzz(query, choices, 60)


def _counting_rapidfuzz_calls(monkeypatch) -> list[str]:
    """Each query rapidfuzz's extractOne is asked about, the call going through to it."""
    asked: list[str] = []
    real = process.extractOne

    def counted(query, *args, **kwargs):
        asked.append(query)
        return real(query, *args, **kwargs)

    monkeypatch.setattr(process, "extractOne", counted)
    return asked


EDITED = [f"Delegation {n} of the ministry arrived in Dushanbe on Monday." for n in range(11)]


def test_a_merge_weighs_the_work_of_all_its_edited_sentences(monkeypatch) -> None:
    """Each edited sentence alone is little work; all eleven against eleven candidates are
    more: the merge passes its whole work, so rapidfuzz answers every one of them."""
    import polib

    from localize.merge import merge

    old, template = polib.POFile(), polib.POFile()
    for sentence in EDITED:
        old.append(polib.POEntry(msgid=sentence, msgstr=f"[{sentence}]"))
        template.append(polib.POEntry(msgid=sentence.replace("Monday", "Tuesday")))
    one = similarity.work_of([template[0].msgid], [e.msgid for e in old])
    monkeypatch.setattr(similarity, "LITTLE_WORK", one)
    asked = _counting_rapidfuzz_calls(monkeypatch)
    merged, report = merge(old, template)
    assert asked == [e.msgid for e in template]
    assert len(report.fuzzy) == len(EDITED)


def test_the_memory_weighs_the_work_of_all_its_sentences(tmp_path, monkeypatch) -> None:
    from localize.memory import Memory

    asked_for = [s.replace("Monday", "Tuesday") for s in EDITED]
    with Memory.open(tmp_path / "memory.sqlite") as memory:
        memory.record_reviewed("en", "es", [(s, f"[{s}]") for s in EDITED])
        monkeypatch.setattr(similarity, "LITTLE_WORK", similarity.work_of(asked_for[:1], EDITED))
        asked = _counting_rapidfuzz_calls(monkeypatch)
        found = memory.similar_reviewed("en", "es", asked_for, 75)
    assert asked == asked_for
    assert set(found) == set(asked_for)
