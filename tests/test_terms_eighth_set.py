"""Correct copy the eighth held-out set (fresh7) found flagged, by class, each tested on
sentences of its own besides the held-out cases, with wrong renderings that must stay flagged:
another country's body of the same name; a place or body inside a rendering named by another of
its renderings; an ordinal inside a Chinese name; a Russian place as its relational adjective;
names of their own for longer terms; the press's short forms."""

from __future__ import annotations

from term_verdicts import accepted_test, findings, flagged_test

ACCEPTED = [
    # Another country's body of the name a glossary body has for short.
    (
        "zh",
        "Kazakhstan's Security Council met in Astana on Monday.",
        "哈萨克斯坦安全会议周一在阿斯塔纳举行会议。",
    ),
    (
        "zh",
        "Wang Yi met the Secretary of Russia's Security Council.",
        "王毅会见了俄罗斯联邦安全会议秘书。",
    ),
    # A body inside a rendering named by another of its renderings, the article agreeing.
    ("es", "The UN Charter must be respected.", "Hay que respetar la Carta de la ONU."),
    ("fr", "The UN Charter must be respected.", "Il faut respecter la Charte de l'ONU."),
    (
        "fr",
        "He is a member of the Political Bureau of the CPC Central Committee.",
        "Il est membre du Bureau politique du Comité central du Parti communiste chinois.",
    ),
    # An ordinal inside a Chinese name.
    (
        "zh",
        "The 15th BRICS summit opened in Johannesburg.",
        "金砖国家领导人第十五次会晤在约翰内斯堡开幕。",
    ),
    # A Russian place as its relational adjective, also for a name that does not decline.
    ("ru", "The Dushanbe Declaration was signed.", "Подписана Душанбинская декларация."),
    (
        "ru",
        "Delegates discussed the Astana Declaration.",
        "Делегаты обсудили положения Астанинской декларации.",
    ),
    ("ru", "The Beijing Declaration was adopted.", "Принята Пекинская декларация."),
    # Beijing by its one character after a verb of place, as 华 is China (在京, 抵京).
    ("zh", "The envoy arrived in Beijing on Monday.", "特使周一抵京。"),
    # A forbidden form's words shared with the approved rendering, inflected: only the
    # approved rendering passes (the forbidden one is tested below).
    (
        "ru",
        "Kazakhstan takes part in the Belt and Road.",
        "Казахстан участвует в строительстве «Пояса и пути».",
    ),
    # Longer terms with names of their own, and short forms.
    (
        "ru",
        "The comprehensive strategic partnership of coordination keeps growing.",
        "Отношения всеобъемлющего партнерства и стратегического взаимодействия развиваются.",
    ),
    (
        "es",
        "Wang Yi met the foreign ministers of the Gulf Arab states.",
        "Wang Yi se reunió con los cancilleres de los Estados árabes del Golfo.",
    ),
    (
        "ru",
        "The Permanent Representative addressed the Council.",
        "Постпред выступил в Совете.",
    ),
    (
        "ru",
        "China, which holds the rotating presidency, convened the meeting.",
        "Председательствующий Китай созвал заседание.",
    ),
]


test_correct_copy_is_not_flagged = accepted_test(ACCEPTED)


FLAGGED = [
    # The UN's own council, or the council named with its seat, is still the UN's.
    (
        "es",
        "The UN's Security Council adopted the resolution.",
        "El Consejo de Estado aprobó la resolución.",
    ),
    (
        "es",
        "China's Security Council seat gives it a veto.",
        "El puesto de China en el Consejo de Estado le da derecho de veto.",
    ),
    # Another body named inside the rendering is another document.
    ("es", "The UN Charter must be respected.", "Hay que respetar la Carta de la OTAN."),
    # A ministers' meeting with an ordinal is no summit.
    (
        "zh",
        "The 15th BRICS summit opened in Johannesburg.",
        "金砖国家外长第十五次会议在约翰内斯堡开幕。",
    ),
    # A forbidden form inflected, its words shared with the approved rendering («пояс», «путь»).
    (
        "ru",
        "Kazakhstan takes part in the Belt and Road.",
        "Казахстан участвует в строительстве «Одного пояса — одного пути».",
    ),
    # Another city's adjective.
    ("ru", "The Dushanbe Declaration was signed.", "Подписана Ташкентская декларация."),
    # The China-Russia name is not the plain level of relations.
    (
        "ru",
        "The two countries set up a comprehensive strategic partnership.",
        "Две страны установили отношения всеобъемлющего партнерства и стратегического "
        "взаимодействия.",
    ),
]


test_wrong_copy_stays_flagged = flagged_test(FLAGGED)


def test_an_inflected_forbidden_form_sharing_words_with_the_approved_one_is_forbidden() -> None:
    """«Один пояс, один путь» shares «пояс» and «путь» with the approved «Пояс и путь»: its
    genitive is still the forbidden form, not a case of the approved rendering."""
    for target in (
        "Казахстан участвует в строительстве «Одного пояса, одного пути».",
        "Казахстан участвует в строительстве «Одного пояса — одного пути».",
    ):
        found = findings("Kazakhstan takes part in the Belt and Road.", target, "ru")
        assert any(f.startswith("glossary-forbidden") for f in found), found
