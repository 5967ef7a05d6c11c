"""The grammar around a placed term in Spanish and French drafts (localize.placement), and
Apertium's Spanish drafts of the example articles with it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from localize.enforce import GLOSSARY_GRAMMAR, enforce_batch
from localize.engines.apertium import ApertiumEngine
from localize.glossary import load_glossary, shipped_path
from localize.placement import Placed, agree, disagreements
from localize.source import read_article

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def shipped():
    return load_glossary(shipped_path())


def _agree(shipped, text: str, entry_id: str, rendering: str, lang: str = "es") -> str:
    start = text.index(rendering)
    fixed, unsure = agree(
        text, [Placed(shipped.by_id[entry_id], start, start + len(rendering))], lang
    )
    assert unsure == []
    return fixed


@pytest.mark.parametrize(
    ("draft", "entry_id", "rendering", "lang", "expected"),
    [
        (
            "bajo el Iniciativa de la Franja y la Ruta",
            "belt-and-road-initiative",
            "Iniciativa de la Franja y la Ruta",
            "es",
            "bajo la Iniciativa de la Franja y la Ruta",
        ),
        (
            "miembros del Organización de Cooperación de Shanghái",
            "shanghai-cooperation-organization",
            "Organización de Cooperación de Shanghái",
            "es",
            "miembros de la Organización de Cooperación de Shanghái",
        ),
        (
            "Fundado en 2001, el OCS tiene",
            "shanghai-cooperation-organization",
            "OCS",
            "es",
            "Fundado en 2001, la OCS tiene",
        ),
        (
            "titular al presidencia rotatoria",
            "rotating-presidency",
            "presidencia rotatoria",
            "es",
            "titular a la presidencia rotatoria",
        ),
        (
            "adoptaron un declaración conjunta",
            "joint-statement",
            "declaración conjunta",
            "es",
            "adoptaron una declaración conjunta",
        ),
        (
            "promete la la Franja y la Ruta",
            "belt-and-road",
            "la Franja y la Ruta",
            "es",
            "promete la Franja y la Ruta",
        ),
        (
            "bajo del la Franja y la Ruta",
            "belt-and-road",
            "la Franja y la Ruta",
            "es",
            "bajo de la Franja y la Ruta",
        ),
        (
            'combatir el "«tres fuerzas»" hoy',
            "three-evil-forces",
            "tres fuerzas",
            "es",
            "combatir las «tres fuerzas» hoy",
        ),
        (
            "soutient le initiative pour le développement mondial",
            "global-development-initiative",
            "initiative pour le développement mondial",
            "fr",
            "soutient l'initiative pour le développement mondial",
        ),
        (
            "membres du Organisation de coopération de Shanghai",
            "shanghai-cooperation-organization",
            "Organisation de coopération de Shanghai",
            "fr",
            "membres de l'Organisation de coopération de Shanghai",
        ),
        (
            "succède au présidence tournante",
            "rotating-presidency",
            "présidence tournante",
            "fr",
            "succède à la présidence tournante",
        ),
        ("la sommet de Douchanbé", "summit", "sommet", "fr", "le sommet de Douchanbé"),
        # an inline tag between the article and the term (HTML articles keep their markup)
        (
            'El <abbr title="Organización de Cooperación de Shanghai">OCS</abbr> y la Unión',
            "shanghai-cooperation-organization",
            "OCS",
            "es",
            'La <abbr title="Organización de Cooperación de Shanghai">OCS</abbr> y la Unión',
        ),
        (
            "los miembros del <em><b>OCS</b></em>",
            "shanghai-cooperation-organization",
            "OCS",
            "es",
            "los miembros de la <em><b>OCS</b></em>",
        ),
        (
            "les membres du <em>OCS</em>",
            "shanghai-cooperation-organization",
            "OCS",
            "fr",
            "les membres de l'<em>OCS</em>",
        ),
    ],
)
def test_articles_agree_with_the_placed_term(shipped, draft, entry_id, rendering, lang, expected):
    assert _agree(shipped, draft, entry_id, rendering, lang) == expected


def test_an_agreeing_article_and_an_inflected_form_are_left_alone(shipped) -> None:
    for text, entry_id, rendering in [
        (
            "de la Iniciativa de la Franja y la Ruta",
            "belt-and-road-initiative",
            "Iniciativa de la Franja y la Ruta",
        ),
        ("la cumbre de los jefes de Estado", "head-of-state", "jefes de Estado"),
        # a word glued to a tag is not an article: «El<b>OCS</b>» is one word on the page
        ("El<b>OCS</b> habló", "shanghai-cooperation-organization", "OCS"),
    ]:
        assert _agree(shipped, text, entry_id, rendering) == text


def test_an_article_before_a_term_without_gender_is_reported_not_guessed(tmp_path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(
        'schema: 1\nversion: "t"\nsource_language: en\nlanguages: [es]\nentries:\n'
        "  - id: hub\n    source: logistics hub\n    targets: {es: centro logístico}\n"
        "    note: test\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    text = "abrió la centro logístico"
    start = text.index("centro")
    fixed, unsure = agree(text, [Placed(glossary.by_id["hub"], start, len(text))], "es")
    assert fixed == text and unsure == ["centro logístico"]


def test_a_bad_grammar_value_names_file_and_line(tmp_path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(
        'schema: 1\nversion: "t"\nsource_language: en\nlanguages: [es]\nentries:\n'
        "  - id: hub\n    source: logistics hub\n    targets: {es: centro logístico}\n"
        "    grammar: {es: masculine}\n    note: test\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match=r"glossary.yaml:9: grammar of entry 'hub' for es must be"):
        load_glossary(path)


def test_apertium_spanish_drafts_have_no_article_error_next_to_a_placed_term(shipped) -> None:
    assert shutil.which("apertium"), "apt-get install apertium apertium-eng-spa"
    texts, spans = [], []
    for path in sorted((REPO / "examples").iterdir()):
        if path.suffix in (".txt", ".md", ".html") and "." not in path.stem:
            article = read_article(str(path))
            texts += [u.msgid for u in article.units]
            spans += [article.format.protected(u.msgid) for u in article.units]
    apertium = ApertiumEngine()
    drafts = enforce_batch(
        apertium.open("en", "es"), apertium.placeholder, texts, shipped, "es", spans
    )
    errors, placed_total = [], 0
    for text, protected, draft in zip(texts, spans, drafts, strict=True):
        terms = [
            m
            for m in shipped.match(text)
            if m.entry.covers("es") and all(m.end <= a or m.start >= b for a, b in protected)
        ]
        placed = [
            Placed(m.entry, a, b)
            for m in {m.entry.id: m for m in terms}.values()
            if "es" not in m.entry.keep
            for a, b in set(shipped.approved_spans(m.entry, "es", draft.text))
        ]
        placed_total += len(placed)
        errors += disagreements(draft.text, placed, "es")
        assert "la la " not in draft.text and "del la " not in draft.text
        assert '"«' not in draft.text
        # Flagged for the reviewer: word order, adjectives and titles without an article (tested
        # below), never an article left unchecked before a term.
        assert not any("article before" in c for c in draft.comments)
    assert placed_total > 100
    assert errors == []


@pytest.mark.parametrize("lang", ["zh", "ar", "ru"])
def test_a_bracketed_abbreviation_is_not_its_own_expansion_again(shipped, lang) -> None:
    from localize.engines.pseudo import PseudoEngine

    source = "The Shanghai Cooperation Organization (SCO) met in Dushanbe."
    pseudo = PseudoEngine()
    [draft] = enforce_batch(pseudo.open("en", lang), pseudo.placeholder, [source], shipped, lang)
    full = shipped.by_id["shanghai-cooperation-organization"].targets[lang][0]
    short = shipped.by_id["shanghai-cooperation-organization"].preferred(lang, "SCO")
    assert draft.text.count(full) == 1
    if short == full:
        assert "(" not in draft.text.replace("⟦", "")
    assert draft.flags == []
    from localize.checks import check_entry

    assert not [
        p for p in check_entry(source, draft.text, shipped, lang) if p.check.startswith("glossary")
    ]


def test_chinese_takes_the_short_form_of_an_abbreviation_after_the_first_mention(shipped) -> None:
    from localize.engines.pseudo import PseudoEngine

    sco = shipped.by_id["shanghai-cooperation-organization"]
    assert sco.preferred("zh", "SCO") == "上合组织"
    assert sco.preferred("zh", "SCO", first=True) == "上海合作组织"
    assert sco.preferred("es", "SCO") == "OCS"  # a Latin abbreviation is unchanged
    # 一带一路倡议 is “一带一路”倡议 without its quotes, not a shorter name.
    assert shipped.by_id["belt-and-road-initiative"].preferred("zh", "BRI") == "“一带一路”倡议"
    sources = ["SCO ministers met in Dushanbe.", "The SCO was founded in 2001."]
    pseudo = PseudoEngine()
    drafts = enforce_batch(pseudo.open("en", "zh"), pseudo.placeholder, sources, shipped, "zh")
    assert "上海合作组织" in drafts[0].text
    assert "上合组织" in drafts[1].text and "上海合作组织" not in drafts[1].text
    assert all(draft.flags == [] for draft in drafts)


def _placed_in(shipped, source: str, text: str, lang: str = "es") -> tuple[list, list[Placed]]:
    terms = [m for m in shipped.match(source) if m.entry.covers(lang)]
    placed = [
        Placed(m.entry, a, b)
        for m in terms
        if lang not in m.entry.keep
        for a, b in set(shipped.approved_spans(m.entry, lang, text))
    ]
    return terms, placed


def _doubts_about(shipped, source: str, draft: str, marker: str | None, *, order: bool) -> list:
    """Placement's doubts about a Spanish ``draft`` of ``source`` (English word order with
    ``order``, else agreement), those that mention ``marker``."""
    from localize.placement import disagreeing_adjectives, english_order

    assert shutil.which("lt-proc"), "apt-get install apertium apertium-eng-spa"
    terms, placed = _placed_in(shipped, source, draft)
    assert placed
    if order:
        doubts = english_order(source, terms, draft, placed, "es")
    else:
        doubts = disagreeing_adjectives(draft, placed, "es")
    return [d for d in doubts if marker is None or marker in d]


def _flagged_once(doubts: list, flagged: str | None) -> None:
    if flagged is None:
        assert doubts == []
    else:
        assert len(doubts) == 1 and flagged in doubts[0], doubts


@pytest.mark.parametrize(
    ("source", "draft", "doubted"),
    [
        ("The SCO summit opened.", "La OCS cumbre se abrió.", "'OCS cumbre'"),
        (
            "Belt and Road cooperation grew.",
            "La Franja y la Ruta cooperación creció.",
            "cooperación",
        ),
        ("He praised Tajikistan's rotating presidency.", "Elogió Tayikistán presidencia.", "pres"),
        (
            "Shanghai Cooperation Organization (SCO) member states met.",
            "La Organización de Cooperación de Shanghái (OCS) miembros estados se reunieron.",
            "miembros",
        ),
        ("The SCO summit opened.", "La cumbre de la OCS se abrió.", None),
        ("The SCO has grown.", "La OCS ha crecido.", None),
        ("China supports the SCO.", "China apoya la OCS.", None),
    ],
)
def test_english_word_order_next_to_a_placed_term_is_flagged_not_guessed(
    shipped, source, draft, doubted
) -> None:
    _flagged_once(_doubts_about(shipped, source, draft, None, order=True), doubted)


@pytest.mark.parametrize(
    ("source", "draft", "lang", "flagged"),
    [
        (
            "the proposed Belt and Road Initiative",
            "la Iniciativa de la Franja y la Ruta propuesto",
            "es",
            True,
        ),
        (
            "the proposed Belt and Road Initiative",
            "la Iniciativa de la Franja y la Ruta propuesta",
            "es",
            False,
        ),
        ("the SCO, founded in 2001", "la OCS fundados en 2001", "es", True),
        ("the SCO celebrates", "la OCS celebra", "es", False),
        ("the SCO, founded in 2001", "l'OCS fondé en 2001", "fr", True),
        ("the SCO, founded in 2001", "l'OCS fondée en 2001", "fr", False),
        ("the SCO also", "l'OCS aussi", "fr", False),
    ],
)
def test_an_adjective_after_a_placed_noun_that_disagrees_is_flagged(
    shipped, source, draft, lang, flagged
) -> None:
    from localize.placement import disagreeing_adjectives

    assert shutil.which("lt-proc"), "apt-get install apertium apertium-eng-spa"
    _, placed = _placed_in(shipped, source, draft, lang)
    assert placed
    assert bool(disagreeing_adjectives(draft, placed, lang)) is flagged


def test_apertium_drafts_flag_the_english_word_order_they_keep(shipped) -> None:
    assert shutil.which("apertium"), "apt-get install apertium apertium-eng-spa"
    sources = [
        "China, Kazakhstan pledge closer Belt and Road cooperation ahead of SCO meeting",
        "Wang Yi will attend the G20 summit in Rome.",  # G20 is kept as is, and still placed
    ]
    apertium = ApertiumEngine()
    drafts = enforce_batch(apertium.open("en", "es"), apertium.placeholder, sources, shipped, "es")
    for draft, kept in zip(drafts, ["OCS reunión", "G20 cumbre"], strict=True):
        doubts = [c for c in draft.comments if c.startswith(GLOSSARY_GRAMMAR)]
        assert kept in draft.text  # flagged, not rewritten
        assert any(f"'{kept}' keeps the English word order" in c for c in doubts), doubts


def test_a_bracketed_abbreviation_after_an_emphasised_name_is_not_repeated(shipped) -> None:
    from localize.engines.pseudo import PseudoEngine

    source = "Cooperation under the **Belt and Road Initiative** (BRI) grew."
    pseudo = PseudoEngine()
    [draft] = enforce_batch(pseudo.open("en", "es"), pseudo.placeholder, [source], shipped, "es")
    assert draft.text.count("Iniciativa de la Franja y la Ruta") == 1, draft.text
    assert "**Iniciativa de la Franja y la Ruta**" in draft.text
    assert draft.flags == []


@pytest.mark.parametrize(
    ("source", "draft", "expected"),
    [
        (
            "Chinese Foreign Minister Wang Yi said.",
            "chino ministro de Asuntos Exteriores Wang Yi dijo.",
            "ministro de Asuntos Exteriores chino Wang Yi dijo.",
        ),
        (
            "Chinese State Councilor and Foreign Minister Wang Yi held talks.",
            "Chino consejero de Estado y ministro de Asuntos Exteriores Wang Yi aguantó charlas.",
            "Consejero de Estado chino y ministro de Asuntos Exteriores Wang Yi aguantó charlas.",
        ),
        # An adjective that is not made from a name stays: Spanish puts some first (nuevo).
        (
            "the new Foreign Minister",
            "el nuevo ministro de Asuntos Exteriores",
            "el nuevo ministro de Asuntos Exteriores",
        ),
        # Capitalised only because it opens the sentence: not made from a name.
        (
            "Closer comprehensive strategic partnership",
            "más cercana asociación estratégica integral",
            "más cercana asociación estratégica integral",
        ),
        # Not the translation of the source's adjective: left alone.
        (
            "Chinese Foreign Minister Wang Yi said.",
            "ruso ministro de Asuntos Exteriores Wang Yi dijo.",
            "ruso ministro de Asuntos Exteriores Wang Yi dijo.",
        ),
        # Agreeing with the term (feminine), it moves; disagreeing, it is flagged, not moved.
        (
            "the Chinese community with a shared future",
            "la china comunidad de futuro compartido",
            "la comunidad de futuro compartido china",
        ),
        (
            "the Chinese community with a shared future",
            "la chino comunidad de futuro compartido",
            "la chino comunidad de futuro compartido",
        ),
    ],
)
def test_an_adjective_of_a_name_left_before_a_placed_term_goes_after_it(
    shipped, source, draft, expected
) -> None:
    from localize.placement import adjectives_after_terms

    assert shutil.which("lt-proc"), "apt-get install apertium apertium-eng-spa"
    terms, placed = _placed_in(shipped, source, draft)
    assert placed
    assert adjectives_after_terms(source, terms, draft, placed, "es") == expected


@pytest.mark.parametrize(
    ("source", "draft", "flagged"),
    [
        (
            "build a closer community with a shared future",
            "construir un más cercano comunidad de futuro compartido",
            "'un más cercano' before 'comunidad de futuro compartido'",
        ),
        (
            "build a closer community with a shared future",
            "construir una más cercana comunidad de futuro compartido",
            None,
        ),
        ("a new community with a shared future", "una nueva comunidad de futuro compartido", None),
        # «la Franja y la Ruta» brings its article: «cercano» belongs to another phrase.
        (
            "pledge closer Belt and Road cooperation",
            "promete más cercano la Franja y la Ruta cooperación",
            None,
        ),
    ],
)
def test_an_article_and_adjective_before_a_placed_term_that_disagree_are_flagged(
    shipped, source, draft, flagged
) -> None:
    _flagged_once(_doubts_about(shipped, source, draft, "before", order=False), flagged)


def test_apertium_drafts_put_a_nationality_after_the_placed_title(shipped) -> None:
    assert shutil.which("apertium"), "apt-get install apertium apertium-eng-spa"
    sources = [
        "Chinese State Councilor and Foreign Minister Wang Yi will attend the G20 summit in Rome."
    ]
    apertium = ApertiumEngine()
    drafts = enforce_batch(apertium.open("en", "es"), apertium.placeholder, sources, shipped, "es")
    assert drafts[0].text.startswith("Consejero de Estado chino y "), drafts[0].text
    assert "chino consejero" not in drafts[0].text.casefold()


@pytest.mark.parametrize(
    ("source", "draft", "flagged"),
    [
        (
            "Chinese Foreign Minister Wang Yi said.",
            "Ministro de Asuntos Exteriores chino Wang Yi dijo.",
            "'Ministro de Asuntos Exteriores'",
        ),
        (
            "Chinese State Councilor and Foreign Minister Wang Yi said.",
            "Dijo consejero de Estado chino y ministro de Asuntos Exteriores Wang Yi.",
            "'consejero de Estado chino y ministro de Asuntos Exteriores'",
        ),
        (
            "the initiative President Xi Jinping proposed",
            "la iniciativa que Presidente Xi Jinping propuso",
            "'Presidente Xi Jinping'",
        ),
        (
            "Chinese Foreign Minister Wang Yi said.",
            "El ministro de Asuntos Exteriores chino Wang Yi dijo.",
            None,
        ),
        (
            "Chinese State Councilor and Foreign Minister Wang Yi said.",
            "Dijo el consejero de Estado chino y ministro de Asuntos Exteriores Wang Yi.",
            None,
        ),
        ("remarks of President Xi Jinping", "palabras del presidente Xi Jinping", None),
        # No name after the title: a headline, or the title alone («como ministro»).
        ("Chinese FM", "Kazajistán: ministro de Asuntos Exteriores chino", None),
        ("as Foreign Minister, he said", "como ministro de Asuntos Exteriores, dijo", None),
    ],
)
def test_a_title_before_a_name_without_its_article_is_flagged(
    shipped, source, draft, flagged
) -> None:
    _flagged_once(_doubts_about(shipped, source, draft, "no article", order=False), flagged)


@pytest.mark.parametrize(
    ("source", "draft", "flagged"),
    [
        (
            "chaired by Tajik Foreign Minister Sirojiddin Muhriddin",
            "presidido por Tajik Ministro de asuntos exteriores Sirojiddin Muhriddin",
            "'Tajik' before 'Ministro de asuntos exteriores'",
        ),
        (
            "chaired by Tajik Foreign Minister Sirojiddin Muhriddin",
            "presidido por el ministro de Asuntos Exteriores tayiko, Sirojiddin Muhriddin",
            None,
        ),
    ],
)
def test_the_english_word_left_before_a_placed_term_is_flagged(
    shipped, source, draft, flagged
) -> None:
    _flagged_once(_doubts_about(shipped, source, draft, "before", order=True), flagged)


def test_the_words_before_a_position_are_those_the_forward_search_finds() -> None:
    """``_before`` reads backwards from a position what ``search(text, 0, end)`` with a pattern
    ending in ``$`` finds (the forward patterns placement used), on texts built from the pieces
    that decide it: letters (accented, Cyrillic), digits, "_", spaces, no-break spaces, a
    newline (``$`` matches before a final one), punctuation."""
    import random
    import re

    from localize.placement import _PREVIOUS, _SOURCE_PREVIOUS, _WORDS_BEFORE, _before

    forward = {
        _SOURCE_PREVIOUS: re.compile(r"([A-Za-z]+)[ \u00a0]+$"),
        _PREVIOUS: re.compile(r"([^\W\d_]+)[ \u00a0]+$"),
        _WORDS_BEFORE: re.compile(r"((?:[^\W\d_]+[ \u00a0]+){1,3})$"),
    }
    pieces = ["a", "Zé", "ñ", "дом", "7", "_", " ", "  ", "\u00a0", "\n", ",", "«", "é"]
    rng = random.Random(19)
    found = 0
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        end = rng.randint(0, len(text))
        for backwards, pattern in forward.items():
            expected = pattern.search(text, 0, end)
            got = _before(backwards, text, end)
            if expected is None:
                assert got is None, (text, end, pattern.pattern)
            else:
                found += 1
                assert got is not None, (text, end, pattern.pattern)
                assert (got.start, got.words) == (expected.start(), expected.group(1))
    assert found > 3_000  # the texts reach the words, not only the misses
