"""What a glossary keeps while an enforcement call asks about its drafts (issue 19): every
answer about where a draft carries a term, with Python's cyclic collector paused, and the
collector back as it was afterwards whatever happened."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest

from localize.glossary import load_glossary, shipped_path

SENTENCE = "The Shanghai Cooperation Organization met in Astana."
SCO = "shanghai-cooperation-organization"
RENDERING = "Organización de Cooperación de Shanghái"


@pytest.fixture()
def shipped():
    glossary = load_glossary(shipped_path())
    # Answer caches of its own: the parsed glossary is shared with other tests.
    return replace(glossary, _patterns=[], _spans={})


def test_a_block_keeps_every_answer_and_pauses_the_collector(shipped) -> None:
    sco = shipped.by_id[SCO]
    drafts = [f"La {RENDERING} se reunió {n} veces." for n in range(2500)]
    assert gc.isenabled()
    with shipped.keeping_answers():
        assert not gc.isenabled()
        found = [shipped.approved_spans(sco, "es", draft) for draft in drafts]
        # Past the 2,048 answers kept outside a block, the first are still there.
        assert all((sco.id, "es", draft) in shipped._spans for draft in drafts)
    assert gc.isenabled()
    assert found == [[(3, 3 + len(RENDERING))]] * len(drafts)
    # Outside a block the answers are bounded again, and the same.
    assert shipped.approved_spans(sco, "es", "Otra frase sin el término.") == []
    assert len(shipped._spans) <= 2049
    assert [shipped.approved_spans(sco, "es", d) for d in drafts[:3]] == found[:3]


def test_the_collector_comes_back_after_nested_blocks_and_errors(shipped) -> None:
    with pytest.raises(RuntimeError), shipped.keeping_answers():
        with shipped.keeping_answers():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block is still open
        raise RuntimeError("a stage failed")
    assert gc.isenabled()
    # A caller that had turned the collector off keeps it off.
    gc.disable()
    try:
        with shipped.keeping_answers():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_matches_are_not_shared_with_a_glossary_made_from_this_one(shipped) -> None:
    assert {m.entry.id for m in shipped.match(SENTENCE)} >= {SCO}
    others = replace(shipped, entries=[e for e in shipped.entries if e.id != SCO], _patterns=[])
    assert SCO not in {m.entry.id for m in others.match(SENTENCE)}
    # The first glossary's answer is kept, and a copy each time: callers may change the list.
    first = shipped.match(SENTENCE)
    first.clear()
    assert {m.entry.id for m in shipped.match(SENTENCE)} >= {SCO}


def test_enforcement_asks_about_its_drafts_inside_a_block(shipped) -> None:
    """Enforcement keeps its answers for the whole call: the glossary is in a keeping block
    while a call's drafts are made, and out of it after."""
    from localize.enforce import enforce_batch
    from localize.engines.pseudo import PseudoEngine

    seen: list[int] = []
    approved_spans = shipped.approved_spans

    def spying(*args, **kwargs):
        seen.append(shipped._keeping[0])
        return approved_spans(*args, **kwargs)

    shipped.approved_spans = spying  # type: ignore[method-assign]
    pseudo = PseudoEngine()
    enforce_batch(pseudo.open("en", "es"), pseudo.placeholder, [SENTENCE], shipped, "es")
    assert seen and all(depth >= 1 for depth in seen)
    assert shipped._keeping[0] == 0 and gc.isenabled()


def test_a_rendering_is_found_after_its_first_word_stood_alone_before(shipped) -> None:
    # A draft's word index keeps one position per word, several for a repeated word
    # (termmatch._text_index): the rendering starts at the second and the third "Organización".
    sco = shipped.by_id[SCO]
    draft = f"La Organización Mundial, la {RENDERING} y la {RENDERING}."
    first = draft.index(RENDERING)
    second = draft.index(RENDERING, first + 1)
    expected = [(first, first + len(RENDERING)), (second, second + len(RENDERING))]
    assert shipped.approved_spans(sco, "es", draft) == expected


def test_a_forbidden_form_is_found_at_each_of_its_repeated_words() -> None:
    from localize.termmatch import forbidden_spans

    # "franja" stands at three tokens; the form follows the first and the third only.
    text = "Dijo Franja y Ruta, la franja y la Franja y Ruta."
    second = text.index("Franja y Ruta", 6)
    assert forbidden_spans(text, "Franja y Ruta") == [(5, 18), (second, second + 13)]
