"""A draft that enforcement edits (an article agreed, an adjective moved, a term substituted)
is asked about again with the text it was made from (``Glossary.approved_spans``'
``edited_from``): the spans far from the edit are carried over, the edit's neighbourhood is
read again. The answer must be the one the new text gets asked afresh, whatever the edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from localize import termmatch
from localize.enforce import enforce_batch
from localize.engines.base import LanguagePair, Translator
from localize.glossary import Glossary, load_glossary, shipped_path
from localize.termmatch import Edit, edit_between

SCO = "shanghai-cooperation-organization"
BRI = "belt-and-road-initiative"
MINISTER = "foreign-minister"
COUNCIL = "sco-council-of-foreign-ministers"
DRAFT = (
    "El ministro de Asuntos Exteriores chino habló del Iniciativa de la Franja y la Ruta "
    "ante la Organización de Cooperación de Shanghái; la OCS y el Consejo de Ministros de "
    "Asuntos Exteriores de la OCS, en la Organización de Cooperación de Shanghái."
)


def _fresh(glossary: Glossary) -> Glossary:
    """The glossary with answer caches of its own (the parsed glossary is shared)."""
    return replace(glossary, _patterns=[], _spans={})


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return load_glossary(shipped_path())


def _both(shipped: Glossary, entry_id: str, before: str, after: str) -> tuple[list, list]:
    """The answer about ``after`` carried from ``before``, and asked afresh."""
    entry = shipped.by_id[entry_id]
    carrying = _fresh(shipped)
    carrying.approved_spans(entry, "es", before)
    assert (entry.id, "es", before) in carrying._parts  # what the carrying starts from
    carried = carrying.approved_spans(entry, "es", after, edited_from=before)
    return carried, _fresh(shipped).approved_spans(entry, "es", after)


def test_the_edit_between_two_texts() -> None:
    assert edit_between("del Iniciativa", "de la Iniciativa") == Edit(2, 3, 5)
    assert edit_between("la la Ruta", "la Ruta") == Edit(3, 6, 3)
    assert edit_between("abc", "abc") == Edit(3, 3, 3)
    assert edit_between("", "la") == Edit(0, 0, 2)
    # Two changes make one edit spanning both.
    assert edit_between("el A y el B", "la A y la B") == Edit(0, 9, 9)


def test_an_article_agreed_before_a_rendering_keeps_every_span(shipped) -> None:
    agreed = DRAFT.replace("del Iniciativa", "de la Iniciativa")
    for entry_id in (SCO, BRI, MINISTER, COUNCIL):
        carried, fresh = _both(shipped, entry_id, DRAFT, agreed)
        assert carried == fresh, entry_id
    carried, _ = _both(shipped, SCO, DRAFT, agreed)
    assert len(carried) == 4  # the full name twice and the abbreviation twice, shifted
    assert agreed[carried[0][0] : carried[0][1]] == "Organización de Cooperación de Shanghái"


def test_an_edit_inside_a_rendering_is_asked_afresh(shipped) -> None:
    # The second full name loses a word: the first is left, and the abbreviations.
    broken = DRAFT.replace(
        "en la Organización de Cooperación", "en la Organización de Coordinación"
    )
    carried, fresh = _both(shipped, SCO, DRAFT, broken)
    assert carried == fresh
    assert len(carried) == 3  # the edited occurrence is gone
    # And one made by the edit is found.
    carried, fresh = _both(shipped, SCO, broken, DRAFT)
    assert carried == fresh and len(carried) == 4


def test_an_edit_that_joins_a_word_to_a_rendering_is_asked_afresh(shipped) -> None:
    # "la OCS" -> "la OCSa": the token is another word now; and back.
    joined = DRAFT.replace("; la OCS y", "; la OCSa y")
    for before, after in ((DRAFT, joined), (joined, DRAFT)):
        carried, fresh = _both(shipped, SCO, before, after)
        assert carried == fresh
    assert len(_both(shipped, SCO, DRAFT, joined)[0]) == 3
    # A letter removed right after a rendering's last word, and a space removed before it.
    for after in (DRAFT.replace("Shanghái;", "Shanghái"), DRAFT.replace("ante la", "antela")):
        carried, fresh = _both(shipped, SCO, DRAFT, after)
        assert carried == fresh


def test_an_edit_that_makes_a_rendering_of_the_words_next_to_it(shipped) -> None:
    # The moved adjective: «chino ministro de …» in English order -> «ministro de … chino».
    english_order = DRAFT.replace("El ministro de Asuntos Exteriores chino", "El chino ministro de")
    for entry_id in (MINISTER, COUNCIL, SCO):
        carried, fresh = _both(shipped, entry_id, english_order, DRAFT)
        assert carried == fresh, entry_id
    carried, _ = _both(shipped, MINISTER, english_order, DRAFT)
    assert (3, 3 + len("ministro de Asuntos Exteriores")) in carried


def test_every_small_edit_of_a_draft_gives_the_fresh_answer(shipped) -> None:
    """A letter, a space or a character deleted or put in at every place of the draft: the
    carried answer is the fresh one for every entry (the edits that touch a rendering, next
    to one or inside one, and those far from any)."""
    edits = []
    for at in range(len(DRAFT) + 1):
        edits.append(DRAFT[:at] + "x" + DRAFT[at:])
        edits.append(DRAFT[:at] + " " + DRAFT[at:])
        if at < len(DRAFT):
            edits.append(DRAFT[:at] + DRAFT[at + 1 :])
    entries = [shipped.by_id[e] for e in (SCO, BRI, MINISTER, COUNCIL)]
    carrying, asking = _fresh(shipped), _fresh(shipped)
    for entry in entries:
        carrying.approved_spans(entry, "es", DRAFT)
    differing = [
        (entry.id, after)
        for after in edits
        for entry in entries
        if carrying.approved_spans(entry, "es", after, edited_from=DRAFT)
        != asking.approved_spans(entry, "es", after)
    ]
    assert differing == []


def test_an_edit_far_from_every_rendering_reads_no_index_of_the_new_text(shipped) -> None:
    """The carrying is real: the new text is not indexed whole (termmatch._text_index)."""
    sco = shipped.by_id[SCO]
    carrying = _fresh(shipped)
    carrying.approved_spans(sco, "es", DRAFT)
    after = DRAFT.replace("habló", "dijo")
    indexed = termmatch._text_index.cache_info().misses
    carried = carrying.approved_spans(sco, "es", after, edited_from=DRAFT)
    assert termmatch._text_index.cache_info().misses == indexed
    assert carried == _fresh(shipped).approved_spans(sco, "es", after)
    assert len(carried) == 4


class _Phrases(Translator):
    """Translates by replacing phrases, as an engine that knows none of the glossary would."""

    def __init__(self, phrases: dict[str, str]) -> None:
        self.pair = LanguagePair("en", "es", "phrases", "test", "1")
        self.phrases = phrases

    def translate(self, sentences: Sequence[str]) -> list[str]:
        translated = []
        for text in sentences:
            for english, spanish in self.phrases.items():
                text = text.replace(english, spanish)
            translated.append(text)
        return translated


def test_enforcement_makes_the_same_drafts_as_with_every_text_asked_afresh(
    shipped, monkeypatch
) -> None:
    """Substitution and agreement edit the engine's drafts: the drafts, flags and comments are
    those made when every edited text is searched whole."""
    translator = _Phrases(
        {
            "Foreign Minister": "Ministro Extranjero",
            "Belt and Road Initiative": "Cinturón y Ruta Iniciativa",
            "Shanghai Cooperation Organization": "Organización de Cooperación de Shanghai",
            "The Chinese": "El chino",
            " spoke at the ": " habló en la ",
            " about the ": " sobre el ",
            " and the ": " y el ",
            "SCO": "OCS",
        }
    )
    sentences = [
        "The Chinese Foreign Minister spoke at the Shanghai Cooperation Organization about "
        "the Belt and Road Initiative.",
        "The SCO and the Belt and Road Initiative, said the Foreign Minister.",
    ]

    def drafts() -> list[tuple[str, list[str], list[str]]]:
        made = enforce_batch(translator, None, sentences, _fresh(shipped), "es", nbest=1)
        return [(d.text, d.flags, d.comments) for d in made]

    carried: list[str] = []
    after_edit = Glossary._parts_after_edit

    def counting(*args):  # type: ignore[no-untyped-def]
        carried.append(args[-1])
        return after_edit(*args)

    monkeypatch.setattr(Glossary, "_parts_after_edit", staticmethod(counting))
    with_carrying = drafts()
    assert carried  # the drafts were edited, and the edited texts carried over
    monkeypatch.setattr(
        Glossary,
        "_parts_after_edit",
        staticmethod(lambda own, variants, before, edited_from, text: _anew(own, variants, text)),
    )
    assert with_carrying == drafts()
    assert "Iniciativa de la Franja y la Ruta" in with_carrying[0][0]


_anew = Glossary._parts_anew
