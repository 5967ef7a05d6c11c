"""The glossary file: the shipped content, schema validation with file:line, matching."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from localize.errors import LocalizeError
from localize.glossary import load_glossary, resolve_glossary, shipped_path

from conftest import WIRE_ARTICLE

REPO = Path(__file__).resolve().parents[1]
LANGS = ("zh", "ru", "fr", "es", "ar")


@pytest.fixture(scope="module")
def shipped():
    return load_glossary(shipped_path())


def test_shipped_glossary_is_complete(shipped) -> None:
    assert shipped.source_language == "en"
    assert shipped.version
    assert len(shipped.entries) >= 80
    for entry in shipped.entries:
        for lang in LANGS:
            assert entry.approved(lang), (entry.id, lang)
        assert entry.sources, entry.id


def test_repo_glossary_is_a_relative_symlink_to_the_package_data() -> None:
    link = REPO / "glossary.yaml"
    assert link.is_symlink()
    assert not os.path.isabs(os.readlink(link))
    assert link.resolve() == shipped_path().resolve()


@pytest.mark.parametrize(
    ("term", "lang", "expected"),
    [
        ("Belt and Road Initiative", "zh", "一带一路倡议"),
        ("Wang Yi", "zh", "王毅"),
        ("Wang Yi", "ru", "Ван И"),
        ("Wang Yi", "fr", "Wang Yi"),
        ("Shanghai Cooperation Organization", "ru", "Шанхайская организация сотрудничества"),
        ("State Councilor", "zh", "国务委员"),
        ("UN Security Council", "fr", "Conseil de sécurité"),
        ("Five Principles of Peaceful Coexistence", "zh", "和平共处五项原则"),
    ],
)
def test_issue_terms_have_official_renderings(shipped, term, lang, expected) -> None:
    [match] = shipped.match(f"He spoke of the {term} today.")
    assert match.text == term
    assert expected in match.entry.approved(lang)


def test_deprecated_one_belt_one_road_maps_to_the_initiative_and_is_forbidden(shipped) -> None:
    [match] = shipped.match("So-called One Belt, One Road projects.")
    entry = match.entry
    assert entry.id == "belt-and-road-initiative"
    assert shipped.forbidden_found(entry, "ru", "проект «Один пояс, один путь»")
    assert shipped.forbidden_found(entry, "es", "la Iniciativa de la Franja y la Ruta") == []


def test_every_term_of_the_wire_article_is_covered(shipped) -> None:
    text = WIRE_ARTICLE.read_text(encoding="utf-8")
    ids = {m.entry.id for m in shipped.match(text)}
    for needed in (
        "wang-yi",
        "president-xi-jinping",
        "foreign-minister",
        "belt-and-road-initiative",
        "shanghai-cooperation-organization",
        "sco-charter",
        "sco-rats",
        "rotating-presidency",
        "three-evil-forces",
        "terrorism-separatism-extremism",
        "core-interests",
        "comprehensive-strategic-partnership",
        "one-china-principle",
        "global-development-initiative",
        "global-security-initiative",
        "global-civilization-initiative",
        "un-security-council",
        "xinhua",
    ):
        assert needed in ids, needed


def test_longest_term_wins_and_abbreviations_are_case_sensitive(shipped) -> None:
    matches = shipped.match("The Shanghai Cooperation Organization met in Shanghai; who knows WHO.")
    assert [(m.entry.id, m.text) for m in matches] == [
        ("shanghai-cooperation-organization", "Shanghai Cooperation Organization"),
        ("shanghai", "Shanghai"),
        ("world-health-organization", "WHO"),
    ]
    assert [m.entry.id for m in shipped.match("the sco")] == []


def test_a_whole_word_term_starts_only_where_no_word_character_comes_before(shipped) -> None:
    # The look back sits after the term's first letter in its regex (issue 19): at the text's
    # start, after a newline, punctuation or a space it matches; inside a longer word it does not.
    for text, found in (
        ("Kazakhstan said.", ["Kazakhstan"]),
        ("\nKazakhstan said.", ["Kazakhstan"]),
        ("(Kazakhstan) said.", ["Kazakhstan"]),
        ("in KAZAKHSTAN now", ["KAZAKHSTAN"]),
        ("xKazakhstan and Kazakhstanx and _Kazakhstan and 9Kazakhstan", []),
        ("SCO-Kazakhstan", ["SCO", "Kazakhstan"]),
    ):
        assert [m.text for m in shipped.match(text)] == found, text


def test_target_matching_allows_inflection_quotes_and_case(shipped) -> None:
    bri = shipped.by_id["belt-and-road-initiative"]
    assert shipped.has_approved(bri, "ru", "в рамках инициативы «Пояс и путь»")
    assert shipped.has_approved(bri, "ru", 'в рамках инициативы "Пояс и путь"')
    assert shipped.has_approved(bri, "zh", "共建“一带一路”倡议")
    assert shipped.has_approved(bri, "es", "la iniciativa de la Franja y la Ruta")
    assert not shipped.has_approved(bri, "es", "la Iniciativa del Cinturón y la Ruta")
    core = shipped.by_id["core-interests"]
    assert shipped.has_approved(core, "fr", "leur intérêt fondamental")
    dushanbe = shipped.by_id["dushanbe"]
    assert not shipped.has_approved(dushanbe, "es", "DUSHANBE, 14 de julio")
    wang = shipped.by_id["wang-yi"]
    assert shipped.has_approved(wang, "ru", "заявил Ван И.")
    assert not shipped.has_approved(wang, "ru", "заявил Ван Ивович.")


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """\
schema: 1
version: "1"
source_language: en
languages: [es]
entries:
  - id: peace
    source: peace
    targets: {es: paz}
    note: test
"""


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (GOOD.replace("    targets:", "    tragets:"), 8, "unknown key 'tragets'"),
        (GOOD.replace("targets: {es: paz}", "targets: {fr: paix}"), 6, "no target for es"),
        (GOOD + GOOD[GOOD.index("  - id") :], 10, "duplicate id 'peace'"),
        (GOOD.replace("schema: 1", "schema: 2"), 1, "schema 2 is not supported"),
        (GOOD.replace("    note: test\n", ""), 6, "missing required key 'note'"),
        (GOOD.replace("id: peace", "id: Peace Now"), 6, "lowercase letters"),
        (GOOD.replace("source: peace", "source: [peace"), 8, "YAML syntax error"),
        (GOOD[: GOOD.index("entries:")] + "entries: none\n", 5, "expected a list"),
    ],
)
def test_validation_errors_name_file_and_line(tmp_path, body, line, words) -> None:
    with pytest.raises(LocalizeError) as caught:
        load_glossary(_write(tmp_path, body))
    message = str(caught.value)
    assert f"glossary.yaml:{line}:" in message
    assert words in message


PEACE_AGAIN = """\
  - id: calm
    source: quiet
    variants: [Peace]
    targets: {es: calma}
    forbidden: {es: [paz]}
    note: test
"""


def test_a_source_form_of_two_entries_is_refused_unless_their_dates_part(tmp_path) -> None:
    with pytest.raises(LocalizeError) as caught:
        load_glossary(_write(tmp_path, GOOD + PEACE_AGAIN))
    assert (
        "glossary.yaml:10: 'Peace' of entry 'calm' is also a source form of entry 'peace' "
        "(line 6); merge the two entries"
    ) in str(caught.value)
    # Two forms each matched as written are other forms when their letters' case differs; one
    # matched in any case is the same form.
    sensitive = PEACE_AGAIN.replace("    note: test", "    case: sensitive\n    note: test")
    with pytest.raises(LocalizeError, match="'Peace' of entry 'calm'"):
        load_glossary(_write(tmp_path, GOOD + sensitive))
    both = GOOD.replace("    note: test", "    case: sensitive\n    note: test") + sensitive
    assert len(load_glossary(_write(tmp_path, both)).entries) == 2
    # Two office holders, one after the other, share the title's form.
    dated = GOOD.replace(
        "    note: test", "    valid_until: '2019-12'\n    note: test"
    ) + PEACE_AGAIN.replace("    note: test", "    valid_from: '2020-01'\n    note: test")
    assert len(load_glossary(_write(tmp_path, dated)).entries) == 2
    overlapping = dated.replace("valid_from: '2020-01'", "valid_from: '2019-06'")
    with pytest.raises(LocalizeError, match="'Peace' of entry 'calm'"):
        load_glossary(_write(tmp_path, overlapping))


def test_resolution_prefers_option_then_current_directory_then_shipped(tmp_path) -> None:
    assert resolve_glossary(cwd=tmp_path).path == shipped_path()
    local = _write(tmp_path, GOOD)
    assert resolve_glossary(cwd=tmp_path).path == local
    with pytest.raises(LocalizeError, match="no such glossary file"):
        resolve_glossary(tmp_path / "missing.yaml")


def test_keep_languages_accept_the_source_form(tmp_path) -> None:
    glossary = load_glossary(_write(tmp_path, GOOD.replace("targets: {es: paz}", "keep: [es]")))
    [match] = glossary.match("Peace now")
    assert match.entry.preferred("es", match.text) == "Peace"
    assert glossary.has_approved(match.entry, "es", "Peace ahora")


def test_a_source_abbreviation_takes_the_target_abbreviation() -> None:
    from localize.glossary import load_glossary, shipped_path

    glossary = load_glossary(shipped_path())
    sco = glossary.by_id["shanghai-cooperation-organization"]
    assert sco.preferred("es", "SCO") == "OCS"
    assert sco.preferred("ru", "SCO") == "ШОС"
    assert (
        sco.preferred("es", "Shanghai Cooperation Organization")
        == "Organización de Cooperación de Shanghái"
    )
    assert sco.preferred("ar", "SCO") == sco.targets["ar"][0]  # no abbreviation: the full name


def test_terms_whose_words_overlap_in_the_text_are_all_candidates(tmp_path) -> None:
    """One automaton pass finds every term a sentence may hold, overlapping ones included:
    "Peacekeeping" holds "peace" and "keeping", which as whole words match only elsewhere;
    a glossary dated for an article (a copy) does not reuse the undated one's automaton."""
    body = GOOD + (
        "  - id: peacekeeping\n"
        "    source: peacekeeping operation\n"
        "    targets: {es: operación de mantenimiento de la paz}\n"
        "    note: test\n"
        "  - id: keeping\n"
        "    source: keeping\n"
        "    targets: {es: mantenimiento}\n"
        "    note: test\n"
        "    valid_until: 2020-01-01\n"
    )
    glossary = load_glossary(_write(tmp_path, body))
    text = "Peacekeeping operations keeping the peace."
    found = [(m.entry.id, m.text) for m in glossary.match(text)]
    assert found == [
        ("peacekeeping", "Peacekeeping operations"),
        ("keeping", "keeping"),
        ("peace", "peace"),
    ]
    dated = glossary.as_of(date(2024, 1, 1))
    assert [m.entry.id for m in dated.match(text)] == ["peacekeeping", "peace"]
    assert [m.entry.id for m in glossary.match(text)] == ["peacekeeping", "keeping", "peace"]
