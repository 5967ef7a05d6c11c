"""Word forms per language (localize.morphology) and what they let the glossary accept."""

from __future__ import annotations

import subprocess
import sys

import pytest

from localize.glossary import load_glossary, shipped_path
from localize.morphology import english_stem, word_keys


@pytest.fixture(scope="module")
def shipped():
    return load_glossary(shipped_path())


def _same(a: str, b: str, lang: str) -> bool:
    return not word_keys(a, lang).isdisjoint(word_keys(b, lang))


@pytest.mark.parametrize(
    ("form", "word", "lang"),
    [
        ("Рахмон", "Рахмоном", "ru"),
        ("Таджикистан", "Таджикистаном", "ru"),
        ("шанхайский", "шанхайскому", "ru"),
        ("три", "тремя", "ru"),
        ("партнерство", "партнёрства", "ru"),
        ("روح", "بروح", "ar"),
        ("الشراكة", "شراكتهما", "ar"),
        ("السفير", "بالسفير", "ar"),
        ("canciller", "cancilleres", "es"),
        ("global", "globaux", "fr"),
    ],
)
def test_inflected_forms_share_a_key(form, word, lang) -> None:
    assert _same(form, word, lang)


@pytest.mark.parametrize(
    ("form", "word", "lang"),
    [
        ("посол", "После", "ru"),
        ("многосторонность", "односторонности", "ru"),
        ("integral", "internacional", "es"),
    ],
)
def test_different_words_do_not(form, word, lang) -> None:
    assert not _same(form, word, lang)


def test_english_plurals_stem_alike() -> None:
    assert english_stem("statements") == english_stem("statement")
    assert english_stem("partnerships") == english_stem("partnership")


def test_source_plurals_and_singulars_are_matched(shipped) -> None:
    found = {
        m.entry.id: m.text
        for m in shipped.match(
            "They signed joint statements, built comprehensive strategic partnerships and "
            "defended a core interest."
        )
    }
    assert found == {
        "joint-statement": "joint statements",
        "comprehensive-strategic-partnership": "comprehensive strategic partnerships",
        "core-interests": "core interest",
    }
    assert not shipped.match("The statement was jointly signed.")


def test_the_english_word_never_counts_as_the_target_word(shipped) -> None:
    entry = shipped.by_id["president-xi-jinping"]
    assert not shipped.has_approved(entry, "es", "President Xi Jinping habló.")
    assert shipped.has_approved(entry, "es", "El presidente Xi Jinping habló.")


def test_a_rendering_inside_a_longer_different_name_does_not_count(shipped) -> None:
    council = shipped.by_id["un-security-council"]
    assert shipped.forbidden_found(council, "fr", "Le Conseil de sécurité nationale a voté.")
    assert not shipped.forbidden_found(council, "fr", "Le Conseil de sécurité de l'ONU a voté.")
    ambassador = shipped.by_id["ambassador"]
    assert not shipped.has_approved(ambassador, "ru", "После встречи дипломат ушёл.")
    assert shipped.has_approved(ambassador, "ru", "После встречи посла проводили.")


def test_forbidden_forms_are_found_through_other_punctuation(shipped) -> None:
    bri = shipped.by_id["belt-and-road-initiative"]
    assert shipped.forbidden_found(bri, "ru", "инициатива «Один пояс – один путь»")
    assert shipped.forbidden_found(bri, "es", "la iniciativa «Una franja - una ruta»")
    rahmon = shipped.by_id["emomali-rahmon"]
    assert shipped.forbidden_found(rahmon, "ru", "Эмомали Рахмонов прибыл.")
    assert not shipped.forbidden_found(rahmon, "ru", "с Эмомали Рахмоном")


def test_occurrences_are_counted_and_a_term_inside_another_is_not_counted_twice(shipped) -> None:
    matches = shipped.match("The SCO summit was followed by a meeting of SCO ministers.")
    carried = shipped.carried(matches, "es", "La cumbre de la OCS fue seguida de una reunión.")
    assert carried["shanghai-cooperation-organization"] == 1
    matches = shipped.match("The CPC Central Committee and the CPC met.")
    carried = shipped.carried(matches, "es", "El Comité Central del PCCh y el CPC se reunieron.")
    assert carried["communist-party-of-china"] == 0


def test_commands_that_do_not_check_do_not_load_the_morphology_libraries() -> None:
    code = (
        "import sys, localize.cli, localize.glossary\n"
        "heavy = {'pymorphy3', 'Stemmer'} & set(sys.modules)\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_forbidden_forms_inflect_but_never_into_the_approved_word(shipped) -> None:
    principle = shipped.by_id["one-china-principle"]
    assert shipped.forbidden_found(principle, "ru", "приверженность политике одного Китая")
    assert not shipped.forbidden_found(principle, "ru", "приверженность принципу одного Китая")
    rahmon = shipped.by_id["emomali-rahmon"]
    assert not shipped.forbidden_found(rahmon, "ru", "переговоры с Эмомали Рахмоном")


def test_appositions_are_accepted_where_they_occur_and_never_inserted(shipped) -> None:
    entry = shipped.by_id["president-xi-jinping"]
    for lang, text in [
        ("zh", "国家主席习近平发表讲话。"),
        ("es", "El presidente chino, Xi Jinping, habló."),
        ("fr", "Le président chinois Xi Jinping a parlé."),
        ("ar", "قال الرئيس الصيني شي جين بينغ"),
    ]:
        assert shipped.has_approved(entry, lang, text), lang
        assert entry.preferred(lang) not in entry.appositions[lang]
    assert not shipped.has_approved(entry, "es", "El presidente ruso, Xi Jinping, habló.")


def test_a_chinese_rendering_interrupted_by_a_glossary_place_or_body_is_found(shipped) -> None:
    representative = shipped.by_id["permanent-representative"]
    for text in (
        "中国常驻联合国代表傅聪发言。",
        "中国常驻世贸组织代表发言。",
        "中国常驻代表发言。",
    ):
        assert shipped.has_approved(representative, "zh", text), text
    # Only a place or an organisation of the glossary may stand inside, and not a long phrase.
    for text in ("他会见了常驻记者代表。", "常驻联合国日本韩国代表发言。"):
        assert not shipped.has_approved(representative, "zh", text), text
    # The modifier inside still renders its own term, and the title is counted once.
    matches = shipped.match("The Permanent Representative of China to the UN spoke.")
    carried = shipped.carried(matches, "zh", "中国常驻联合国代表发言。")
    assert carried["united-nations"] == 1
    assert carried["permanent-representative"] == 1


def test_a_chinese_posting_may_join_places_and_bodies_the_glossary_or_cldr_knows(shipped) -> None:
    representative = shipped.by_id["permanent-representative"]
    # 维也纳 is not in the glossary but CLDR (Babel) names it; "and other international
    # organisations" closes the official Vienna title.
    for text in (
        "中国常驻维也纳联合国和其他国际组织代表李松在会上发言。",
        "中国常驻日内瓦联合国代表发言。",
        "中国常驻维也纳代表发言。",
        "常驻东盟及上海合作组织代表发言。",
    ):
        assert shipped.has_approved(representative, "zh", text), text
    # Any other word in the posting, a connector with nothing after it, three names side by
    # side, or a posting longer than the bound makes another title.
    for text in (
        "常驻美国记者代表发言。",
        "常驻联合国和记者代表发言。",
        "常驻联合国和代表发言。",
        "常驻和联合国代表发言。",
        "常驻维也纳联合国日本代表发言。",
        "常驻" + "和".join(["联合国", "东盟", "日本", "维也纳", "世贸组织"]) + "代表发言。",
    ):
        assert not shipped.has_approved(representative, "zh", text), text


def test_cldr_place_names_come_from_babel_in_the_language_asked() -> None:
    from localize.placenames import known_places

    assert {"维也纳", "奥地利", "内罗毕"} <= known_places("zh")
    assert "记者" not in known_places("zh")
    assert known_places("xx-not-a-language") == frozenset()


def test_a_listed_short_form_declines_like_the_renderings(shipped) -> None:
    # «Устав ООН» and «Генеральная Ассамблея» are forms of their entries, not the renderings.
    charter = shipped.by_id["un-charter"]
    assembly = shipped.by_id["un-general-assembly"]
    assert shipped.has_approved(charter, "ru", "Стороны подтвердили приверженность Уставу ООН.")
    assert shipped.has_approved(assembly, "ru", "Он выступил на Генеральной Ассамблее.")
    assert not shipped.has_approved(assembly, "ru", "Он выступил на Генеральном совете ООН.")


def test_a_chinese_title_with_the_surname_the_glossary_lists_names_the_person(shipped) -> None:
    guterres = shipped.by_id["antonio-guterres"]
    lavrov = shipped.by_id["sergey-lavrov"]
    assert shipped.has_approved(guterres, "zh", "王毅在纽约会见联合国秘书长古特雷斯。")
    assert shipped.has_approved(lavrov, "zh", "王毅同俄罗斯外长拉夫罗夫举行会谈。")
    # Another person's surname is not this one, and Latin-script copy still gives the name.
    assert not shipped.has_approved(lavrov, "zh", "王毅同俄罗斯总统普京举行会谈。")
    assert not shipped.has_approved(lavrov, "fr", "Wang Yi a rencontré M. Lavrov.")
